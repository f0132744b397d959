/*
 * The libxml2 SAX2 push parser, shared by the XML feed formats. The
 * document arrives as UTF-8 already (parse.c decodes it), so libxml2 is
 * told to ignore the declared encoding. Entity declarations are never
 * used: getEntity knows only the five predefined entities, so neither
 * external entities (XXE) nor recursive ones (billion laughs) can expand.
 * Recovery is on: a document that is not well-formed is read as far as
 * libxml2 can, with each error kept as a warning.
 *
 * This file keeps the stack of open elements with xml:base and xml:lang in
 * scope and captures the text of the element a format handler asks for,
 * serialising nested markup for HTML and XHTML content. The formats it
 * is given (struct parse_format, listed by parse-push.c) are offered the
 * root element, and each element goes to the format that owns its
 * namespace; it never calls a format by name. When an element with a
 * role ends, the text is stored by its role here (parse_xml_store), the
 * same for every format, unless the format's end handler stores it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "parse-priv.h"
#include "sanitize.h"
#include "xmalloc.h"

#define PARSE_XML_NSCACHE	8	/* namespace URIs remembered */

struct parse_xml {
	struct parse		*p;
	const struct parse_format *const *fmts;	/* in the order tried */
	size_t			 nfmts;
	xmlParserCtxtPtr	 ctxt;
	xmlSAXHandler		 sax;
	struct parse_elem	 stack[PARSE_XML_MAX_DEPTH];
	int			 depth;		/* open elements */
	bool			 html;		/* the root was <html> */
	enum parse_ns		 read_as;	/* for elements with none */
	bool			 root_seen;	/* later depth-1 elements are not roots */
	bool			 stopped;
	char			 mismatch[64];	/* end tag libxml2 mismatched */
	struct {
		const char	*uri;		/* as libxml2 gave it */
		char		*copy;
		enum parse_ns	 ns;
	}			 nscache[PARSE_XML_NSCACHE];
	size_t			 nsnext;
	const char		*lname_of;	/* the last name lowered */
	const char		*lname;

	int			 cap_depth;	/* captured element, 0 none */
	enum parse_cap		 cap_mode;
	struct str		 cap;
	bool			 cap_full;
	int			 cap_skip;	/* xhtml wrapper div depth */

	/* The attribute guard: where in the markup the bytes pushed are. */
	int			 g_state;	/* PARSE_XML_G_* */
	char			 g_quote;	/* of the value it is in */
	char			 g_prev[2];	/* the two bytes before the chunk */
	int			 g_attrs;	/* '=' in the tag so far */
	uint64_t		 g_seen;	/* bytes pushed so far */
	uint64_t		 g_tag;		/* offset of the tag's '<' */
};

/* Where the attribute guard is (struct parse_xml's g_state). */
enum {
	PARSE_XML_G_TEXT = 0,
	PARSE_XML_G_LT,		/* right after '<' */
	PARSE_XML_G_BANG,	/* after "<!" */
	PARSE_XML_G_TAG,	/* in a tag, outside quotes */
	PARSE_XML_G_QUOTE,	/* in a quoted attribute value */
	PARSE_XML_G_COMMENT,	/* up to "-->" */
	PARSE_XML_G_CDATA,	/* up to "]]>" */
	PARSE_XML_G_PI		/* up to "?>" */
};

