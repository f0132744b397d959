/*
 * The layout layer against FriBidi itself.  The layout resolves the
 * levels of a paragraph without explicit formatting, reorders lines,
 * mirrors and looks up character properties on its own (layout-bidi.c),
 * where it used FriBidi's functions; this checks, on random paragraphs
 * and lines from a fixed seed, that it still gives what those functions
 * give: the levels and direction of fribidi_get_par_embedding_levels_ex
 * over the folded types, the map and levels of fribidi_reorder_line (with
 * and without rule L3), the bidi, bracket and joining types of
 * fribidi_get_bidi_types, fribidi_get_bracket_types and
 * fribidi_get_joining_types, and that every character FriBidi mirrors is
 * of type ON (what the mirroring relies on).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout-priv.h"
#include "xmalloc.h"

#include "tap.h"

#define MAXLEN 160

/*
 * Code points of every bidi class the layout resolves itself (the first
 * SIMPLE of them: letters, digits, separators, terminators, blanks,
 * neutrals, brackets), then marks, joiners, marks of direction,
 * embeddings, isolates and separators, which can send a paragraph to
 * FriBidi.
 */
static const uint32_t alphabet[] = {
	'a', 'Z', 0x05d0, 0x0628, 0x0644, 0x0627, 0x0623, '1', '9', 0x0663,
	0x06f4, '+', '-', '$', '%', 0xb0, '#', ',', '.', ':', '/', 0xa0,
	' ', ' ', '!', '"', '(', ')', '[', ']', '{', '}', 0x2329, 0x232a,
	0x3008, 0x3009, 0xab, 0xbb, '<', '>', 0x0660, 0x066b, 0x066c,
	0x2212, 0x20ac,
	0x064e, 0x0651, 0x0300, 0x200d, 0x200e, 0x200f, 0x061c, 0x202a,
	0x202b, 0x202c, 0x2066, 0x2067, 0x2069, '\t', 0x2028, 0xfeff
};
#define SIMPLE 45

static unsigned long	seed = 20261202;

/* A deterministic generator (a 32-bit LCG). */
static unsigned
rnd(unsigned n)
{
	seed = seed * 1103515245 + 12345;
	return ((unsigned)(seed >> 16) % n);
}

/* Rule W1 ahead, as the layout folds marks before resolving levels. */
static void
fold(const FriBidiCharType *types, int len, FriBidiCharType *out)
{
	FriBidiCharType	t, prev = FRIBIDI_TYPE_ON;
	int		i;

	for (i = 0; i < len; i++) {
		t = types[i];
		if (t == FRIBIDI_TYPE_NSM && i > 0 &&
		    (prev == FRIBIDI_TYPE_AL || prev == FRIBIDI_TYPE_RTL ||
		    prev == FRIBIDI_TYPE_LTR || prev == FRIBIDI_TYPE_EN ||
		    prev == FRIBIDI_TYPE_AN))
			t = prev;
		out[i] = prev = t;
	}
}

/* The base direction layout_bidi_analyse asks FriBidi for. */
static FriBidiParType
base_for(enum layout_dir dir, const FriBidiCharType *types, int len)
{
	int	i;

	switch (dir) {
	case LAYOUT_DIR_LTR:
		return (FRIBIDI_PAR_LTR);
	case LAYOUT_DIR_RTL:
		return (FRIBIDI_PAR_RTL);
	case LAYOUT_DIR_FEED_RTL:
		for (i = 0; i < len; i++) {
			if (types[i] == FRIBIDI_TYPE_RTL ||
			    types[i] == FRIBIDI_TYPE_AL)
				return (FRIBIDI_PAR_RTL);
		}
		return (FRIBIDI_PAR_WRTL);
	default:
		return (FRIBIDI_PAR_ON);
	}
}

/*
 * Whether a paragraph's types, brackets and (joined) joining types are
 * FriBidi's for its text.
 */
static bool
props_match(const struct layout_para *p, const uint32_t *text, int len)
{
	FriBidiCharType		*types;
	FriBidiBracketType	*brackets;
	FriBidiJoiningType	*joining;
	bool			 same;
	int			 i;

	types = xreallocarray(NULL, (size_t)len, sizeof *types);
	brackets = xreallocarray(NULL, (size_t)len, sizeof *brackets);
	joining = xreallocarray(NULL, (size_t)len, sizeof *joining);
	fribidi_get_bidi_types(text, len, types);
	fribidi_get_bracket_types(text, len, types, brackets);
	fribidi_get_joining_types(text, len, joining);
	fribidi_join_arabic(types, len, p->levels, joining);
	same = memcmp(types, p->types, (size_t)len * sizeof *types) == 0 &&
	    memcmp(brackets, p->brackets, (size_t)len * sizeof *brackets) ==
	    0;
	/* Shaping marks the lam of a ligature: that bit is shaping's. */
	for (i = 0; i < len && same; i++)
		same = (p->joining[i] & ~FRIBIDI_MASK_LIGATURED) == joining[i];
	free(types);
	free(brackets);
	free(joining);
	return (same);
}

