/*
 * The article's block written back as clean HTML, for html_render to read
 * like a feed's content: only elements the renderer knows (paragraphs,
 * headings, lists, quotes, figures with their captions, tables, code,
 * links, images, the inline styles), each with only the attributes it
 * needs (dir= and lang= on any of them, href, src and alt, a table
 * cell's spans, a list's numbering), links and images made absolute.
 * Lazy images get their real source (data-src and its cousins, the
 * widest of a srcset, the <img> of a <noscript> beside a placeholder).
 * Everything else is unwrapped: its text stays, its tag goes.
 *
 * As readability does, what is inside the block is cleaned: forms,
 * share bars and the other things the extractor left out never come
 * back, and containers that look like navigation, link lists or image
 * galleries rather than text (html_clean_conditionally) are dropped
 * whole, along with a heading that repeats the article's title.
 */
#include "config.h"

#include "html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html-priv.h"
#include "sanitize.h"
#include "str.h"
#include "xmalloc.h"

#define HTML_CLEAN_TITLE_MAX	1024	/* bytes of a heading compared */
#define HTML_CLEAN_SRCSET_MAX	8192	/* bytes of a srcset read */

/* Attributes an element keeps, beyond dir= and lang=. */
#define HTML_CLEAN_A_HREF	0x01
#define HTML_CLEAN_A_SPAN	0x02	/* colspan, rowspan */
#define HTML_CLEAN_A_LIST	0x04	/* start, reversed, type */
#define HTML_CLEAN_A_VALUE	0x08	/* li value */
#define HTML_CLEAN_A_MEDIA	0x10	/* src, poster, type */
#define HTML_CLEAN_A_TIME	0x20	/* datetime */
#define HTML_CLEAN_A_TITLE	0x40	/* title (abbr) */

/* An element the article keeps: its name in the output, what it keeps. */
struct html_clean_el {
	const char	*name;
	const char	*as;		/* written as; NULL: unwrapped */
	int		 attrs;
	bool		 empty;		/* a void element: no end tag */
};

/* Sorted by name for bsearch. */
static const struct html_clean_el html_clean_els[] = {
	{ "a",		"a",		HTML_CLEAN_A_HREF,	false },
	{ "abbr",	"abbr",		HTML_CLEAN_A_TITLE,	false },
	{ "address",	"div",		0,			false },
	{ "article",	"div",		0,			false },
	{ "audio",	"audio",	HTML_CLEAN_A_MEDIA,	false },
	{ "b",		"b",		0,			false },
	{ "bdi",	"bdi",		0,			false },
	{ "bdo",	"bdo",		0,			false },
	{ "blockquote",	"blockquote",	0,			false },
	{ "br",		"br",		0,			true },
	{ "caption",	"caption",	0,			false },
	{ "center",	"div",		0,			false },
	{ "cite",	"cite",		0,			false },
	{ "code",	"code",		0,			false },
	{ "dd",		"dd",		0,			false },
	{ "del",	"del",		0,			false },
	{ "details",	"div",		0,			false },
	{ "dfn",	"dfn",		0,			false },
	{ "div",	"div",		0,			false },
	{ "dl",		"dl",		0,			false },
	{ "dt",		"dt",		0,			false },
	{ "em",		"em",		0,			false },
	{ "figcaption",	"figcaption",	0,			false },
	{ "figure",	"figure",	0,			false },
	{ "h1",		"h1",		0,			false },
	{ "h2",		"h2",		0,			false },
	{ "h3",		"h3",		0,			false },
	{ "h4",		"h4",		0,			false },
	{ "h5",		"h5",		0,			false },
	{ "h6",		"h6",		0,			false },
	{ "header",	"div",		0,			false },
	{ "hgroup",	"div",		0,			false },
	{ "hr",		"hr",		0,			true },
	{ "i",		"i",		0,			false },
	{ "img",	"img",		0,			true },
	{ "ins",	"ins",		0,			false },
	{ "kbd",	"kbd",		0,			false },
	{ "li",		"li",		HTML_CLEAN_A_VALUE,	false },
	{ "main",	"div",		0,			false },
	{ "mark",	"mark",		0,			false },
	{ "ol",		"ol",		HTML_CLEAN_A_LIST,	false },
	{ "p",		"p",		0,			false },
	{ "pre",	"pre",		0,			false },
	{ "q",		"q",		0,			false },
	{ "s",		"s",		0,			false },
	{ "samp",	"samp",		0,			false },
	{ "section",	"div",		0,			false },
	{ "small",	"small",	0,			false },
	{ "source",	"source",	HTML_CLEAN_A_MEDIA,	true },
	{ "strike",	"s",		0,			false },
	{ "strong",	"strong",	0,			false },
	{ "sub",	"sub",		0,			false },
	{ "summary",	"p",		0,			false },
	{ "sup",	"sup",		0,			false },
	{ "table",	"table",	0,			false },
	{ "tbody",	"tbody",	0,			false },
	{ "td",		"td",		HTML_CLEAN_A_SPAN,	false },
	{ "tfoot",	"tfoot",	0,			false },
	{ "th",		"th",		HTML_CLEAN_A_SPAN,	false },
	{ "thead",	"thead",	0,			false },
	{ "time",	"time",		HTML_CLEAN_A_TIME,	false },
	{ "tr",		"tr",		0,			false },
	{ "tt",		"code",		0,			false },
	{ "u",		"u",		0,			false },
	{ "ul",		"ul",		0,			false },
	{ "var",	"var",		0,			false },
	{ "video",	"video",	HTML_CLEAN_A_MEDIA,	false },
};

