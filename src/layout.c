/*
 * The layout layer's entry points: a paragraph of UTF-8 text with style
 * runs goes in, visual lines of cells come out.  The paragraph is decoded
 * (invalid bytes become U+FFFD; tab, newline and the line and paragraph
 * separators become spaces, since a paragraph is one line of logical
 * text), analysed once (layout-bidi.c), classified (layout-wrap.c) and can
 * then be wrapped at any width as often as needed, which is what a terminal
 * resize costs.  Lines of one wrap share three buffers of the paragraph's
 * length, so wrapping allocates nothing per character.
 */
#include "config.h"

#include "layout-priv.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

#define LAYOUT_ELLIPSIS "\xe2\x80\xa6"	/* U+2026 */

/* Fill a config with the defaults: app mode, shaping and ligatures on. */
void
layout_config_default(struct layout_config *cfg)
{
	cfg->mode = LAYOUT_MODE_APP;
	cfg->shaping = true;
	cfg->ligatures = true;
}

/* Allocate a paragraph with room for the text of up to len code points. */
static struct layout_para *
layout_para_alloc(int len, const struct layout_config *cfg)
{
	struct layout_para	*p;
	size_t			 n;

	p = xcalloc(1, sizeof *p);
	p->len = len;
	n = len > 0 ? (size_t)len : 1;
	p->text = xreallocarray(NULL, n, sizeof *p->text);
	p->byte = xreallocarray(NULL, n, sizeof *p->byte);
	if (cfg != NULL)
		p->config = *cfg;
	else
		layout_config_default(&p->config);
	if (p->config.mode == LAYOUT_MODE_AUTO)
		p->config.mode = LAYOUT_MODE_APP;
	return (p);
}

/* The bytes each code point takes in a paragraph's arena. */
#define LAYOUT_ARENA_PER_CHAR (sizeof (struct layout_cell) +		\
	sizeof (int) * 4 + sizeof (uint32_t) +				\
	sizeof (FriBidiCharType) * 2 + sizeof (FriBidiBracketType) +	\
	sizeof (uint8_t) * 2 + sizeof (FriBidiLevel) * 2 +		\
	sizeof (FriBidiArabicProp))

/*
 * Size the per-character arrays to the decoded length: the text was given
 * room for one code point per byte, twice what Arabic needs.  The other
 * arrays are carved from one allocation (the arrays of 4-byte elements
 * first, so each stays aligned), which a paragraph needed fifteen of.
 */
static void
layout_para_size(struct layout_para *p)
{
	unsigned char	*a;
	size_t		 n;

	n = p->len > 0 ? (size_t)p->len : 1;
	p->text = xreallocarray(p->text, n, sizeof *p->text);
	p->byte = xreallocarray(p->byte, n, sizeof *p->byte);
	p->arena = a = xreallocarray(NULL, n, LAYOUT_ARENA_PER_CHAR);
	p->cells = (struct layout_cell *)a;
	a += n * sizeof *p->cells;
	p->style = (int *)a;
	a += n * sizeof *p->style;
	p->map = (int *)a;
	a += n * sizeof *p->map;
	p->pairs = (int *)a;
	a += 2 * n * sizeof *p->pairs;
	p->shaped = (uint32_t *)a;
	a += n * sizeof *p->shaped;
	p->types = (FriBidiCharType *)a;
	a += n * sizeof *p->types;
	p->folded = (FriBidiCharType *)a;
	a += n * sizeof *p->folded;
	p->brackets = (FriBidiBracketType *)a;
	a += n * sizeof *p->brackets;
	p->width = a;
	a += n * sizeof *p->width;
	p->kind = a;
	a += n * sizeof *p->kind;
	p->line_levels = (FriBidiLevel *)a;
	a += n * sizeof *p->line_levels;
	p->levels = (FriBidiLevel *)a;
	a += n * sizeof *p->levels;
	p->joining = (FriBidiArabicProp *)a;
	memset(p->style, 0, n * sizeof *p->style);
}

/* Analyse a paragraph whose text is set. */
static void
layout_para_analyse(struct layout_para *p, enum layout_dir dir)
{
	layout_bidi_analyse(p, dir);
	layout_bidi_shape(p);
	layout_wrap_classify(p);
}

/*
 * Make a paragraph from len bytes of UTF-8 with nruns style runs (code
 * points outside every run get style 0) and a direction hint.  The config
 * is copied; NULL means the defaults.
 */
