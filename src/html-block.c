/*
 * The block the renderer is gathering: shown text appended with its style
 * runs (the elements' flags and the open link's number, which it gets
 * when its first shown text comes), white space collapsed to one blank
 * that waits for the next shown text, the text of a <pre> line by line
 * with its tabs expanded, and, at a block's end, the doc_block it makes:
 * its kind, direction, indent, quote depth and marker from the elements
 * around it, and whether a blank line comes before it. A table's cell is
 * gathered the same way into one line.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "doc.h"
#include "html-priv.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define HTML_BLOCK_TAB	8	/* tab stops in <pre> */

/* Add a run of a style over bytes [off, off + n) of the block's text. */
static void
html_block_run(struct html_render *r, size_t off, size_t n, int style)
{
	struct layout_run	*last;

	if (n == 0 || style == 0)
		return;
	if (r->nruns > 0) {
		last = &r->runs[r->nruns - 1];
		if (last->style == style && last->off + last->len == off) {
			last->len += n;
			return;
		}
	}
	if (r->nruns == r->runs_size) {
		r->runs_size = r->runs_size ? r->runs_size * 2 : 16;
		r->runs = xreallocarray(r->runs, r->runs_size,
		    sizeof *r->runs);
	}
	r->runs[r->nruns].off = off;
	r->runs[r->nruns].len = n;
	r->runs[r->nruns].style = style;
	r->nruns++;
}

/* The style of text shown now; the open link gets its number. */
static int
html_block_style(struct html_render *r)
{
	int	style = r->cx.style;

	if (r->link != NULL) {
		if (r->link->no == 0)
			r->link->no = doc_add_link(r->doc, r->link->url);
		style |= DOC_STYLE_LINK(r->link->no);
	}
	return (style);
}

/* Forget the block gathered so far. */
void
html_block_reset(struct html_render *r)
{
	str_clear(&r->text);
	r->nruns = 0;
	r->visible = false;
	r->media = true;
	r->space = false;
	r->br = false;
}

/*
 * Append n bytes of shown text, with the blank that waits before it and
 * extra style flags.
 */
void
html_block_put(struct html_render *r, const char *s, size_t n, int extra)
{
	if (n == 0)
		return;
	if (r->space && r->visible) {
		str_appendc(&r->text, ' ');
		html_block_run(r, r->text.len - 1, 1, r->space_style);
	}
	r->space = false;
	str_append(&r->text, s, n);
	html_block_run(r, r->text.len - n, n, html_block_style(r) | extra);
	r->visible = true;
	if (!(extra & DOC_PLACEHOLDER))
		r->media = false;
	r->brs = 0;
}

/* A blank waits, in the style of the text it was in. */
void
html_block_blank(struct html_render *r)
{
	if (r->space)
		return;
	r->space = true;
	r->space_style = r->cx.style;
	if (r->link != NULL && r->link->no > 0)
		r->space_style |= DOC_STYLE_LINK(r->link->no);
}

/*
 * Append format characters (isolates), which show nothing: an opening one
 * takes the blank that waits before it.
 */
void
html_block_format(struct html_render *r, const char *s, bool open)
{
	if (open && r->space && r->visible) {
		str_appendc(&r->text, ' ');
		html_block_run(r, r->text.len - 1, 1, r->space_style);
		r->space = false;
	}
	str_appends(&r->text, s);
}

/* Whether UTF-8 text shows nothing: blanks, NBSP, format characters. */
static bool
html_block_empty(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 i, k;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_fast(p + i, n - i, &c)) == 0)
			return (false);
		if (c == ' ' || c == 0xa0 || c == 0xad || c == 0x061c ||
		    (c >= 0x200b && c <= 0x200f) ||
		    (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2060 && c <= 0x2069) || c == 0xfeff)
			continue;
		return (false);
	}
	return (true);
}

/* Add a block of text to the doc in the context's place. */
struct doc_block *
html_block_add(struct html_render *r, enum doc_kind kind, const char *s,
    size_t n, const struct layout_run *runs, size_t nruns)
{
	struct doc_block	*b, *prev;
	size_t			 i;
	bool			 tight;

	prev = r->doc->nblocks > 0 ? &r->doc->blocks[r->doc->nblocks - 1] :
	    NULL;
	tight = r->br;
	if (prev != NULL) {
		/* Items of a list, and a list nested in an item. */
		if (kind == DOC_ITEM && r->marker != NULL &&
		    prev->kind == DOC_ITEM && !r->marker_first)
			tight = true;
		if (kind == DOC_DEFINITION && (prev->kind == DOC_TERM ||
		    prev->kind == DOC_DEFINITION))
			tight = true;
		if (kind == DOC_TERM && prev->kind == DOC_TERM)
			tight = true;
		if (r->cx.figure && r->doc->nblocks > r->figure_start)
			tight = true;
	}
	b = doc_add(r->doc, kind, s, n, r->cx.dir);
	for (i = 0; i < nruns; i++)
		doc_add_run(b, runs[i].off, runs[i].len, runs[i].style);
	b->indent = r->cx.indent;
	b->quote = r->cx.quote;
	b->level = r->cx.level;
	b->tight = prev != NULL && tight;
	if (r->marker != NULL && kind != DOC_RULE) {
		b->marker = r->marker;
		b->indent = r->marker_indent;
		r->marker = NULL;
	}
	return (b);
}

/*
 * End the block being gathered: added when it shows something, as a
 * placeholder line when that is all it has. In a table cell a block's
 * end is a blank.
 */
