/*
 * The FriBidi side of the layout layer.  A paragraph is analysed once: bidi
 * and bracket types, embedding levels (rules P2 to I2), Arabic joining,
 * shaping to presentation forms and mirroring.  Each wrapped line is then
 * reordered on its own with layout_bidi_reorder(), which works on the
 * paragraph-indexed arrays and leaves the paragraph's levels untouched, so
 * the same paragraph can be wrapped again at another width.
 */
#include "config.h"

#include "layout-priv.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Whether a bidi type is a strong right-to-left letter (R or AL). */
static int
layout_bidi_is_rtl_letter(FriBidiCharType t)
{
	return (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL);
}

/*
 * The embedding levels of a paragraph without explicit formatting, the
 * common case, resolved here rather than by FriBidi: with no embedding,
 * override, isolate, boundary neutral or separator, the paragraph is one
 * isolating run sequence at the paragraph level and rules W1 to I2 are a
 * few passes over an array, where FriBidi 1.0 builds and merges a linked
 * list with a malloc per run.  The passes give FriBidi's results (the
 * conformance test and a differential test against FriBidi check it):
 * W4 to W7 as FriBidi applies them to runs, bracket pairs (BD16, at most
 * FRIBIDI_BIDI_MAX_NESTED_BRACKET_PAIRS open) resolved in the order of
 * their opening brackets by N0, then N1, N2, I1, I2, and the blanks that
 * end the paragraph reset to its level as FriBidi's part of rule L1 does.
 * A mark the fold left alone (after a neutral, or first) makes FriBidi
 * merge runs in ways of its own, so that paragraph goes to FriBidi too.
 * types gets orig with its marks folded, then is overwritten; pairs is
 * scratch for 2 * len indices.  Returns 0, or -1 when the paragraph is not
 * one this handles (FriBidi then gets the real types: layout_bidi_unfold).
 */