struct layout_para *
layout_para_new(const char *utf8, size_t len, const struct layout_run *runs,
    size_t nruns, enum layout_dir dir, const struct layout_config *cfg)
{
	const unsigned char	*s = (const unsigned char *)utf8;
	struct layout_para	*p;
	size_t			 i, n, want, lo, hi, mid, end;
	unsigned int		 c;
	int			 k;

	/* Every code point takes at least one byte. */
	if (len > INT32_MAX)
		len = INT32_MAX;
	p = layout_para_alloc((int)len, cfg);
	k = 0;
	for (i = 0; i < len; i += n) {
		if (s[i] < 0x80) {
			c = s[i];
			n = 1;
		} else
			n = utf8_fast(s + i, len - i, &c);
		if (n == 0) {
			/* One U+FFFD for a lead byte and its continuations. */
			c = 0xFFFD;
			n = 1;
			if (s[i] >= 0xc2 && s[i] <= 0xf4) {
				want = s[i] < 0xe0 ? 2 : s[i] < 0xf0 ? 3 : 4;
				while (i + n < len && n < want &&
				    (s[i + n] & 0xc0) == 0x80)
					n++;
			}
		}
		if ((c < 0x20 && (c == '\t' || c == '\n' || c == '\r')) ||
		    c == 0x2028 || c == 0x2029 || c == 0x0085)
			c = ' ';
		p->byte[k] = i;
		p->text[k++] = c;
	}
	p->len = k;
	layout_para_size(p);

	for (i = 0; i < nruns; i++) {
		lo = 0;
		hi = (size_t)p->len;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (p->byte[mid] < runs[i].off)
				lo = mid + 1;
			else
				hi = mid;
		}
		end = runs[i].off + runs[i].len;
		for (; lo < (size_t)p->len && p->byte[lo] < end; lo++)
			p->style[lo] = runs[i].style;
	}

	layout_para_analyse(p, dir);
	return (p);
}

/*
 * Make a paragraph from len code points, taken as they are (no
 * replacement of controls or separators), with style 0 throughout.
 */
struct layout_para *
layout_para_new_ucs(const uint32_t *text, int len, enum layout_dir dir,
    const struct layout_config *cfg)
{
	struct layout_para	*p;
	int			 i;

	if (len < 0)
		len = 0;
	p = layout_para_alloc(len, cfg);
	layout_para_size(p);
	for (i = 0; i < len; i++) {
		p->text[i] = text[i];
		p->byte[i] = (size_t)i;
	}
	layout_para_analyse(p, dir);
	return (p);
}

/* Free a paragraph and its lines; NULL is allowed. */
void
layout_para_free(struct layout_para *p)
{
	if (p == NULL)
		return;
	free(p->text);
	free(p->byte);
	free(p->arena);
	free(p->lines);
	free(p);
}

/* Add a line to a paragraph's lines. */
static struct layout_line *
layout_para_add_line(struct layout_para *p)
{
	if (p->nlines == p->lines_size) {
		p->lines_size = p->lines_size ? p->lines_size * 2 : 8;
		p->lines = xreallocarray(p->lines, (size_t)p->lines_size,
		    sizeof *p->lines);
	}
	return (&p->lines[p->nlines++]);
}

/*
 * Wrap a paragraph at width columns into p->lines (p->nlines of them; an
 * empty paragraph gives one empty line).  In app mode each line is in
 * visual order and RTL lines are right-aligned through their indent; in
 * terminal and off modes lines stay logical and left-aligned.  Returns the
 * number of lines.
 */
int
layout_para_wrap(struct layout_para *p, int width)
{
	struct layout_line	*ln;
	int			 start, end, cols, ncells, i, reorder;

	if (width < 1)
		width = 1;
	reorder = (p->config.mode == LAYOUT_MODE_APP);
	p->nlines = 0;
	ncells = 0;
	start = 0;
	do {
		end = layout_wrap_break(p, start, width, &cols);
		if (!reorder || layout_bidi_reorder(p, start, end - start,
		    true, p->map, p->line_levels) != 0) {
			for (i = start; i < end; i++)
				p->map[i] = i;
		}
		ln = layout_para_add_line(p);
		ln->cells = p->cells + ncells;
		ln->ncells = layout_wrap_cells(p, p->map, start, end - start,
		    ln->cells, &ln->width);
		ncells += ln->ncells;
		ln->rtl = p->rtl;
		ln->indent = 0;
		if (reorder && p->rtl && ln->width < width)
			ln->indent = width - ln->width;
		ln->start = start;
		ln->len = end - start;
		ln->map = p->map + start;
		start = end;
	} while (start < p->len);
	return (p->nlines);
}

/* The lines of the last wrap, left to right cells each; *n gets their count. */
const struct layout_line *
layout_para_lines(const struct layout_para *p, int *n)
{
	*n = p->nlines;
	return (p->lines);
}