/* Elements dropped inside the block, whatever they hold (readability's prepArticle). */
static const char *const html_clean_drop[] = {
	"aside", "button", "fieldset", "footer", "form", "iframe", "input",
	"nav", "object", "embed", "select", "textarea", "link", NULL
};

/* Block elements: text beside them is not "inline" in their parent. */
static const char *const html_clean_blocks[] = {
	"address", "article", "aside", "blockquote", "body", "caption",
	"center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
	"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
	"h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li",
	"main", "menu", "nav", "ol", "p", "pre", "section", "table",
	"tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL
};

/* Elements that belong inside a table or a list. */
static const char *const html_clean_parts[] = {
	"caption", "dd", "dt", "li", "tbody", "td", "tfoot", "th", "thead",
	"tr", NULL
};

/* Lazy images' real sources, in the order they are believed. */
static const char *const html_clean_lazy[] = {
	"data-src", "data-lazy-src", "data-original", "data-lazy",
	"data-url", "data-hi-res-src", "data-full-src", "data-echo", NULL
};

static int
html_clean_el_cmp(const void *key, const void *el)
{
	return (strcmp(key, ((const struct html_clean_el *)el)->name));
}

static const struct html_clean_el *
html_clean_el(const char *name)
{
	return (bsearch(name, html_clean_els, sizeof html_clean_els /
	    sizeof html_clean_els[0], sizeof html_clean_els[0],
	    html_clean_el_cmp));
}

/* Whether an element (its lowercase name) is a block. */
bool
html_clean_is_block(const char *name)
{
	return (html_name_in(name, html_clean_blocks));
}

/*
 * The characters of len bytes of UTF-8 text, a run of white space
 * counting one, and its commas (Latin and Arabic) in *commas.
 */
size_t
html_clean_chars(const char *s, size_t len, size_t *commas)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n = 0, k = 0;
	bool			 space = false;

	for (i = 0; i < len; i++) {
		if (u[i] == ' ' || u[i] == '\n' || u[i] == '\t' ||
		    u[i] == '\r' || u[i] == '\f' ||
		    (u[i] == 0xc2 && i + 1 < len && u[i + 1] == 0xa0)) {
			if (u[i] == 0xc2)
				i++;
			if (!space)
				n++;
			space = true;
			continue;
		}
		space = false;
		if ((u[i] & 0xc0) == 0x80)
			continue;
		n++;
		/* "," and U+060C ARABIC COMMA (D8 8C). */
		if (u[i] == ',' || (u[i] == 0xd8 && i + 1 < len &&
		    u[i + 1] == 0x8c))
			k++;
	}
	if (commas != NULL)
		*commas = k;
	return (n);
}

