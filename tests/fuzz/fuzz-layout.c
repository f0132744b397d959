/*
 * Fuzz target for the layout layer (libFuzzer's entry point): random
 * mixes of Arabic, Persian, Hebrew and Latin letters, harakat and other
 * marks, bidi controls, controls, spaces, digits and wide characters
 * (CJK, emoji) laid out at random widths, with every invariant of
 * layout.h checked and the reorder compared with FriBidi's own.
 *
 * Input: the first byte is the width (1 to 100), the second the flags:
 * bits 0-1 the direction hint, 2-3 the mode (app twice, terminal, off),
 * bit 4 shaping, bit 5 ligatures, bit 6 "raw", bit 7 style runs. Raw
 * input is the rest as UTF-8 (the corpus of real text); otherwise every
 * two bytes pick a class of characters and one of the class (see
 * fuzz_layout_char), so that any input is a dense mix of scripts.
 *
 * Checked on every wrap, at the width and at a second one:
 *  - the lines cover the paragraph once, in order, and each line's map is
 *    a permutation of its slice;
 *  - every cell is one or two columns, its base has that width (wcwidth)
 *    and its marks none, and no cell holds a control character (C0, DEL,
 *    C1), a bidi control, a BN character (ZWJ, ZWNJ, U+FEFF...), a
 *    surrogate or a code point past U+10FFFF;
 *  - a line is at most the width, unless it is a single cell (one unit
 *    wider than the line); the indent right-aligns RTL lines in app mode
 *    and is 0 otherwise;
 *  - every character is accounted for once: a base, an orphan mark (with
 *    its U+25CC) or a space inside the line is exactly one cell; a mark
 *    is carried by the cell of its base (the alef, for the marks of a
 *    lam turned into a lam-alef ligature), up to the LAYOUT_MARKS the
 *    cell keeps; format characters, ligature fills and the spaces a line
 *    ends with are no cell;
 *  - the cells follow the line's map (the visual order);
 *  - wrapping again at the first width after another gives the same
 *    cells (a resize does not redo the analysis).
 *
 * The differential check, in app mode (terminal and off modes must keep
 * the logical order: their maps are the identity):
 *  - Whole paragraph, wrapped at a width that keeps it on one line:
 *    fribidi_log2vis is run on the same code points (after the layer's
 *    own decoding: tab, newline and the separators are spaces) with the
 *    base direction the layer asks FriBidi for (auto: FRIBIDI_PAR_ON; an
 *    RTL feed: RTL when any R or AL letter, else WRTL). The resolved
 *    direction must agree, the levels after rule L1 must be equal (the
 *    layer resolves levels on types where a mark after a letter or a
 *    number already has that type, layout_bidi_fold_marks; this checks
 *    that it changes nothing) and so must the visual order (log2vis
 *    reorders with FRIBIDI_FLAG_REORDER_NSM, as the layer does). When
 *    shaping and ligatures are on, log2vis shapes with the same flags
 *    (mirroring, presentation forms, lam-alef), so the shaped character
 *    at each visual position must be the same too, except where the
 *    layer does more: a character wcwidth cannot show becomes U+FFFD,
 *    and a lam and alef with only marks between them become U+FEFF and
 *    the ligature (layout_bidi_ligate_marked). With shaping or ligatures
 *    off the shaped text is not compared (log2vis always shapes).
 *  - Each line of a wrap: the layer reorders a line with the levels of
 *    the whole paragraph, which log2vis on the line alone cannot know
 *    (an embedding or a bracket pair open on the line before). So
 *    log2vis runs on the line's code points with the paragraph's
 *    resolved direction, and where its levels after L1 equal the layer's
 *    for that line, the visual order must be equal too; lines whose
 *    levels differ are not compared (a count of both is printed at exit
 *    when FUZZ_LAYOUT_STATS is set).
 *  - Neither is done on a paragraph that opens more than 60 embeddings,
 *    overrides or isolates: the layer tames those (layout_bidi_tame) and
 *    FriBidi 1.0.8 misbehaves on them.
 *
 * fuzz-replay.c replays it over the corpus in make check.
 */