/* Say where a paragraph's levels differ from FriBidi's. */
static void
show(int k, int d, const uint32_t *text, int len, const FriBidiLevel *got,
    const FriBidiLevel *want)
{
	int	i;

	diag("paragraph %d, direction %d:", k, d);
	for (i = 0; i < len; i++) {
		if (got[i] != want[i])
			diag("  %d: U+%04X level %d, FriBidi's %d", i, text[i],
			    got[i], want[i]);
	}
}

/*
 * Random paragraphs of up to maxlen code points from the first n letters
 * of the alphabet, in every direction: levels, direction and character
 * properties as FriBidi gives them.  Returns the mismatches; *simple gets
 * the paragraphs with nothing for FriBidi (no explicit formatting, no
 * unfolded mark), the ones the layout resolves itself.
 */
static int
paragraphs(int count, int maxlen, size_t n, int *simple)
{
	struct layout_para	*p;
	uint32_t		 text[MAXLEN];
	FriBidiCharType		 types[MAXLEN], folded[MAXLEN];
	FriBidiBracketType	 brackets[MAXLEN];
	FriBidiLevel		 levels[MAXLEN];
	FriBidiParType		 base;
	int			 k, len, i, d, bad = 0, easy;

	*simple = 0;
	for (k = 0; k < count; k++) {
		len = 1 + (int)rnd((unsigned)maxlen);
		for (i = 0; i < len; i++)
			text[i] = alphabet[rnd((unsigned)n)];
		fribidi_get_bidi_types(text, len, types);
		fribidi_get_bracket_types(text, len, types, brackets);
		fold(types, len, folded);
		easy = 1;
		for (i = 0; i < len; i++) {
			if (!(FRIBIDI_IS_STRONG(folded[i]) ||
			    FRIBIDI_IS_NUMBER(folded[i]) ||
			    folded[i] == FRIBIDI_TYPE_ES ||
			    folded[i] == FRIBIDI_TYPE_ET ||
			    folded[i] == FRIBIDI_TYPE_CS ||
			    folded[i] == FRIBIDI_TYPE_ON ||
			    folded[i] == FRIBIDI_TYPE_WS))
				easy = 0;
		}
		*simple += easy;
		for (d = 0; d < 4; d++) {
			p = layout_para_new_ucs(text, len, (enum layout_dir)d,
			    NULL);
			base = base_for((enum layout_dir)d, types, len);
			fold(types, len, folded);
			if (fribidi_get_par_embedding_levels_ex(folded,
			    brackets, len, &base, levels) == 0)
				bad++;
			else if (p->rtl != (FRIBIDI_IS_RTL(base) != 0) ||
			    memcmp(levels, p->levels, (size_t)len) != 0 ||
			    !props_match(p, text, len)) {
				if (bad++ < 3)
					show(k, d, text, len, p->levels,
					    levels);
			}
			layout_para_free(p);
		}
	}
	return (bad);
}

/*
 * Random lines (random types and levels, any slice of the paragraph),
 * reordered with and without L3: map and levels as fribidi_reorder_line
 * gives them.  Returns the mismatches.
 */