static int
layout_bidi_levels(const FriBidiCharType *orig, FriBidiCharType *types,
    const FriBidiBracketType *br, int *pairs, int len, FriBidiParType *base,
    FriBidiLevel *levels)
{
	FriBidiCharType	 t, sos, strong, prev, before;
	int		 stack[FRIBIDI_BIDI_MAX_NESTED_BRACKET_PAIRS];
	int		*open, *close, npairs, nstack, i, j, k, e, found, ok;

	/*
	 * Rule W1 done ahead for the common case, a mark right after a
	 * letter or a number: the mark takes that type (what W1 gives, as
	 * adjacent characters share an isolating run sequence and an
	 * override would turn both into the same strong type anyway).  Only
	 * the level resolution sees the folded types: reordering (rule L3)
	 * and joining keep the real ones.  In the same pass: whether the paragraph is
	 * one this handles, its first strong letter and, as brackets are ON
	 * and no rule below changes an ON, the bracket pairs of BD16 (kept
	 * sorted by their openings).
	 */
	strong = 0;
	ok = 1;
	open = pairs;
	close = pairs + len;
	npairs = nstack = 0;
	prev = FRIBIDI_TYPE_ON;
	for (i = 0; i < len; i++) {
		t = orig[i];
		if (t == FRIBIDI_TYPE_NSM && i > 0 &&
		    (prev == FRIBIDI_TYPE_AL || prev == FRIBIDI_TYPE_RTL ||
		    prev == FRIBIDI_TYPE_LTR || prev == FRIBIDI_TYPE_EN ||
		    prev == FRIBIDI_TYPE_AN))
			t = prev;
		types[i] = prev = t;
		if (!ok)
			continue;
		switch (t) {
		case FRIBIDI_TYPE_LTR:
		case FRIBIDI_TYPE_RTL:
		case FRIBIDI_TYPE_AL:
			if (strong == 0)
				strong = t;
			continue;
		case FRIBIDI_TYPE_EN:
		case FRIBIDI_TYPE_ES:
		case FRIBIDI_TYPE_ET:
		case FRIBIDI_TYPE_AN:
		case FRIBIDI_TYPE_CS:
		case FRIBIDI_TYPE_WS:
			continue;
		case FRIBIDI_TYPE_ON:
			break;
		default:
			ok = 0;
			continue;
		}
		if (br[i] == FRIBIDI_NO_BRACKET ||
		    nstack > FRIBIDI_BIDI_MAX_NESTED_BRACKET_PAIRS)
			continue;
		if (FRIBIDI_IS_BRACKET_OPEN(br[i])) {
			if (nstack == FRIBIDI_BIDI_MAX_NESTED_BRACKET_PAIRS)
				nstack++;	/* BD16 stops here */
			else
				stack[nstack++] = i;
			continue;
		}
		for (k = nstack - 1; k >= 0; k--) {
			if (FRIBIDI_BRACKET_ID(br[stack[k]]) ==
			    FRIBIDI_BRACKET_ID(br[i]))
				break;
		}
		if (k < 0)
			continue;
		for (j = npairs; j > 0 && open[j - 1] > stack[k]; j--) {
			open[j] = open[j - 1];
			close[j] = close[j - 1];
		}
		open[j] = stack[k];
		close[j] = i;
		npairs++;
		nstack = k;
	}
	if (!ok)
		return (-1);

	/* P2, P3: the first strong letter, unless the caller said. */
	if (!FRIBIDI_IS_STRONG(*base) && strong != 0)
		*base = FRIBIDI_IS_RTL(strong) ? FRIBIDI_PAR_RTL :
		    FRIBIDI_PAR_LTR;
	e = FRIBIDI_IS_RTL(*base) ? 1 : 0;
	sos = e ? FRIBIDI_TYPE_RTL : FRIBIDI_TYPE_LTR;

	/*
	 * W2 (numbers after Arabic letters are Arabic), W3 (AL is R) and,
	 * one character behind, W4 (a single separator between two
	 * numbers of its kind): W4 at i - 1 sees i after W2 and i - 2
	 * after W4, as a pass of its own would.
	 */
	prev = sos;
	for (i = 0; i < len; i++) {
		t = types[i];
		if (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_RTL)
			prev = t;
		else if (t == FRIBIDI_TYPE_AL) {
			prev = t;
			types[i] = t = FRIBIDI_TYPE_RTL;
		} else if (t == FRIBIDI_TYPE_EN && prev == FRIBIDI_TYPE_AL)
			types[i] = t = FRIBIDI_TYPE_AN;
		if (i < 2 || types[i - 2] != t)
			continue;
		if ((types[i - 1] == FRIBIDI_TYPE_ES && t == FRIBIDI_TYPE_EN) ||
		    (types[i - 1] == FRIBIDI_TYPE_CS &&
		    (t == FRIBIDI_TYPE_EN || t == FRIBIDI_TYPE_AN)))
			types[i - 1] = t;
	}

	/*
	 * W5 (terminators next to European numbers join them), W6 (other
	 * separators and terminators are neutral), W7 (EN after L is L);
	 * before is the type of i - 1 as W5 sees it, before W7.
	 */
	prev = sos;
	before = FRIBIDI_TYPE_ON;
	for (i = 0; i < len; i = j) {
		t = types[i];
		j = i + 1;
		if (t == FRIBIDI_TYPE_ET) {
			for (; j < len && types[j] == FRIBIDI_TYPE_ET; j++)
				/* nothing */;
			t = (before == FRIBIDI_TYPE_EN || (j < len &&
			    types[j] == FRIBIDI_TYPE_EN)) ? FRIBIDI_TYPE_EN :
			    FRIBIDI_TYPE_ON;
			before = t;
			if (t == FRIBIDI_TYPE_EN && prev == FRIBIDI_TYPE_LTR)
				t = FRIBIDI_TYPE_LTR;
			for (k = i; k < j; k++)
				types[k] = t;
			continue;
		}
		before = t;
		if (t == FRIBIDI_TYPE_ES || t == FRIBIDI_TYPE_CS)
			types[i] = FRIBIDI_TYPE_ON;
		else if (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_RTL)
			prev = t;
		else if (t == FRIBIDI_TYPE_EN && prev == FRIBIDI_TYPE_LTR)
			types[i] = FRIBIDI_TYPE_LTR;
	}

	/* N0 on each bracket pair, in the order of their openings. */
	for (k = 0; k < npairs; k++) {
		found = 0;
		for (i = open[k] + 1; i < close[k]; i++) {
			t = types[i];
			if (t == FRIBIDI_TYPE_EN || t == FRIBIDI_TYPE_AN)
				t = FRIBIDI_TYPE_RTL;
			if (t == sos) {
				found = 1;	/* N0b */
				break;
			}
			if (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_RTL)
				found = 2;
		}
		if (found == 2) {
			/* N0c: the strong type before the pair decides. */
			t = sos;
			for (i = open[k] - 1; i >= 0; i--) {
				if (types[i] == FRIBIDI_TYPE_LTR) {
					t = FRIBIDI_TYPE_LTR;
					break;
				}
				if (types[i] == FRIBIDI_TYPE_RTL ||
				    types[i] == FRIBIDI_TYPE_EN ||
				    types[i] == FRIBIDI_TYPE_AN) {
					t = FRIBIDI_TYPE_RTL;
					break;
				}
			}
			types[open[k]] = types[close[k]] = t;
		} else if (found == 1)
			types[open[k]] = types[close[k]] = sos;
	}

	/* N1, N2, I1, I2. */
	for (i = 0; i < len; i = j) {
		t = types[i];
		if (t == FRIBIDI_TYPE_ON || t == FRIBIDI_TYPE_WS) {
			for (j = i; j < len && (types[j] == FRIBIDI_TYPE_ON ||
			    types[j] == FRIBIDI_TYPE_WS); j++)
				/* nothing */;
			prev = i > 0 ? types[i - 1] : sos;
			if (prev == FRIBIDI_TYPE_EN || prev == FRIBIDI_TYPE_AN)
				prev = FRIBIDI_TYPE_RTL;
			t = j < len ? types[j] : sos;
			if (t == FRIBIDI_TYPE_EN || t == FRIBIDI_TYPE_AN)
				t = FRIBIDI_TYPE_RTL;
			if (t != prev)
				t = sos;
			for (k = i; k < j; k++)
				levels[k] = (FriBidiLevel)(e ^ (t ==
				    FRIBIDI_TYPE_RTL ? 1 : 0) ? e + 1 : e);
			continue;
		}
		j = i + 1;
		if (t == FRIBIDI_TYPE_EN || t == FRIBIDI_TYPE_AN)
			levels[i] = (FriBidiLevel)((e + 2) & ~1);
		else
			levels[i] = (FriBidiLevel)(e ^ (t == FRIBIDI_TYPE_RTL ?
			    1 : 0) ? e + 1 : e);
	}

	/* L1, FriBidi's part: the blanks the paragraph ends with. */
	for (i = len - 1; i >= 0 && types[i] == FRIBIDI_TYPE_WS; i--)
		levels[i] = (FriBidiLevel)e;
	return (0);
}

