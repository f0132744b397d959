/*
 * An HTML page where a feed was expected: not a feed, but it may say
 * where its feeds are (feed discovery). A page that starts like HTML
 * ("<!DOCTYPE html", "<html") is read with libxml2's HTML push parser,
 * which takes pages as browsers do (unquoted attributes, scripts,
 * unclosed tags), up to its <body>; an XHTML page that starts like XML
 * is read by parse-xml.c, which hands its <link> elements here. Every
 * <link rel="alternate"> (or rel="feed") of a feed's type is kept,
 * absolute against <base href> or the page's URL, for the reason the
 * page is not a feed and for parse_feed_links().
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "parse-priv.h"
#include "sanitize.h"
#include "str.h"
#include "xmalloc.h"

#define PARSE_HTML_LINKS	16		/* feed links kept */
#define PARSE_HTML_MAX		(1024 * 1024)	/* bytes read for them */

struct parse_html {
	struct parse		*p;
	htmlParserCtxtPtr	 ctxt;
	htmlSAXHandler		 sax;
	char			*base;		/* <base href>, or NULL */
	size_t			 total;
	bool			 stopped;
};

/* Whether a rel attribute has the token alternate or feed. */
static bool
parse_html_rel(const char *rel)
{
	const char	*q = rel;
	size_t		 n;

	while (*q != '\0') {
		q += strspn(q, " \t\r\n");
		n = strcspn(q, " \t\r\n");
		if ((n == 9 && strncasecmp(q, "alternate", 9) == 0) ||
		    (n == 4 && strncasecmp(q, "feed", 4) == 0))
			return (true);
		q += n;
	}
	return (false);
}

/* Whether a type attribute names a feed (RSS, Atom, RDF, JSON Feed). */
static bool
parse_html_type(const char *type)
{
	return (strcasestr(type, "rss") != NULL ||
	    strcasestr(type, "atom") != NULL ||
	    strcasestr(type, "rdf") != NULL ||
	    strcasestr(type, "feed+json") != NULL ||
	    strcasecmp(type, "application/json") == 0);
}

/*
 * A <link> of an HTML page (rel, type, href as written, any may be NULL;
 * base the base in scope or NULL): kept when it announces a feed.
 */
void
parse_html_link(struct parse *p, const char *base, const char *rel,
    const char *type, const char *href)
{
	char	*url, *t;

	if (rel == NULL || href == NULL || !parse_html_rel(rel))
		return;
	if (type == NULL) {
		if (strcasestr(rel, "feed") == NULL)
			return;		/* rel="alternate" of anything */
	} else {
		t = str_trim(xstrdup(type));
		if (!parse_html_type(t)) {
			free(t);
			return;
		}
		free(t);
	}
	if (p->feed_links.n >= PARSE_HTML_LINKS)
		return;
	t = str_trim(xstrdup(href));
	if (base != NULL || p->url != NULL)
		url = parse_resolve(p, base != NULL ? base : p->url, t);
	else
		url = *t != '\0' ? sanitize_line(t, strlen(t)) : NULL;
	free(t);
	if (url != NULL && !strv_contains(&p->feed_links, url))
		strv_add_owned(&p->feed_links, url);
	else
		free(url);
}

/* The value of an attribute in a SAX1 attribute list, or NULL. */
static const char *
parse_html_attr(const xmlChar **attrs, const char *name)
{
	size_t	i;

	for (i = 0; attrs != NULL && attrs[i] != NULL; i += 2) {
		if (strcasecmp((const char *)attrs[i], name) == 0)
			return (attrs[i + 1] != NULL ?
			    (const char *)attrs[i + 1] : "");
	}
	return (NULL);
}

/* SAX: an element starts: <base>, <link>; <body> ends the reading. */
static void
parse_html_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
	struct parse_html	*h = ctx;
	const char		*n = (const char *)name, *v;

	if (h->stopped)
		return;
	if (strcasecmp(n, "body") == 0) {
		h->stopped = true;
		xmlStopParser(h->ctxt);
		parse_html_fail(h->p);
	} else if (strcasecmp(n, "base") == 0 && h->base == NULL &&
	    (v = parse_html_attr(attrs, "href")) != NULL)
		h->base = parse_resolve(h->p, h->p->url, v);
	else if (strcasecmp(n, "link") == 0)
		parse_html_link(h->p, h->base, parse_html_attr(attrs, "rel"),
		    parse_html_attr(attrs, "type"),
		    parse_html_attr(attrs, "href"));
}

/* libxml2's errors: an HTML page has many, and none matters here. */
static void
parse_html_silent(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* Start reading an HTML page for p. */
struct parse_html *
parse_html_new(struct parse *p)
{
	struct parse_html	*h;

	h = xcalloc(1, sizeof *h);
	h->p = p;
	h->sax.initialized = XML_SAX2_MAGIC;
	h->sax.startElement = parse_html_start;
	h->sax.serror = parse_html_silent;
	h->ctxt = htmlCreatePushParserCtxt(&h->sax, h, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (h->ctxt == NULL)
		xmalloc_fail("libxml2");
	htmlCtxtUseOptions(h->ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS |
	    HTML_PARSE_IGNORE_ENC);
	return (h);
}

/* Feed UTF-8 to the page's parser, up to its <body> or PARSE_HTML_MAX. */
void
parse_html_push(struct parse_html *h, const char *buf, size_t len, bool last)
{
	if (h->stopped)
		return;
	if (h->total + len > PARSE_HTML_MAX) {
		len = PARSE_HTML_MAX - h->total;
		last = true;
	}
	h->total += len;
	htmlParseChunk(h->ctxt, buf, (int)len, last);
	if (last)
		h->stopped = true;
}

/* Say that the page is not a feed, naming the feeds it links to. */
void
parse_html_fail(struct parse *p)
{
	struct str	 s;
	size_t		 i;

	if (p->failed)
		return;
	if (p->feed_links.n == 0) {
		parse_fail(p, "an HTML page");
		return;
	}
	str_init(&s);
	for (i = 0; i < p->feed_links.n; i++)
		str_printf(&s, "%s%s", i > 0 ? ", " : "", p->feed_links.v[i]);
	parse_fail(p, "an HTML page, which links to %s at %s",
	    p->feed_links.n == 1 ? "a feed" : "feeds", str_cstr(&s));
	str_free(&s);
}

/* Free an HTML page's parser. */
void
parse_html_free(struct parse_html *h)
{
	if (h == NULL)
		return;
	if (h->ctxt->myDoc != NULL)
		xmlFreeDoc(h->ctxt->myDoc);
	htmlFreeParserCtxt(h->ctxt);
	free(h->base);
	free(h);
}
