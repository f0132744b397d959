/*
 * Tests for the layout layer: golden rows with exact code points (the
 * worked example of docs/bidi.md, vowelled Arabic, Persian with ZWNJ,
 * Hebrew with brackets, Arabic-Indic digits and percent, a headline that
 * starts with a Latin brand name, truncation, wide characters), the mode
 * switch, and property tests on seeded random mixed text.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "layout-priv.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#include "tap.h"

/* The worked example of docs/bidi.md section 4.5. */
static const char example[] =
    "ارتفعت الأسواق بنسبة 2.5% بعد إعلان Apple نتائجها.";

/* A row's code points, base then marks, cell after cell. */
static char *
row_hex(const struct layout_line *ln)
{
	struct str	s;
	int		i, k;

	str_init(&s);
	for (i = 0; i < ln->ncells; i++) {
		for (k = 0; ln->cells[i].ch[k] != 0; k++) {
			str_printf(&s, "%s%04X", s.len ? " " : "",
			    (unsigned)ln->cells[i].ch[k]);
		}
	}
	return (str_steal(&s));
}

/* A row's logical indices, one per cell. */
static char *
row_map(const struct layout_line *ln)
{
	struct str	s;
	int		i;

	str_init(&s);
	for (i = 0; i < ln->ncells; i++)
		str_printf(&s, "%s%d", i ? " " : "", ln->cells[i].log);
	return (str_steal(&s));
}

/* One expected row: code points, cells' logical indices (or NULL), indent. */
struct row {
	const char	*hex;
	const char	*map;
	int		 width;
	int		 indent;
};

/* Lay out text and compare every row with the expected ones. */
static void
check_rows(const char *name, const char *text, int width,
    enum layout_dir dir, const struct layout_config *cfg,
    const struct row *rows, int nrows)
{
	struct layout_para	*p;
	char			*got;
	int			 i, n;

	p = layout_para_new(text, strlen(text), NULL, 0, dir, cfg);
	n = layout_para_wrap(p, width);
	is_int(n, nrows, "%s: %d rows at width %d", name, nrows, width);
	for (i = 0; i < n && i < nrows; i++) {
		got = row_hex(&p->lines[i]);
		is_str(got, rows[i].hex, "%s: row %d code points", name, i + 1);
		free(got);
		if (rows[i].map != NULL) {
			got = row_map(&p->lines[i]);
			is_str(got, rows[i].map, "%s: row %d logical map", name,
			    i + 1);
			free(got);
		}
		is_int(p->lines[i].width, rows[i].width, "%s: row %d width",
		    name, i + 1);
		is_int(p->lines[i].indent, rows[i].indent, "%s: row %d indent",
		    name, i + 1);
	}
	layout_para_free(p);
}