/* Append the text of a node (not what the attempt leaves out) up to max bytes. */
void
html_clean_text(xmlNodePtr n, struct str *s, size_t max)
{
	const struct html_art_node	*k;
	xmlNodePtr			 c;

	for (c = n->children; c != NULL && s->len < max; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				str_appends(s, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			k = c->_private;
			if (k == NULL || (k->flags & HTML_ART_OFF))
				continue;
			html_clean_text(c, s, max);
		}
	}
}

/* Append text (or an attribute's value, attr) with &, <, > (and ") escaped. */
void
html_clean_escape(struct str *s, const char *t, bool attr)
{
	size_t	n;

	while (*t != '\0') {
		n = strcspn(t, attr ? "&<>\"" : "&<>");
		str_append(s, t, n);
		t += n;
		switch (*t) {
		case '&':
			str_appends(s, "&amp;");
			break;
		case '<':
			str_appends(s, "&lt;");
			break;
		case '>':
			str_appends(s, "&gt;");
			break;
		case '"':
			str_appends(s, "&quot;");
			break;
		default:
			return;
		}
		t++;
	}
}

/* Whether an element sits inside a <figure>. */
static bool
html_clean_in_figure(xmlNodePtr n)
{
	for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE;
	    n = n->parent) {
		if (html_is(n, "figure"))
			return (true);
	}
	return (false);
}

/* Whether a table holds data (headers, a caption) rather than layout. */
static bool
html_clean_data_table(xmlNodePtr t)
{
	const struct html_art_node	*k = t->_private;
	xmlNodePtr			 c, r;

	if (html_attr(t, "summary") != NULL)
		return (true);
	for (c = t->children; c != NULL; c = c->next) {
		if (html_is(c, "caption") || html_is(c, "thead"))
			return (true);
		for (r = c->children; r != NULL; r = r->next) {
			if (html_is(r, "th"))
				return (true);
		}
		if (html_is(c, "tbody")) {
			for (r = c->children; r != NULL; r = r->next) {
				if (r->children != NULL &&
				    html_is(r->children, "th"))
					return (true);
			}
		}
	}
	/* A table of many cells and no block inside them is data. */
	return (k != NULL && k->p == 0 && k->li == 0 && k->chars > 0 &&
	    k->embed == 0 && k->img == 0 && k->chars < 2000 &&
	    html_int(t, "border", 0) > 0);
}

/*
 * Whether a container inside the article looks like something other than
 * its text (readability's _cleanConditionally): a negative score, more
 * images than paragraphs, more list items than paragraphs outside a
 * list, form inputs, too little text, too many links for its weight,
 * embedded players with little text. Lists of links go too.
 */
bool
html_clean_conditionally(const struct html_art *a,
    const struct html_art_node *k)
{
	const char	*name = (const char *)k->n->name;
	double		 ld, hd;
	int		 weight, li;
	bool		 list, remove;

	if (html_is(k->n, "table") && html_clean_data_table(k->n))
		return (false);
	weight = (a->mode & HTML_ART_WEIGHT) ? k->weight : 0;
	if (weight + ((k->flags & HTML_ART_CAND) ? k->score : 0) < 0)
		return (true);
	ld = k->chars > 0 ? k->link_chars / (double)k->chars : 0;
	list = strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0 ||
	    (k->chars > 0 && (double)k->li_chars / (double)k->chars > 0.9);
	/* A list that is mostly links is a list of other pages. */
	if (list && ld > 0.7 && weight <= 0 && k->li > 1)
		return (true);
	if (k->commas >= 10)
		return (false);
	hd = k->chars > 0 ? (double)k->heading_chars / (double)k->chars : 0;
	li = k->li - 100;
	remove = (k->img > 1 && (double)k->p / k->img < 0.5 &&
	    !html_clean_in_figure(k->n)) ||
	    (!list && li > k->p) ||
	    (k->input > k->p / 3) ||
	    (!list && hd < 0.9 && k->chars < 25 &&
	    (k->img == 0 || k->img > 2) && !html_clean_in_figure(k->n)) ||
	    (!list && weight < 25 && ld > 0.2) ||
	    (weight >= 25 && ld > 0.5) ||
	    (k->embed == 1 && k->chars < 75) || k->embed > 1;
	return (remove);
}