#define LAYOUT_BIDI_CACHE 256	/* code points remembered per paragraph */

/*
 * The bidi type, bracket type and joining type of every code point, as
 * fribidi_get_bidi_types(), fribidi_get_bracket_types() (a bracket only
 * where the type is ON) and fribidi_get_joining_types() give them, in one
 * pass: a paragraph uses a few dozen distinct code points, so the answers
 * of FriBidi's per-character functions are kept in a small table for the
 * paragraph (they depend on the code point alone).
 */
static void
layout_bidi_props(struct layout_para *p)
{
	uint32_t		key[LAYOUT_BIDI_CACHE], c;
	FriBidiCharType		type[LAYOUT_BIDI_CACHE];
	FriBidiBracketType	bracket[LAYOUT_BIDI_CACHE];
	FriBidiJoiningType	joining[LAYOUT_BIDI_CACHE];
	FriBidiCharType		t0;
	FriBidiBracketType	b0;
	FriBidiJoiningType	j0;
	int			i, h;

	/* Every slot starts as the answers for U+0000. */
	t0 = fribidi_get_bidi_type(0);
	b0 = t0 == FRIBIDI_TYPE_ON ? fribidi_get_bracket(0) :
	    FRIBIDI_NO_BRACKET;
	j0 = fribidi_get_joining_type(0);
	for (i = 0; i < LAYOUT_BIDI_CACHE; i++) {
		key[i] = 0;
		type[i] = t0;
		bracket[i] = b0;
		joining[i] = j0;
	}
	for (i = 0; i < p->len; i++) {
		c = p->text[i];
		h = (int)(c % LAYOUT_BIDI_CACHE);
		if (key[h] != c) {
			key[h] = c;
			type[h] = fribidi_get_bidi_type(c);
			bracket[h] = type[h] == FRIBIDI_TYPE_ON ?
			    fribidi_get_bracket(c) : FRIBIDI_NO_BRACKET;
			joining[h] = fribidi_get_joining_type(c);
		}
		p->types[i] = type[h];
		p->brackets[i] = bracket[h];
		p->joining[i] = joining[h];
	}
}