static void
test_example(void)
{
	static const struct row shaped[] = {
		{ "FED5 FE8D FEEE FEB3 FEF7 FE8D 0020 FE96 FECC FED4 FE97 "
		  "FEAD FE8D", "13 12 11 10 9 7 6 5 4 3 2 1 0", 13, 3 },
		{ "FEAA FECC FE91 0020 0025 0032 002E 0035 0020 FE94 FE92 "
		  "FEB4 FEE8 FE91", "28 27 26 25 24 21 22 23 20 19 18 17 16 15",
		  14, 2 },
		{ "0041 0070 0070 006C 0065 0020 FEE5 FEFC FECB FE87",
		  "36 37 38 39 40 35 34 33 31 30", 10, 6 },
		{ "002E FE8E FEEC FEA0 FE8B FE8E FE98 FEE7",
		  "49 48 47 46 45 44 43 42", 8, 8 },
	};
	static const struct row unshaped[] = {
		{ "0642 0627 0648 0633 0623 0644 0627 0020 062A 0639 0641 "
		  "062A 0631 0627", NULL, 14, 2 },
		{ "062F 0639 0628 0020 0025 0032 002E 0035 0020 0629 0628 "
		  "0633 0646 0628", NULL, 14, 2 },
		{ "0041 0070 0070 006C 0065 0020 0646 0627 0644 0639 0625",
		  NULL, 11, 5 },
		{ "002E 0627 0647 062C 0626 0627 062A 0646", NULL, 8, 8 },
	};
	static const struct row logical[] = {
		{ "0627 0631 062A 0641 0639 062A 0020 0627 0644 0623 0633 "
		  "0648 0627 0642", NULL, 14, 0 },
		{ "0628 0646 0633 0628 0629 0020 0032 002E 0035 0025 0020 "
		  "0628 0639 062F", NULL, 14, 0 },
		{ "0625 0639 0644 0627 0646 0020 0041 0070 0070 006C 0065",
		  NULL, 11, 0 },
		{ "0646 062A 0627 0626 062C 0647 0627 002E", NULL, 8, 0 },
	};
	struct layout_config	cfg;

	layout_config_default(&cfg);
	check_rows("worked example, shaped", example, 16, LAYOUT_DIR_AUTO,
	    &cfg, shaped, 4);
	cfg.shaping = false;
	check_rows("worked example, unshaped", example, 16, LAYOUT_DIR_AUTO,
	    &cfg, unshaped, 4);
	layout_config_default(&cfg);
	cfg.mode = LAYOUT_MODE_TERMINAL;
	check_rows("worked example, terminal mode", example, 16,
	    LAYOUT_DIR_AUTO, &cfg, logical, 4);
	cfg.mode = LAYOUT_MODE_OFF;
	check_rows("worked example, off", example, 16, LAYOUT_DIR_AUTO, &cfg,
	    logical, 4);
}

static void
test_scripts(void)
{
	static const struct row vowelled[] = {
		{ "FE94 064B FEDF FE8E FEB3 FEAD 0020 FE90 064F FEDF FE8E "
		  "FEC4 FEDF FE8D 0020 FE90 064E FE98 064E FEDB 064E",
		  "19 18 17 16 15 14 12 11 10 9 8 7 6 4 2 0", 16, 8 },
	};
	static const struct row vowelled8[] = {
		{ "FE90 064E FE98 064E FEDB 064E", NULL, 3, 5 },
		{ "FE90 064F FEDF FE8E FEC4 FEDF FE8D", NULL, 6, 2 },
		{ "FE94 064B FEDF FE8E FEB3 FEAD", NULL, 5, 3 },
	};
	static const struct row persian[] = {
		{ "FEE2 FEEB FE8D FEEE FEA7 FBFD FEE3", "7 6 5 4 3 1 0", 7, 3 },
	};
	static const struct row hebrew[] = {
		{ "0028 05DD 05DC 05D5 05E2 0029 0020 05DD 05D5 05DC 05E9",
		  "10 9 8 7 6 5 4 3 2 1 0", 11, 9 },
	};
	static const struct row digits[] = {
		/* ٪ (ET) after Arabic-Indic digits (AN) stays on their left */
		{ "FEE6 FEE3 0020 066A 0662 0665 0020 FE94 FE92 FEB4 FEE7",
		  "10 9 8 7 5 6 4 3 2 1 0", 11, 9 },
	};
	static const struct row persian_digits[] = {
		/* Persian digits (EN) after Arabic letters act as AN (W2) */
		{ "06F4 06F5 06F6 0020 FEED 0020 0661 0662 0663 0020 FEF2 "
		  "FE91 FEAE FECB", "11 12 13 10 9 8 5 6 7 4 3 2 1 0", 14, 6 },
	};
	static const struct row salam[] = {
		/* the lam's fatha rides on the lam-alef ligature */
		{ "FEE1 064F FEFC 064E FEB4 064E 0651 FEDF FE8D",
		  "8 7 2 1 0", 5, 5 },
	};
	static const struct row salam_noliga[] = {
		{ "FEE1 064F FE8E FEE0 064E FEB4 064E 0651 FEDF FE8D",
		  "8 7 5 2 1 0", 6, 4 },
	};
	static const struct row la[] = {
		{ "FEFB 064E", "2", 1, 9 },
	};
	struct layout_config	cfg;

	layout_config_default(&cfg);
	check_rows("lam-alef with a mark on the lam", "السَّلَامُ", 10,
	    LAYOUT_DIR_AUTO, &cfg, salam, 1);
	check_rows("vowelled lam-alef alone", "لَا", 10, LAYOUT_DIR_AUTO, &cfg,
	    la, 1);
	cfg.ligatures = false;
	check_rows("lam-alef with a mark, ligatures off", "السَّلَامُ", 10,
	    LAYOUT_DIR_AUTO, &cfg, salam_noliga, 1);
	cfg.ligatures = true;
	check_rows("vowelled sentence", "كَتَبَ الطالبُ رسالةً", 24,
	    LAYOUT_DIR_AUTO, &cfg, vowelled, 1);
	check_rows("vowelled sentence wrapped", "كَتَبَ الطالبُ رسالةً", 8,
	    LAYOUT_DIR_AUTO, &cfg, vowelled8, 3);
	check_rows("Persian with ZWNJ", "می‌خواهم", 10, LAYOUT_DIR_AUTO,
	    &cfg, persian, 1);
	check_rows("Hebrew with brackets", "שלום (עולם)", 20,
	    LAYOUT_DIR_AUTO, &cfg, hebrew, 1);
	check_rows("Arabic-Indic digits and percent", "نسبة ٢٥٪ من", 20,
	    LAYOUT_DIR_AUTO, &cfg, digits, 1);
	check_rows("Arabic and Persian digits", "عربي ١٢٣ و ۴۵۶", 20,
	    LAYOUT_DIR_AUTO, &cfg, persian_digits, 1);
}