/* Whether the paragraph resolved right-to-left (it is then right-aligned). */
bool
layout_para_rtl(const struct layout_para *p)
{
	return (p->rtl);
}

/* The paragraph's length in code points (the range of the cells' log). */
int
layout_para_length(const struct layout_para *p)
{
	return (p->len);
}

/* The columns a paragraph takes on one line, without trailing spaces. */
int
layout_para_width(const struct layout_para *p)
{
	int	cols;

	layout_wrap_fit(p, 0, INT32_MAX / 2, &cols);
	return (cols);
}

/* Columns of a paragraph without the spaces it ends with. */
static int
layout_trimmed_width(const struct layout_para *p)
{
	int	i, end, cols;

	end = p->len;
	while (end > 0 && (p->kind[end - 1] == LAYOUT_KIND_SPACE ||
	    p->kind[end - 1] == LAYOUT_KIND_STRIP))
		end--;
	for (cols = 0, i = 0; i < end; i++)
		cols += p->width[i];
	return (cols);
}

/*
 * Truncate a headline in logical order so that, laid out with the same
 * direction and config, it fits in width columns: whole letters with their
 * marks are kept and an ellipsis (U+2026) ends the text, which puts it on
 * the left of an RTL headline.  Returns a new string.
 */
char *
layout_truncate(const char *utf8, int width, enum layout_dir dir,
    const struct layout_config *cfg)
{
	struct layout_para	*p, *q;
	char			*out;
	size_t			 n;
	int			 end, cols, room;

	if (width < 1)
		return (xstrdup(""));
	p = layout_para_new(utf8, strlen(utf8), NULL, 0, dir, cfg);
	if (layout_trimmed_width(p) <= width) {
		layout_para_free(p);
		return (xstrdup(utf8));
	}
	out = NULL;
	for (room = width - 1; room >= 0; room--) {
		end = layout_wrap_fit(p, 0, room, &cols);
		while (end > 0 && (p->kind[end - 1] == LAYOUT_KIND_SPACE ||
		    p->kind[end - 1] == LAYOUT_KIND_STRIP))
			end--;
		n = end < p->len ? p->byte[end] : strlen(utf8);
		free(out);
		out = xmalloc(n + sizeof LAYOUT_ELLIPSIS);
		memcpy(out, utf8, n);
		memcpy(out + n, LAYOUT_ELLIPSIS, sizeof LAYOUT_ELLIPSIS);

		/* Shaping the cut text can change its width (lam-alef). */
		q = layout_para_new(out, strlen(out), NULL, 0, dir, cfg);
		cols = layout_trimmed_width(q);
		layout_para_free(q);
		if (cols <= width)
			break;
	}
	layout_para_free(p);
	return (out);
}

/* Parse a per-feed direction override: "auto", "rtl" or "ltr". */
int
layout_dir_parse(const char *s, enum layout_dir *dir, char **cause)
{
	if (strcmp(s, "auto") == 0)
		*dir = LAYOUT_DIR_AUTO;
	else if (strcmp(s, "rtl") == 0)
		*dir = LAYOUT_DIR_RTL;
	else if (strcmp(s, "ltr") == 0)
		*dir = LAYOUT_DIR_LTR;
	else {
		xasprintf(cause, "unknown direction \"%s\" (use auto, rtl "
		    "or ltr)", s);
		return (-1);
	}
	return (0);
}

/* The name of a direction hint. */
const char *
layout_dir_name(enum layout_dir dir)
{
	switch (dir) {
	case LAYOUT_DIR_LTR:
		return ("ltr");
	case LAYOUT_DIR_RTL:
		return ("rtl");
	case LAYOUT_DIR_FEED_RTL:
		return ("feed-rtl");
	case LAYOUT_DIR_AUTO:
	default:
		return ("auto");
	}
}

/*
 * The direction hint for the headlines and paragraphs of a feed, from the
 * direction its language implies and the user's per-feed override: an
 * override of rtl or ltr wins; a feed in an RTL language gets
 * LAYOUT_DIR_FEED_RTL, so "Apple تعلن ..." still reads right to left;
 * anything else lets the first strong character decide.
 */
enum layout_dir
layout_dir_for_feed(enum feed_dir language, enum feed_dir override)
{
	if (override == FEED_DIR_RTL)
		return (LAYOUT_DIR_RTL);
	if (override == FEED_DIR_LTR)
		return (LAYOUT_DIR_LTR);
	if (language == FEED_DIR_RTL)
		return (LAYOUT_DIR_FEED_RTL);
	return (LAYOUT_DIR_AUTO);
}
