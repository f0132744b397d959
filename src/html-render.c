/*
 * The article renderer: feed HTML to blocks of styled text (doc.h), as a
 * browser would show it, for a terminal. libxml2's HTML parser (html.c)
 * reads the body into a tree, forgiving what feeds send; the walk over it
 * drops what a reader does not see (scripts, styles, frames, forms,
 * hidden elements, tracking pixels), collapses white space as a browser
 * does, and cuts the text into blocks at block elements: paragraphs,
 * headings, list items with their markers, quotes, verbatim lines, rules,
 * definition lists, figures and their captions (html-block.c gathers each
 * block, html-list.c numbers the lists). Tables are gathered cell by cell
 * and set by html-table.c. Inline elements give their text style flags;
 * links are numbered when their text is first shown, "[n]" after it;
 * images, audio and video become placeholders numbered among them
 * (html-media.c), and only safe links are offered (html-url.c).
 *
 * Direction: dir= on a block element is its paragraphs' hint, lang= an RTL
 * language one too, and the feed's hint is what is left; dir= on an inline
 * element, <bdi>, <bdo> and inline code isolate their text (U+2066-2069)
 * so that it keeps its own order inside the paragraph.
 *
 * Bounds: at most HTML_RENDER_MAX bytes are read (the rest is cut, and
 * says so), libxml2 stops at 256 elements deep, the walk at
 * HTML_RENDER_DEPTH. A body that is only escaped markup ("&lt;p&gt;") is
 * read again, unescaped, up to twice.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "html-priv.h"
#include "i18n.h"
#include "sanitize.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define HTML_RENDER_MAX		(2 * 1024 * 1024)	/* bytes read */
#define HTML_RENDER_DEPTH	300	/* elements walked into */
#define HTML_RENDER_ESCAPES	2	/* layers of escaping undone */
#define HTML_RENDER_WIDTH	80	/* columns when the caller says none */
#define HTML_RENDER_COLUMNS	32	/* a table wider is a page's layout */

#define HTML_LRI	"\xe2\x81\xa6"	/* U+2066 LEFT-TO-RIGHT ISOLATE */
#define HTML_RLI	"\xe2\x81\xa7"	/* U+2067 RIGHT-TO-LEFT ISOLATE */
#define HTML_FSI	"\xe2\x81\xa8"	/* U+2068 FIRST STRONG ISOLATE */
#define HTML_PDI	"\xe2\x81\xa9"	/* U+2069 POP DIRECTIONAL ISOLATE */
#define HTML_LRO	"\xe2\x80\xad"	/* U+202D LEFT-TO-RIGHT OVERRIDE */
#define HTML_RLO	"\xe2\x80\xae"	/* U+202E RIGHT-TO-LEFT OVERRIDE */
#define HTML_PDF	"\xe2\x80\xac"	/* U+202C POP DIRECTIONAL FORMATTING */
#define HTML_ELLIPSIS	"[\xe2\x80\xa6]"	/* "[…]" */

/* The renderer's words in English, for gettext to translate. */
const char *const html_words[HTML_WORDS] = {
	/* TRANSLATORS: placeholders in an article's text: "[image: what
	   the picture shows]", "[audio: 12 MB, audio/mpeg]", "[video]". */
	N_("image"),
	N_("audio"),
	N_("video"),
	/* TRANSLATORS: a file sent with an article that is neither audio
	   nor video, as in "[file: 2 MB, application/pdf]". */
	N_("file"),
	/* TRANSLATORS: the heading of the numbered list of an article's
	   links, at its end. */
	N_("Links"),
	/* TRANSLATORS: units of a file's size: "800 B", "12 kB", "4.5 MB". */
	N_("B"),
	N_("kB"),
	N_("MB"),
	N_("GB"),
	/* TRANSLATORS: what comes between a file's size and its type in
	   "[audio: 12 MB, audio/mpeg]"; Arabic has its own comma. */
	N_(", "),
};