/* Whether an image source is a placeholder waiting for a script. */
static bool
html_clean_placeholder(const char *src)
{
	static const char *const words[] = {
		"blank.", "placeholder", "spacer.", "pixel.", "1x1",
		"transparent.", "lazy", "loading.", "grey.", "gray.", NULL
	};
	size_t	i;

	if (strncasecmp(src, "data:", 5) == 0 || *src == '\0')
		return (true);
	for (i = 0; words[i] != NULL; i++) {
		if (strcasestr(src, words[i]) != NULL)
			return (true);
	}
	return (false);
}

/* The widest candidate of a srcset (by w, else x), allocated, or NULL. */
static char *
html_clean_srcset(const char *set)
{
	const char	*p, *end, *u, *ue;
	char		*best = NULL, *d;
	double		 v, bestv = -1;
	size_t		 n;

	n = strlen(set);
	end = set + (n < HTML_CLEAN_SRCSET_MAX ? n : HTML_CLEAN_SRCSET_MAX);
	for (p = set; p < end;) {
		while (p < end && (isspace((unsigned char)*p) || *p == ','))
			p++;
		if (p >= end)
			break;
		for (u = p; p < end && !isspace((unsigned char)*p) &&
		    *p != ','; p++)
			;
		ue = p;
		v = 1;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p < end && *p != ',') {
			v = strtod(p, &d);
			if (d == p || (*d != 'w' && *d != 'x'))
				v = 1;
			else if (*d == 'w')
				v *= 1000;	/* widths beat densities */
			while (p < end && *p != ',')
				p++;
		}
		if (v > bestv && ue > u && strncasecmp(u, "data:", 5) != 0) {
			free(best);
			best = xstrndup(u, (size_t)(ue - u));
			bestv = v;
		}
	}
	return (best);
}

/* The real source of an <img>, allocated, or NULL when it has none. */
static char *
html_clean_img_src(xmlNodePtr img)
{
	const char	*v;
	xmlNodePtr	 s, c;
	char		*src;
	size_t		 i;

	for (i = 0; html_clean_lazy[i] != NULL; i++) {
		v = html_attr(img, html_clean_lazy[i]);
		if (v != NULL && *v != '\0' && strncasecmp(v, "data:", 5) != 0)
			return (xstrdup(v));
	}
	if ((v = html_attr(img, "src")) != NULL && !html_clean_placeholder(v))
		return (xstrdup(v));
	if (((v = html_attr(img, "data-srcset")) != NULL ||
	    (v = html_attr(img, "srcset")) != NULL) &&
	    (src = html_clean_srcset(v)) != NULL)
		return (src);
	/* <picture><source srcset><img></picture> */
	if (img->parent != NULL && html_is(img->parent, "picture")) {
		for (s = img->parent->children; s != NULL; s = s->next) {
			if (html_is(s, "source") &&
			    ((v = html_attr(s, "srcset")) != NULL ||
			    (v = html_attr(s, "data-srcset")) != NULL) &&
			    (src = html_clean_srcset(v)) != NULL)
				return (src);
		}
	}
	/* A placeholder with the real <img> in a <noscript> beside it. */
	for (s = img->next; s != NULL && s->type != XML_ELEMENT_NODE;
	    s = s->next)
		;
	if (s != NULL && html_is(s, "noscript")) {
		for (c = s->children; c != NULL; c = c->next) {
			if (html_is(c, "img") &&
			    (v = html_attr(c, "src")) != NULL &&
			    !html_clean_placeholder(v))
				return (xstrdup(v));
		}
	}
	return (NULL);
}

/* Append name="URL" with ref made absolute; nothing for a script's or a fragment's. */
static void
html_clean_url_attr(struct html_art *a, const char *name, const char *ref)
{
	char	*abs = NULL;

	while (isspace((unsigned char)*ref))
		ref++;
	if (*ref == '\0' || *ref == '#' ||
	    strncasecmp(ref, "javascript:", 11) == 0 ||
	    strncasecmp(ref, "data:", 5) == 0 ||
	    strncasecmp(ref, "vbscript:", 9) == 0)
		return;
	if (a->opts->resolve != NULL && a->base != NULL)
		abs = a->opts->resolve(a->base, ref);
	str_printf(&a->out, " %s=\"", name);
	html_clean_escape(&a->out, abs != NULL ? abs : ref, true);
	str_appendc(&a->out, '"');
	free(abs);
}