static const struct {
	const char	*uri;
	enum parse_ns	 ns;
} parse_xml_nstab[] = {
	{ "http://purl.org/rss/1.0/", PARSE_NS_RSS10 },
	{ "http://my.netscape.com/rdf/simple/0.9/", PARSE_NS_RSS090 },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", PARSE_NS_RDF },
	{ "http://www.w3.org/2005/Atom", PARSE_NS_ATOM10 },
	{ "http://purl.org/atom/ns#", PARSE_NS_ATOM03 },
	{ "http://purl.org/dc/elements/1.1/", PARSE_NS_DC },
	{ "http://purl.org/dc/elements/1.0/", PARSE_NS_DC },
	{ "http://purl.org/dc/terms/", PARSE_NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", PARSE_NS_CONTENT },
	{ "http://www.w3.org/1999/xhtml", PARSE_NS_XHTML },
	{ "http://search.yahoo.com/mrss/", PARSE_NS_MEDIA },
	{ "http://search.yahoo.com/mrss", PARSE_NS_MEDIA },
	/* iTunes: every spelling in use (compared without case) */
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", PARSE_NS_ITUNES },
	{ "https://www.itunes.com/dtds/podcast-1.0.dtd", PARSE_NS_ITUNES },
	{ "http://itunes.com/dtds/podcast-1.0.dtd", PARSE_NS_ITUNES },
	{ "http://example.com/dtds/podcast-1.0.dtd", PARSE_NS_ITUNES },
	{ "http://www.w3.org/XML/1998/namespace", PARSE_NS_XML },
	/* RSS 2.0 and 0.9x under the namespaces some generators add */
	{ "http://backend.userland.com/rss2", PARSE_NS_NONE },
	{ "http://backend.userland.com/rss", PARSE_NS_NONE },
	{ "http://blogs.law.harvard.edu/tech/rss", PARSE_NS_NONE },
	{ "http://purl.org/rss/1.0/modules/rss091#", PARSE_NS_NONE },
	{ "http://purl.org/net/rss1.1#", PARSE_NS_RSS10 },
	/* the drafts of Atom before 0.3, read as it (as feedparser does) */
	{ "http://purl.org/pie/", PARSE_NS_ATOM03 },
	{ "http://purl.org/echo/", PARSE_NS_ATOM03 },
	{ "http://example.com/necho", PARSE_NS_ATOM03 },
	{ "http://example.com/newformat#", PARSE_NS_ATOM03 },
	{ "uri/of/echo/namespace#", PARSE_NS_ATOM03 },
	{ NULL, PARSE_NS_NONE }
};

static const struct {
	const char	*prefix;
	enum parse_ns	 ns;
} parse_xml_prefixtab[] = {
	{ "dc", PARSE_NS_DC }, { "dcterms", PARSE_NS_DCTERMS },
	{ "content", PARSE_NS_CONTENT }, { "atom", PARSE_NS_ATOM10 },
	{ "media", PARSE_NS_MEDIA }, { "rdf", PARSE_NS_RDF },
	{ "xhtml", PARSE_NS_XHTML }, { "itunes", PARSE_NS_ITUNES },
	{ NULL, PARSE_NS_NONE }
};

/*
 * The namespace of a URI, compared without case as feedparser does (an
 * unknown one is PARSE_NS_OTHER); with no URI, an undeclared prefix that
 * feeds commonly forget to declare ("dc:creator") is recognised by name.
 */
enum parse_ns
parse_xml_ns(const char *uri, const char *prefix)
{
	size_t	i;

	if (uri == NULL || *uri == '\0') {
		if (prefix == NULL)
			return (PARSE_NS_NONE);
		for (i = 0; parse_xml_prefixtab[i].prefix != NULL; i++) {
			if (strcasecmp(prefix, parse_xml_prefixtab[i].prefix) == 0)
				return (parse_xml_prefixtab[i].ns);
		}
		return (PARSE_NS_OTHER);
	}
	for (i = 0; parse_xml_nstab[i].uri != NULL; i++) {
		if (strcasecmp(uri, parse_xml_nstab[i].uri) == 0)
			return (parse_xml_nstab[i].ns);
	}
	if (strcasestr(uri, "backend.userland.com/rss") != NULL)
		return (PARSE_NS_NONE);
	return (PARSE_NS_OTHER);
}

/*
 * The namespace of an element. The last URIs met are remembered (a feed
 * has a handful), so the table is searched once for each. An element in
 * a default namespace nobody knows (no prefix) is read as one with
 * none, as feedparser reads it: <feed xmlns="http://example.com/x">.
 */
static enum parse_ns
parse_xml_elem_ns(struct parse_xml *x, const char *uri, const char *prefix)
{
	enum parse_ns	 ns;
	size_t		 i;

	if (uri == NULL || *uri == '\0')
		return (parse_xml_ns(uri, prefix));
	for (i = 0; i < PARSE_XML_NSCACHE; i++) {
		if (x->nscache[i].uri == uri &&
		    strcmp(x->nscache[i].copy, uri) == 0) {
			ns = x->nscache[i].ns;
			goto found;
		}
	}
	ns = parse_xml_ns(uri, NULL);
	i = x->nsnext++ % PARSE_XML_NSCACHE;
	free(x->nscache[i].copy);
	x->nscache[i].uri = uri;
	x->nscache[i].copy = xstrdup(uri);
	x->nscache[i].ns = ns;
found:
	if (ns == PARSE_NS_OTHER && prefix == NULL)
		return (PARSE_NS_NONE);
	return (ns);
}

/*
 * The name an element is matched by: lower case, as feedparser and
 * gofeed match names (<PubDate>, CDF's <ITEM>), interned in libxml2's
 * dictionary when it has to be made.
 */
static const char *
parse_xml_lname(struct parse_xml *x, const char *name)
{
	char		 buf[128];
	const char	*q;
	size_t		 i;

	if (name == x->lname_of)	/* "pubDate" in every item */
		return (x->lname);
	for (q = name; *q != '\0' && (*q < 'A' || *q > 'Z'); q++)
		;
	if (*q == '\0')
		return (name);
	for (i = 0; name[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = name[i] >= 'A' && name[i] <= 'Z' ?
		    (char)(name[i] + 'a' - 'A') : name[i];
	buf[i] = '\0';
	if ((q = (const char *)xmlDictLookup(x->ctxt->dict,
	    (const xmlChar *)buf, (int)i)) == NULL)
		xmalloc_fail("libxml2");
	x->lname_of = name;	/* names are the dictionary's: they stay */
	x->lname = q;
	return (q);
}

/*
 * An attribute's value from a SAX2 attribute array (ns PARSE_NS_NONE for
 * an unqualified attribute; the name compared without case, as
 * feedparser does), allocated, or NULL. libxml2 leaves "&#38;"
 * for "&amp;" in values when entities are not substituted; undo that.
 */
char *
parse_xml_attr(const char **attrs, int n, enum parse_ns ns, const char *name)
{
	const char	*lname, *uri, *v, *e;
	struct str	 s;
	int		 i;

	for (i = 0; i < n; i++) {
		lname = attrs[i * 5];
		uri = attrs[i * 5 + 2];
		if (strcasecmp(lname, name) != 0)
			continue;
		if (ns == PARSE_NS_NONE ? uri != NULL :
		    parse_xml_ns(uri, attrs[i * 5 + 1]) != ns)
			continue;
		v = attrs[i * 5 + 3];
		e = attrs[i * 5 + 4];
		str_init(&s);
		str_reserve(&s, (size_t)(e - v));
		s.ptr[0] = '\0';
		while (v < e) {
			if (e - v >= 5 && memcmp(v, "&#38;", 5) == 0) {
				str_appendc(&s, '&');
				v += 5;
			} else
				str_appendc(&s, *v++);
		}
		return (str_steal(&s));
	}
	return (NULL);
}

/* Ask for the text of the element just started, captured in mode. */
void
parse_xml_capture(struct parse_xml *x, enum parse_cap mode)
{
	x->cap_depth = x->depth;
	x->cap_mode = mode;
	x->cap_full = false;
	x->cap_skip = 0;
	str_clear(&x->cap);
}

/* Stop parsing (the document is not a feed). */
static void
parse_xml_stop(struct parse_xml *x)
{
	x->stopped = true;
	xmlStopParser(x->ctxt);
}

/* The line the parser is on, for messages. */
int
parse_xml_line(struct parse_xml *x)
{
	return (xmlSAX2GetLineNumber(x->ctxt));
}

/* From now on read elements without a namespace as in ns (Atom's bare <feed>). */
void
parse_xml_read_as(struct parse_xml *x, enum parse_ns ns)
{
	x->read_as = ns;
}

/* Append captured text, within the size cap. */
static void
parse_xml_cap_append(struct parse_xml *x, const char *p, size_t n)
{
	if (x->cap_full)
		return;
	if (x->cap.len + n > PARSE_FIELD_MAX) {
		n = PARSE_FIELD_MAX - x->cap.len;
		x->cap_full = true;
		x->p->item_truncated = true;
		parse_warn(x->p, "line %d: <%s> is longer than %d bytes; cut",
		    parse_xml_line(x), x->stack[x->cap_depth - 1].name,
		    PARSE_FIELD_MAX);
	}
	str_append(&x->cap, p, n);
}

/* Append text with the XML special characters escaped. */
static void
parse_xml_cap_escaped(struct parse_xml *x, const char *p, size_t n,
    bool attr)
{
	size_t	i, start = 0;

	for (i = 0; i < n; i++) {
		const char *rep;

		switch (p[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		default:
			rep = NULL;
			break;
		}
		if (rep == NULL)
			continue;
		parse_xml_cap_append(x, p + start, i - start);
		parse_xml_cap_append(x, rep, strlen(rep));
		start = i + 1;
	}
	parse_xml_cap_append(x, p + start, n - start);
}

/* Whether an HTML element has no end tag. */
static bool
parse_xml_void(const char *name)
{
	static const char *v[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr", NULL
	};
	size_t	i;

	for (i = 0; v[i] != NULL; i++) {
		if (strcasecmp(name, v[i]) == 0)
			return (true);
	}
	return (false);
}

/* Serialise a start tag inside captured markup; links are made absolute. */
static void
parse_xml_cap_start(struct parse_xml *x, struct parse_elem *e,
    const char **attrs, int nattrs)
{
	const char	*lname, *v, *end;
	char		*val, *abs;
	int		 i;

	if (x->cap_mode == PARSE_CAP_TEXT)
		return;
	if (x->cap_mode == PARSE_CAP_XHTML && x->depth == x->cap_depth + 1 &&
	    x->cap_skip == 0 && x->cap.len == 0 && strcmp(e->name, "div") == 0 &&
	    e->ns == PARSE_NS_XHTML) {
		/* Atom's xhtml wrapper div is not part of the content. */
		x->cap_skip = x->depth;
		return;
	}
	parse_xml_cap_append(x, "<", 1);
	parse_xml_cap_append(x, e->name, strlen(e->name));
	for (i = 0; i < nattrs; i++) {
		lname = attrs[i * 5];
		if (attrs[i * 5 + 2] != NULL &&
		    parse_xml_ns(attrs[i * 5 + 2], NULL) == PARSE_NS_XML)
			continue;
		v = attrs[i * 5 + 3];
		end = attrs[i * 5 + 4];
		parse_xml_cap_append(x, " ", 1);
		parse_xml_cap_append(x, lname, strlen(lname));
		parse_xml_cap_append(x, "=\"", 2);
		val = xstrndup(v, (size_t)(end - v));
		if (strcasecmp(lname, "href") == 0 ||
		    strcasecmp(lname, "src") == 0) {
			abs = parse_resolve(x->p, e->base, val);
			if (abs != NULL) {
				free(val);
				val = abs;
			}
		}
		/* "&#38;" is libxml2's spelling of "&amp;" here. */
		if (strstr(val, "&#38;") != NULL) {
			struct str s;
			char *q;

			str_init(&s);
			for (q = val; *q != '\0'; ) {
				if (strncmp(q, "&#38;", 5) == 0) {
					str_appendc(&s, '&');
					q += 5;
				} else
					str_appendc(&s, *q++);
			}
			free(val);
			val = str_steal(&s);
		}
		parse_xml_cap_escaped(x, val, strlen(val), true);
		free(val);
		parse_xml_cap_append(x, "\"", 1);
	}
	parse_xml_cap_append(x, ">", 1);
}

/* Serialise an end tag inside captured markup. */
static void
parse_xml_cap_end(struct parse_xml *x, struct parse_elem *e)
{
	if (x->cap_mode == PARSE_CAP_TEXT)
		return;
	if (x->cap_skip == x->depth) {
		x->cap_skip = -1;	/* only the first div is a wrapper */
		return;
	}
	if (parse_xml_void(e->name))
		return;
	parse_xml_cap_append(x, "</", 2);
	parse_xml_cap_append(x, e->name, strlen(e->name));
	parse_xml_cap_append(x, ">", 1);
}

/* The root element says which format this is, or that it is none. */
static void
parse_xml_root(struct parse_xml *x, struct parse_elem *e, const char **attrs,
    int nattrs)
{
	struct parse	*p = x->p;
	size_t		 i;

	for (i = 0; i < x->nfmts; i++) {
		if (x->fmts[i]->root(p, x, e, attrs, nattrs)) {
			e->fmt = x->fmts[i];
			return;
		}
	}
	if (strcasecmp(e->name, "html") == 0) {
		x->html = true;
	} else if (strcasecmp(e->name, "opml") == 0) {
		parse_fail(p, "this is an OPML subscription list, not a feed");
		parse_xml_stop(x);
	} else {
		parse_fail(p, "the root element is <%s>, not <rss>, <rdf:RDF> "
		    "or <feed>", e->name);
		parse_xml_stop(x);
	}
}

/* The format that owns an element of namespace ns, or NULL. */
static const struct parse_format *
parse_xml_format(struct parse_xml *x, enum parse_ns ns)
{
	size_t	i;

	for (i = 0; i < x->nfmts; i++) {
		if (x->fmts[i]->owns(ns))
			return (x->fmts[i]);
	}
	return (NULL);
}

/* Inside an XHTML page: keep the feeds it links to; stop at <body>. */
static void
parse_xml_html(struct parse_xml *x, struct parse_elem *e, const char **attrs,
    int nattrs)
{
	char	*rel, *type, *href;

	if (strcasecmp(e->name, "body") == 0) {
		parse_html_fail(x->p);
		parse_xml_stop(x);
		return;
	}
	if (strcasecmp(e->name, "link") != 0)
		return;
	rel = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "rel");
	type = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
	href = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "href");
	parse_html_link(x->p, e->base, rel, type, href);
	free(rel);
	free(type);
	free(href);
}

/* SAX2: an element starts; push it, then capture it or give it a role. */
static void
parse_xml_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nsv, int nattrs,
    int ndefaulted, const xmlChar **xattrs)
{
	struct parse_xml	*x = ctx;
	struct parse_elem	*e, *parent;
	const char		**attrs = (const char **)xattrs;
	char			*v;

	(void)nns;
	(void)nsv;
	(void)ndefaulted;
	if (x->stopped)
		return;
	if (x->depth >= PARSE_XML_MAX_DEPTH) {
		if (x->depth == PARSE_XML_MAX_DEPTH)
			parse_warn(x->p, "line %d: elements nested deeper than "
			    "%d are ignored", parse_xml_line(x),
			    PARSE_XML_MAX_DEPTH);
		if (++x->depth > PARSE_XML_STOP_DEPTH) {
			parse_warn(x->p, "line %d: elements nested deeper than "
			    "%d; reading stops here", parse_xml_line(x),
			    PARSE_XML_STOP_DEPTH);
			parse_cut(x->p, "line %d: elements nested deeper than "
			    "%d", parse_xml_line(x), PARSE_XML_STOP_DEPTH);
			parse_xml_stop(x);
		}
		return;
	}
	parent = x->depth > 0 ? &x->stack[x->depth - 1] : NULL;
	e = &x->stack[x->depth++];
	memset(e, 0, sizeof *e);
	e->ns = parse_xml_elem_ns(x, (const char *)uri, (const char *)prefix);
	if (x->read_as != PARSE_NS_NONE && e->ns == PARSE_NS_NONE)
		e->ns = x->read_as;
	e->name = (const char *)localname;
	e->lname = x->cap_depth != 0 ? e->name : parse_xml_lname(x, e->name);
	e->base = parent != NULL ? parent->base : x->p->url;
	e->lang = parent != NULL ? parent->lang : NULL;
	if ((v = parse_xml_attr(attrs, nattrs, PARSE_NS_XML, "base")) != NULL) {
		e->base = parse_resolve(x->p, e->base, v);
		e->own_base = e->base != NULL;
		free(v);
	}
	if ((v = parse_xml_attr(attrs, nattrs, PARSE_NS_XML, "lang")) != NULL) {
		e->lang = str_trim(v);
		e->own_lang = true;
	}

	if (x->cap_depth != 0) {
		parse_xml_cap_start(x, e, attrs, nattrs);
		return;
	}
	if (x->depth == 1 && !x->root_seen) {
		x->root_seen = true;
		parse_xml_root(x, e, attrs, nattrs);
		return;
	}
	if (x->html) {
		parse_xml_html(x, e, attrs, nattrs);
		return;
	}
	if ((e->fmt = parse_xml_format(x, e->ns)) != NULL)
		e->fmt->start(x->p, x, x->depth, e, attrs, nattrs);
}

/* Make the relative links in an HTML field absolute. */
static void
parse_xml_links(struct parse *p, struct parse_elem *e, char **field, int type)
{
	if (type == FEED_TEXT_HTML)
		parse_resolve_html(p, e->base, field);
}

/* Set *field to a sanitised one-line copy of text, over what it was. */
static void
parse_xml_set_last(char **field, const struct str *text)
{
	char	*v;

	if (text == NULL)
		return;
	v = sanitize_line(str_cstr(text), text->len);
	if (*v == '\0')
		free(v);
	else {
		free(*field);
		*field = v;
	}
}

/* Set *link to the link text resolved, over what it was, unless empty. */
static void
parse_xml_set_link(struct parse *p, struct parse_elem *e, char **link,
    const struct str *text)
{
	char	*v, *abs;

	if (text == NULL)
		return;
	v = xstrdup(str_cstr(text));
	if ((abs = parse_resolve(p, e->base, str_trim(v))) != NULL) {
		free(*link);
		*link = abs;
	}
	free(v);
}

/*
 * A date (k: 0 published, 1 updated). The first element of those that
 * mean it sets it; the same element again (a second <updated>) sets it
 * over, as feedparser's tests want and gofeed does.
 */
static void
parse_xml_set_date(struct parse *p, struct parse_elem *e, int64_t *t, int k,
    const char *s)
{
	int64_t	v = FEED_TIME_UNKNOWN;

	if (*t != FEED_TIME_UNKNOWN && p->date_src[k] == e->name &&
	    p->date_ns[k] == e->ns) {
		parse_date_field(p, &v, s);
		if (v != FEED_TIME_UNKNOWN)
			*t = v;
		return;
	}
	if (*t != FEED_TIME_UNKNOWN)
		return;
	parse_date_field(p, t, s);
	if (*t != FEED_TIME_UNKNOWN) {
		p->date_src[k] = e->name;
		p->date_ns[k] = e->ns;
	}
}

/* Keywords (itunes:keywords, media:keywords): a category per comma. */
static void
parse_xml_keywords(struct parse *p, const char *t)
{
	char	*all, *w, *next;

	all = xstrdup(t);
	for (w = all; w != NULL; w = next) {
		if ((next = strchr(w, ',')) != NULL)
			*next++ = '\0';
		parse_add_category(&p->item->categories, str_trim(w));
	}
	free(all);
}

/*
 * Store the text of an element with a role (text is what was captured,
 * or NULL) in the item or the feed: the same for every format.
 */
static void
parse_xml_store(struct parse *p, struct parse_elem *e, struct str *text)
{
	struct item	*it = p->item;
	const char	*t = text != NULL ? str_cstr(text) : NULL;
	char		*v;

	switch (e->role) {
	case PARSE_ROLE_ITEM:
		parse_item_end(p, e->lang);
		return;
	case PARSE_ROLE_FEED_TITLE:
		/* The first title: feedparser's (gofeed takes the last). */
		if (p->feed->title == NULL && t != NULL) {
			v = parse_title(t, text->len, e->type);
			if (*v != '\0')
				p->feed->title = v;
			else
				free(v);
		}
		return;
	case PARSE_ROLE_FEED_LINK:
		/*
		 * The last <link>, as feedparser and gofeed both have it,
		 * over any atom:link (gofeed's order).
		 */
		parse_xml_set_link(p, e, &p->feed->link, text);
		if (p->feed->link != NULL)
			p->feed_link_rank = PARSE_LINK_RANK_RSS;
		return;
	case PARSE_ROLE_FEED_DESCRIPTION:
		/*
		 * The last one, as in feedparser and gofeed; dc:description
		 * and itunes:summary only when there is none.
		 */
		if (t != NULL && (e->rank == 0 || p->feed->description == NULL)) {
			v = parse_title(t, text->len, e->type);
			if (*v != '\0') {
				free(p->feed->description);
				p->feed->description = v;
			} else
				free(v);
		}
		return;
	case PARSE_ROLE_FEED_LANGUAGE:
		/* The last one, as in feedparser and gofeed. */
		parse_xml_set_last(&p->feed->language, text);
		return;
	case PARSE_ROLE_FEED_TTL:
		if (t != NULL)
			p->feed->ttl = atoi(t) > 0 ? atoi(t) : 0;
		return;
	default:
		break;
	}
	if (it == NULL || t == NULL)
		return;
	switch (e->role) {
	case PARSE_ROLE_ITEM_TITLE:
		if (it->title == NULL) {
			v = parse_title(t, text->len, e->type);
			if (*v != '\0')
				it->title = v;
			else
				free(v);
		}
		break;
	case PARSE_ROLE_ITEM_LINK:
		/* The last <link> as for the feed's; over any atom:link. */
		parse_xml_set_link(p, e, &it->link, text);
		if (it->link != NULL)
			p->link_rank = PARSE_LINK_RANK_RSS;
		break;
	case PARSE_ROLE_ITEM_GUID:
		if (it->guid == NULL || p->guid_weak) {
			v = sanitize_line(t, text->len);
			if (*v == '\0')
				free(v);
			else {
				free(it->guid);
				it->guid = v;
				p->guid_weak = false;
				p->guid_permalink = e->role == PARSE_ROLE_ITEM_GUID &&
				    !e->attr_flag && strcmp(e->lname, "guid") == 0;
			}
		}
		break;
	case PARSE_ROLE_ITEM_SUMMARY:
		if (it->summary == NULL && (it->summary = parse_field(text))) {
			it->summary_type = parse_guess_type(it->summary, e->type);
			parse_xml_links(p, e, &it->summary, it->summary_type);
		}
		break;
	case PARSE_ROLE_ITEM_ALT_TITLE:
		if (p->alt_title == NULL || e->rank > p->alt_title_rank) {
			v = parse_title(t, text->len, e->type);
			if (*v == '\0')
				free(v);
			else {
				free(p->alt_title);
				p->alt_title = v;
				p->alt_title_rank = e->rank;
			}
		}
		break;
	case PARSE_ROLE_ITEM_ALT_SUMMARY:
		if ((p->alt_summary == NULL || e->rank > p->alt_summary_rank) &&
		    (v = parse_field(text)) != NULL) {
			free(p->alt_summary);
			p->alt_summary = v;
			p->alt_summary_rank = e->rank;
			p->alt_summary_type = parse_guess_type(v, e->type);
			parse_xml_links(p, e, &p->alt_summary,
			    p->alt_summary_type);
		}
		break;
	case PARSE_ROLE_ITEM_KEYWORDS:
		parse_xml_keywords(p, t);
		break;
	case PARSE_ROLE_ITEM_CONTENT:
		if (it->content == NULL && (it->content = parse_field(text))) {
			it->content_type = e->type;
			parse_xml_links(p, e, &it->content, e->type);
		}
		break;
	case PARSE_ROLE_ITEM_PUBLISHED:
		parse_xml_set_date(p, e, &it->published, 0, t);
		break;
	case PARSE_ROLE_ITEM_UPDATED:
		parse_xml_set_date(p, e, &it->updated, 1, t);
		break;
	case PARSE_ROLE_ITEM_AUTHOR:
		parse_add_person(&it->authors, t);
		break;
	case PARSE_ROLE_ITEM_CATEGORY:
		parse_add_category(&it->categories, t);
		break;
	case PARSE_ROLE_ITEM_LANGUAGE:
		if (p->item_lang == NULL) {
			v = sanitize_line(t, text->len);
			if (*v == '\0')
				free(v);
			else
				p->item_lang = v;
		}
		break;
	default:
		break;
	}
}

/* An element with a role ends: its format's handler or the store has it. */
static void
parse_xml_end_role(struct parse_xml *x, struct parse_elem *e, struct str *text)
{
	if (e->fmt != NULL && e->fmt->end != NULL &&
	    e->fmt->end(x->p, x, x->depth, e, text))
		return;
	parse_xml_store(x->p, e, text);
}

/* Close the innermost open element. */
static void
parse_xml_pop(struct parse_xml *x)
{
	struct parse_elem	*e;

	if (x->depth > PARSE_XML_MAX_DEPTH) {
		x->depth--;
		return;
	}
	e = &x->stack[x->depth - 1];
	if (x->cap_depth != 0 && x->depth > x->cap_depth)
		parse_xml_cap_end(x, e);
	else if (x->cap_depth != 0 && x->depth == x->cap_depth) {
		x->cap_depth = 0;
		parse_xml_end_role(x, e, &x->cap);
	} else if (e->role != PARSE_ROLE_NONE)
		parse_xml_end_role(x, e, NULL);
	if (e->own_base)
		free(e->base);
	if (e->own_lang)
		free(e->lang);
	x->depth--;
}

/*
 * An end tag. When libxml2 has just reported that the tag does not match
 * the open element ("<description>a <b>b</description>"), it closes its
 * innermost element whatever the tag said; this stack instead closes up
 * to the element the tag names, as browsers and feedparser do, and
 * ignores a tag that closes nothing open. Items after broken markup in a
 * description are then still read.
 */
static void
parse_xml_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct parse_xml	*x = ctx;
	const char		*want;
	int			 i, limit;

	(void)localname;
	(void)prefix;
	(void)uri;
	if (x->stopped || x->depth == 0)
		return;
	if (x->mismatch[0] == '\0' || x->depth > PARSE_XML_MAX_DEPTH) {
		x->mismatch[0] = '\0';
		parse_xml_pop(x);
		return;
	}
	want = strchr(x->mismatch, ':');
	want = want != NULL ? want + 1 : x->mismatch;
	for (i = x->depth - 1; i >= 0; i--) {
		if (strcmp(x->stack[i].name, want) == 0)
			break;
	}
	x->mismatch[0] = '\0';
	if (i < 0)
		return;
	limit = i + 1;
	while (x->depth >= limit)
		parse_xml_pop(x);
}

