/*
 * A rendered article as blocks of styled text (doc.h). The blocks own their
 * text and runs; links are numbered from 1 and shared by every block.
 *
 * doc_from_text() makes one from plain text: paragraphs on blank lines,
 * bare http(s) URLs numbered. doc_text() sets a whole article at a width
 * the way the article view does (doc.h says how) and gives its lines as
 * text, in logical order for scripts or in visual order for the tests.
 */
#include "config.h"

#include "doc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sanitize.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define DOC_BAR		0x2502	/* BOX DRAWINGS LIGHT VERTICAL */
#define DOC_RULE_CHAR	0x2500	/* BOX DRAWINGS LIGHT HORIZONTAL */
#define DOC_NOWRAP	(1 << 20)	/* the width PRE and ROW are set at */
#define DOC_MIN_AVAIL	4	/* the fewest columns a block's text gets */

/* Make an empty article. */
struct doc *
doc_new(void)
{
	return (xcalloc(1, sizeof (struct doc)));
}

/* Free an article and everything it owns; NULL is allowed. */
void
doc_free(struct doc *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		free(d->blocks[i].runs);
		free(d->blocks[i].marker);
	}
	free(d->blocks);
	for (i = 0; i < d->nlinks; i++)
		free(d->links[i].url);
	free(d->links);
	free(d->link_index);
	free(d);
}

/* Add a block with a copy of len bytes of text; returns it for runs. */
struct doc_block *
doc_add(struct doc *d, enum doc_kind kind, const char *text, size_t len,
    enum layout_dir dir)
{
	struct doc_block	*b;

	if (d->nblocks == d->blocks_size) {
		d->blocks_size = d->blocks_size ? d->blocks_size * 2 : 16;
		d->blocks = xreallocarray(d->blocks, d->blocks_size,
		    sizeof *d->blocks);
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = xstrndup(text, len);
	b->len = strlen(b->text);
	b->dir = kind == DOC_PRE ? LAYOUT_DIR_LTR : dir;
	return (b);
}

/*
 * Give bytes [off, off + len) of a block a style. Runs are kept in order
 * and must not overlap (the layout gives each byte the style of the last
 * run over it); a run that goes on where the last one ends, in the same
 * style, makes it longer.
 */
void
doc_add_run(struct doc_block *b, size_t off, size_t len, int style)
{
	struct layout_run	*last;
	size_t			 n = b->nruns;

	if (off >= b->len || len == 0)
		return;
	if (len > b->len - off)
		len = b->len - off;
	if (n > 0) {
		last = &b->runs[n - 1];
		if (last->style == style && last->off + last->len == off) {
			last->len += len;
			return;
		}
	}
	/* Room doubles at 4, 8, 16, ... runs. */
	if (n == 0 || (n >= 4 && (n & (n - 1)) == 0))
		b->runs = xreallocarray(b->runs, n == 0 ? 4 : 2 * n,
		    sizeof *b->runs);
	b->runs[n].off = off;
	b->runs[n].len = len;
	b->runs[n].style = style;
	b->nruns++;
}

/*
 * Append len bytes of text with a style (0: none) to a block, for what is
 * found after the block was added.
 */
void
doc_append(struct doc_block *b, const char *text, size_t len, int style)
{
	size_t	off = b->len;

	if (len == 0)
		return;
	b->text = xrealloc(b->text, b->len + len + 1);
	memcpy(b->text + b->len, text, len);
	b->len += len;
	b->text[b->len] = '\0';
	if (style != 0)
		doc_add_run(b, off, len, style);
}

/* The hash of a URL (FNV-1a). */
static size_t
doc_link_hash(const char *s)
{
	size_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h);
}

/* Index link i (from 0) by its URL, growing the index at half full. */
static void
doc_link_index(struct doc *d, size_t i)
{
	size_t	k, mask, j;

	if (2 * (d->nlinks + 1) > d->link_index_size) {
		free(d->link_index);
		d->link_index_size = d->link_index_size ?
		    d->link_index_size * 2 : 32;
		d->link_index = xcalloc(d->link_index_size,
		    sizeof *d->link_index);
		for (j = 0; j < d->nlinks; j++)
			doc_link_index(d, j);
	}
	mask = d->link_index_size - 1;
	for (k = doc_link_hash(d->links[i].url) & mask;
	    d->link_index[k] != 0; k = (k + 1) & mask)
		;
	d->link_index[k] = i + 1;
}

