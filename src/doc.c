/*
 * A rendered article as blocks of styled text (doc.h). The blocks own their
 * text and runs; links are numbered from 1 and shared by every block.
 *
 * Until the HTML renderer fills a doc from markup, two interim fillers make
 * one from what the cache holds: plain text becomes paragraphs on blank
 * lines, and HTML is cut into blocks at its block-level tags, each block's
 * text taken by html_strip(), with the targets of <a href>
 * numbered and a "[n]" mark after each link's text. Both find bare http(s)
 * URLs in the text and number them too.
 */
#include "config.h"

#include "doc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "sanitize.h"
#include "str.h"
#include "xmalloc.h"

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

/* Give bytes [off, off + len) of a block a style (runs are kept in order). */
void
doc_add_run(struct doc_block *b, size_t off, size_t len, int style)
{
	if (off >= b->len || len == 0)
		return;
	if (len > b->len - off)
		len = b->len - off;
	b->runs = xreallocarray(b->runs, b->nruns + 1, sizeof *b->runs);
	b->runs[b->nruns].off = off;
	b->runs[b->nruns].len = len;
	b->runs[b->nruns].style = style;
	b->nruns++;
}

/* Number a link (the same URL keeps its number); returns it, from 1. */
int
doc_add_link(struct doc *d, const char *url)
{
	size_t	i;

	for (i = 0; i < d->nlinks; i++) {
		if (strcmp(d->links[i].url, url) == 0)
			return ((int)i + 1);
	}
	if (d->nlinks == d->links_size) {
		d->links_size = d->links_size ? d->links_size * 2 : 8;
		d->links = xreallocarray(d->links, d->links_size,
		    sizeof *d->links);
	}
	d->links[d->nlinks].url = xstrdup(url);
	return ((int)++d->nlinks);
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

/* Style every "[n]" of a block that names one of the doc's links. */
static void
doc_mark_refs(struct doc *d, struct doc_block *b)
{
	char	*p, *end;
	long	 k;

	for (p = b->text; (p = strchr(p, '[')) != NULL; p++) {
		k = strtol(p + 1, &end, 10);
		if (end == p + 1 || *end != ']' || k < 1 ||
		    (size_t)k > d->nlinks)
			continue;
		doc_add_run(b, (size_t)(p - b->text),
		    (size_t)(end + 1 - p), DOC_STYLE_LINK((int)k));
	}
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
	bool		 blank;

	if (text == NULL)
		return;
	clean = sanitize_text(text, strlen(text));
	str_init(&para);
	for (line = clean; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		blank = true;
		for (p = line; *p != '\0'; p++) {
			if (*p != ' ' && *p != '\t' && *p != '\r')
				blank = false;
		}
		if (blank) {
			if (para.len > 0)
				doc_add_text(d, DOC_PARA, str_cstr(&para), dir);
			str_clear(&para);
			continue;
		}
		if (para.len > 0)
			str_appendc(&para, ' ');
		str_appends(&para, line);
	}
	if (para.len > 0)
		doc_add_text(d, DOC_PARA, str_cstr(&para), dir);
	str_free(&para);
	free(clean);
}

/* The tags that end a block in the interim HTML filler. */
static const char *doc_html_blocks[] = {
	"address", "article", "aside", "blockquote", "br", "caption",
	"dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1",
	"h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
	"section", "table", "td", "th", "tr", "ul", NULL
};

/* The interim HTML filler's state. */
struct doc_html {
	struct doc	*doc;
	struct str	 chunk;		/* raw HTML of the block so far */
	enum layout_dir	 dir;		/* the article's hint */
	enum layout_dir	 block_dir;	/* a dir="" on the block's tag */
	int		 quote;		/* blockquote depth */
	int		 list;		/* ul/ol depth */
	int		 ordered[8];	/* next number of each ol, 0 for ul */
	int		 heading;	/* inside hN: N */
	int		 pre;		/* inside pre */
	bool		 item;		/* the block started at an li */
	int		 link;		/* the open <a>'s number, 0 none */
};

/* An attribute's value in a tag's text (p..end), decoded, or NULL. */
static char *
doc_html_attr(const char *p, const char *end, const char *name)
{
	size_t		 n = strlen(name);
	const char	*v, *ve;
	char		*raw, *out;
	char		 q;

	for (; p + n < end; p++) {
		if ((p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n') ||
		    strncasecmp(p, name, n) != 0)
			continue;
		v = p + n;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= end || *v != '=')
			continue;
		v++;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v < end && (*v == '"' || *v == '\'')) {
			q = *v++;
			for (ve = v; ve < end && *ve != q; ve++)
				/* nothing */;
		} else {
			for (ve = v; ve < end && *ve != ' ' && *ve != '>';
			    ve++)
				/* nothing */;
		}
		raw = xstrndup(v, (size_t)(ve - v));
		out = html_strip(raw, strlen(raw));	/* &amp; */
		free(raw);
		return (out);
	}
	return (NULL);
}