#include "config.h"

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <fribidi.h>

#include "layout-priv.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#include "fuzz-check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned long	fuzz_lines_same, fuzz_lines_differ;

/* Characters of each class, picked by the second byte of a pair. */
static const uint32_t fuzz_bidi_controls[] = {
	0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
	0x2066, 0x2067, 0x2068, 0x2069, 0x200D, 0x200C, 0xFEFF, 0x200B,
	0x2060, 0x00AD
};
static const uint32_t fuzz_spaces[] = {
	' ', ' ', ' ', '\t', 0x00A0, 0x2002, 0x2009, 0x200A, 0x3000, 0x1680,
	0x205F, 0x2007, '(', ')', '[', ']', '{', '}', '<', '>', 0x00AB,
	0x00BB, '.', ',', 0x060C, 0x061B, 0x061F, '-', '\'', '"', '!', '?',
	0x2018, 0x2019, 0x201C, 0x201D, 0x2039, 0x203A
};
static const uint32_t fuzz_numeric[] = {
	'+', '-', '$', '%', '#', '/', ':', ',', '.', 0x066A, 0x066B, 0x066C,
	0x20AC, 0x00B0, 0x2212, 0x00B1, 0x0609, 0x060A
};
static const uint32_t fuzz_controls[] = {
	0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x0A, 0x1B, 0x1C, 0x1D,
	0x1E, 0x1F, 0x7F, 0x80, 0x85, 0x8D, 0x90, 0x9B, 0x9C, 0x9D, 0x9F,
	0x2028, 0x2029, 0xFFFE, 0xFFFF, 0x10FFFF, 0xE000, 0x0378, 0xFFFD,
	0xFFF9, 0xFFFB, 0x1D173, 0xE0001, 0xE007F
};
static const uint32_t fuzz_alefs[] = { 0x0622, 0x0623, 0x0625, 0x0627 };

/* Append the character(s) that class c, index k stands for. */
static void
fuzz_layout_char(struct str *s, unsigned c, unsigned k)
{
	switch (c % 16) {
	case 0:		/* Latin */
		utf8_put(s, (k & 1 ? 'a' : 'A') + (k >> 1) % 26);
		break;
	case 1:		/* digits: European, Arabic-Indic, extended */
		utf8_put(s, (k % 3 == 0 ? '0' : k % 3 == 1 ? 0x0660 :
		    0x06F0) + (k / 3) % 10);
		break;
	case 2:		/* Arabic letters */
	case 3:
		utf8_put(s, 0x0621 + k % 42);
		break;
	case 4:		/* Persian, Urdu and other Arabic-script letters */
		utf8_put(s, 0x0671 + k % 99);
		break;
	case 5:		/* harakat and other Arabic marks */
		utf8_put(s, k % 2 ? 0x064B + (k >> 1) % 21 : 0x0670 +
		    ((k >> 1) % 2) * 0x6A);
		break;
	case 6:		/* other marks: Latin, Hebrew points, enclosing */
		utf8_put(s, k % 3 == 0 ? 0x0300 + k % 112 : k % 3 == 1 ?
		    0x05B0 + k % 24 : 0x20DD + k % 4);
		break;
	case 7:		/* Hebrew letters */
		utf8_put(s, 0x05D0 + k % 27);
		break;
	case 8:		/* bidi controls and boundary neutrals */
		utf8_put(s, fuzz_bidi_controls[k %
		    (sizeof fuzz_bidi_controls / sizeof fuzz_bidi_controls[0])]);
		break;
	case 9:		/* wide: CJK, Hangul, fullwidth, emoji */
		utf8_put(s, k % 4 == 0 ? 0x4E00 + k * 37 : k % 4 == 1 ?
		    0xAC00 + k * 11 : k % 4 == 2 ? 0xFF01 + k % 94 :
		    0x1F600 + k % 80);
		break;
	case 10:	/* spaces, brackets, punctuation */
		utf8_put(s, fuzz_spaces[k %
		    (sizeof fuzz_spaces / sizeof fuzz_spaces[0])]);
		break;
	case 11:	/* number separators and terminators */
		utf8_put(s, fuzz_numeric[k %
		    (sizeof fuzz_numeric / sizeof fuzz_numeric[0])]);
		break;
	case 12:	/* controls, separators, noncharacters, unassigned */
		utf8_put(s, fuzz_controls[k %
		    (sizeof fuzz_controls / sizeof fuzz_controls[0])]);
		break;
	case 13:	/* lam, k % 4 marks, an alef: the lam-alef ligature */
		utf8_put(s, 0x0644);
		for (c = 0; c < k % 4; c++)
			utf8_put(s, 0x064E + (k >> 2) % 5);
		utf8_put(s, fuzz_alefs[(k >> 4) % 4]);
		break;
	case 14:	/* emoji sequences: ZWJ, variation selector, skin tone */
		utf8_put(s, 0x1F468);
		utf8_put(s, k % 2 ? 0x200D : 0xFE0F);
		utf8_put(s, k % 4 < 2 ? 0x1F469 : 0x1F3FB);
		break;
	default:	/* a raw byte: maybe not UTF-8 at all */
		str_appendc(s, (char)k);
		break;
	}
}