void
html_block_flush(struct html_render *r)
{
	enum doc_kind	kind = r->cx.kind;

	if (r->cell) {
		if (r->visible)
			html_block_blank(r);
		return;
	}
	if (!r->visible || html_block_empty(r->text.ptr, r->text.len)) {
		html_block_reset(r);
		return;
	}
	if (r->media && (kind == DOC_PARA || kind == DOC_QUOTE))
		kind = DOC_MEDIA;
	html_block_add(r, kind, r->text.ptr, r->text.len, r->runs,
	    r->nruns);
	html_block_reset(r);
}

/* A block element starts or ends: the text so far is a block of its own. */
void
html_block_boundary(struct html_render *r)
{
	html_block_flush(r);
	r->br = false;
	r->brs = 0;
}

/* A line of a <pre> ends (or the <pre> does, with what it has). */
void
html_block_pre_line(struct html_render *r, bool last)
{
	struct doc_block	*b;

	if (r->cell) {
		html_block_blank(r);
		return;
	}
	if (last && r->text.len == 0)
		return;
	b = html_block_add(r, DOC_PRE, str_cstr(&r->text), r->text.len,
	    r->runs, r->nruns);
	b->tight = r->pre_lines > 0;
	r->pre_lines++;
	html_block_reset(r);
	r->col = 0;
}

/* Text inside a <pre>: blanks kept, tabs expanded, one block a line. */
static void
html_block_pre_text(struct html_render *r, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 i, k, span;

	/* A line end right after <pre> is not the text's (HTML says). */
	if (r->pre_lines == 0 && r->text.len == 0 && r->col == 0 &&
	    !r->pre_text && len > 0 && (p[0] == '\n' || (p[0] == '\r' &&
	    p[1] == '\n'))) {
		i = p[0] == '\r' ? 2 : 1;
		s += i;
		p += i;
		len -= i;
	}
	r->pre_text = true;
	for (i = span = 0; i < len; i += k) {
		if ((k = utf8_fast(p + i, len - i, &c)) == 0) {
			html_block_put(r, s + span, i - span, 0);
			span = i + 1;
			k = 1;
			continue;
		}
		if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
			/* Columns as the terminal counts them. */
			if (c < 0x300)
				r->col++;
			else if (wcwidth((wchar_t)c) > 0)
				r->col += wcwidth((wchar_t)c);
			continue;
		}
		html_block_put(r, s + span, i - span, 0);
		span = i + k;
		if (c == '\t') {
			do {
				html_block_put(r, " ", 1, 0);
			} while (++r->col % HTML_BLOCK_TAB != 0);
		} else if (c == '\n' || (c == '\r' && p[i + 1] != '\n'))
			html_block_pre_line(r, false);
	}
	html_block_put(r, s + span, len - span, 0);
}

/*
 * A text node: white space collapsed to one blank that waits for the
 * next shown text, control characters dropped.
 */
void
html_block_text(struct html_render *r, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 i, k, span;

	if (r->cx.pre) {
		html_block_pre_text(r, s, len);
		return;
	}
	for (i = span = 0; i < len; i += k) {
		if (p[i] >= 0x21 && p[i] < 0x7f) {
			k = 1;
			continue;
		}
		/* Two-byte characters from U+00C0 on are all shown. */
		if (p[i] >= 0xc3 && p[i] <= 0xdf && i + 1 < len &&
		    (p[i + 1] & 0xc0) == 0x80) {
			k = 2;
			continue;
		}
		/*
		 * One blank between shown text of this node and a shown
		 * character stays in the span: putting the span, a waiting
		 * blank and the rest would give the same text, and the same
		 * runs, as the blank takes the style of the text around it.
		 */
		if (p[i] == ' ' && i > span && i + 1 < len &&
		    ((p[i + 1] >= 0x21 && p[i + 1] < 0x7f) ||
		    (p[i + 1] >= 0xc3 && p[i + 1] <= 0xdf && i + 2 < len &&
		    (p[i + 2] & 0xc0) == 0x80))) {
			k = 1;
			continue;
		}
		if ((k = utf8_fast(p + i, len - i, &c)) == 0) {
			c = 0;
			k = 1;
		} else if ((c >= 0xa0 && c != 0xad) || (c > 0x20 && c < 0x7f))
			continue;
		html_block_put(r, s + span, i - span, 0);
		span = i + k;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f')
			html_block_blank(r);
	}
	html_block_put(r, s + span, len - span, 0);
}

/* Append a link's "[n]" after its text (or the block its text ended). */
void
html_block_linkno(struct html_render *r, int no, size_t blocks)
{
	char	buf[32];
	int	n;

	n = snprintf(buf, sizeof buf, "[%d]", no);
	if (r->visible) {
		str_append(&r->text, buf, (size_t)n);
		html_block_run(r, r->text.len - (size_t)n, (size_t)n,
		    (r->cx.style & ~DOC_LINK) | DOC_STYLE_LINK(no));
		r->brs = 0;
	} else if (!r->cell && r->doc->nblocks > blocks)
		doc_append(&r->doc->blocks[r->doc->nblocks - 1], buf,
		    (size_t)n, DOC_STYLE_LINK(no));
}

/* A placeholder, "[word: what]", with blanks around it. */
void
html_block_placeholder(struct html_render *r, const char *word,
    const char *what)
{
	struct str	s;

	str_init(&s);
	str_appendc(&s, '[');
	str_appends(&s, word);
	if (what != NULL && *what != '\0') {
		str_appends(&s, ": ");
		str_appends(&s, what);
	}
	str_appendc(&s, ']');
	if (r->visible)
		html_block_blank(r);
	html_block_put(r, s.ptr, s.len, DOC_PLACEHOLDER);
	str_free(&s);
}