/* End the block being gathered, adding it when it has text. */
static void
doc_html_flush(struct doc_html *h)
{
	struct doc_block	*b;
	enum doc_kind		 kind;
	enum layout_dir		 dir;
	char			*text, *line, *next, *t;
	size_t			 lead;
	bool			 first = true;

	if (h->chunk.len == 0)
		return;
	dir = h->block_dir != LAYOUT_DIR_AUTO ? h->block_dir : h->dir;
	if (h->pre) {
		/* Verbatim: one block per line, leading blanks kept. */
		for (line = h->chunk.ptr; line != NULL; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			for (lead = 0; line[lead] == ' '; lead++)
				/* nothing */;
			t = html_strip(line, strlen(line));
			/* The newline right after <pre> and the last one. */
			if (*t != '\0' || (next != NULL && !first)) {
				xasprintf(&text, "%*s%s", (int)lead, "", t);
				b = doc_add(h->doc, DOC_PRE, text,
				    strlen(text), LAYOUT_DIR_LTR);
				b->indent = 2 * h->quote;
				b->level = h->quote;
				free(text);
			}
			first = false;
			free(t);
		}
		str_clear(&h->chunk);
		return;
	}
	text = html_strip(h->chunk.ptr, h->chunk.len);
	str_clear(&h->chunk);
	if (*text == '\0') {
		free(text);
		return;
	}
	if (h->heading)
		kind = DOC_HEADING;
	else if (h->item)
		kind = DOC_ITEM;
	else if (h->quote)
		kind = DOC_QUOTE;
	else
		kind = DOC_PARA;
	b = doc_add_text(h->doc, kind, text, dir);
	doc_mark_refs(h->doc, b);
	free(text);
	b->level = kind == DOC_HEADING ? h->heading :
	    kind == DOC_QUOTE ? h->quote : h->list;
	b->indent = 2 * h->quote + (h->list > 1 ? 2 * (h->list - 1) : 0);
	if (kind == DOC_ITEM) {
		if (h->list > 0 && h->list <= 8 && h->ordered[h->list - 1] > 0)
			xasprintf(&b->marker, "%d.",
			    h->ordered[h->list - 1]++);
		else
			b->marker = xstrdup("\xe2\x80\xa2");	/* U+2022 */
		h->item = false;
	}
}