/*
 * FriBidi 1.0.8 (Debian 12's) reads freed memory on a paragraph whose
 * embeddings and isolates nest past its limit of 125 levels, and feed text
 * can hold any number of them.  Before FriBidi sees such a paragraph, every
 * embedding, override or isolate opened deeper than LAYOUT_BIDI_DEPTH
 * becomes a boundary neutral, which is what rule X9 makes of it anyway, and
 * so does the PDF or PDI that closes it: what such an opener would do at
 * that depth is what the algorithm's overflow rules leave undone, and a
 * level no terminal could show.  Text that never nests that deep, all real
 * text and every BidiCharacterTest case, is left as it is.
 */
#define LAYOUT_BIDI_DEPTH	60

static void
layout_bidi_tame(FriBidiCharType *types, int len)
{
	unsigned char	*stack;	/* per open: bit 0 isolate, bit 1 tamed */
	int		 depth, i, j, deep;

	/* A quick count first: openers, closed or not, past the depth. */
	deep = 0;
	for (i = depth = 0; i < len; i++) {
		if (types[i] == FRIBIDI_TYPE_LRE || types[i] == FRIBIDI_TYPE_RLE ||
		    types[i] == FRIBIDI_TYPE_LRO || types[i] == FRIBIDI_TYPE_RLO ||
		    types[i] == FRIBIDI_TYPE_LRI || types[i] == FRIBIDI_TYPE_RLI ||
		    types[i] == FRIBIDI_TYPE_FSI) {
			if (++depth > LAYOUT_BIDI_DEPTH)
				deep = 1;
		}
	}
	if (!deep)
		return;

	stack = xmalloc(len);
	for (i = depth = 0; i < len; i++) {
		switch (types[i]) {
		case FRIBIDI_TYPE_LRE:
		case FRIBIDI_TYPE_RLE:
		case FRIBIDI_TYPE_LRO:
		case FRIBIDI_TYPE_RLO:
			stack[depth] = depth >= LAYOUT_BIDI_DEPTH ? 2 : 0;
			if (stack[depth++] & 2)
				types[i] = FRIBIDI_TYPE_BN;
			break;
		case FRIBIDI_TYPE_LRI:
		case FRIBIDI_TYPE_RLI:
		case FRIBIDI_TYPE_FSI:
			stack[depth] = depth >= LAYOUT_BIDI_DEPTH ? 3 : 1;
			if (stack[depth++] & 2)
				types[i] = FRIBIDI_TYPE_BN;
			break;
		case FRIBIDI_TYPE_PDF:
			/* closes the innermost embedding, not across an isolate */
			if (depth > 0 && !(stack[depth - 1] & 1)) {
				if (stack[--depth] & 2)
					types[i] = FRIBIDI_TYPE_BN;
			}
			break;
		case FRIBIDI_TYPE_PDI:
			/* closes the innermost isolate and what it holds; */
			for (j = depth; j > 0 && !(stack[j - 1] & 1); j--)
				/* nothing */;
			if (j == 0)	/* with none open, it closes nothing */
				break;
			depth = j - 1;
			if (stack[depth] & 2)
				types[i] = FRIBIDI_TYPE_BN;
			break;
		default:
			break;
		}
	}
	free(stack);
}

/*
 * The types FriBidi gets for a paragraph with explicit formatting: the real
 * ones, not those with marks folded into their letters, since FriBidi 1.0's
 * runs across isolates and embeddings can resolve a folded mark otherwise
 * than the mark (U+20DD after an Arabic letter inside an unclosed isolate
 * took level 2 where FriBidi gives 3: found by fuzz-layout), and tamed.
 */
static void
layout_bidi_unfold(struct layout_para *p)
{
	memcpy(p->folded, p->types, (size_t)p->len * sizeof *p->folded);
	layout_bidi_tame(p->folded, p->len);
}

