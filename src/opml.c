/*
 * OPML subscription lists. Reading uses libxml2's SAX2 push parser with
 * the same safety options as the feed parser (no entity substitution, no
 * DTD, no network, recovery on): each outline with an xmlUrl is a feed,
 * and the outlines around it (or, failing those, its OPML 2.0 category
 * attribute) are its category path. Writing produces OPML 2.0 with one
 * nested outline per folder.
 */
#include "config.h"

#include "opml.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>

#include "sanitize.h"
#include "xmalloc.h"

#define OPML_MAX_DEPTH	64

struct opml_state {
	struct opml	*o;
	struct strv	*warnings;
	xmlParserCtxtPtr ctxt;
	int		 depth;
	bool		 root;		/* root element seen */
	bool		 is_opml;
	int		 root_line;	/* ... on this line */
	char		*root_name;	/* ... named so, when it is not <opml> */
	bool		 in_title;
	struct str	 title;
	/* the folder path: one entry per open outline (NULL if not a folder) */
	char		*folders[OPML_MAX_DEPTH];
	int		 nfolders;
};

/* Allocate an empty list. */
struct opml *
opml_new(void)
{
	return (xcalloc(1, sizeof (struct opml)));
}

/* Free a list; NULL is allowed. */
void
opml_free(struct opml *o)
{
	size_t	i;

	if (o == NULL)
		return;
	for (i = 0; i < o->nentries; i++) {
		free(o->entries[i].url);
		free(o->entries[i].title);
		free(o->entries[i].category);
		strv_free(&o->entries[i].more);
	}
	free(o->entries);
	free(o->title);
	free(o);
}

/*
 * A folder path without empty folders: no '/' at either end, none twice
 * ("a//b/" is "a/b"), NULL when nothing is left. opml_write nests the
 * folders at each '/', and an empty one would lose the feeds in it.
 */
static char *
opml_category(const char *category)
{
	struct str	 s;
	const char	*p;

	if (category == NULL)
		return (NULL);
	str_init(&s);
	for (p = category; *p != '\0'; p++) {
		if (*p == '/' && (s.len == 0 || s.ptr[s.len - 1] == '/'))
			continue;
		str_appendc(&s, *p);
	}
	if (s.len > 0 && s.ptr[s.len - 1] == '/')
		s.ptr[--s.len] = '\0';
	if (s.len == 0) {
		str_free(&s);
		return (NULL);
	}
	return (str_steal(&s));
}

/*
 * Add a feed (copies; title and category may be NULL); a repeated URL is
 * not added again, but its folder joins the entry's other folders.
 */
void
opml_add(struct opml *o, const char *url, const char *title,
    const char *folder)
{
	struct opml_entry	*e;
	char			*category;
	size_t			 i;

	category = opml_category(folder);
	for (i = 0; i < o->nentries; i++) {
		e = &o->entries[i];
		if (strcmp(e->url, url) != 0)
			continue;
		if (category != NULL && *category != '\0' &&
		    (e->category == NULL || strcmp(e->category, category) != 0) &&
		    !strv_contains(&e->more, category))
			strv_add(&e->more, category);
		free(category);
		return;
	}
	o->entries = xreallocarray(o->entries, o->nentries + 1,
	    sizeof *o->entries);
	e = &o->entries[o->nentries++];
	e->url = xstrdup(url);
	e->title = title != NULL && *title != '\0' ? xstrdup(title) : NULL;
	e->category = category;
	memset(&e->more, 0, sizeof e->more);
}

/* An attribute value, sanitised onto one line, or NULL when absent or blank. */
static char *
opml_attr(const xmlChar **attrs, int n, const char *name)
{
	const char	*v, *e;
	char		*s;
	int		 i;

	for (i = 0; i < n; i++) {
		if (attrs[i * 5 + 2] != NULL ||
		    strcasecmp((const char *)attrs[i * 5], name) != 0)
			continue;
		v = (const char *)attrs[i * 5 + 3];
		e = (const char *)attrs[i * 5 + 4];
		s = sanitize_line(v, (size_t)(e - v));
		/* libxml2 leaves "&#38;" for "&amp;" without substitution. */
		while ((v = strstr(s, "&#38;")) != NULL)
			memmove(s + (v - s) + 1, v + 5, strlen(v + 5) + 1);
		if (*s == '\0') {
			free(s);
			return (NULL);
		}
		return (s);
	}
	return (NULL);
}

/* The folder path of the open outlines, or NULL at the top. */
static char *
opml_path(struct opml_state *st)
{
	struct str	s;
	int		i;

	str_init(&s);
	for (i = 0; i < st->nfolders && i < OPML_MAX_DEPTH; i++) {
		if (st->folders[i] == NULL)
			continue;
		if (s.len > 0)
			str_appendc(&s, '/');
		str_appends(&s, st->folders[i]);
	}
	if (s.len == 0)
		return (NULL);
	return (str_steal(&s));
}