/* Whether a code point may be in a cell: no control, no format character. */
static int
fuzz_layout_printable(wchar_t c)
{
	FriBidiCharType	t;

	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return (0);
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return (0);
	if (c == 0x200E || c == 0x200F || c == 0x061C)
		return (0);
	t = fribidi_get_bidi_type((FriBidiChar)c);
	if (FRIBIDI_IS_EXPLICIT_OR_BN(t) || FRIBIDI_IS_ISOLATE(t))
		return (0);
	return (1);
}

/* The number of code points of a cell, marks included. */
static int
fuzz_layout_cell_len(const struct layout_cell *cell)
{
	int	n;

	for (n = 0; n < LAYOUT_MARKS + 2 && cell->ch[n] != 0; n++)
		/* nothing */;
	FUZZ_ASSERT(n < LAYOUT_MARKS + 2);
	return (n);
}

/* The cell carrying the marks of index m, or -1 when none would. */
static int
fuzz_layout_owner(const struct layout_para *p, int m)
{
	int	j;

	for (j = m - 1; j >= 0 && (p->kind[j] == LAYOUT_KIND_MARK ||
	    p->kind[j] == LAYOUT_KIND_STRIP); j--)
		/* nothing */;
	FUZZ_ASSERT(j >= 0);	/* the first mark of all is an orphan */
	if (p->kind[j] != LAYOUT_KIND_FILL)
		return (j);
	/* The lam of a ligature: its marks go on the alef after them. */
	for (j = m + 1; j < p->len && (p->kind[j] == LAYOUT_KIND_MARK ||
	    p->kind[j] == LAYOUT_KIND_STRIP); j++)
		/* nothing */;
	return (j < p->len && p->kind[j] == LAYOUT_KIND_BASE ? j : -1);
}