/* Handle one tag, p..end being "<...>" without the brackets' contents. */
static void
doc_html_tag(struct doc_html *h, const char *p, const char *end)
{
	const char	*name = p + 1;
	char		*v;
	size_t		 len, k;
	int		 close = 0, block = 0;

	if (*name == '/') {
		close = 1;
		name++;
	}
	for (len = 0; name + len < end; len++) {
		char c = name[len] | 0x20;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			break;
	}
	for (k = 0; doc_html_blocks[k] != NULL; k++) {
		if (strlen(doc_html_blocks[k]) == len &&
		    strncasecmp(name, doc_html_blocks[k], len) == 0) {
			block = 1;
			break;
		}
	}
	if (len == 1 && (name[0] | 0x20) == 'a') {
		if (close) {
			if (h->link > 0) {
				str_printf(&h->chunk, "[%d]", h->link);
				h->link = 0;
			}
		} else if ((v = doc_html_attr(name + 1, end, "href")) != NULL) {
			if (*v != '\0' && *v != '#')
				h->link = doc_add_link(h->doc, v);
			free(v);
		}
		return;
	}
	if (!block) {
		str_append(&h->chunk, p, (size_t)(end - p) + 1);
		return;
	}
	doc_html_flush(h);
	h->block_dir = LAYOUT_DIR_AUTO;
	if (!close && (v = doc_html_attr(name + len, end, "dir")) != NULL) {
		if (strcasecmp(v, "rtl") == 0)
			h->block_dir = LAYOUT_DIR_RTL;
		else if (strcasecmp(v, "ltr") == 0)
			h->block_dir = LAYOUT_DIR_LTR;
		free(v);
	}
	if (len == 10 && strncasecmp(name, "blockquote", 10) == 0)
		h->quote += close ? (h->quote > 0 ? -1 : 0) : 1;
	else if (len == 3 && strncasecmp(name, "pre", 3) == 0)
		h->pre = !close;
	else if (len == 2 && ((name[0] | 0x20) == 'u' ||
	    (name[0] | 0x20) == 'o') && (name[1] | 0x20) == 'l') {
		if (close) {
			if (h->list > 0)
				h->list--;
		} else {
			if (h->list < 8)
				h->ordered[h->list] =
				    (name[0] | 0x20) == 'o' ? 1 : 0;
			h->list++;
		}
	} else if (len == 2 && (name[0] | 0x20) == 'l' &&
	    (name[1] | 0x20) == 'i')
		h->item = !close;
	else if (len == 2 && (name[0] | 0x20) == 'h' && name[1] >= '1' &&
	    name[1] <= '6')
		h->heading = close ? 0 : name[1] - '0';
}

/*
 * Fill a doc from HTML (the interim filler, until the HTML renderer
 * lands): blocks cut at block-level tags, their text as
 * html_strip() gives it, links numbered with a "[n]" after
 * their text, list items with markers, headings, quotes and verbatim
 * preformatted lines.
 */
void
doc_from_html(struct doc *d, const char *html, enum layout_dir dir)
{
	struct doc_html	 h;
	const char	*p, *q, *end, *close;
	size_t		 n;

	if (html == NULL)
		return;
	memset(&h, 0, sizeof h);
	h.doc = d;
	h.dir = dir;
	str_init(&h.chunk);
	end = html + strlen(html);
	for (p = html; p < end; p = q) {
		if (*p != '<' || p + 1 >= end ||
		    !(p[1] == '/' || p[1] == '!' || p[1] == '?' ||
		    ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z'))) {
			for (q = p + 1; q < end && *q != '<'; q++)
				/* nothing */;
			str_append(&h.chunk, p, (size_t)(q - p));
			continue;
		}
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = strstr(p + 4, "-->");
			q = q != NULL ? q + 3 : end;
			continue;
		}
		if ((end - p >= 7 && strncasecmp(p, "<script", 7) == 0) ||
		    (end - p >= 6 && strncasecmp(p, "<style", 6) == 0)) {
			close = (p[2] | 0x20) == 'c' ? "</script" : "</style";
			n = strlen(close);
			for (q = p + 1; q + n <= end &&
			    strncasecmp(q, close, n) != 0; q++)
				/* nothing */;
			while (q < end && *q != '>')
				q++;
			if (q < end)
				q++;
			continue;
		}
		for (q = p; q < end && *q != '>'; q++)
			/* nothing */;
		if (q == end) {
			str_append(&h.chunk, p, (size_t)(end - p));
			break;
		}
		doc_html_tag(&h, p, q);
		q++;
	}
	if (h.link > 0)
		str_printf(&h.chunk, "[%d]", h.link);
	doc_html_flush(&h);
	str_free(&h.chunk);
}