/*
 * Number a link of a kind (the same URL keeps its number and first
 * kind); returns it, from 1.
 */
int
doc_add_link_kind(struct doc *d, const char *url, enum doc_link_kind kind)
{
	size_t	k, mask;

	if (d->link_index_size > 0) {
		mask = d->link_index_size - 1;
		for (k = doc_link_hash(url) & mask; d->link_index[k] != 0;
		    k = (k + 1) & mask) {
			if (strcmp(d->links[d->link_index[k] - 1].url,
			    url) == 0)
				return ((int)d->link_index[k]);
		}
	}
	if (d->nlinks == d->links_size) {
		d->links_size = d->links_size ? d->links_size * 2 : 8;
		d->links = xreallocarray(d->links, d->links_size,
		    sizeof *d->links);
	}
	d->links[d->nlinks].url = xstrdup(url);
	d->links[d->nlinks].kind = kind;
	doc_link_index(d, d->nlinks);
	return ((int)++d->nlinks);
}

/* Number a link to a page; returns it, from 1. */
int
doc_add_link(struct doc *d, const char *url)
{
	return (doc_add_link_kind(d, url, DOC_LINK_PAGE));
}

/* The length of a bare URL at p (http, https), or 0. */
static size_t
doc_url_len(const char *p)
{
	size_t	n;

	if (strncasecmp(p, "https://", 8) == 0)
		n = 8;
	else if (strncasecmp(p, "http://", 7) == 0)
		n = 7;
	else
		return (0);
	while (p[n] != '\0' && (unsigned char)p[n] > ' ' &&
	    (unsigned char)p[n] < 0x7f && strchr("<>\"[]", p[n]) == NULL)
		n++;
	/* Sentence punctuation after a URL is not part of it. */
	while (n > 0 && strchr(".,;:!?)]'", p[n - 1]) != NULL)
		n--;
	return (n);
}

/* Add a paragraph-like block, numbering and styling its bare URLs. */
static struct doc_block *
doc_add_text(struct doc *d, enum doc_kind kind, const char *text,
    enum layout_dir dir)
{
	struct doc_block	*b;
	char			*url;
	size_t			 i, n;
	int			 k;

	b = doc_add(d, kind, text, strlen(text), dir);
	for (i = 0; i < b->len; i++) {
		if (i > 0 && b->text[i - 1] != ' ' && b->text[i - 1] != '(')
			continue;
		if ((n = doc_url_len(b->text + i)) <= 8)
			continue;
		url = xstrndup(b->text + i, n);
		k = doc_add_link(d, url);
		free(url);
		doc_add_run(b, i, n, DOC_STYLE_LINK(k));
		i += n - 1;
	}
	return (b);
}

/*
 * Fill a doc from plain text: paragraphs on blank lines, the lines of one
 * paragraph joined with spaces, bare URLs numbered.
 */
void
doc_from_text(struct doc *d, const char *text, enum layout_dir dir)
{
	struct str	 para;
	char		*clean, *line, *next, *p;

	if (text == NULL)
		return;
	clean = sanitize_text(text, strlen(text));
	str_init(&para);
	for (line = clean; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		/* A line's own blanks at its ends go; blank lines part. */
		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		for (p = line + strlen(line); p > line && (p[-1] == ' ' ||
		    p[-1] == '\t' || p[-1] == '\r'); p--)
			*(p - 1) = '\0';
		if (*line == '\0') {
			if (para.len > 0)
				doc_add_text(d, DOC_PARA, str_cstr(&para), dir);
			str_clear(&para);
			continue;
		}
		if (para.len > 0)
			str_appendc(&para, ' ');
		/* A tab is a blank, one column as the layout sets it. */
		for (p = line; *p != '\0'; p++) {
			if (*p == '\t')
				*p = ' ';
		}
		str_appends(&para, line);
	}
	if (para.len > 0)
		doc_add_text(d, DOC_PARA, str_cstr(&para), dir);
	str_free(&para);
	free(clean);
}


/* One column of a line being set in visual order. */
struct doc_col {
	wchar_t		 ch[LAYOUT_MARKS + 2];	/* base, marks, 0; 0: blank */
	bool		 cont;		/* the right half of a wide character */
};