/* What an element does. */
enum html_el {
	HTML_EL_INLINE = 0,	/* its text, styled */
	HTML_EL_DROP,		/* nothing of it is shown */
	HTML_EL_BLOCK,		/* a block: p, div, section, ... */
	HTML_EL_HEADING,
	HTML_EL_LIST,		/* ul, ol, menu */
	HTML_EL_ITEM,		/* li */
	HTML_EL_QUOTE,		/* blockquote */
	HTML_EL_PRE,
	HTML_EL_BR,
	HTML_EL_HR,
	HTML_EL_A,
	HTML_EL_IMG,
	HTML_EL_MEDIA,		/* audio, video */
	HTML_EL_TABLE,
	HTML_EL_DT,
	HTML_EL_DD,
	HTML_EL_FIGURE,
	HTML_EL_CAPTION,	/* figcaption, caption */
	HTML_EL_Q,
	HTML_EL_CODE,		/* inline code: isolated, left to right */
	HTML_EL_BDI,
	HTML_EL_BDO
};

/* The elements the renderer knows, sorted by name for bsearch. */
static const struct html_elem {
	const char	*name;
	enum html_el	 el;
	int		 style;
} html_elems[] = {
	{ "a",		HTML_EL_A,	0 },
	{ "address",	HTML_EL_BLOCK,	DOC_ITALIC },
	{ "amp-audio",	HTML_EL_MEDIA,	0 },
	{ "amp-iframe",	HTML_EL_DROP,	0 },
	{ "amp-img",	HTML_EL_IMG,	0 },
	{ "amp-video",	HTML_EL_MEDIA,	0 },
	{ "applet",	HTML_EL_DROP,	0 },
	{ "area",	HTML_EL_DROP,	0 },
	{ "article",	HTML_EL_BLOCK,	0 },
	{ "aside",	HTML_EL_BLOCK,	0 },
	{ "audio",	HTML_EL_MEDIA,	0 },
	{ "b",		HTML_EL_INLINE,	DOC_BOLD },
	{ "base",	HTML_EL_DROP,	0 },
	{ "bdi",	HTML_EL_BDI,	0 },
	{ "bdo",	HTML_EL_BDO,	0 },
	{ "blockquote",	HTML_EL_QUOTE,	DOC_QUOTE_STYLE },
	{ "body",	HTML_EL_BLOCK,	0 },
	{ "br",		HTML_EL_BR,	0 },
	{ "button",	HTML_EL_DROP,	0 },
	{ "canvas",	HTML_EL_DROP,	0 },
	{ "caption",	HTML_EL_CAPTION, DOC_ITALIC },
	{ "center",	HTML_EL_BLOCK,	0 },
	{ "cite",	HTML_EL_INLINE,	DOC_ITALIC },
	{ "code",	HTML_EL_CODE,	DOC_CODE },
	{ "datalist",	HTML_EL_DROP,	0 },
	{ "dd",		HTML_EL_DD,	0 },
	{ "details",	HTML_EL_BLOCK,	0 },
	{ "dfn",	HTML_EL_INLINE,	DOC_ITALIC },
	{ "dialog",	HTML_EL_DROP,	0 },
	{ "dir",	HTML_EL_LIST,	0 },
	{ "div",	HTML_EL_BLOCK,	0 },
	{ "dl",		HTML_EL_BLOCK,	0 },
	{ "dt",		HTML_EL_DT,	DOC_BOLD },
	{ "em",		HTML_EL_INLINE,	DOC_ITALIC },
	{ "embed",	HTML_EL_DROP,	0 },
	{ "fieldset",	HTML_EL_BLOCK,	0 },
	{ "figcaption",	HTML_EL_CAPTION, DOC_ITALIC },
	{ "figure",	HTML_EL_FIGURE,	0 },
	{ "footer",	HTML_EL_BLOCK,	0 },
	{ "form",	HTML_EL_DROP,	0 },
	{ "frame",	HTML_EL_DROP,	0 },
	{ "frameset",	HTML_EL_DROP,	0 },
	{ "h1",		HTML_EL_HEADING, DOC_BOLD },
	{ "h2",		HTML_EL_HEADING, DOC_BOLD },
	{ "h3",		HTML_EL_HEADING, DOC_BOLD },
	{ "h4",		HTML_EL_HEADING, DOC_BOLD },
	{ "h5",		HTML_EL_HEADING, DOC_BOLD },
	{ "h6",		HTML_EL_HEADING, DOC_BOLD },
	{ "head",	HTML_EL_DROP,	0 },
	{ "header",	HTML_EL_BLOCK,	0 },
	{ "hgroup",	HTML_EL_BLOCK,	0 },
	{ "hr",		HTML_EL_HR,	0 },
	{ "html",	HTML_EL_BLOCK,	0 },
	{ "i",		HTML_EL_INLINE,	DOC_ITALIC },
	{ "iframe",	HTML_EL_DROP,	0 },
	{ "img",	HTML_EL_IMG,	0 },
	{ "input",	HTML_EL_DROP,	0 },
	{ "ins",	HTML_EL_INLINE,	DOC_UNDERLINE },
	{ "kbd",	HTML_EL_CODE,	DOC_CODE },
	{ "legend",	HTML_EL_BLOCK,	DOC_BOLD },
	{ "li",		HTML_EL_ITEM,	0 },
	{ "link",	HTML_EL_DROP,	0 },
	{ "listing",	HTML_EL_PRE,	0 },
	{ "main",	HTML_EL_BLOCK,	0 },
	{ "map",	HTML_EL_DROP,	0 },
	{ "math",	HTML_EL_DROP,	0 },
	{ "menu",	HTML_EL_LIST,	0 },
	{ "meta",	HTML_EL_DROP,	0 },
	{ "meter",	HTML_EL_DROP,	0 },
	{ "nav",	HTML_EL_BLOCK,	0 },
	{ "noembed",	HTML_EL_DROP,	0 },
	{ "noframes",	HTML_EL_DROP,	0 },
	{ "noscript",	HTML_EL_DROP,	0 },
	{ "object",	HTML_EL_DROP,	0 },
	{ "ol",		HTML_EL_LIST,	0 },
	{ "optgroup",	HTML_EL_DROP,	0 },
	{ "option",	HTML_EL_DROP,	0 },
	{ "output",	HTML_EL_DROP,	0 },
	{ "p",		HTML_EL_BLOCK,	0 },
	{ "param",	HTML_EL_DROP,	0 },
	{ "plaintext",	HTML_EL_PRE,	0 },
	{ "pre",	HTML_EL_PRE,	0 },
	{ "progress",	HTML_EL_DROP,	0 },
	{ "q",		HTML_EL_Q,	DOC_QUOTE_STYLE },
	{ "rp",		HTML_EL_DROP,	0 },
	{ "samp",	HTML_EL_CODE,	DOC_CODE },
	{ "script",	HTML_EL_DROP,	0 },
	{ "section",	HTML_EL_BLOCK,	0 },
	{ "select",	HTML_EL_DROP,	0 },
	{ "source",	HTML_EL_DROP,	0 },
	{ "strong",	HTML_EL_INLINE,	DOC_BOLD },
	{ "style",	HTML_EL_DROP,	0 },
	{ "summary",	HTML_EL_BLOCK,	DOC_BOLD },
	{ "svg",	HTML_EL_DROP,	0 },
	{ "table",	HTML_EL_TABLE,	0 },
	{ "tbody",	HTML_EL_BLOCK,	0 },
	{ "td",		HTML_EL_BLOCK,	0 },
	{ "template",	HTML_EL_DROP,	0 },
	{ "textarea",	HTML_EL_DROP,	0 },
	{ "tfoot",	HTML_EL_BLOCK,	0 },
	{ "th",		HTML_EL_BLOCK,	DOC_BOLD },
	{ "thead",	HTML_EL_BLOCK,	0 },
	{ "title",	HTML_EL_DROP,	0 },
	{ "tr",		HTML_EL_BLOCK,	0 },
	{ "track",	HTML_EL_DROP,	0 },
	{ "tt",		HTML_EL_CODE,	DOC_CODE },
	{ "u",		HTML_EL_INLINE,	DOC_UNDERLINE },
	{ "ul",		HTML_EL_LIST,	0 },
	{ "var",	HTML_EL_INLINE,	DOC_ITALIC },
	{ "video",	HTML_EL_MEDIA,	0 },
	{ "wbr",	HTML_EL_DROP,	0 },
	{ "xmp",	HTML_EL_PRE,	0 },
};