/* Check the lines of the last wrap at width; returns their cell count. */
static int
fuzz_layout_check(const struct layout_para *p, int width)
{
	const struct layout_line *lines, *ln;
	const struct layout_cell *cell;
	int			 n, i, k, v, l, end, tail, total, cells, m0;
	int			*seen, *cellof, *marks;
	wchar_t			 c;

	lines = layout_para_lines(p, &n);
	FUZZ_ASSERT(n >= 1);
	total = p->len > 0 ? p->len : 1;
	seen = xcalloc((size_t)total, sizeof *seen);
	cellof = xcalloc((size_t)total, sizeof *cellof);
	marks = xcalloc((size_t)total, sizeof *marks);
	end = 0;
	cells = 0;
	for (i = 0; i < n; i++) {
		ln = &lines[i];
		/* The lines cover the paragraph once, in order. */
		FUZZ_ASSERT(ln->start == end);
		FUZZ_ASSERT(ln->len >= 0 && ln->start + ln->len <= p->len);
		FUZZ_ASSERT(ln->len > 0 || p->len == 0);
		end = ln->start + ln->len;
		for (v = 0; v < ln->len; v++) {
			l = ln->map[v];
			FUZZ_ASSERT(l >= ln->start && l < end);
			FUZZ_ASSERT(seen[l] == 0);
			seen[l] = 1;
		}
		if (p->config.mode != LAYOUT_MODE_APP) {
			for (v = 0; v < ln->len; v++)
				FUZZ_ASSERT(ln->map[v] == ln->start + v);
		}
		/* Cells: widths, no control, in the map's order. */
		FUZZ_ASSERT(ln->ncells >= 0 && ln->ncells <= ln->len);
		k = 0;
		for (v = 0; v < ln->ncells; v++) {
			cell = &ln->cells[v];
			FUZZ_ASSERT(cell->width == 1 || cell->width == 2);
			FUZZ_ASSERT(cell->log >= ln->start && cell->log < end);
			FUZZ_ASSERT(cellof[cell->log] == 0);
			cellof[cell->log] = 1;
			FUZZ_ASSERT(wcwidth(cell->ch[0]) == cell->width);
			FUZZ_ASSERT(cell->width == p->width[cell->log]);
			for (l = 0; l < fuzz_layout_cell_len(cell); l++) {
				c = cell->ch[l];
				FUZZ_ASSERT(fuzz_layout_printable(c));
				if (l > 0)
					FUZZ_ASSERT(wcwidth(c) == 0);
			}
			k += cell->width;
		}
		FUZZ_ASSERT(k == ln->width);
		FUZZ_ASSERT(ln->width <= width || ln->ncells == 1);
		FUZZ_ASSERT(ln->rtl == p->rtl);
		if (p->config.mode == LAYOUT_MODE_APP && p->rtl &&
		    ln->width < width)
			FUZZ_ASSERT(ln->indent == width - ln->width);
		else
			FUZZ_ASSERT(ln->indent == 0);
		/* The cells are the map's visible characters, in order. */
		tail = end;
		while (tail > ln->start &&
		    (p->kind[tail - 1] == LAYOUT_KIND_SPACE ||
		    p->kind[tail - 1] == LAYOUT_KIND_STRIP))
			tail--;
		k = 0;
		for (v = 0; v < ln->len; v++) {
			l = ln->map[v];
			switch (p->kind[l]) {
			case LAYOUT_KIND_BASE:
			case LAYOUT_KIND_ORPHAN:
				break;
			case LAYOUT_KIND_SPACE:
				if (l >= tail)
					continue;
				break;
			default:
				continue;
			}
			FUZZ_ASSERT(k < ln->ncells);
			FUZZ_ASSERT(ln->cells[k].log == l);
			k++;
		}
		FUZZ_ASSERT(k == ln->ncells);
		cells += ln->ncells;
	}
	FUZZ_ASSERT(end == p->len);

	/* Every mark is carried by its base's cell (as many as it keeps). */
	for (l = 0; l < p->len; l++) {
		if (p->kind[l] != LAYOUT_KIND_MARK)
			continue;
		k = fuzz_layout_owner(p, l);
		if (k == -1) {
			fprintf(stderr, "mark %d (U+%04X) has no cell\n", l,
			    (unsigned)p->text[l]);
			FUZZ_ASSERT(k != -1);
		}
		FUZZ_ASSERT(cellof[k] == 1);
		marks[k]++;
	}
	for (i = 0; i < n; i++) {
		for (v = 0; v < lines[i].ncells; v++) {
			cell = &lines[i].cells[v];
			m0 = p->kind[cell->log] == LAYOUT_KIND_ORPHAN ? 2 : 1;
			k = marks[cell->log];
			if (k > LAYOUT_MARKS + 1 - m0)
				k = LAYOUT_MARKS + 1 - m0;
			FUZZ_ASSERT(fuzz_layout_cell_len(cell) == m0 + k);
		}
	}
	free(seen);
	free(cellof);
	free(marks);
	return (cells);
}