/* Add a feed in each of OPML 2.0's comma-separated category paths. */
static void
opml_add_categories(struct opml *o, const char *url, const char *title,
    char *cats)
{
	char	*p, *next;

	for (p = cats; p != NULL; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		opml_add(o, url, title, p + (*p == '/'));
	}
}

static void
opml_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nsv, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct opml_state	*st = ctx;
	const char		*name = (const char *)localname;
	char			*url, *text, *cat, *path;

	(void)prefix;
	(void)uri;
	(void)nns;
	(void)nsv;
	(void)ndefaulted;
	st->depth++;
	if (!st->root) {
		st->root = true;
		st->is_opml = strcasecmp(name, "opml") == 0;
		st->root_line = xmlSAX2GetLineNumber(st->ctxt);
		if (!st->is_opml) {
			st->root_name = sanitize_line(name, strlen(name));
			xmlStopParser(st->ctxt);
		}
		return;
	}
	if (strcasecmp(name, "title") == 0 && st->depth == 3) {
		st->in_title = true;
		return;
	}
	if (strcasecmp(name, "outline") != 0)
		return;
	url = opml_attr(attrs, nattrs, "xmlUrl");
	text = opml_attr(attrs, nattrs, "text");
	if (text == NULL)
		text = opml_attr(attrs, nattrs, "title");
	if (url != NULL) {
		path = opml_path(st);
		if (path == NULL &&
		    (cat = opml_attr(attrs, nattrs, "category")) != NULL) {
			/* OPML 2.0: "/News/World,/Other", every path. */
			opml_add_categories(st->o, url, text, cat);
			free(cat);
			cat = NULL;
		} else
			opml_add(st->o, url, text, path);
		free(path);
		free(url);
		free(text);
		text = NULL;	/* a feed is not a folder */
	}
	if (st->nfolders < OPML_MAX_DEPTH)
		st->folders[st->nfolders] = text;
	else
		free(text);
	st->nfolders++;
}

static void
opml_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct opml_state	*st = ctx;

	(void)prefix;
	(void)uri;
	st->depth--;
	if (strcasecmp((const char *)localname, "title") == 0)
		st->in_title = false;
	if (strcasecmp((const char *)localname, "outline") == 0 &&
	    st->nfolders > 0) {
		st->nfolders--;
		if (st->nfolders < OPML_MAX_DEPTH) {
			free(st->folders[st->nfolders]);
			st->folders[st->nfolders] = NULL;
		}
	}
}

static void
opml_text(void *ctx, const xmlChar *ch, int len)
{
	struct opml_state	*st = ctx;

	if (st->in_title && st->title.len < 4096)
		str_append(&st->title, (const char *)ch, (size_t)len);
}

static void
opml_error(void *ctx, xmlErrorPtr err)
{
	struct opml_state	*st = ctx;
	char			*msg;

	if (st->warnings == NULL || err == NULL || err->message == NULL ||
	    st->warnings->n >= 50)
		return;
	xasprintf(&msg, "line %d: %s", err->line, err->message);
	strv_add_owned(st->warnings, sanitize_line(msg, strlen(msg)));
	free(msg);
}

static void
opml_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static xmlEntityPtr
opml_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return (xmlGetPredefinedEntity(name));
}

/*
 * Read an OPML document from memory. Returns the list, or NULL with *cause
 * set when it is not OPML; recoverable errors go to warnings (may be NULL).
 */
struct opml *
opml_read(const char *buf, size_t len, struct strv *warnings, char **cause)
{
	struct opml_state	 st;
	xmlSAXHandler		 sax;
	struct opml		*o;
	size_t			 first;
	int			 i;

	xmlGenericErrorFunc	 olderr;
	void			*oldctx;

	/* libxml2 prints encoding errors itself; this layer never prints. */
	olderr = xmlGenericError;
	oldctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, opml_silent);
	memset(&st, 0, sizeof st);
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = opml_start;
	sax.endElementNs = opml_end;
	sax.characters = opml_text;
	sax.cdataBlock = opml_text;
	sax.getEntity = opml_entity;
	sax.serror = opml_error;
	st.o = opml_new();
	st.warnings = warnings;
	str_init(&st.title);
	first = len < 4 ? len : 4;	/* enough for libxml2 to see a BOM */
	st.ctxt = xmlCreatePushParserCtxt(&sax, &st, buf, (int)first, NULL);
	if (st.ctxt == NULL)
		xmalloc_fail("libxml2");
	xmlCtxtUseOptions(st.ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_NOWARNING);
	buf += first;
	len -= first;
	while (len > 0 && st.ctxt->instate != XML_PARSER_EOF) {
		size_t n = len > (1 << 20) ? (1 << 20) : len;

		xmlParseChunk(st.ctxt, buf, (int)n, 0);
		buf += n;
		len -= n;
	}
	xmlParseChunk(st.ctxt, NULL, 0, 1);
	for (i = 0; i < st.nfolders && i < OPML_MAX_DEPTH; i++)
		free(st.folders[i]);
	if (st.ctxt->myDoc != NULL)
		xmlFreeDoc(st.ctxt->myDoc);
	xmlFreeParserCtxt(st.ctxt);
	xmlSetGenericErrorFunc(oldctx, olderr);
	o = st.o;
	if (!st.is_opml) {
		if (st.root)
			xasprintf(cause, "not an OPML document (line %d: the "
			    "root element is <%s>, not <opml>)", st.root_line,
			    st.root_name);
		else
			xasprintf(cause, "not an OPML document (no root "
			    "element)");
		free(st.root_name);
		opml_free(o);
		str_free(&st.title);
		return (NULL);
	}
	if (st.title.len > 0) {
		o->title = sanitize_line(st.title.ptr, st.title.len);
		if (*o->title == '\0') {
			free(o->title);
			o->title = NULL;
		}
	}
	str_free(&st.title);
	return (o);
}