static void	html_render_node(struct html_render *, xmlNodePtr, int);

/* Fill render options with the defaults. */
void
html_render_opts_default(struct html_render_opts *o)
{
	memset(o, 0, sizeof *o);
	o->dir = LAYOUT_DIR_AUTO;
	o->width = HTML_RENDER_WIDTH;
}

/* Compare an element's name with a table entry. */
static int
html_render_elem_cmp(const void *key, const void *e)
{
	return (strcmp(key, ((const struct html_elem *)e)->name));
}

/* What an element is, or NULL for one the renderer does not know. */
static const struct html_elem *
html_render_elem(const xmlChar *name)
{
	return (bsearch(name, html_elems, sizeof html_elems /
	    sizeof html_elems[0], sizeof html_elems[0], html_render_elem_cmp));
}

/* Whether a CSS declaration list hides its element. */
static bool
html_render_css_hides(const char *css)
{
	char	 buf[256];
	size_t	 i, k;

	for (i = k = 0; css[i] != '\0' && k < sizeof buf - 1; i++) {
		if (css[i] != ' ' && css[i] != '\t' && css[i] != '\n' &&
		    css[i] != '\r')
			buf[k++] = (char)((css[i] >= 'A' && css[i] <= 'Z') ?
			    css[i] + 32 : css[i]);
	}
	buf[k] = '\0';
	return (strstr(buf, "display:none") != NULL ||
	    strstr(buf, "visibility:hidden") != NULL);
}