/* The base direction the layer asks FriBidi for (layout_bidi_base). */
static FriBidiParType
fuzz_layout_base(const struct layout_para *p, enum layout_dir dir)
{
	int	i;

	switch (dir) {
	case LAYOUT_DIR_LTR:
		return (FRIBIDI_PAR_LTR);
	case LAYOUT_DIR_RTL:
		return (FRIBIDI_PAR_RTL);
	case LAYOUT_DIR_FEED_RTL:
		for (i = 0; i < p->len; i++) {
			if (p->types[i] == FRIBIDI_TYPE_RTL ||
			    p->types[i] == FRIBIDI_TYPE_AL)
				return (FRIBIDI_PAR_RTL);
		}
		return (FRIBIDI_PAR_WRTL);
	default:
		return (FRIBIDI_PAR_ON);
	}
}

/* Whether the layer's shaped character may differ from FriBidi's here. */
static int
fuzz_layout_shape_ok(const struct layout_para *p, int l, FriBidiChar theirs)
{
	uint32_t	ours = p->shaped[l];
	int		k;

	if (ours == theirs)
		return (1);
	if (ours == 0xFFFD && wcwidth((wchar_t)theirs) < 0)
		return (1);
	/* layout_bidi_ligate_marked: the lam, then the alef. */
	if (ours == 0xFEFF && (theirs == 0xFEDF || theirs == 0xFEE0))
		return (1);
	if (ours >= 0xFEF5 && ours <= 0xFEFC) {
		for (k = 0; k < 4; k++) {
			if (p->text[l] == fuzz_alefs[k])
				return (1);
		}
	}
	return (0);
}

/*
 * Whether the paragraph opens more than 60 embeddings, overrides or
 * isolates (closed or not): the layer then turns those past depth 60
 * into boundary neutrals before FriBidi sees them (layout_bidi_tame,
 * FriBidi 1.0.8 reads freed memory past its own limit), so log2vis is
 * neither comparable nor safe to call on it.
 */
static int
fuzz_layout_deep(const struct layout_para *p, int off, int len)
{
	FriBidiCharType	t;
	int		i, n = 0;

	for (i = off; i < off + len; i++) {
		t = fribidi_get_bidi_type(p->text[i]);
		if (t == FRIBIDI_TYPE_LRE || t == FRIBIDI_TYPE_RLE ||
		    t == FRIBIDI_TYPE_LRO || t == FRIBIDI_TYPE_RLO ||
		    t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI ||
		    t == FRIBIDI_TYPE_FSI)
			n++;
	}
	return (n > 60);
}