/* Append an attribute as it is, escaped, when the element has it. */
static void
html_clean_copy_attr(struct html_art *a, xmlNodePtr n, const char *name)
{
	const char	*v;

	if ((v = html_attr(n, name)) == NULL || strlen(v) > 256)
		return;
	str_printf(&a->out, " %s=\"", name);
	html_clean_escape(&a->out, v, true);
	str_appendc(&a->out, '"');
}

/* Append dir= and lang= when they are plausible. */
static void
html_clean_dir_lang(struct html_art *a, xmlNodePtr n)
{
	const char	*v;
	size_t		 len;

	if ((v = html_attr(n, "dir")) != NULL && (strcasecmp(v, "rtl") == 0 ||
	    strcasecmp(v, "ltr") == 0 || strcasecmp(v, "auto") == 0)) {
		str_appends(&a->out, " dir=\"");
		for (; *v != '\0'; v++)
			str_appendc(&a->out, (char)tolower((unsigned char)*v));
		str_appendc(&a->out, '"');
	}
	if ((v = html_attr(n, "lang")) == NULL &&
	    (v = html_attr(n, "xml:lang")) == NULL)
		return;
	len = strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
	if (len > 0 && len < 36 && v[len] == '\0')
		str_printf(&a->out, " lang=\"%s\"", v);
}

/* Whether a heading's text is the article's title (which the view shows). */
static bool
html_clean_is_title(struct html_art *a, xmlNodePtr h)
{
	struct str	 s;
	const char	*t = a->opts->title;
	char		*x, *y;
	size_t		 lx, ly;
	bool		 same;

	if (t == NULL || *t == '\0')
		return (false);
	str_init(&s);
	str_append(&s, "", 0);
	html_clean_text(h, &s, HTML_CLEAN_TITLE_MAX);
	x = sanitize_line(s.ptr, s.len);
	y = sanitize_line(t, strlen(t));
	str_free(&s);
	lx = strlen(x);
	ly = strlen(y);
	/* The same, or one inside the other ("Title - Site"). */
	same = lx > 0 && ly > 0 && (strcmp(x, y) == 0 ||
	    (lx < ly && lx * 2 >= ly && strstr(y, x) != NULL) ||
	    (ly < lx && ly * 2 >= lx && strstr(x, y) != NULL));
	free(x);
	free(y);
	return (same);
}

/* Whether a kept element counts as a paragraph of the article. */
static bool
html_clean_is_paragraph(const char *name, const struct html_art_node *k)
{
	static const char *const paras[] = {
		"p", "pre", "li", "blockquote", "dd", "figcaption", "td", NULL
	};

	if (html_name_in(name, paras))
		return (true);
	return (strcmp(name, "div") == 0 && k->inline_chars >= 25);
}

static void	html_clean_node(struct html_art *, xmlNodePtr, bool, int);

/* Write the children of n. */
static void
html_clean_children(struct html_art *a, xmlNodePtr n, int depth)
{
	xmlNodePtr	c;
	size_t		k;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content == NULL)
				continue;
			a->chars += html_clean_chars((const char *)c->content,
			    strlen((const char *)c->content), &k);
			html_clean_escape(&a->out, (const char *)c->content,
			    false);
		} else if (c->type == XML_ELEMENT_NODE)
			html_clean_node(a, c, false, depth + 1);
	}
}

/* Write an <img> with its real source, or nothing without one. */
static void
html_clean_img(struct html_art *a, xmlNodePtr n)
{
	const char	*alt;
	char		*src;

	if ((src = html_clean_img_src(n)) == NULL)
		return;
	str_appends(&a->out, "<img");
	html_clean_url_attr(a, "src", src);
	free(src);
	if ((alt = html_attr(n, "alt")) != NULL && *alt != '\0' &&
	    strlen(alt) < 1024) {
		str_appends(&a->out, " alt=\"");
		html_clean_escape(&a->out, alt, true);
		str_appendc(&a->out, '"');
	}
	html_clean_dir_lang(a, n);
	str_appendc(&a->out, '>');
}