/* Whether an element is hidden: hidden, aria-hidden or display:none. */
static bool
html_render_hidden(xmlNodePtr n)
{
	const char	*v;

	if (n->properties == NULL)
		return (false);
	if (html_attr(n, "hidden") != NULL)
		return (true);
	if ((v = html_attr(n, "aria-hidden")) != NULL &&
	    strcasecmp(v, "true") == 0)
		return (true);
	return ((v = html_attr(n, "style")) != NULL &&
	    html_render_css_hides(v));
}

/* The direction a dir= or lang= gives the blocks of an element. */
static void
html_render_block_dir(struct html_render *r, xmlNodePtr n)
{
	const char	*v;

	if ((v = html_attr(n, "dir")) != NULL) {
		if (strcasecmp(v, "rtl") == 0)
			r->cx.dir = LAYOUT_DIR_RTL;
		else if (strcasecmp(v, "ltr") == 0)
			r->cx.dir = LAYOUT_DIR_LTR;
		else if (strcasecmp(v, "auto") == 0)
			r->cx.dir = LAYOUT_DIR_AUTO;
		return;
	}
	if ((v = html_attr(n, "lang")) != NULL ||
	    (v = html_attr(n, "xml:lang")) != NULL) {
		if (*v != '\0')
			r->cx.dir = feed_dir_from_language(v) == FEED_DIR_RTL ?
			    LAYOUT_DIR_FEED_RTL : LAYOUT_DIR_AUTO;
	}
}

/*
 * The isolate (or override) a dir= opens around an inline element's
 * text; returns what closes it, or NULL.
 */
static const char *
html_render_inline_dir(struct html_render *r, xmlNodePtr n, enum html_el el)
{
	const char	*v = html_attr(n, "dir");

	if (el == HTML_EL_BDO && v != NULL) {
		if (strcasecmp(v, "rtl") == 0 || strcasecmp(v, "ltr") == 0) {
			html_block_format(r, strcasecmp(v, "rtl") == 0 ?
			    HTML_RLO : HTML_LRO, true);
			return (HTML_PDF);
		}
	}
	if (v != NULL && strcasecmp(v, "rtl") == 0)
		html_block_format(r, HTML_RLI, true);
	else if (v != NULL && strcasecmp(v, "ltr") == 0)
		html_block_format(r, HTML_LRI, true);
	else if ((v != NULL && strcasecmp(v, "auto") == 0) ||
	    el == HTML_EL_BDI)
		html_block_format(r, HTML_FSI, true);
	else if (el == HTML_EL_CODE && !r->cx.pre)
		html_block_format(r, HTML_LRI, true);
	else
		return (NULL);
	return (HTML_PDI);
}

/*
 * Close the bidi embeddings, overrides and isolates a link's text opened
 * and left open, so that they end with it: neither its "[n]" nor the text
 * after it (another link's) is turned or moved by them.
 */