static void
test_direction(void)
{
	static const struct row feed_rtl[] = {
		{ "FE8E FEEC FEA0 FE8B FE8E FE98 FEE7 0020 FEE6 FEE0 FECC FE97 "
		  "0020 0041 0070 0070 006C 0065", NULL, 18, 12 },
	};
	static const struct row autodir[] = {
		{ "0041 0070 0070 006C 0065 0020 FE8E FEEC FEA0 FE8B FE8E FE98 "
		  "FEE7 0020 FEE6 FEE0 FECC FE97", NULL, 18, 0 },
	};
	static const struct row english[] = {
		{ "0041 0070 0070 006C 0065 0020 0077 0069 006E 0073", NULL,
		  10, 0 },
	};
	static const struct row neutral[] = {
		{ "0031 0032 0033", NULL, 3, 27 },
	};
	struct layout_config	 cfg;
	enum layout_dir		 dir;
	char			*cause = NULL;

	layout_config_default(&cfg);
	check_rows("brand name first, RTL feed", "Apple تعلن نتائجها", 30,
	    LAYOUT_DIR_FEED_RTL, &cfg, feed_rtl, 1);
	check_rows("brand name first, forced RTL", "Apple تعلن نتائجها", 30,
	    LAYOUT_DIR_RTL, &cfg, feed_rtl, 1);
	check_rows("brand name first, auto", "Apple تعلن نتائجها", 30,
	    LAYOUT_DIR_AUTO, &cfg, autodir, 1);
	check_rows("English headline in an RTL feed", "Apple wins", 30,
	    LAYOUT_DIR_FEED_RTL, &cfg, english, 1);
	check_rows("digits only in an RTL feed", "123", 30,
	    LAYOUT_DIR_FEED_RTL, &cfg, neutral, 1);

	ok(layout_dir_parse("rtl", &dir, &cause) == 0 &&
	    dir == LAYOUT_DIR_RTL, "parse direction rtl");
	ok(layout_dir_parse("ltr", &dir, &cause) == 0 &&
	    dir == LAYOUT_DIR_LTR, "parse direction ltr");
	ok(layout_dir_parse("auto", &dir, &cause) == 0 &&
	    dir == LAYOUT_DIR_AUTO, "parse direction auto");
	ok(layout_dir_for_feed(feed_dir_from_language("ar-EG"),
	    FEED_DIR_AUTO) == LAYOUT_DIR_FEED_RTL,
	    "an Arabic feed gets the RTL-feed hint");
	ok(layout_dir_for_feed(feed_dir_from_language("ar"), FEED_DIR_LTR) ==
	    LAYOUT_DIR_LTR, "the user's ltr override wins");
	ok(layout_dir_for_feed(feed_dir_from_language("en"), FEED_DIR_RTL) ==
	    LAYOUT_DIR_RTL, "the user's rtl override wins");
	ok(layout_dir_for_feed(feed_dir_from_language("en"), FEED_DIR_AUTO) ==
	    LAYOUT_DIR_AUTO, "an English feed lets the text decide");
	ok(layout_dir_parse("up", &dir, &cause) == -1 && cause != NULL &&
	    strstr(cause, "up") != NULL, "bad direction gives a cause");
	free(cause);
}