/* A line being set: columns, and the text of the lines so far. */
struct doc_text {
	struct str	 out;
	const struct layout_config *cfg;
	bool		 visual;
	int		 width;
	struct doc_col	*cols;
	int		 ncols;
	int		 size;
};

/* Make room for columns [0, n) of the line and clear them. */
static void
doc_text_clear(struct doc_text *t, int n)
{
	if (n > t->size) {
		t->size = n;
		t->cols = xreallocarray(t->cols, (size_t)n, sizeof *t->cols);
	}
	memset(t->cols, 0, (size_t)n * sizeof *t->cols);
	t->ncols = n;
}

/* Put a character in column x (out of the line: dropped). */
static void
doc_text_put(struct doc_text *t, int x, wchar_t c)
{
	if (x >= 0 && x < t->ncols) {
		memset(&t->cols[x], 0, sizeof t->cols[x]);
		t->cols[x].ch[0] = c;
	}
}

/* Put a laid-out line's cells from column x on. */
static void
doc_text_cells(struct doc_text *t, int x, const struct layout_line *ln)
{
	int	i;

	for (i = 0; i < ln->ncells; i++) {
		if (x >= 0 && x < t->ncols) {
			memcpy(t->cols[x].ch, ln->cells[i].ch,
			    sizeof t->cols[x].ch);
			t->cols[x].cont = false;
			if (ln->cells[i].width == 2 && x + 1 < t->ncols) {
				memset(&t->cols[x + 1], 0, sizeof t->cols[x]);
				t->cols[x + 1].cont = true;
			}
		}
		x += ln->cells[i].width;
	}
}

/* End the visual line: its columns as UTF-8, trailing blanks cut. */
static void
doc_text_flush(struct doc_text *t)
{
	int	x, last, k;

	for (last = t->ncols - 1; last >= 0; last--) {
		if (t->cols[last].ch[0] != 0 && t->cols[last].ch[0] != ' ')
			break;
	}
	for (x = 0; x <= last; x++) {
		if (t->cols[x].cont)
			continue;
		if (t->cols[x].ch[0] == 0) {
			str_appendc(&t->out, ' ');
			continue;
		}
		for (k = 0; k < LAYOUT_MARKS + 2 && t->cols[x].ch[k] != 0; k++)
			utf8_put(&t->out, (unsigned int)t->cols[x].ch[k]);
	}
	str_appendc(&t->out, '\n');
}

/*
 * Append bytes of logical text, cutting the blanks it ends with; a tab,
 * or a line end a block should not have, is one blank, as the layout
 * counts it.
 */
static void
doc_text_logical(struct doc_text *t, const char *s, size_t n)
{
	size_t	i;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	for (i = 0; i < n; i++)
		str_appendc(&t->out, s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' ? ' ' : s[i]);
}

/* The byte offset of each code point of text, as the layout decodes it. */
static size_t *
doc_text_offsets(const char *text, size_t len, int *n)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			*off, i, k, want;
	unsigned int		 c;

	off = xreallocarray(NULL, len + 1, sizeof *off);
	for (i = 0, *n = 0; i < len; i += k) {
		off[(*n)++] = i;
		if ((k = utf8_char(s + i, len - i, &c)) == 0) {
			k = 1;
			if (s[i] >= 0xc2 && s[i] <= 0xf4) {
				want = s[i] < 0xe0 ? 2 : s[i] < 0xf0 ? 3 : 4;
				while (i + k < len && k < want &&
				    (s[i + k] & 0xc0) == 0x80)
					k++;
			}
		}
	}
	off[*n] = len;
	return (off);
}