/*
 * Write one element of the block (top: the block itself or one of the
 * siblings it takes along, which are never cleaned away) and what is in
 * it, cleaned.
 */
static void
html_clean_node(struct html_art *a, xmlNodePtr n, bool top, int depth)
{
	const struct html_art_node	*k = n->_private;
	const struct html_clean_el	*el;
	const char			*name = (const char *)n->name;
	const char			*as;
	size_t				 chars;
	int				 attrs;

	if (k == NULL || (k->flags & HTML_ART_OFF) || depth > 256)
		return;
	if (html_name_in(name, html_clean_drop))
		return;
	if (!top && (a->mode & HTML_ART_CLEAN) &&
	    (strcmp(name, "div") == 0 || strcmp(name, "section") == 0 ||
	    strcmp(name, "table") == 0 || strcmp(name, "ul") == 0 ||
	    strcmp(name, "ol") == 0 || strcmp(name, "header") == 0) &&
	    html_clean_conditionally(a, k))
		return;
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0') {
		if ((a->mode & HTML_ART_WEIGHT) && k->weight < 0 &&
		    name[1] <= '2')
			return;
		if (!a->title_done && a->chars < 200 &&
		    html_clean_is_title(a, n)) {
			a->title_done = true;
			return;
		}
	}
	if (strcmp(name, "p") == 0 && k->chars == 0 && k->img == 0)
		return;		/* an empty paragraph */
	if (strcmp(name, "img") == 0) {
		html_clean_img(a, n);
		return;
	}

	el = html_clean_el(name);
	as = el != NULL ? el->as : NULL;
	attrs = el != NULL ? el->attrs : 0;
	/* A span says nothing unless it sets a direction or a language. */
	if (as == NULL && strcmp(name, "span") == 0 &&
	    (html_attr(n, "dir") != NULL || html_attr(n, "lang") != NULL))
		as = "span";
	/* The block's own tag may be a cell or an item out of its table or list. */
	if (top && as != NULL && html_name_in(as, html_clean_parts)) {
		as = "div";
		attrs = 0;
	}
	if (as == NULL) {
		html_clean_children(a, n, depth);
		return;
	}
	str_printf(&a->out, "<%s", as);
	html_clean_dir_lang(a, n);
	if ((attrs & HTML_CLEAN_A_HREF) && html_attr(n, "href") != NULL)
		html_clean_url_attr(a, "href", html_attr(n, "href"));
	if (attrs & HTML_CLEAN_A_SPAN) {
		html_clean_copy_attr(a, n, "colspan");
		html_clean_copy_attr(a, n, "rowspan");
	}
	if (attrs & HTML_CLEAN_A_LIST) {
		html_clean_copy_attr(a, n, "start");
		html_clean_copy_attr(a, n, "reversed");
		html_clean_copy_attr(a, n, "type");
	}
	if (attrs & HTML_CLEAN_A_VALUE)
		html_clean_copy_attr(a, n, "value");
	if (attrs & HTML_CLEAN_A_MEDIA) {
		if (html_attr(n, "src") != NULL)
			html_clean_url_attr(a, "src", html_attr(n, "src"));
		if (html_attr(n, "poster") != NULL)
			html_clean_url_attr(a, "poster",
			    html_attr(n, "poster"));
		html_clean_copy_attr(a, n, "type");
	}
	if (attrs & HTML_CLEAN_A_TIME)
		html_clean_copy_attr(a, n, "datetime");
	if (attrs & HTML_CLEAN_A_TITLE)
		html_clean_copy_attr(a, n, "title");
	str_appendc(&a->out, '>');
	if (el != NULL && el->empty)
		return;
	chars = a->chars;
	html_clean_children(a, n, depth);
	str_printf(&a->out, "</%s>", as);
	if (a->chars > chars && html_clean_is_paragraph(as, k))
		a->paragraphs++;
}

/*
 * Write an element of the page as clean HTML into a->out, counting its
 * characters and paragraphs (top: it is the article's block or one of
 * its siblings, kept whatever it looks like).
 */
void
html_clean_write(struct html_art *a, xmlNodePtr n, bool top)
{
	html_clean_node(a, n, top, 0);
}