static void
test_widths(void)
{
	static const struct row wide[] = {
		{ "4E2D 6587", "0 1", 4, 0 },
		{ "1F600 0020 006F 006B", "3 4 5 6", 5, 0 },
	};
	static const struct row hard[] = {
		{ "0061 0062 0063 0064", NULL, 4, 0 },
		{ "0065 0066 0067 0068", NULL, 4, 0 },
		{ "0069 006A", NULL, 2, 0 },
	};
	static const struct row marks[] = {
		{ "FE92 064E FE91 064E", "2 0", 2, 0 },
		{ "FE90 064E FE92 064E", "6 4", 2, 0 },
	};
	static const struct row format[] = {
		{ "0061 0062 0063 0064", "0 2 4 6", 4, 0 },
	};
	static const struct row orphan[] = {
		{ "25CC 064E 0061", "0 1", 2, 0 },
	};
	static const struct row invalid[] = {
		{ "0061 FFFD 0062 FFFD", NULL, 4, 0 },
	};
	static const struct row spaces[] = {
		{ "0061 0062", NULL, 2, 0 },
		{ "0063 0064", NULL, 2, 0 },
	};
	static const struct row noliga[] = {
		{ "FED5 FE8D FEEE FEB3 FE84 FEDF FE8D", NULL, 7, 0 },
	};
	struct layout_config	cfg;

	layout_config_default(&cfg);
	check_rows("CJK and emoji", "中文 😀 ok", 5, LAYOUT_DIR_AUTO, &cfg,
	    wide, 2);
	check_rows("hard break", "abcdefghij", 4, LAYOUT_DIR_AUTO, &cfg,
	    hard, 3);
	check_rows("marks stay on their letter", "بَبَبَبَ", 2,
	    LAYOUT_DIR_AUTO, &cfg, marks, 2);
	check_rows("format characters dropped",
	    "a\u200db\u200ec\u2067d\u2069", 10, LAYOUT_DIR_AUTO, &cfg,
	    format, 1);
	check_rows("orphan mark", "\u064ea", 10, LAYOUT_DIR_AUTO, &cfg,
	    orphan, 1);
	check_rows("invalid UTF-8", "a\xff" "b\xe2\x80", 10, LAYOUT_DIR_AUTO,
	    &cfg, invalid, 1);
	check_rows("wrap spaces dropped", "ab    cd   ", 3, LAYOUT_DIR_AUTO,
	    &cfg, spaces, 2);
	cfg.mode = LAYOUT_MODE_APP;
	cfg.ligatures = false;
	check_rows("ligatures off", "الأسواق", 7, LAYOUT_DIR_LTR, &cfg,
	    noliga, 1);
}

static void
test_styles(void)
{
	static const char	 text[] = "abc نص de";
	struct layout_run	 runs[] = {
		{ 4, 4, 3 },	/* نص */
		{ 9, 1, 5 },	/* d */
	};
	struct layout_para	*p;
	struct layout_line	*ln;
	int			 i, good;

	p = layout_para_new(text, strlen(text), runs, 2, LAYOUT_DIR_AUTO,
	    NULL);
	layout_para_wrap(p, 40);
	ln = &p->lines[0];
	good = ln->ncells == 9;
	for (i = 0; i < ln->ncells; i++) {
		switch (ln->cells[i].log) {
		case 4:
		case 5:
			good = good && ln->cells[i].style == 3;
			break;
		case 7:
			good = good && ln->cells[i].style == 5;
			break;
		default:
			good = good && ln->cells[i].style == 0;
			break;
		}
	}
	ok(good, "style runs reach their cells");
	layout_para_free(p);
}