/* Set one block at the width into t's lines. */
static void
doc_text_block(struct doc_text *t, const struct doc_block *b)
{
	struct layout_para		*p, *m = NULL;
	const struct layout_line	*lines, *ml = NULL;
	size_t				*off;
	int				 n, nm, i, k, mw = 0, avail, area, x;
	int				 noff, span, cols;
	bool				 rtl;

	p = layout_para_new(b->text, b->len, b->runs, b->nruns, b->dir,
	    t->cfg);
	rtl = layout_para_rtl(p);
	if (b->marker != NULL && *b->marker != '\0') {
		m = layout_para_new(b->marker, strlen(b->marker), NULL, 0,
		    rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR, t->cfg);
		layout_para_wrap(m, DOC_NOWRAP);
		ml = layout_para_lines(m, &nm);
		mw = ml[0].width + 1;
	}
	area = t->width - b->indent;
	avail = area - mw;
	if (avail < DOC_MIN_AVAIL)
		avail = DOC_MIN_AVAIL;
	if (b->kind == DOC_RULE) {
		n = 1;
		lines = NULL;
	} else {
		layout_para_wrap(p, b->kind == DOC_PRE || b->kind == DOC_ROW ?
		    DOC_NOWRAP : avail);
		lines = layout_para_lines(p, &n);
	}
	off = doc_text_offsets(b->text, b->len, &noff);
	for (i = 0; i < n; i++) {
		if (!t->visual) {
			for (k = 0; k < b->quote; k++) {
				utf8_put(&t->out, DOC_BAR);
				str_appendc(&t->out, ' ');
			}
			for (k = 2 * b->quote; k < b->indent; k++)
				str_appendc(&t->out, ' ');
			if (mw > 0 && i == 0) {
				str_appends(&t->out, b->marker);
				str_appendc(&t->out, ' ');
			} else if (mw > 0) {
				for (k = 0; k < mw; k++)
					str_appendc(&t->out, ' ');
			}
			if (lines == NULL) {
				for (k = 0; k < (area > 1 ? area : 1); k++)
					utf8_put(&t->out, DOC_RULE_CHAR);
			} else {
				span = lines[i].start + lines[i].len;
				doc_text_logical(t, b->text +
				    off[lines[i].start], off[span] -
				    off[lines[i].start]);
			}
			/* The marker may be all there is: cut its blank. */
			while (t->out.len > 0 && t->out.ptr[t->out.len - 1] ==
			    ' ')
				t->out.ptr[--t->out.len] = '\0';
			str_appendc(&t->out, '\n');
			continue;
		}
		cols = lines != NULL ? lines[i].width : 0;
		doc_text_clear(t, t->width > b->indent + mw + cols ?
		    t->width : b->indent + mw + cols);
		for (k = 0; k < b->quote; k++)
			doc_text_put(t, rtl ? t->width - 1 - 2 * k : 2 * k,
			    DOC_BAR);
		if (lines == NULL) {
			for (k = 0; k < area; k++)
				doc_text_put(t, rtl ? k : b->indent + k,
				    DOC_RULE_CHAR);
		} else if (!rtl) {
			if (ml != NULL && i == 0)
				doc_text_cells(t, b->indent, &ml[0]);
			doc_text_cells(t, b->indent + mw, &lines[i]);
		} else {
			if (ml != NULL && i == 0)
				doc_text_cells(t, t->width - b->indent -
				    ml[0].width, &ml[0]);
			x = t->width - b->indent - mw - cols;
			doc_text_cells(t, x > 0 ? x : 0, &lines[i]);
		}
		doc_text_flush(t);
	}
	free(off);
	layout_para_free(m);
	layout_para_free(p);
}

/*
 * A whole article set at width columns as doc.h describes, as lines of
 * text, each ending in a newline: in logical order (the text of each
 * wrapped line with its indent, bars and marker before it, for scripts
 * and terminals that do their own bidi), or in visual order (the cells as
 * the article view paints them, left to right, RTL lines right-aligned;
 * shaped when the config shapes). Trailing blanks are cut. The config is
 * the layout's (NULL: the defaults); lines break where the view's do.
 */
char *
doc_text(const struct doc *d, int width, const struct layout_config *cfg,
    bool visual)
{
	struct layout_config	 c;
	struct doc_text		 t;
	size_t			 i;

	if (cfg != NULL)
		c = *cfg;
	else
		layout_config_default(&c);
	if (visual)
		c.mode = LAYOUT_MODE_APP;
	memset(&t, 0, sizeof t);
	str_init(&t.out);
	t.cfg = &c;
	t.visual = visual;
	t.width = width > DOC_MIN_AVAIL ? width : DOC_MIN_AVAIL;
	for (i = 0; i < d->nblocks; i++) {
		if (i > 0 && !d->blocks[i].tight)
			str_appendc(&t.out, '\n');
		doc_text_block(&t, &d->blocks[i]);
	}
	free(t.cols);
	return (str_steal(&t.out));
}