/* The FriBidi base direction to ask for, given a hint and the types. */
static FriBidiParType
layout_bidi_base(const struct layout_para *p, enum layout_dir dir)
{
	int	i;

	switch (dir) {
	case LAYOUT_DIR_LTR:
		return (FRIBIDI_PAR_LTR);
	case LAYOUT_DIR_RTL:
		return (FRIBIDI_PAR_RTL);
	case LAYOUT_DIR_FEED_RTL:
		/*
		 * A feed in an RTL language: a headline with any Arabic or
		 * Hebrew letter reads right to left even when it starts
		 * with a Latin brand name; one with no strong letter at all
		 * is RTL too; only an all-Latin one stays LTR.
		 */
		for (i = 0; i < p->len; i++) {
			if (layout_bidi_is_rtl_letter(p->types[i]))
				return (FRIBIDI_PAR_RTL);
		}
		return (FRIBIDI_PAR_WRTL);
	case LAYOUT_DIR_AUTO:
	default:
		return (FRIBIDI_PAR_ON);
	}
}

/*
 * Resolve bidi types, bracket pairs, the paragraph direction and the
 * embedding levels of a paragraph whose text is set.
 */
void
layout_bidi_analyse(struct layout_para *p, enum layout_dir dir)
{
	FriBidiParType	 base;
	int		 i;

	layout_bidi_props(p);
	base = layout_bidi_base(p, dir);
	if (p->len == 0) {
		base = (base == FRIBIDI_PAR_RTL || base == FRIBIDI_PAR_WRTL) ?
		    FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	} else {
		if (layout_bidi_levels(p->types, p->folded, p->brackets,
		    p->pairs, p->len, &base, p->levels) == 0)
			/* resolved here */;
		else if (layout_bidi_unfold(p),
		    fribidi_get_par_embedding_levels_ex(p->folded,
		    p->brackets, p->len, &base, p->levels) == 0) {
			/* FriBidi failed (out of memory): show it flat. */
			base = FRIBIDI_PAR_LTR;
			for (i = 0; i < p->len; i++)
				p->levels[i] = 0;
		}
	}
	p->base = FRIBIDI_IS_RTL(base) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	p->rtl = (p->base == FRIBIDI_PAR_RTL);
}

/*
 * The lam-alef ligature FriBidi leaves out: FriBidi forms it only when the
 * two letters touch, but vowelled text puts marks on the lam ("لَا", as in
 * "السَّلَامُ").  A lam shaped initial or medial, then only marks, then an
 * alef at the same RTL level becomes U+FEFF (the fill FriBidi itself
 * uses) and the alef the ligature, isolated after an initial lam and final
 * after a medial one; the lam's marks then sit on the ligature's cell.
 */
static void
layout_bidi_ligate_marked(struct layout_para *p)
{
	static const uint32_t	 alefs[] = { 0x0622, 0x0623, 0x0625, 0x0627 };
	int			 i, j, k;

	for (i = 0; i < p->len; i++) {
		if (p->shaped[i] != 0xFEDF && p->shaped[i] != 0xFEE0)
			continue;
		if (!FRIBIDI_LEVEL_IS_RTL(p->levels[i]))
			continue;
		for (j = i + 1; j < p->len && p->types[j] == FRIBIDI_TYPE_NSM &&
		    p->levels[j] == p->levels[i]; j++)
			/* nothing */;
		if (j == i + 1 || j == p->len || p->levels[j] != p->levels[i])
			continue;
		for (k = 0; k < 4; k++) {
			if (p->text[j] == alefs[k])
				break;
		}
		if (k == 4)
			continue;
		p->shaped[j] = 0xFEF5 + 2 * (uint32_t)k +
		    (p->shaped[i] == 0xFEE0 ? 1 : 0);
		p->shaped[i] = 0xFEFF;
		i = j;
	}
}

/*
 * Fill the shaped text: mirrored brackets at RTL levels and, when the
 * config asks for it, Arabic joining with presentation forms and lam-alef
 * ligatures.  In terminal and off modes the text stays as it came.
 */