static void
test_rewrap(void)
{
	struct layout_para	*p, *q;
	char			*a, *b;
	int			 i, same;

	/* Wrapping must not change the paragraph (rule L1 on levels). */
	p = layout_para_new(example, strlen(example), NULL, 0,
	    LAYOUT_DIR_AUTO, NULL);
	q = layout_para_new(example, strlen(example), NULL, 0,
	    LAYOUT_DIR_AUTO, NULL);
	layout_para_wrap(p, 16);
	layout_para_wrap(p, 7);
	layout_para_wrap(p, 100);
	layout_para_wrap(q, 100);
	same = p->nlines == q->nlines;
	for (i = 0; same && i < p->nlines; i++) {
		a = row_hex(&p->lines[i]);
		b = row_hex(&q->lines[i]);
		same = strcmp(a, b) == 0 &&
		    p->lines[i].indent == q->lines[i].indent;
		free(a);
		free(b);
	}
	ok(same, "re-wrapping at another width gives a fresh layout");
	is_int(layout_para_width(q), 48, "one-line width of the example");
	layout_para_free(p);
	layout_para_free(q);
}

static void
test_truncate(void)
{
	struct layout_para	*p;
	char			*s, *row;

	s = layout_truncate("Breaking news today", 10, LAYOUT_DIR_AUTO, NULL);
	is_str(s, "Breaking…", "LTR headline truncated with an ellipsis");
	free(s);
	s = layout_truncate("short", 10, LAYOUT_DIR_AUTO, NULL);
	is_str(s, "short", "a headline that fits is kept");
	free(s);
	s = layout_truncate("abc", 0, LAYOUT_DIR_AUTO, NULL);
	is_str(s, "", "no room gives an empty headline");
	free(s);
	s = layout_truncate("ارتفعت الأسواق بنسبة", 10, LAYOUT_DIR_FEED_RTL,
	    NULL);
	is_str(s, "ارتفعت الأ…", "RTL headline cut after the lam-alef "
	    "ligature, in logical order");
	p = layout_para_new(s, strlen(s), NULL, 0, LAYOUT_DIR_FEED_RTL, NULL);
	layout_para_wrap(p, 10);
	row = row_hex(&p->lines[0]);
	is_str(row, "2026 FEF7 FE8D 0020 FE96 FECC FED4 FE97 FEAD FE8D",
	    "the ellipsis ends up on the left of an RTL headline");
	is_int(p->nlines, 1, "the truncated headline is one line");
	free(row);
	layout_para_free(p);
	free(s);
	s = layout_truncate("كَتَبَ الطالبُ", 4, LAYOUT_DIR_AUTO, NULL);
	is_str(s, "كَتَبَ…", "marks stay with their letters when truncating");
	free(s);
}

