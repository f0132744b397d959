/*
 * Wrapping and cells.  Every code point of a paragraph gets a kind (a base
 * that starts a cell, a combining mark that joins the base before it, a
 * format character that is never shown, the U+FEFF a lam-alef ligature
 * leaves behind, or a space after which a line may break) and a width in
 * columns measured with wcwidth() on the shaped text.  A "unit" is what
 * must stay on one line: a base with its marks and format characters, or a
 * ligature with the fill before it.  Lines break after spaces; a word wider
 * than the line is broken between units.
 */
#include "config.h"

#include "layout-priv.h"

#include <wchar.h>

#define LAYOUT_WRAP_DOTTED_CIRCLE 0x25CC
#define LAYOUT_WRAP_IS_ALEF(c) ((c) == 0x0622 || (c) == 0x0623 || \
	(c) == 0x0625 || (c) == 0x0627)

/* Whether a code point is a space a line may break after. */
static int
layout_wrap_is_space(uint32_t c)
{
	return (c == 0x0020 || c == 0x3000 || c == 0x1680 || c == 0x205F ||
	    (c >= 0x2000 && c <= 0x200A && c != 0x2007));
}

/*
 * Whether a code point is a zero-width format character that must not
 * reach the terminal: ZWJ, ZWNJ, ZWSP, U+FEFF and the other boundary
 * neutrals, LRM, RLM, ALM, embeddings, overrides and isolates.  They stay
 * in the text for the bidi algorithm and for joining.
 */
static int
layout_wrap_is_format(uint32_t c, FriBidiCharType t)
{
	if (FRIBIDI_IS_EXPLICIT_OR_BN(t) || FRIBIDI_IS_ISOLATE(t))
		return (1);
	return (c == 0x200E || c == 0x200F || c == 0x061C);
}

#define LAYOUT_WRAP_CACHE 256	/* widths remembered per paragraph */

/*
 * Set the kind and width of every code point of a shaped paragraph.  A
 * paragraph uses a few dozen distinct code points (an alphabet in its
 * presentation forms, marks, digits), so wcwidth() answers are kept in a
 * small table for the paragraph: the same answers, as the locale cannot
 * change during the call, for a fraction of the calls.
 */
void
layout_wrap_classify(struct layout_para *p)
{
	uint32_t	c, key[LAYOUT_WRAP_CACHE];
	int8_t		val[LAYOUT_WRAP_CACHE];
	int		i, w, w0, last;

	/* Every slot starts as the answer for U+0000. */
	w0 = wcwidth(0);
	for (i = 0; i < LAYOUT_WRAP_CACHE; i++) {
		key[i] = 0;
		val[i] = (int8_t)w0;
	}
	last = -1;	/* the last base or space, -1 if none yet */
	for (i = 0; i < p->len; i++) {
		c = p->shaped[i];
		if (c == 0xFEFF && p->text[i] != 0xFEFF) {
			/* The lam of a ligature: its marks join the alef. */
			p->kind[i] = LAYOUT_KIND_FILL;
			p->width[i] = 0;
			last = i;
			continue;
		}
		if (layout_wrap_is_format(p->text[i], p->types[i])) {
			p->kind[i] = LAYOUT_KIND_STRIP;
			p->width[i] = 0;
			continue;
		}
		if (key[c % LAYOUT_WRAP_CACHE] == c)
			w = val[c % LAYOUT_WRAP_CACHE];
		else {
			w = wcwidth((wchar_t)c);
			key[c % LAYOUT_WRAP_CACHE] = c;
			val[c % LAYOUT_WRAP_CACHE] = (int8_t)w;
		}
		if (w < 0) {
			/* A control or unassigned: show a replacement. */
			p->shaped[i] = 0xFFFD;
			w = 1;
		}
		if (w == 0) {
			if (last == -1) {
				/* A mark with nothing to sit on. */
				p->kind[i] = LAYOUT_KIND_ORPHAN;
				p->width[i] = 1;
				last = i;
				continue;
			}
			/* A space carrying a mark is a base, not a break. */
			if (p->kind[last] == LAYOUT_KIND_SPACE)
				p->kind[last] = LAYOUT_KIND_BASE;
			p->kind[i] = LAYOUT_KIND_MARK;
			p->width[i] = 0;
			continue;
		}
		p->kind[i] = layout_wrap_is_space(c) ? LAYOUT_KIND_SPACE :
		    LAYOUT_KIND_BASE;
		p->width[i] = (uint8_t)w;
		last = i;
	}
}

/*
 * The end of the unit starting at i (marks and format characters join it;
 * a fill, the ligature after it), with its width in *w: only its base and
 * a fill's ligature have columns, marks, format characters and fills
 * having none.
 */