/* SAX2: character data or CDATA; kept only inside a captured element. */
static void
parse_xml_text(void *ctx, const xmlChar *ch, int len)
{
	struct parse_xml	*x = ctx;

	if (x->cap_depth == 0 || x->stopped || len <= 0)
		return;
	if (x->cap_mode == PARSE_CAP_XHTML)
		parse_xml_cap_escaped(x, (const char *)ch, (size_t)len, false);
	else
		parse_xml_cap_append(x, (const char *)ch, (size_t)len);
}

/* SAX2: only the five predefined entities exist; DTD ones never expand. */
static xmlEntityPtr
parse_xml_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return (xmlGetPredefinedEntity(name));
}

/* SAX2: every error becomes a warning; a tag mismatch is remembered. */
static void
parse_xml_error(void *ctx, xmlErrorPtr err)
{
	struct parse_xml	*x = ctx;
	char			*msg;

	if (err == NULL || err->message == NULL)
		return;
	if (err->level == XML_ERR_WARNING && err->domain == XML_FROM_NAMESPACE)
		return;
	if (err->code == XML_ERR_TAG_NAME_MISMATCH && err->str2 != NULL)
		snprintf(x->mismatch, sizeof x->mismatch, "%s", err->str2);
	msg = str_trim(xstrdup(err->message));
	parse_warn(x->p, "line %d: %s", err->line, msg);
	free(msg);
}