static void
html_render_link_close(struct html_render *r, const struct html_link *l)
{
	struct str	 closed;
	size_t		 n;

	if (r->doc->nblocks != l->blocks || l->text >= r->text.len)
		return;
	n = r->text.len - l->text;
	str_init(&closed);
	utf8_bidi_close(&closed, r->text.ptr + l->text, n);
	if (closed.len > n && memcmp(closed.ptr, r->text.ptr + l->text,
	    n) == 0) {
		str_append(&closed, "", 0);
		html_block_format(r, closed.ptr + n, false);
	}
	str_free(&closed);
}

/* Render the children of a node. */
static void
html_render_children(struct html_render *r, xmlNodePtr n, int depth)
{
	xmlNodePtr	c;

	for (c = n->children; c != NULL; c = c->next)
		html_render_node(r, c, depth + 1);
}

/* A cell of a table: its text gathered as one line. */
static void
html_render_cell(struct html_render *r, xmlNodePtr n, int row, int col,
    int depth, struct html_table *t)
{
	struct html_ctx		 saved = r->cx;
	struct html_cell	*c;
	size_t			 i;

	html_block_reset(r);
	r->cell = true;
	r->cx.style |= strcmp((const char *)n->name, "th") == 0 ? DOC_BOLD : 0;
	html_render_children(r, n, depth);
	r->cell = false;
	r->cx = saved;
	if (t->ncells == t->size) {
		t->size = t->size ? t->size * 2 : 16;
		t->cells = xreallocarray(t->cells, t->size, sizeof *t->cells);
	}
	c = &t->cells[t->ncells++];
	memset(c, 0, sizeof *c);
	c->text = xstrdup(str_cstr(&r->text));
	c->len = r->text.len;
	if (r->nruns > 0) {
		c->runs = xreallocarray(NULL, r->nruns, sizeof *c->runs);
		for (i = 0; i < r->nruns; i++)
			c->runs[i] = r->runs[i];
		c->nruns = r->nruns;
	}
	c->row = row;
	c->col = col;
	c->span = html_int(n, "colspan", 1);
	if (c->span < 1 || c->span > 64)
		c->span = 1;
	c->head = strcmp((const char *)n->name, "th") == 0;
	html_block_reset(r);
}