static int
lines(int count, bool flip)
{
	static const FriBidiCharType tys[] = {
		FRIBIDI_TYPE_LTR, FRIBIDI_TYPE_RTL, FRIBIDI_TYPE_AL,
		FRIBIDI_TYPE_EN, FRIBIDI_TYPE_AN, FRIBIDI_TYPE_NSM,
		FRIBIDI_TYPE_NSM, FRIBIDI_TYPE_WS, FRIBIDI_TYPE_WS,
		FRIBIDI_TYPE_BN, FRIBIDI_TYPE_ON, FRIBIDI_TYPE_LRE,
		FRIBIDI_TYPE_PDF, FRIBIDI_TYPE_LRI, FRIBIDI_TYPE_PDI,
		FRIBIDI_TYPE_CS, FRIBIDI_TYPE_SS, FRIBIDI_TYPE_BS
	};
	struct layout_para	 p;
	FriBidiCharType		 types[64];
	FriBidiLevel		 lv[64], l1[64], l2[64];
	int			 m1[64], m2[64];
	int			 k, i, len, off, n, nsm, bad = 0;

	for (k = 0; k < count; k++) {
		memset(&p, 0, sizeof p);
		len = 1 + (int)rnd(40);
		for (i = 0; i < len; i++) {
			types[i] = tys[rnd(sizeof tys / sizeof tys[0])];
			lv[i] = (FriBidiLevel)rnd(1 + rnd(6));
		}
		p.len = len;
		p.types = types;
		p.levels = lv;
		p.base = rnd(2) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
		off = (int)rnd((unsigned)len);
		n = (int)rnd((unsigned)(len - off + 1));
		nsm = (int)rnd(2);
		memset(m1, 0x55, sizeof m1);
		memset(m2, 0x55, sizeof m2);
		memset(l1, 9, sizeof l1);
		memset(l2, 9, sizeof l2);
		if (layout_bidi_reorder(&p, off, n, flip ? !nsm : nsm, m1,
		    l1) != 0) {
			bad++;
			continue;
		}
		memcpy(l2 + off, lv + off, (size_t)n);
		for (i = off; i < off + n; i++)
			m2[i] = i;
		if (n > 0 && fribidi_reorder_line(nsm ?
		    FRIBIDI_FLAG_REORDER_NSM : 0, types, n, off, p.base, l2,
		    NULL, m2) == 0) {
			bad++;
			continue;
		}
		if (memcmp(m1, m2, sizeof m1) != 0 ||
		    memcmp(l1, l2, sizeof l1) != 0)
			bad++;
	}
	return (bad);
}

/*
 * Paragraphs of far more distinct code points than the layout's table of
 * properties has slots (Arabic, presentation forms, anything of the BMP
 * and beyond): properties as FriBidi's.  Returns the mismatches.
 */
static int
wide(int count)
{
	struct layout_para	*p;
	uint32_t		 text[2000];
	int			 k, i, bad = 0;

	for (k = 0; k < count; k++) {
		for (i = 0; i < 2000; i++) {
			switch (rnd(4)) {
			case 0:
				text[i] = 0x0600 + rnd(0x300);
				break;
			case 1:
				text[i] = 0xfb50 + rnd(0x4b0);
				break;
			case 2:
				text[i] = rnd(0x10000);
				break;
			default:
				text[i] = rnd(0x110000);
				break;
			}
		}
		p = layout_para_new_ucs(text, 2000, (enum layout_dir)(k % 4),
		    NULL);
		if (!props_match(p, text, 2000))
			bad++;
		layout_para_free(p);
	}
	return (bad);
}

int
main(void)
{
	FriBidiChar	c, m;
	int		bad, simple, notin;
	size_t		all = sizeof alphabet / sizeof alphabet[0];

	bad = paragraphs(20000, 30, all, &simple);
	ok(bad == 0, "20000 mixed paragraphs x 4 directions: levels, "
	    "direction, bidi, bracket and joining types as FriBidi's (%d "
	    "differ)", bad);
	ok(simple > 2000, "... %d of them resolved by the layout itself",
	    simple);
	bad = paragraphs(5000, MAXLEN, SIMPLE, &simple);
	ok(bad == 0 && simple == 5000, "5000 long paragraphs without "
	    "explicit formatting or marks, all resolved by the layout: as "
	    "FriBidi's "
	    "(%d differ, %d resolved by the layout)", bad, simple);

	bad = lines(100000, false);
	ok(bad == 0, "100000 random lines, with and without L3: map and "
	    "levels as fribidi_reorder_line's (%d differ)", bad);
	bad = lines(10000, true);
	ok(bad > 0, "... and the comparison sees a line reordered with the "
	    "wrong L3 (%d of 10000 differ)", bad);

	bad = wide(40);
	ok(bad == 0, "40 paragraphs of 2000 code points from all of Unicode: "
	    "bidi, bracket and joining types as FriBidi's (%d differ)", bad);

	notin = 0;
	for (c = 0; c <= 0x10ffff; c++) {
		if (fribidi_get_mirror_char(c, &m) &&
		    fribidi_get_bidi_type(c) != FRIBIDI_TYPE_ON)
			notin++;
	}
	ok(notin == 0, "every character FriBidi mirrors is of type ON (%d "
	    "is not)", notin);
	return (tap_done());
}
