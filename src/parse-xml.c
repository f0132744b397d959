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
 * serialising nested markup for HTML and XHTML content. It calls
 * parse_rss_* for everything but Atom elements, which go to parse_atom_*.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "parse-priv.h"
#include "url.h"
#include "xmalloc.h"

struct parse_xml {
	struct parse		*p;
	xmlParserCtxtPtr	 ctxt;
	xmlSAXHandler		 sax;
	struct parse_elem	 stack[PARSE_XML_MAX_DEPTH];
	int			 depth;		/* open elements */
	bool			 html;		/* the root was <html> */
	bool			 bare_atom;	/* <feed> with no namespace */
	bool			 root_seen;	/* later depth-1 elements are not roots */
	bool			 stopped;
	char			 mismatch[64];	/* end tag libxml2 mismatched */

	int			 cap_depth;	/* captured element, 0 none */
	enum parse_cap		 cap_mode;
	struct str		 cap;
	bool			 cap_full;
	int			 cap_skip;	/* xhtml wrapper div depth */
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
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", PARSE_NS_ITUNES },
	{ "http://www.w3.org/XML/1998/namespace", PARSE_NS_XML },
	/* RSS 2.0 and 0.9x under the namespaces some generators add */
	{ "http://backend.userland.com/rss2", PARSE_NS_NONE },
	{ "http://backend.userland.com/rss", PARSE_NS_NONE },
	{ "http://blogs.law.harvard.edu/tech/rss", PARSE_NS_NONE },
	{ "http://purl.org/net/rss1.1#", PARSE_NS_RSS10 },
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
 * The namespace of a URI; with no URI, an undeclared prefix that feeds
 * commonly forget to declare ("dc:creator") is recognised by name.
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
		if (strcmp(uri, parse_xml_nstab[i].uri) == 0)
			return (parse_xml_nstab[i].ns);
	}
	return (PARSE_NS_OTHER);
}

/*
 * An attribute's value from a SAX2 attribute array (ns PARSE_NS_NONE for
 * an unqualified attribute), allocated, or NULL. libxml2 leaves "&#38;"
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
		if (strcmp(lname, name) != 0)
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
void
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

/* Whether libxml2 has met no error yet (it drops named entities after). */
bool
parse_xml_well_formed(struct parse_xml *x)
{
	return (x->ctxt->wellFormed != 0);
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
	char		*version, *fmt;

	if (strcasecmp(e->name, "rss") == 0) {
		version = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE,
		    "version");
		if (version != NULL && *str_trim(version) != '\0') {
			xasprintf(&fmt, "rss%s", version);
			parse_set_format(p, fmt);
			free(fmt);
		} else
			parse_set_format(p, "rss");
		free(version);
	} else if (strcmp(e->name, "RDF") == 0) {
		parse_set_format(p, "rss1.0");
	} else if (strcmp(e->name, "feed") == 0) {
		if (e->ns == PARSE_NS_ATOM10)
			parse_set_format(p, "atom1.0");
		else if (e->ns == PARSE_NS_ATOM03)
			parse_set_format(p, "atom0.3");
		else {
			/* No namespace: read its elements as Atom 1.0. */
			parse_set_format(p, "atom");
			x->bare_atom = e->ns == PARSE_NS_NONE;
			e->ns = PARSE_NS_ATOM10;
		}
		p->have_channel = true;
		p->channel_depth = 1;
		e->role = PARSE_ROLE_CHANNEL;
		if (e->lang != NULL && *e->lang != '\0')
			p->feed_lang = xstrdup(e->lang);
	} else if (strcasecmp(e->name, "html") == 0) {
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

/* Say that an HTML page is not a feed, naming the feed it links to. */
static void
parse_xml_html_fail(struct parse_xml *x)
{
	if (x->p->failed)
		return;
	if (x->p->alternate != NULL)
		parse_fail(x->p, "this is an HTML page, not a feed; it links to "
		    "a feed at %s", x->p->alternate);
	else
		parse_fail(x->p, "this is an HTML page, not a feed");
}

/* Inside an HTML page: remember the feed it links to; stop at <body>. */
static void
parse_xml_html(struct parse_xml *x, struct parse_elem *e, const char **attrs,
    int nattrs)
{
	struct parse	*p = x->p;
	char		*rel, *type, *href;

	if (strcasecmp(e->name, "body") == 0) {
		parse_xml_html_fail(x);
		parse_xml_stop(x);
		return;
	}
	if (strcasecmp(e->name, "link") != 0 || p->alternate != NULL)
		return;
	rel = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "rel");
	type = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
	href = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "href");
	if (rel != NULL && type != NULL && href != NULL &&
	    strcasestr(rel, "alternate") != NULL &&
	    (strcasestr(type, "rss") != NULL ||
	    strcasestr(type, "atom") != NULL ||
	    strcasestr(type, "json") != NULL))
		p->alternate = parse_resolve(p, e->base, href);
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
			parse_xml_stop(x);
		}
		return;
	}
	parent = x->depth > 0 ? &x->stack[x->depth - 1] : NULL;
	e = &x->stack[x->depth++];
	memset(e, 0, sizeof *e);
	e->ns = parse_xml_ns((const char *)uri, (const char *)prefix);
	if (x->bare_atom && e->ns == PARSE_NS_NONE)
		e->ns = PARSE_NS_ATOM10;
	e->name = (const char *)localname;
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
	if (e->ns == PARSE_NS_ATOM10 || e->ns == PARSE_NS_ATOM03)
		parse_atom_start(x->p, x, x->depth, e, attrs, nattrs);
	else
		parse_rss_start(x->p, x, x->depth, e, attrs, nattrs);
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
		if (e->ns == PARSE_NS_ATOM10 || e->ns == PARSE_NS_ATOM03)
			parse_atom_end(x->p, x, x->depth, e, &x->cap);
		else
			parse_rss_end(x->p, x, x->depth, e, &x->cap);
	} else if (e->role != PARSE_ROLE_NONE) {
		if (e->ns == PARSE_NS_ATOM10 || e->ns == PARSE_NS_ATOM03)
			parse_atom_end(x->p, x, x->depth, e, NULL);
		else
			parse_rss_end(x->p, x, x->depth, e, NULL);
	}
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

/* Start an XML parser for p. */
struct parse_xml *
parse_xml_new(struct parse *p)
{
	struct parse_xml	*x;

	x = xcalloc(1, sizeof *x);
	x->p = p;
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

/* Feed UTF-8 to the parser; last is set for the final call. */
void
parse_xml_push(struct parse_xml *x, const char *buf, size_t len, bool last)
{
	const size_t		 step = 1 << 20;
	size_t			 n;
	xmlGenericErrorFunc	 olderr;
	void			*oldctx;

	if (x->stopped)
		return;
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
	if (last && x->html)
		parse_xml_html_fail(x);
}

/* Free an XML parser. */
void
parse_xml_free(struct parse_xml *x)
{
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
	str_free(&x->cap);
	if (x->ctxt->myDoc != NULL)
		xmlFreeDoc(x->ctxt->myDoc);
	xmlFreeParserCtxt(x->ctxt);
	free(x);
}