/* The whole paragraph on one line against fribidi_log2vis. */
static void
fuzz_layout_diff_para(struct layout_para *p, enum layout_dir dir)
{
	const struct layout_line *ln;
	FriBidiParType	 base;
	FriBidiChar	*vis;
	FriBidiStrIndex	*v2l;
	FriBidiLevel	*lev;
	int		 n, v;

	if (p->len == 0 || p->config.mode != LAYOUT_MODE_APP ||
	    fuzz_layout_deep(p, 0, p->len))
		return;
	layout_para_wrap(p, 1 << 20);
	ln = layout_para_lines(p, &n);
	FUZZ_ASSERT(n == 1 && ln->len == p->len);
	vis = xcalloc((size_t)p->len, sizeof *vis);
	v2l = xcalloc((size_t)p->len, sizeof *v2l);
	lev = xcalloc((size_t)p->len, sizeof *lev);
	base = fuzz_layout_base(p, dir);
	if (fribidi_log2vis(p->text, p->len, &base, vis, NULL, v2l,
	    lev) == 0) {
		/* FriBidi failed; the layer showed the text flat then. */
		goto out;
	}
	FUZZ_ASSERT((FRIBIDI_IS_RTL(base) != 0) == p->rtl);
	for (v = 0; v < p->len; v++) {
		if (lev[v] != p->line_levels[v]) {
			fprintf(stderr, "level of %d (U+%04X): FriBidi %d, "
			    "layout %d\n", v, (unsigned)p->text[v], lev[v],
			    p->line_levels[v]);
			FUZZ_ASSERT(lev[v] == p->line_levels[v]);
		}
	}
	for (v = 0; v < p->len; v++)
		FUZZ_ASSERT(v2l[v] == ln->map[v]);
	if (p->config.shaping && p->config.ligatures) {
		for (v = 0; v < p->len; v++) {
			if (!fuzz_layout_shape_ok(p, ln->map[v], vis[v])) {
				fprintf(stderr, "shaped at %d: FriBidi U+%04X, "
				    "layout U+%04X\n", v, (unsigned)vis[v],
				    (unsigned)p->shaped[ln->map[v]]);
				FUZZ_ASSERT(0);
			}
		}
	}
out:
	free(vis);
	free(v2l);
	free(lev);
}

/* Each line of the last wrap against fribidi_log2vis on its slice. */
static void
fuzz_layout_diff_lines(const struct layout_para *p)
{
	const struct layout_line *lines, *ln;
	FriBidiParType	 base;
	FriBidiStrIndex	*v2l;
	FriBidiLevel	*lev;
	int		 n, i, v, same;

	if (p->config.mode != LAYOUT_MODE_APP || fuzz_layout_deep(p, 0, p->len))
		return;
	lines = layout_para_lines(p, &n);
	for (i = 0; i < n; i++) {
		ln = &lines[i];
		if (ln->len == 0)
			continue;
		v2l = xcalloc((size_t)ln->len, sizeof *v2l);
		lev = xcalloc((size_t)ln->len, sizeof *lev);
		base = p->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
		if (fribidi_log2vis(p->text + ln->start, ln->len, &base, NULL,
		    NULL, v2l, lev) != 0) {
			same = 1;
			for (v = 0; v < ln->len && same; v++)
				same = lev[v] == p->line_levels[ln->start + v];
			if (same) {
				fuzz_lines_same++;
				for (v = 0; v < ln->len; v++)
					FUZZ_ASSERT(v2l[v] + ln->start ==
					    ln->map[v]);
			} else
				fuzz_lines_differ++;
		}
		free(v2l);
		free(lev);
	}
}

/* Print how many lines the per-line comparison could check (at exit). */
static void
fuzz_layout_stats(void)
{
	fprintf(stderr, "fuzz-layout: lines compared with log2vis %lu, not "
	    "comparable (other levels) %lu\n", fuzz_lines_same,
	    fuzz_lines_differ);
}

/* Copy the cells of the last wrap, for comparing with a later one. */
static struct layout_cell *
fuzz_layout_save(const struct layout_para *p, int *ncells)
{
	const struct layout_line *lines;
	struct layout_cell	 *all;
	int			  n, i, k;

	lines = layout_para_lines(p, &n);
	for (k = 0, i = 0; i < n; i++)
		k += lines[i].ncells;
	all = xcalloc(k > 0 ? (size_t)k : 1, sizeof *all);
	for (k = 0, i = 0; i < n; i++) {
		memcpy(all + k, lines[i].cells, (size_t)lines[i].ncells *
		    sizeof *all);
		k += lines[i].ncells;
	}
	*ncells = k;
	return (all);
}