/* Whether a table has another table inside it (a page laid out so). */
static bool
html_render_nested_table(xmlNodePtr top)
{
	xmlNodePtr	n;

	for (n = top->children; n != NULL;) {
		if (html_is(n, "table"))
			return (true);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
	return (false);
}

/* The rows of a table, in order: its own and those of its sections. */
static void
html_render_rows(xmlNodePtr table, xmlNodePtr **rows, size_t *n,
    size_t *head)
{
	xmlNodePtr	c, g;
	size_t		size = 0;

	*rows = NULL;
	*n = *head = 0;
	for (c = table->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		g = html_is(c, "tr") ? c : c->children;
		for (; g != NULL; g = g == c ? NULL : g->next) {
			if (!html_is(g, "tr"))
				continue;
			if (*n == size) {
				size = size ? size * 2 : 16;
				*rows = xreallocarray(*rows, size,
				    sizeof **rows);
			}
			(*rows)[(*n)++] = g;
			if (html_is(c, "thead"))
				*head = *n;
		}
	}
}

/*
 * A table: gathered cell by cell and set by html-table.c, its caption
 * first; a table with tables inside, of one column or of more than
 * HTML_RENDER_COLUMNS, is a page's layout, and its cells are rendered as
 * blocks in order.
 */
static void
html_render_table(struct html_render *r, xmlNodePtr n, int depth)
{
	struct html_table	 t;
	xmlNodePtr		*rows, c;
	size_t			 nrows, head, i, first;
	int			 col;

	html_render_rows(n, &rows, &nrows, &head);
	memset(&t, 0, sizeof t);
	for (i = 0; i < nrows; i++) {
		col = 0;
		for (c = rows[i]->children; c != NULL; c = c->next) {
			if (html_is(c, "td") || html_is(c, "th"))
				col++;
		}
		if (col > t.ncols)
			t.ncols = col;
	}
	if (t.ncols < 2 || t.ncols > HTML_RENDER_COLUMNS ||
	    html_render_nested_table(n)) {
		free(rows);
		html_render_children(r, n, depth);
		return;
	}
	for (c = n->children; c != NULL; c = c->next) {
		if (html_is(c, "caption"))
			html_render_node(r, c, depth + 1);
	}
	html_block_boundary(r);
	first = r->doc->nblocks;
	t.ncols = 0;
	for (i = 0; i < nrows; i++) {
		col = 0;
		for (c = rows[i]->children; c != NULL; c = c->next) {
			if ((!html_is(c, "td") &&
			    !html_is(c, "th")) || html_render_hidden(c))
				continue;
			html_render_cell(r, c, t.nrows, col, depth + 1, &t);
			col += t.cells[t.ncells - 1].span;
		}
		if (col > t.ncols)
			t.ncols = col;
		if (col > 0)
			t.nrows++;
	}
	free(rows);
	/* A header: <thead>, or a first row of <th> alone. */
	t.head = t.nrows > 1 && head > 0;
	for (i = 0; !t.head && t.nrows > 1 && i < t.ncells &&
	    t.cells[i].row == 0; i++) {
		if (!t.cells[i].head)
			break;
		if (i + 1 == t.ncells || t.cells[i + 1].row != 0)
			t.head = true;
	}
	t.dir = r->cx.dir;
	t.indent = r->cx.indent;
	t.quote = r->cx.quote;
	t.width = r->opts->width > 0 ? r->opts->width : HTML_RENDER_WIDTH;
	t.cfg = &r->lcfg;
	html_table_set(r->doc, &t);
	html_table_free(&t);
	/* Rows under the caption; the doc depends on the width now. */
	if (first > 0 && r->doc->nblocks > first &&
	    r->doc->blocks[first - 1].kind == DOC_CAPTION)
		r->doc->blocks[first].tight = true;
	r->doc->width = t.width;
}

/* Render an element. */
static void
html_render_element(struct html_render *r, xmlNodePtr n, int depth)
{
	const struct html_elem	*e = html_render_elem(n->name);
	struct html_ctx		 saved = r->cx;
	struct html_list	 list;
	struct html_link	 link;
	const char		*close = NULL, *v;
	enum html_el		 el = e != NULL ? e->el : HTML_EL_INLINE;
	size_t			 figure_start = r->figure_start;
	bool			 block;

	if (el == HTML_EL_DROP || html_render_hidden(n))
		return;
	block = el != HTML_EL_INLINE && el != HTML_EL_BR &&
	    el != HTML_EL_A && el != HTML_EL_IMG && el != HTML_EL_MEDIA &&
	    el != HTML_EL_Q && el != HTML_EL_CODE && el != HTML_EL_BDI &&
	    el != HTML_EL_BDO;
	if (block) {
		html_block_boundary(r);
		html_render_block_dir(r, n);
	} else
		close = html_render_inline_dir(r, n, el);
	if (e != NULL)
		r->cx.style |= e->style;

	switch (el) {
	case HTML_EL_BR:
		if (r->cell || r->cx.pre) {
			if (r->cx.pre)
				html_block_pre_line(r, false);
			else
				html_block_blank(r);
		} else if (r->visible) {
			html_block_flush(r);
			r->br = true;
			r->brs = 1;
		} else if (r->brs > 0) {
			r->br = false;
			r->brs++;
		}
		break;
	case HTML_EL_HR:
		if (!r->cell)
			html_block_add(r, DOC_RULE, "", 0, NULL, 0);
		break;
	case HTML_EL_IMG:
		html_media_img(r, n);
		break;
	case HTML_EL_MEDIA:
		html_media_av(r, n);
		break;
	case HTML_EL_TABLE:
		html_render_table(r, n, depth);
		break;
	case HTML_EL_A:
		memset(&link, 0, sizeof link);
		if (r->link == NULL && (v = html_attr(n, "href")) !=
		    NULL && (link.url = html_url_make(r->opts, v)) != NULL) {
			link.blocks = r->doc->nblocks;
			link.text = r->text.len;
			r->link = &link;
		}
		html_render_children(r, n, depth);
		if (r->link == &link) {
			r->link = NULL;
			html_render_link_close(r, &link);
			if (link.no > 0)
				html_block_linkno(r, link.no, link.blocks);
		}
		free(link.url);
		break;
	case HTML_EL_Q:
		v = r->cx.dir == LAYOUT_DIR_RTL ||
		    r->cx.dir == LAYOUT_DIR_FEED_RTL ? "\xc2\xab" :
		    "\xe2\x80\x9c";			/* « “ */
		html_block_put(r, v, strlen(v), 0);
		html_render_children(r, n, depth);
		v = r->cx.dir == LAYOUT_DIR_RTL ||
		    r->cx.dir == LAYOUT_DIR_FEED_RTL ? "\xc2\xbb" :
		    "\xe2\x80\x9d";			/* » ” */
		html_block_put(r, v, strlen(v), 0);
		break;
	default:
		switch (el) {
		case HTML_EL_HEADING:
			r->cx.kind = DOC_HEADING;
			r->cx.level = n->name[1] - '0';
			break;
		case HTML_EL_LIST:
			html_list_open(r, n, &list);
			r->cx.list = &list;
			break;
		case HTML_EL_ITEM:
			html_list_item(r, n, &list);
			break;
		case HTML_EL_QUOTE:
			r->cx.kind = DOC_QUOTE;
			r->cx.quote++;
			r->cx.level = r->cx.quote;
			r->cx.indent += 2;
			break;
		case HTML_EL_PRE:
			r->cx.kind = DOC_PRE;
			r->cx.pre = true;
			r->pre_lines = 0;
			r->pre_text = false;
			r->col = 0;
			break;
		case HTML_EL_DT:
			r->cx.kind = DOC_TERM;
			break;
		case HTML_EL_DD:
			r->cx.kind = DOC_DEFINITION;
			r->cx.indent += 4;
			break;
		case HTML_EL_FIGURE:
			r->cx.figure = true;
			r->figure_start = r->doc->nblocks;
			break;
		case HTML_EL_CAPTION:
			r->cx.kind = DOC_CAPTION;
			break;
		default:
			break;
		}
		html_render_children(r, n, depth);
		if (el == HTML_EL_PRE) {
			html_block_pre_line(r, true);
			html_block_reset(r);
		}
		break;
	}

	if (close != NULL)
		html_block_format(r, close, false);
	if (block)
		html_block_boundary(r);
	if (el == HTML_EL_ITEM) {
		free(r->marker);
		r->marker = NULL;
	}
	r->figure_start = figure_start;
	r->cx = saved;
}

/* Render a node of the tree. */
static void
html_render_node(struct html_render *r, xmlNodePtr n, int depth)
{
	if (depth > HTML_RENDER_DEPTH)
		return;
	if (n->type == XML_TEXT_NODE && n->content != NULL)
		html_block_text(r, (const char *)n->content,
		    strlen((const char *)n->content));
	else if (n->type == XML_ELEMENT_NODE)
		html_render_element(r, n, depth);
}

/*
 * Whether text is markup escaped once more ("<p>", or "&lt;p&gt;" when it
 * was escaped twice): it starts with a tag, or has two tags of which one
 * is an end tag ("</a>"), so that a paragraph about "the <b> tag" stays
 * as it is.
 */
static bool
html_render_escaped(const char *s)
{
	static const char *tags[] = {
		"p", "div", "br", "img", "a", "b", "i", "em", "strong", "span",
		"ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
		"tr", "td", "blockquote", "figure", "iframe", "pre", NULL
	};
	const char	*p, *q, *start;
	size_t		 i, n;
	int		 tagc = 0, ends = 0;
	bool		 end;

	for (start = s; *start == ' ' || *start == '\t' || *start == '\n';
	    start++)
		;
	for (p = s; (p = strpbrk(p, "<&")) != NULL; p++) {
		if (*p == '<')
			q = p + 1;
		else if (strncmp(p, "&lt;", 4) == 0)
			q = p + 4;
		else
			continue;
		if ((end = *q == '/'))
			q++;
		for (i = 0; tags[i] != NULL; i++) {
			n = strlen(tags[i]);
			if (strncasecmp(q, tags[i], n) == 0 && (q[n] == '>' ||
			    q[n] == ' ' || q[n] == '/' || q[n] == '\n' ||
			    strncmp(q + n, "&gt;", 4) == 0))
				break;
		}
		if (tags[i] == NULL)
			continue;
		if (p == start)
			return (true);
		tagc++;
		ends += end;
		if (tagc >= 2 && ends >= 1)
			return (true);
	}
	return (false);
}

/*
 * The markup a tree's text makes when the body was escaped once too
 * often (a tree of text and plain wrappers whose text is HTML), or NULL.
 */
static char *
html_render_unescape(htmlDocPtr tree)
{
	static const char *wrappers[] = {
		"p", "div", "span", "br", "font", "body", "html", NULL
	};
	xmlNodePtr	 top = (xmlNodePtr)tree, n;
	struct str	 s;

	str_init(&s);
	for (n = top->children; n != NULL;) {
		if (n->type == XML_ELEMENT_NODE &&
		    !html_name_in((const char *)n->name, wrappers)) {
			str_free(&s);
			return (NULL);
		}
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			str_appends(&s, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
	if (!html_render_escaped(str_cstr(&s))) {
		str_free(&s);
		return (NULL);
	}
	return (str_steal(&s));
}

/* The text of a tree, entities decoded, line ends kept. */
static char *
html_render_tree_text(htmlDocPtr tree)
{
	xmlChar	*t;
	char	*s;

	if ((t = xmlNodeGetContent((xmlNodePtr)tree)) == NULL)
		return (xstrdup(""));
	s = xstrdup((const char *)t);
	xmlFree(t);
	return (s);
}

/* Render one body into a doc; see html.h. */
void
html_render(struct doc *d, const char *s, size_t n, enum feed_text type,
    const struct html_render_opts *opts)
{
	struct html_render_opts	 defaults;
	struct html_render	 r;
	htmlDocPtr		 tree = NULL;
	char			*own = NULL, *t;
	bool			 cut = false;
	int			 i;

	if (opts == NULL) {
		html_render_opts_default(&defaults);
		opts = &defaults;
	}
	if (s == NULL)
		return;
	if (n > HTML_RENDER_MAX) {
		n = HTML_RENDER_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		cut = true;
	}
	/* The tree reader wants clean UTF-8: NULs and the rest go. */
	if (sanitize_clean_prefix((const unsigned char *)s, n, true) != n ||
	    memchr(s, '\0', n) != NULL) {
		own = sanitize_text(s, n);
		s = own;
		n = strlen(own);
	}
	for (i = 0; type == FEED_TEXT_HTML; i++) {
		if (memchr(s, '<', n) == NULL && memchr(s, '&', n) == NULL)
			break;
		if ((tree = html_tree(s, n)) == NULL)
			break;
		if (i < HTML_RENDER_ESCAPES &&
		    (t = html_render_unescape(tree)) != NULL) {
			/* Read again what was escaped once too often. */
			xmlFreeDoc(tree);
			tree = NULL;
			free(own);
			own = sanitize_text(t, strlen(t));
			free(t);
			s = own;
			n = strlen(own);
			continue;
		}
		if (memchr(s, '<', n) == NULL) {
			/* Text with entities: decoded, then as text. */
			t = html_render_tree_text(tree);
			xmlFreeDoc(tree);
			tree = NULL;
			free(own);
			own = t;
			s = own;
			n = strlen(own);
		}
		break;
	}
	if (tree == NULL) {
		t = xstrndup(s, n);
		doc_from_text(d, t, opts->dir);
		free(t);
	} else {
		memset(&r, 0, sizeof r);
		r.doc = d;
		r.opts = opts;
		for (i = 0; i < HTML_WORDS; i++)
			r.words[i] = opts->words != NULL &&
			    opts->words[i] != NULL ? opts->words[i] :
			    html_words[i];
		if (opts->layout != NULL)
			r.lcfg = *opts->layout;
		else
			layout_config_default(&r.lcfg);
		r.cx.dir = opts->dir;
		r.cx.kind = DOC_PARA;
		r.root = (xmlNodePtr)tree;
		r.media = true;
		str_init(&r.text);
		html_render_children(&r, (xmlNodePtr)tree, 0);
		html_block_boundary(&r);
		free(r.marker);
		free(r.runs);
		str_free(&r.text);
		xmlFreeDoc(tree);
	}
	if (cut)
		doc_add(d, DOC_PARA, HTML_ELLIPSIS, strlen(HTML_ELLIPSIS),
		    opts->dir);
	free(own);
}
