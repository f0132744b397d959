/*
 * The html family's base: libxml2's HTML parser set up the one way the
 * family reads feed HTML. A fragment (a description, a title, an article
 * body) is read from memory as UTF-8 with HTML_OPTIONS: libxml2 recovers
 * from broken markup as browsers do, decodes every HTML 4 entity, loads
 * no DTD and nothing from the network, and prints nothing (its errors go
 * to a handler that drops them). Events go to the caller's SAX handler,
 * whose callbacks get the struct html_reader as their ctx; html_offset
 * says how far into the fragment the parser is, so that a caller can
 * edit the fragment's own bytes rather than write libxml2's idea of them.
 */
#include "config.h"

#include "html.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "html-priv.h"
#include "sanitize.h"
#include "xmalloc.h"

/*
 * Whether text looks like HTML (feedparser's test: an end tag or an
 * entity reference), to tell an RSS title that is HTML from plain text.
 */
bool
html_looks_like(const char *s)
{
	const char	*q;
	size_t		 n;

	for (q = strchr(s, '<'); q != NULL; q = strchr(q + 1, '<')) {
		if (q[1] == '/' && ((q[2] | 0x20) >= 'a' && (q[2] | 0x20) <= 'z'))
			return (true);
	}
	for (q = strchr(s, '&'); q != NULL; q = strchr(q + 1, '&')) {
		n = strspn(q + 1, "#abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (n > 0 && q[1 + n] == ';')
			return (true);
	}
	return (false);
}

/* libxml2's errors, dropped: the family reports nothing. */
static void
html_silent(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* An empty SAX handler for html_read: errors dropped, no events. */
void
html_sax_init(htmlSAXHandler *sax)
{
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->serror = html_silent;
}

/*
 * Read n bytes of HTML with libxml2's HTML parser, events to sax; each
 * callback's ctx is a struct html_reader whose arg is arg. Builds no tree
 * unless the handler does. False, with nothing read, when the text is
 * not valid UTF-8 without controls but tab and line ends (what the
 * sanitiser makes): libxml2 would read the rest as Latin-1, and its
 * offsets would no longer be the text's.
 */
bool
html_read(const char *s, size_t n, htmlSAXHandler *sax, void *arg)
{
	struct html_reader	r;
	htmlParserCtxtPtr	ctxt;

	if (n > INT_MAX ||
	    sanitize_clean_prefix((const unsigned char *)s, n, true) != n)
		return (false);
	if (n == 0)
		return (true);
	if ((ctxt = htmlCreateMemoryParserCtxt(s, (int)n)) == NULL)
		xmalloc_fail("libxml2");
	if (ctxt->sax != NULL &&
	    ctxt->sax != (xmlSAXHandlerPtr)&htmlDefaultSAXHandler)
		xmlFree(ctxt->sax);
	if ((ctxt->sax = xmlMalloc(sizeof *ctxt->sax)) == NULL)
		xmalloc_fail("libxml2");
	memcpy(ctxt->sax, sax, sizeof *ctxt->sax);
	r.ctxt = ctxt;
	r.text = s;
	r.len = n;
	r.arg = arg;
	ctxt->userData = &r;
	htmlCtxtUseOptions(ctxt, HTML_OPTIONS);
	/*
	 * The text is UTF-8: without this libxml2 would take the first
	 * non-ASCII byte for the sign of an undeclared Latin-1 document.
	 */
	ctxt->charset = XML_CHAR_ENCODING_UTF8;
	htmlParseDocument(ctxt);
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	htmlFreeParserCtxt(ctxt);
	return (true);
}

/*
 * Read n bytes of HTML into a tree (libxml2's, freed with xmlFreeDoc),
 * with the precondition of html_read; NULL when the text is not such
 * UTF-8 or has nothing in it. The options are the family's but one:
 * libxml2 2.9.14 building a tree with HTML_PARSE_NOIMPLIED never closes
 * the fragment's first element ("<h1>a</h1><p>b" puts the <p> inside the
 * <h1>), so it implies <html><body> around the fragment here, and the
 * tree's reader walks into them. libxml2 stops at a depth of 256
 * elements: what is deeper is cut, with what follows it.
 */
htmlDocPtr
html_tree(const char *s, size_t n)
{
	htmlParserCtxtPtr	ctxt;
	htmlDocPtr		doc;

	if (n == 0 || n > INT_MAX ||
	    sanitize_clean_prefix((const unsigned char *)s, n, true) != n)
		return (NULL);
	if ((ctxt = htmlCreateMemoryParserCtxt(s, (int)n)) == NULL)
		xmalloc_fail("libxml2");
	htmlCtxtUseOptions(ctxt, HTML_OPTIONS & ~HTML_PARSE_NOIMPLIED);
	ctxt->charset = XML_CHAR_ENCODING_UTF8;
	htmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	htmlFreeParserCtxt(ctxt);
	return (doc);
}

/*
 * Where the parser is, in bytes from the start of the fragment: in a
 * startElement callback, at the '>' (or "/>") that ends the start tag, or
 * at the end of the fragment when it ends inside the tag.
 */
size_t
html_offset(const struct html_reader *r)
{
	xmlParserInputPtr	in = r->ctxt->input;
	size_t			off;

	off = (size_t)in->consumed + (size_t)(in->cur - in->base);
	return (off < r->len ? off : r->len);
}

/* An attribute's value (libxml2's names are lowercase), or NULL. */
const char *
html_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children != NULL && a->children->content != NULL)
			return ((const char *)a->children->content);
		return ("");
	}
	return (NULL);
}

/* The number an attribute gives, or def. */
int
html_int(xmlNodePtr n, const char *name, int def)
{
	const char	*v = html_attr(n, name);
	char		*end;
	long		 k;

	if (v == NULL)
		return (def);
	k = strtol(v, &end, 10);
	if (end == v || k < -1000000 || k > 1000000)
		return (def);
	return ((int)k);
}

/* Whether a node is an element of that name. */
bool
html_is(xmlNodePtr n, const char *name)
{
	return (n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0);
}


/* Whether name (lowercase, as libxml2 gives it) is one in list. */
bool
html_name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(name, *list) == 0)
			return (true);
	}
	return (false);
}