/* Read an OPML file; see opml_read. */
struct opml *
opml_read_file(const char *path, struct strv *warnings, char **cause)
{
	FILE		*f;
	struct str	 s;
	struct opml	*o;
	char		 buf[65536];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	str_init(&s);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, n);
	if (ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		fclose(f);
		str_free(&s);
		return (NULL);
	}
	fclose(f);
	o = opml_read(str_cstr(&s), s.len, warnings, cause);
	str_free(&s);
	return (o);
}

/* Append text escaped for an XML attribute. */
static void
opml_escape(struct str *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			str_appends(out, "&amp;");
			break;
		case '<':
			str_appends(out, "&lt;");
			break;
		case '>':
			str_appends(out, "&gt;");
			break;
		case '"':
			str_appends(out, "&quot;");
			break;
		case '\n':
			str_appends(out, "&#10;");
			break;
		case '\t':
			str_appends(out, "&#9;");
			break;
		default:
			str_appendc(out, *s);
			break;
		}
	}
}

/* Whether category c is prefix itself (prefix NULL: no category). */
static bool
opml_in(const char *c, const char *prefix)
{
	if (prefix == NULL)
		return (c == NULL);
	return (c != NULL && strcmp(c, prefix) == 0);
}

/* Whether an entry is in folder prefix (NULL: at the top). */
static bool
opml_entry_in(const struct opml_entry *e, const char *prefix)
{
	return (opml_in(e->category, prefix) ||
	    (prefix != NULL && strv_contains(&e->more, prefix)));
}

/* Write the entries of folder prefix and, nested, its subfolders. */
static void
opml_write_level(const struct opml *o, struct str *out, const char *prefix,
    int indent)
{
	const struct opml_entry	*e;
	struct strv		 seen = { NULL, 0 };
	size_t			 i, k, plen;
	const char		*rest, *cat;
	char			*name, *sub;

	for (i = 0; i < o->nentries; i++) {
		e = &o->entries[i];
		if (!opml_entry_in(e, prefix))
			continue;
		str_printf(out, "%*s<outline type=\"rss\" text=\"", indent, "");
		opml_escape(out, e->title != NULL ? e->title : e->url);
		if (e->title != NULL) {
			str_appends(out, "\" title=\"");
			opml_escape(out, e->title);
		}
		str_appends(out, "\" xmlUrl=\"");
		opml_escape(out, e->url);
		str_appends(out, "\"/>\n");
	}
	plen = prefix != NULL ? strlen(prefix) : 0;
	/* Folders in the order of the entries' first folders, then others'. */
	for (i = 0; i < 2 * o->nentries; i++) {
		e = &o->entries[i % o->nentries];
		for (k = i < o->nentries ? 0 : 1; k <= (i < o->nentries ? 0 :
		    e->more.n); k++) {
			cat = k == 0 ? e->category : e->more.v[k - 1];
			if (cat == NULL)
				continue;
			if (prefix != NULL) {
				if (strncmp(cat, prefix, plen) != 0 ||
				    cat[plen] != '/')
					continue;
				rest = cat + plen + 1;
			} else
				rest = cat;
			name = xstrndup(rest, strcspn(rest, "/"));
			if (*name == '\0' || strv_contains(&seen, name)) {
				free(name);
				continue;
			}
			strv_add_owned(&seen, name);
			str_printf(out, "%*s<outline text=\"", indent, "");
			opml_escape(out, name);
			str_appends(out, "\" title=\"");
			opml_escape(out, name);
			str_appends(out, "\">\n");
			if (prefix != NULL)
				xasprintf(&sub, "%s/%s", prefix, name);
			else
				sub = xstrdup(name);
			opml_write_level(o, out, sub, indent + 2);
			free(sub);
			str_printf(out, "%*s</outline>\n", indent, "");
		}
	}
	strv_free(&seen);
}

/* Append the list as an OPML 2.0 document, folders as nested outlines. */
void
opml_write(const struct opml *o, struct str *out)
{
	str_appends(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n  <head>\n    <title>");
	opml_escape(out, o->title != NULL ? o->title : "akhbar subscriptions");
	str_appends(out, "</title>\n  </head>\n  <body>\n");
	opml_write_level(o, out, NULL, 4);
	str_appends(out, "  </body>\n</opml>\n");
}