void
layout_bidi_shape(struct layout_para *p)
{
	FriBidiFlags	flags;
	FriBidiChar	m;
	int		i;

	if (p->len == 0)
		return;
	memcpy(p->shaped, p->text, (size_t)p->len * sizeof *p->shaped);
	if (p->config.mode == LAYOUT_MODE_TERMINAL ||
	    p->config.mode == LAYOUT_MODE_OFF)
		return;

	if (p->config.shaping) {
		flags = FRIBIDI_FLAG_SHAPE_ARAB_PRES;
		if (p->config.ligatures)
			flags |= FRIBIDI_FLAG_SHAPE_ARAB_LIGA;
		/* p->joining has the joining types (layout_bidi_props). */
		fribidi_join_arabic(p->types, p->len, p->levels, p->joining);
		fribidi_shape(flags, p->levels, p->len, p->joining, p->shaped);
	} else
		memset(p->joining, 0, (size_t)p->len * sizeof *p->joining);

	/*
	 * Rule L4, FriBidi's mirroring done here: only characters of type
	 * ON have mirrors (all 364 of FriBidi's table are ON, and Arabic
	 * shaping changes letters only), so the table is searched for
	 * those alone rather than for every character at an RTL level.
	 */
	for (i = 0; i < p->len; i++) {
		if (p->types[i] == FRIBIDI_TYPE_ON &&
		    FRIBIDI_LEVEL_IS_RTL(p->levels[i]) &&
		    fribidi_get_mirror_char(p->shaped[i], &m))
			p->shaped[i] = m;
	}
	if (p->config.shaping && p->config.ligatures)
		layout_bidi_ligate_marked(p);
}

/* Reverse map[a .. b]. */
static void
layout_bidi_reverse(int *map, int a, int b)
{
	int	t;

	for (; a < b; a++, b--) {
		t = map[a];
		map[a] = map[b];
		map[b] = t;
	}
}

/*
 * Reorder the line [off, off + len) of an analysed paragraph: map[off ..
 * off + len) receives the logical index shown at each visual position, left
 * to right, and levels[off .. off + len) the levels after rule L1.  Both
 * arrays are indexed like the paragraph.  With nsm, combining marks stay
 * after their base (rule L3), which terminals need.  This is
 * fribidi_reorder_line's algorithm (FriBidi 1.0: L1 for the blanks ending
 * the line, L3, then L2 from the highest level down), done here on the
 * paragraph's arrays without the call and its checks for every line.
 * Returns 0, or -1 if the line is not inside the paragraph.
 */
int
layout_bidi_reorder(struct layout_para *p, int off, int len, bool nsm,
    int *map, FriBidiLevel *levels)
{
	FriBidiLevel	base, level, max;
	int		i, j, end;

	if (off < 0 || len < 0 || off + len > p->len)
		return (-1);
	if (len == 0)
		return (0);
	end = off + len;
	memcpy(levels + off, p->levels + off, (size_t)len * sizeof *levels);
	for (i = off; i < end; i++)
		map[i] = i;

	/* L1: the blanks (and format characters) ending the line. */
	base = FRIBIDI_DIR_TO_LEVEL(p->base);
	for (i = end - 1; i >= off &&
	    FRIBIDI_IS_EXPLICIT_OR_BN_OR_WS(p->types[i]); i--)
		levels[i] = base;

	/* L3: a base and its marks at an RTL level keep their order. */
	if (nsm) {
		for (i = end - 1; i >= off; i--) {
			if (!FRIBIDI_LEVEL_IS_RTL(levels[i]) ||
			    p->types[i] != FRIBIDI_TYPE_NSM)
				continue;
			j = i;
			level = levels[i];
			for (i--; i >= off &&
			    FRIBIDI_IS_EXPLICIT_OR_BN_OR_NSM(p->types[i]) &&
			    levels[i] == level; i--)
				/* nothing */;
			if (i < off || levels[i] != level)
				i++;
			layout_bidi_reverse(map, i, j);
		}
	}

	/* L2: reverse every stretch at or above each level, highest first. */
	max = 0;
	for (i = off; i < end; i++) {
		if (levels[i] > max)
			max = levels[i];
	}
	for (level = max; level > 0; level--) {
		for (i = end - 1; i >= off; i--) {
			if (levels[i] < level)
				continue;
			j = i;
			for (i--; i >= off && levels[i] >= level; i--)
				/* nothing */;
			layout_bidi_reverse(map, i + 1, j);
		}
	}
	return (0);
}
