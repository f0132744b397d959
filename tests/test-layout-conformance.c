/*
 * The Unicode conformance runner: every case of BidiCharacterTest.txt
 * (from the unicode-data package) goes through akhbar's own paragraph
 * analysis and line reorder, layout_bidi_reorder(), as a paragraph that is
 * one line.  The resolved paragraph level, the level of every character
 * after rule L1 and the visual order must all match.  Rule L3 (keeping
 * marks after their base) is outside the test file's scope, so it runs
 * without it; characters removed by rule X9 (levels "x") are left out of
 * the order as the file does.  One check per block of 1000 cases.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout-priv.h"
#include "xmalloc.h"

#include "tap.h"

#define BLOCK 1000
#define MAXLEN 256

static const char *paths[] = {
	"/usr/share/unicode/BidiCharacterTest.txt",
	"/usr/share/unicode/ucd/BidiCharacterTest.txt",
	"/usr/share/unicode-data/BidiCharacterTest.txt",
	NULL
};

/* Split s at c in place into at most max fields; returns the count. */
static int
split(char *s, int c, char **fields, int max)
{
	int	n;

	n = 0;
	fields[n++] = s;
	while (n < max && (s = strchr(s, c)) != NULL) {
		*s++ = '\0';
		fields[n++] = s;
	}
	return (n);
}

/*
 * Run one case; returns NULL when it passes, else what went wrong (in a
 * static buffer).
 */
static const char *
run_case(char *line)
{
	static char		 why[512];
	struct layout_config	 cfg;
	struct layout_para	*p;
	char			*f[6], *tok, *end, *save;
	uint32_t		 text[MAXLEN];
	int			 map[MAXLEN], order[MAXLEN];
	FriBidiLevel		 levels[MAXLEN];
	int			 n, norder, want_par, i, k, lvl;
	enum layout_dir		 dir;

	if (split(line, ';', f, 6) != 5)
		return ("malformed line");
	n = 0;
	for (tok = strtok_r(f[0], " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (n == MAXLEN)
			return ("too long");
		text[n++] = (uint32_t)strtoul(tok, NULL, 16);
	}
	switch (atoi(f[1])) {
	case 0:
		dir = LAYOUT_DIR_LTR;
		break;
	case 1:
		dir = LAYOUT_DIR_RTL;
		break;
	default:
		dir = LAYOUT_DIR_AUTO;
		break;
	}
	want_par = atoi(f[2]);

	/* Off mode: no shaping or mirroring, only the bidi analysis. */
	layout_config_default(&cfg);
	cfg.mode = LAYOUT_MODE_OFF;
	p = layout_para_new_ucs(text, n, dir, &cfg);
	if (layout_bidi_reorder(p, 0, n, false, map, levels) != 0) {
		layout_para_free(p);
		return ("reorder failed");
	}
	why[0] = '\0';
	if ((p->rtl ? 1 : 0) != want_par) {
		snprintf(why, sizeof why, "paragraph level %d, want %d",
		    p->rtl ? 1 : 0, want_par);
		goto out;
	}
	i = 0;
	for (tok = strtok_r(f[3], " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save), i++) {
		if (i >= n) {
			snprintf(why, sizeof why, "more levels than text");
			goto out;
		}
		if (strcmp(tok, "x") == 0) {
			if (!FRIBIDI_IS_EXPLICIT_OR_BN(p->types[i])) {
				snprintf(why, sizeof why, "char %d removed "
				    "by X9 in the file but kept here", i);
				goto out;
			}
			continue;
		}
		lvl = (int)strtol(tok, &end, 10);
		if (lvl != levels[i]) {
			snprintf(why, sizeof why, "level of char %d is %d, "
			    "want %d", i, levels[i], lvl);
			goto out;
		}
	}
	norder = 0;
	for (k = 0; k < n; k++) {
		if (!FRIBIDI_IS_EXPLICIT_OR_BN(p->types[map[k]]))
			order[norder++] = map[k];
	}
	k = 0;
	for (tok = strtok_r(f[4], " \r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \r\n", &save), k++) {
		if (k >= norder || order[k] != atoi(tok)) {
			snprintf(why, sizeof why, "visual position %d is %d, "
			    "want %s", k, k < norder ? order[k] : -1, tok);
			goto out;
		}
	}
	if (k != norder)
		snprintf(why, sizeof why, "%d characters shown, want %d",
		    norder, k);
out:
	layout_para_free(p);
	return (why[0] != '\0' ? why : NULL);
}

int
main(void)
{
	FILE		*f = NULL;
	char		*line = NULL, *copy;
	size_t		 size = 0;
	ssize_t		 len;
	const char	*why, *path = NULL;
	int		 i, total, passed, block_fail, lineno, shown;

	for (i = 0; paths[i] != NULL; i++) {
		if ((f = fopen(paths[i], "r")) != NULL) {
			path = paths[i];
			break;
		}
	}
	if (f == NULL)
		tap_skip_all("BidiCharacterTest.txt not found in "
		    "/usr/share/unicode (install unicode-data)");
	diag("reading %s", path);

	total = passed = block_fail = lineno = shown = 0;
	while ((len = getline(&line, &size, f)) != -1) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n' || line[0] == '\r')
			continue;
		copy = xstrdup(line);
		copy[strcspn(copy, "\r\n")] = '\0';
		why = run_case(line);
		total++;
		if (why == NULL)
			passed++;
		else {
			block_fail++;
			if (shown++ < 10)
				diag("line %d: %s: %s", lineno, why, copy);
		}
		free(copy);
		if (total % BLOCK == 0) {
			ok(block_fail == 0, "cases %d-%d", total - BLOCK + 1,
			    total);
			block_fail = 0;
		}
	}
	if (total % BLOCK != 0)
		ok(block_fail == 0, "cases %d-%d", total - total % BLOCK + 1,
		    total);
	free(line);
	fclose(f);
	ok(total > 90000, "the file has the expected number of cases (%d)",
	    total);
	is_int(passed, total, "all %d cases pass", total);
	return (tap_done());
}