/* Start an XML parser for p, reading the formats fmts (n of them). */
struct parse_xml *
parse_xml_new(struct parse *p, const struct parse_format *const *fmts,
    size_t n)
{
	struct parse_xml	*x;

	x = xcalloc(1, sizeof *x);
	x->p = p;
	x->fmts = fmts;
	x->nfmts = n;
	str_init(&x->cap);
	x->sax.initialized = XML_SAX2_MAGIC;
	x->sax.startElementNs = parse_xml_start;
	x->sax.endElementNs = parse_xml_end;
	x->sax.characters = parse_xml_text;
	x->sax.cdataBlock = parse_xml_text;
	x->sax.getEntity = parse_xml_entity;
	x->sax.serror = parse_xml_error;
	x->ctxt = xmlCreatePushParserCtxt(&x->sax, x, NULL, 0, NULL);
	if (x->ctxt == NULL)
		xmalloc_fail("libxml2");
	/* No NOENT, no DTD loading, no network; the encoding is ours. */
	xmlCtxtUseOptions(x->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
	return (x);
}

/* libxml2's generic error function, silenced around our calls. */
static void
parse_xml_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* The bytes of a tag the guard looks at. */
static const bool parse_xml_guard_stop[256] = {
	['>'] = true, ['"'] = true, ['\''] = true, ['='] = true,
};

/* The byte i bytes before buf[at] (at < i: from the chunk before). */
static char
parse_xml_guard_back(const struct parse_xml *x, const char *buf, size_t at,
    size_t i)
{
	if (at >= i)
		return (buf[at - i]);
	return (x->g_prev[2 - (i - at)]);
}

/*
 * The attribute guard: libxml2 2.9 checks each attribute of a start tag
 * against all those before it, so an element with 100 000 attributes
 * took seconds. This follows the markup of the bytes about to be pushed
 * (text, tags and their quoted values, comments, CDATA, processing
 * instructions) and counts the '=' of each tag; returns how many bytes
 * may go to libxml2: all, or those before a tag with more than
 * PARSE_XML_ATTRS_MAX, which stops the document there. memchr carries
 * it over text, values and CDATA.
 */
static size_t
parse_xml_guard(struct parse_xml *x, const char *buf, size_t len)
{
	const char	*q;
	size_t		 i = 0, cut;
	char		 c;

	while (i < len) {
		switch (x->g_state) {
		case PARSE_XML_G_TEXT:
			if ((q = memchr(buf + i, '<', len - i)) == NULL) {
				i = len;
				continue;
			}
			i = (size_t)(q - buf);
			x->g_tag = x->g_seen + i;
			x->g_attrs = 0;
			x->g_state = PARSE_XML_G_LT;
			i++;
			continue;
		case PARSE_XML_G_LT:
			c = buf[i];
			x->g_state = c == '!' ? PARSE_XML_G_BANG : c == '?' ?
			    PARSE_XML_G_PI : PARSE_XML_G_TAG;
			if (x->g_state != PARSE_XML_G_TAG)
				i++;
			continue;
		case PARSE_XML_G_BANG:
			c = buf[i];
			x->g_state = c == '-' ? PARSE_XML_G_COMMENT : c == '[' ?
			    PARSE_XML_G_CDATA : PARSE_XML_G_TAG;
			if (x->g_state != PARSE_XML_G_TAG)
				i++;
			continue;
		case PARSE_XML_G_QUOTE:
			if ((q = memchr(buf + i, x->g_quote, len - i)) == NULL) {
				i = len;
				continue;
			}
			i = (size_t)(q - buf) + 1;
			x->g_state = PARSE_XML_G_TAG;
			continue;
		case PARSE_XML_G_COMMENT:
		case PARSE_XML_G_CDATA:
		case PARSE_XML_G_PI:
			if ((q = memchr(buf + i, '>', len - i)) == NULL) {
				i = len;
				continue;
			}
			i = (size_t)(q - buf);
			c = x->g_state == PARSE_XML_G_COMMENT ? '-' :
			    x->g_state == PARSE_XML_G_CDATA ? ']' : '?';
			if (parse_xml_guard_back(x, buf, i, 1) == c &&
			    (c == '?' || parse_xml_guard_back(x, buf, i, 2) == c))
				x->g_state = PARSE_XML_G_TEXT;
			i++;
			continue;
		}
		/* In a tag: on to the next byte that matters there. */
		while (i < len && !parse_xml_guard_stop[(unsigned char)buf[i]])
			i++;
		if (i == len)
			continue;
		c = buf[i++];
		if (c == '>')
			x->g_state = PARSE_XML_G_TEXT;
		else if (c == '"' || c == '\'') {
			x->g_quote = c;
			x->g_state = PARSE_XML_G_QUOTE;
		} else if (c == '=' && ++x->g_attrs > PARSE_XML_ATTRS_MAX) {
			cut = x->g_tag > x->g_seen ?
			    (size_t)(x->g_tag - x->g_seen) : 0;
			parse_warn(x->p, "line %d: an element with more than %d "
			    "attributes; reading stops here", parse_xml_line(x),
			    PARSE_XML_ATTRS_MAX);
			parse_cut(x->p, "line %d: an element with more than %d "
			    "attributes", parse_xml_line(x), PARSE_XML_ATTRS_MAX);
			return (cut);
		}
	}
	if (len >= 2)
		memcpy(x->g_prev, buf + len - 2, 2);
	else if (len == 1) {
		x->g_prev[0] = x->g_prev[1];
		x->g_prev[1] = buf[0];
	}
	x->g_seen += len;
	return (len);
}

/* Feed UTF-8 to the parser; last is set for the final call. */
void
parse_xml_push(struct parse_xml *x, const char *buf, size_t len, bool last)
{
	const size_t		 step = 1 << 20;
	size_t			 n, ok;
	bool			 guarded;
	xmlGenericErrorFunc	 olderr;
	void			*oldctx;

	if (x->stopped)
		return;
	if ((guarded = (ok = parse_xml_guard(x, buf, len)) < len)) {
		/* The bytes before the tag, then no more. */
		len = ok;
		last = true;
	}
	/* Errors come through serror; nothing may print on its own. */
	olderr = xmlGenericError;
	oldctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, parse_xml_silent);
	do {
		n = len > step ? step : len;
		xmlParseChunk(x->ctxt, buf, (int)n, last && n == len);
		buf += n;
		len -= n;
	} while (len > 0 && !x->stopped);
	xmlSetGenericErrorFunc(oldctx, olderr);
	if (guarded)
		parse_xml_stop(x);
	if (last && !x->stopped && x->depth > 0 && !x->html)
		parse_cut(x->p, "it ends inside <%s>", x->stack[x->depth >
		    PARSE_XML_MAX_DEPTH ? PARSE_XML_MAX_DEPTH - 1 :
		    x->depth - 1].name);
	else if (last && !x->stopped && x->ctxt->disableSAX && !x->html)
		parse_cut(x->p, "line %d: libxml2 stopped reading",
		    parse_xml_line(x));
	if (last && x->html)
		parse_html_fail(x->p);
}

/* Free an XML parser. */
void
parse_xml_free(struct parse_xml *x)
{
	size_t	i;

	if (x == NULL)
		return;
	while (x->depth > 0) {
		if (x->depth <= PARSE_XML_MAX_DEPTH) {
			struct parse_elem *e = &x->stack[x->depth - 1];
			if (e->own_base)
				free(e->base);
			if (e->own_lang)
				free(e->lang);
		}
		x->depth--;
	}
	for (i = 0; i < PARSE_XML_NSCACHE; i++)
		free(x->nscache[i].copy);
	str_free(&x->cap);
	if (x->ctxt->myDoc != NULL)
		xmlFreeDoc(x->ctxt->myDoc);
	xmlFreeParserCtxt(x->ctxt);
	free(x);
}