static void
test_term(void)
{
	static char *konsole[] = { "TERM=xterm-256color",
	    "KONSOLE_VERSION=230805", NULL };
	static char *mlterm[] = { "TERM=mlterm", NULL };
	static char *apple[] = { "TERM_PROGRAM=Apple_Terminal", NULL };
	static char *vte[] = { "TERM=xterm-256color", "VTE_VERSION=7006",
	    NULL };
	static char *vte_tmux[] = { "VTE_VERSION=7006", "TMUX=/tmp/x,1,0",
	    "TERM=tmux-256color", NULL };
	static char *plain[] = { "TERM=xterm", "TERM_PROGRAMX=Apple_Terminal",
	    NULL };
	enum layout_mode	 mode;
	char			*why = NULL, *cause = NULL;
	int			 fds[2];
	char			 buf[16];
	ssize_t			 n;

	ok(layout_term_mode_parse("terminal", &mode, &cause) == 0 &&
	    mode == LAYOUT_MODE_TERMINAL, "parse bidi = terminal");
	ok(layout_term_mode_parse("app", &mode, &cause) == 0 &&
	    mode == LAYOUT_MODE_APP, "parse bidi = app");
	ok(layout_term_mode_parse("off", &mode, &cause) == 0 &&
	    mode == LAYOUT_MODE_OFF, "parse bidi = off");
	ok(layout_term_mode_parse("auto", &mode, &cause) == 0 &&
	    mode == LAYOUT_MODE_AUTO, "parse bidi = auto");
	ok(layout_term_mode_parse("yes", &mode, &cause) == -1 &&
	    cause != NULL && strstr(cause, "\"yes\"") != NULL,
	    "bad bidi mode gives a cause");
	free(cause);

	mode = layout_term_resolve(LAYOUT_MODE_AUTO, konsole, &why);
	ok(mode == LAYOUT_MODE_TERMINAL && strstr(why, "Konsole") != NULL,
	    "auto picks terminal on Konsole: %s", why);
	free(why);
	mode = layout_term_resolve(LAYOUT_MODE_AUTO, mlterm, &why);
	ok(mode == LAYOUT_MODE_TERMINAL && strstr(why, "mlterm") != NULL,
	    "auto picks terminal on mlterm");
	free(why);
	mode = layout_term_resolve(LAYOUT_MODE_AUTO, apple, &why);
	ok(mode == LAYOUT_MODE_TERMINAL && strstr(why, "macOS") != NULL,
	    "auto picks terminal on macOS Terminal");
	free(why);
	mode = layout_term_resolve(LAYOUT_MODE_AUTO, vte, &why);
	ok(mode == LAYOUT_MODE_APP && strstr(why, "VTE") != NULL &&
	    strstr(why, "tmux") == NULL, "auto picks app on VTE: %s", why);
	free(why);
	mode = layout_term_resolve(LAYOUT_MODE_AUTO, vte_tmux, &why);
	ok(mode == LAYOUT_MODE_APP && strstr(why, "allow-passthrough") != NULL,
	    "auto inside tmux says how the switch gets through");
	free(why);
	mode = layout_term_resolve(LAYOUT_MODE_AUTO, plain, &why);
	ok(mode == LAYOUT_MODE_APP && strstr(why, "no self-reordering") !=
	    NULL, "auto picks app elsewhere");
	free(why);
	mode = layout_term_resolve(LAYOUT_MODE_AUTO, NULL, &why);
	ok(mode == LAYOUT_MODE_APP, "auto with no environment picks app");
	free(why);
	mode = layout_term_resolve(LAYOUT_MODE_OFF, konsole, &why);
	ok(mode == LAYOUT_MODE_OFF && strstr(why, "configured") != NULL,
	    "a configured mode is kept");
	free(why);

	is_str(layout_term_enter(LAYOUT_MODE_APP, false), "\033[8l",
	    "app mode enters explicit mode");
	is_str(layout_term_leave(LAYOUT_MODE_APP, false), "\033[8h",
	    "app mode restores implicit mode");
	is_str(layout_term_enter(LAYOUT_MODE_OFF, true),
	    "\033[8l\033Ptmux;\033\033[8l\033\\",
	    "inside tmux the switch is repeated through the passthrough");
	is_str(layout_term_leave(LAYOUT_MODE_APP, true),
	    "\033[8h\033Ptmux;\033\033[8h\033\\",
	    "inside tmux the restore is repeated through the passthrough");
	is_str(layout_term_enter(LAYOUT_MODE_TERMINAL, true), "",
	    "terminal mode leaves the terminal alone");
	is_str(layout_term_leave(LAYOUT_MODE_TERMINAL, false), "",
	    "terminal mode has nothing to restore");
	ok(layout_term_tmux(vte_tmux) && !layout_term_tmux(vte) &&
	    !layout_term_tmux(NULL), "tmux is found from $TMUX");
	is_str(layout_term_mode_name(LAYOUT_MODE_TERMINAL), "terminal",
	    "mode name");

	if (pipe(fds) == 0) {
		layout_term_restore_fd(fds[1], false);
		close(fds[1]);
		n = read(fds[0], buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = '\0';
		close(fds[0]);
		is_str(buf, "\033[8h", "restore_fd writes CSI 8 h");
	} else
		ok(0, "pipe for restore_fd");
}

/* ---- property tests on random mixed text ---- */

static const uint32_t pool[] = {
	/* Arabic letters, lam-alef material, harakat */
	0x0627, 0x0644, 0x0628, 0x062A, 0x0639, 0x0645, 0x0646, 0x0647,
	0x064A, 0x0629, 0x0623, 0x0625, 0x0633, 0x0631, 0x0644, 0x0627,
	0x064E, 0x064F, 0x0650, 0x0651, 0x064B, 0x0652, 0x0670,
	/* Persian and Hebrew */
	0x06CC, 0x06A9, 0x067E, 0x05D0, 0x05E9, 0x05B0,
	/* Latin, digits, punctuation, brackets */
	'a', 'B', 'c', 'x', '1', '2', '.', ',', '%', '(', ')', '[', ']',
	0x0661, 0x0662, 0x066A, 0x06F4, 0x060C, 0x061F,
	/* spaces (often) */
	' ', ' ', ' ', ' ', ' ', ' ',
	/* format characters */
	0x200C, 0x200D, 0x200F, 0x200E, 0x061C, 0x202B, 0x202C, 0x2067,
	0x2069, 0xFEFF,
	/* wide */
	0x4E2D, 0x6587, 0x1F600,
};

/* Whether a code point must never reach the screen. */
static int
is_format(wchar_t c)
{
	return (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x200E ||
	    c == 0x200F || c == 0x061C || c == 0xFEFF ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
}

/* Check one wrapped paragraph; returns a reason or NULL. */
static const char *
check_para(struct layout_para *p, int width)
{
	static int	*seen;
	static int	 nseen;
	struct layout_line *ln;
	int		 i, j, k, next, pos;

	if (nseen < p->len + 1) {
		nseen = p->len + 1;
		seen = xreallocarray(seen, (size_t)nseen, sizeof *seen);
	}
	for (i = 0; i < p->len; i++)
		seen[i] = 0;
	next = 0;
	for (i = 0; i < p->nlines; i++) {
		ln = &p->lines[i];
		if (ln->start != next)
			return ("lines do not tile the paragraph");
		next = ln->start + ln->len;
		for (j = 0; j < ln->len; j++) {
			k = ln->map[j];
			if (k < ln->start || k >= next || seen[k]++)
				return ("a line's map is not a permutation "
				    "of its slice");
		}
		if (ln->width > width)
			return ("a line is wider than the width");
		if (ln->indent < 0 || ln->indent + ln->width > width)
			return ("indent pushes a line past the width");
		pos = 0;
		k = 0;
		for (j = 0; j < ln->ncells; j++) {
			k += ln->cells[j].width;
			if (wcwidth(ln->cells[j].ch[0]) < 1)
				return ("a cell starts with a mark");
			if (ln->cells[j].width !=
			    wcwidth(ln->cells[j].ch[0]))
				return ("a cell's width is not its base's");
			/* cells follow the map's order */
			while (pos < ln->len &&
			    ln->map[pos] != ln->cells[j].log)
				pos++;
			if (pos == ln->len)
				return ("cells are out of the map's order");
			for (int m = 0; ln->cells[j].ch[m] != 0; m++) {
				if (is_format(ln->cells[j].ch[m]))
					return ("a format character "
					    "survived");
				if (ln->cells[j].ch[m] < 0x20 ||
				    (ln->cells[j].ch[m] >= 0x7f &&
				    ln->cells[j].ch[m] < 0xa0))
					return ("a control character "
					    "reached a cell");
				if (m > 0 && wcwidth(ln->cells[j].ch[m])
				    != 0)
					return ("a spacing character "
					    "among the marks");
			}
		}
		if (k != ln->width)
			return ("line width is not the sum of its cells");
	}
	if (next != p->len)
		return ("lines do not cover the paragraph");
	for (i = 0; i < p->len; i++) {
		if (p->kind[i] == LAYOUT_KIND_BASE ||
		    p->kind[i] == LAYOUT_KIND_ORPHAN) {
			for (j = 0; j < p->nlines; j++) {
				ln = &p->lines[j];
				for (k = 0; k < ln->ncells; k++) {
					if (ln->cells[k].log == i)
						goto found;
				}
			}
			return ("a letter was lost");
		}
found:		;
	}
	return (NULL);
}

static void
test_properties(void)
{
	struct layout_config	 cfg;
	struct layout_para	*p;
	struct str		 s;
	const char		*why, *first = NULL;
	char			*t;
	unsigned		 seed;
	int			 trial, n, i, width, bad, ltr_bad, cut_bad;
	enum layout_dir		 dir;

	bad = ltr_bad = cut_bad = 0;
	for (trial = 0; trial < 2000; trial++) {
		seed = 0x5eed0000u + (unsigned)trial;
		srand(seed);
		n = rand() % 120;
		str_init(&s);
		for (i = 0; i < n; i++)
			utf8_put(&s, pool[rand() % (sizeof pool /
			    sizeof pool[0])]);
		width = 2 + rand() % 30;
		dir = (enum layout_dir)(rand() % 4);
		layout_config_default(&cfg);
		cfg.shaping = rand() % 4 != 0;
		cfg.ligatures = rand() % 3 != 0;
		if (rand() % 8 == 0)
			cfg.mode = LAYOUT_MODE_TERMINAL;
		p = layout_para_new(str_cstr(&s), s.len, NULL, 0, dir, &cfg);
		layout_para_wrap(p, width);
		why = check_para(p, width);
		if (why == NULL) {
			/* and again at another width, reusing it */
			width = 2 + rand() % 60;
			layout_para_wrap(p, width);
			why = check_para(p, width);
		}
		if (why != NULL && bad++ == 0) {
			first = why;
			diag("seed %#x width %d: %s: \"%s\"", seed, width, why,
			    str_cstr(&s));
		}
		layout_para_free(p);

		t = layout_truncate(str_cstr(&s), width, dir, &cfg);
		p = layout_para_new(t, strlen(t), NULL, 0, dir, &cfg);
		layout_para_wrap(p, width);
		if ((p->nlines != 1 || p->lines[0].width > width) &&
		    cut_bad++ == 0)
			diag("seed %#x: truncated to %d does not fit: \"%s\"",
			    seed, width, t);
		layout_para_free(p);
		free(t);
		str_free(&s);

		/* LTR-only text keeps the identity map. */
		for (i = 0; i < n; i++)
			utf8_put(&s, "abc xyz 12.,"[rand() % 12]);
		p = layout_para_new(str_cstr(&s), s.len, NULL, 0,
		    LAYOUT_DIR_AUTO, NULL);
		layout_para_wrap(p, width);
		for (i = 0; i < p->nlines; i++) {
			for (int j = 0; j < p->lines[i].len; j++) {
				if (p->lines[i].map[j] != p->lines[i].start + j)
					ltr_bad++;
			}
		}
		layout_para_free(p);
		str_free(&s);
	}
	/* Random bytes: invalid UTF-8, controls, escapes. */
	for (trial = 0; trial < 500; trial++) {
		char	buf[200];

		seed = 0xb17e0000u + (unsigned)trial;
		srand(seed);
		n = rand() % (int)sizeof buf;
		for (i = 0; i < n; i++)
			buf[i] = (char)(rand() % 4 == 0 ? 0x1b : rand());
		width = 2 + rand() % 40;
		p = layout_para_new(buf, (size_t)n, NULL, 0,
		    (enum layout_dir)(rand() % 4), NULL);
		layout_para_wrap(p, width);
		why = check_para(p, width);
		if (why != NULL && bad++ == 0) {
			first = why;
			diag("random bytes, seed %#x width %d: %s", seed, width,
			    why);
		}
		layout_para_free(p);
	}
	ok(bad == 0, "2000 random paragraphs and 500 random byte strings: maps are permutations, lines "
	    "fit, no line starts with a mark, no format character survives%s%s",
	    first ? ": " : "", first ? first : "");
	ok(cut_bad == 0, "truncated random headlines fit on one line");
	ok(ltr_bad == 0, "LTR-only text keeps the identity map");
}

int
main(void)
{
	if (setlocale(LC_ALL, "") == NULL || wcwidth(0x0628) != 1)
		tap_skip_all("layout needs a UTF-8 locale (LC_ALL=C.UTF-8)");
	test_example();
	test_scripts();
	test_direction();
	test_widths();
	test_styles();
	test_rewrap();
	test_truncate();
	test_term();
	test_properties();
	return (tap_done());
}