/* Lay one input out and check it. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum layout_dir dirs[] = {
		LAYOUT_DIR_AUTO, LAYOUT_DIR_LTR, LAYOUT_DIR_RTL,
		LAYOUT_DIR_FEED_RTL
	};
	static const enum layout_mode modes[] = {
		LAYOUT_MODE_APP, LAYOUT_MODE_AUTO, LAYOUT_MODE_TERMINAL,
		LAYOUT_MODE_OFF
	};
	static int		 ready;
	struct layout_config	 cfg;
	struct layout_run	 runs[3];
	struct layout_para	*p;
	struct layout_cell	*saved, *again;
	struct str		 text;
	enum layout_dir		 dir;
	size_t			 i, nruns = 0;
	char			*cut;
	int			 width, width2, nsaved, nagain, flags;

	if (!ready) {
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
		    setlocale(LC_CTYPE, "") == NULL)
			abort();
		/* The layer measures with wcwidth: it needs UTF-8. */
		FUZZ_ASSERT(wcwidth(0x0628) == 1 && wcwidth(0x4E00) == 2);
		if (getenv("FUZZ_LAYOUT_STATS") != NULL)
			atexit(fuzz_layout_stats);
		ready = 1;
	}
	if (size < 2)
		return (0);
	width = 1 + data[0] % 100;
	flags = data[1];
	dir = dirs[flags & 3];
	layout_config_default(&cfg);
	cfg.mode = modes[(flags >> 2) & 3];
	cfg.shaping = (flags & 16) != 0;
	cfg.ligatures = (flags & 32) != 0;
	data += 2;
	size -= 2;

	str_init(&text);
	if (flags & 64)
		str_append(&text, (const char *)data, size);
	else {
		for (i = 0; i + 1 < size; i += 2)
			fuzz_layout_char(&text, data[i] >> 4,
			    data[i + 1] | (unsigned)(data[i] & 15) << 8);
	}
	if ((flags & 128) && text.len > 0) {
		for (nruns = 0; nruns < 3; nruns++) {
			runs[nruns].off = (nruns * 7 + size) % text.len;
			runs[nruns].len = 1 + (nruns * 13 + width) % text.len;
			runs[nruns].style = (int)nruns + 1;
		}
	}

	p = layout_para_new(text.len > 0 ? text.ptr : "", text.len, runs,
	    nruns, dir, &cfg);
	FUZZ_ASSERT(p->len >= 0 && (size_t)p->len <= text.len);
	FUZZ_ASSERT(layout_para_length(p) == p->len);

	layout_para_wrap(p, width);
	fuzz_layout_check(p, width);
	fuzz_layout_diff_lines(p);
	saved = fuzz_layout_save(p, &nsaved);

	/* A resize: another width, then the first again. */
	width2 = 1 + (width * 7 + (int)size) % 100;
	layout_para_wrap(p, width2);
	fuzz_layout_check(p, width2);
	fuzz_layout_diff_lines(p);
	layout_para_wrap(p, width);
	again = fuzz_layout_save(p, &nagain);
	FUZZ_ASSERT(nagain == nsaved);
	for (i = 0; i < (size_t)nsaved; i++) {
		FUZZ_ASSERT(fuzz_layout_cell_len(&saved[i]) ==
		    fuzz_layout_cell_len(&again[i]));
		FUZZ_ASSERT(memcmp(saved[i].ch, again[i].ch,
		    (size_t)fuzz_layout_cell_len(&saved[i]) *
		    sizeof saved[i].ch[0]) == 0);
		FUZZ_ASSERT(saved[i].log == again[i].log &&
		    saved[i].width == again[i].width &&
		    saved[i].style == again[i].style);
	}
	free(saved);
	free(again);

	fuzz_layout_diff_para(p, dir);
	layout_para_free(p);

	/* A headline cut to the width fits in it. */
	if (memchr(text.ptr != NULL ? text.ptr : "", '\0', text.len) ==
	    NULL) {
		cut = layout_truncate(text.len > 0 ? text.ptr : "", width,
		    dir, &cfg);
		p = layout_para_new(cut, strlen(cut), NULL, 0, dir, &cfg);
		layout_para_wrap(p, 1 << 20);
		FUZZ_ASSERT(layout_para_lines(p, &nagain)->width <= width);
		layout_para_free(p);
		free(cut);
	}
	str_free(&text);
	return (0);
}