static int
layout_wrap_unit(const struct layout_para *p, int i, int *w)
{
	int	j;

	*w = p->width[i];
	j = i + 1;
	while (j < p->len && (p->kind[j] == LAYOUT_KIND_MARK ||
	    p->kind[j] == LAYOUT_KIND_STRIP))
		j++;
	if (p->kind[i] == LAYOUT_KIND_FILL && j < p->len &&
	    p->kind[j] == LAYOUT_KIND_BASE) {
		/* The lam (and its marks) goes with the ligature. */
		*w += p->width[j];
		j++;
		while (j < p->len && (p->kind[j] == LAYOUT_KIND_MARK ||
		    p->kind[j] == LAYOUT_KIND_STRIP))
			j++;
	}
	return (j);
}

/*
 * Find where the line starting at start ends for a width: after the last
 * space that lets the line fit, else (a word wider than the line) after the
 * last unit that fits, and at least one unit.  Returns the end (exclusive);
 * cols gets the columns used, without the spaces the line ends with.
 */
int
layout_wrap_break(const struct layout_para *p, int start, int width,
    int *cols)
{
	int	i, j, uw, used, pending, brk, brkcols;

	used = pending = 0;
	brk = -1;
	brkcols = 0;
	for (i = start; i < p->len; i = j) {
		j = layout_wrap_unit(p, i, &uw);
		if (p->kind[i] == LAYOUT_KIND_SPACE) {
			/* Spaces may hang past the edge: they are dropped. */
			pending += uw;
			brk = j;
			brkcols = used;
			continue;
		}
		if (used + pending + uw > width && used + pending > 0) {
			if (brk != -1) {
				*cols = brkcols;
				return (brk);
			}
			*cols = used;
			return (i);
		}
		used += pending + uw;
		pending = 0;
	}
	*cols = used;
	return (p->len);
}

/*
 * The longest run of whole units from start that fits in width columns,
 * breaking anywhere between units.  Returns its end; cols gets its width.
 */
int
layout_wrap_fit(const struct layout_para *p, int start, int width, int *cols)
{
	int	i, j, uw, used;

	used = 0;
	for (i = start; i < p->len; i = j) {
		j = layout_wrap_unit(p, i, &uw);
		if (used + uw > width)
			break;
		used += uw;
	}
	*cols = used;
	return (i);
}

/*
 * Build the cells of the line [off, off + len), whose visual order is in
 * map[off ..] (paragraph-indexed): one cell per base with the marks that
 * follow it logically, format characters and fills left out, and the
 * spaces the line ends with (logically) dropped.  Returns the number of
 * cells; cols gets their width.
 */
int
layout_wrap_cells(const struct layout_para *p, const int *map, int off,
    int len, struct layout_cell *cells, int *cols)
{
	struct layout_cell	*cell;
	int			 v, l, k, n, m, tail, used;
	uint8_t			 kind;

	tail = off + len;
	while (tail > off && (p->kind[tail - 1] == LAYOUT_KIND_SPACE ||
	    p->kind[tail - 1] == LAYOUT_KIND_STRIP))
		tail--;

	n = used = 0;
	for (v = off; v < off + len; v++) {
		l = map[v];
		kind = p->kind[l];
		if (kind == LAYOUT_KIND_MARK || kind == LAYOUT_KIND_STRIP ||
		    kind == LAYOUT_KIND_FILL)
			continue;
		if (kind == LAYOUT_KIND_SPACE && l >= tail)
			continue;
		cell = &cells[n++];
		m = 0;
		if (kind == LAYOUT_KIND_ORPHAN)
			cell->ch[m++] = LAYOUT_WRAP_DOTTED_CIRCLE;
		cell->ch[m++] = (wchar_t)p->shaped[l];
		/*
		 * A ligature also carries the marks of its lam.  A fill is
		 * only ever left before the alef it ligated with (FriBidi's
		 * lam-alef pairs, layout_bidi_ligate_marked()), so only an
		 * alef looks back for one.
		 */
		k = l - 1;
		if (kind == LAYOUT_KIND_BASE && LAYOUT_WRAP_IS_ALEF(p->text[l]))
			for (; k >= 0 && (p->kind[k] == LAYOUT_KIND_MARK ||
			    p->kind[k] == LAYOUT_KIND_STRIP); k--)
				/* nothing */;
		if (kind == LAYOUT_KIND_BASE && k >= 0 && k < l - 1 &&
		    p->kind[k] == LAYOUT_KIND_FILL) {
			for (k++; k < l; k++) {
				if (p->kind[k] == LAYOUT_KIND_MARK &&
				    m < LAYOUT_MARKS + 1)
					cell->ch[m++] = (wchar_t)p->shaped[k];
			}
		}
		for (k = l + 1; k < p->len; k++) {
			if (p->kind[k] == LAYOUT_KIND_STRIP)
				continue;
			if (p->kind[k] != LAYOUT_KIND_MARK)
				break;
			if (m < LAYOUT_MARKS + 1)
				cell->ch[m++] = (wchar_t)p->shaped[k];
		}
		cell->ch[m] = 0;
		cell->log = l;
		cell->style = p->style[l];
		cell->width = p->width[l];
		used += cell->width;
	}
	*cols = used;
	return (n);
}
