/*
 * Feed parsing: the push state, encoding detection and decoding, format
 * sniffing.
 *
 * Bytes arrive in chunks. The first PARSE_SNIFF_BYTES are held until the
 * encoding and the format can be decided from the content: a BOM first,
 * then the HTTP charset, then the XML declaration, then UTF-8, with a
 * check that the bytes agree (a document declared UTF-8 that is not is
 * read as windows-1256 or windows-1252; one declared in a legacy encoding
 * whose bytes are UTF-8 is read as UTF-8, with a warning either way).
 * From then on each chunk is decoded to UTF-8 with iconv (invalid
 * sequences become U+FFFD, NUL and C0 controls are dropped), HTML named
 * entities and bare ampersands are made XML, an element's text with an
 * entity or a non-ASCII character is made CDATA (libxml2 reads that much
 * faster), and the result goes to libxml2 (parse-xml.c) or json-c
 * (parse-json.c).
 */
#include "config.h"

#include "parse.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "parse-date.h"
#include "parse-priv.h"
#include "sanitize.h"
#include "url.h"
#include "utf8.h"
#include "xmalloc.h"

#define PARSE_REPLACEMENT	"\xef\xbf\xbd"
#define PARSE_CHECK_BYTES	(16 * 1024)	/* checked to confirm UTF-8 */
#define PARSE_SLICE_BYTES	(32 * 1024)	/* parse_feed_raw's slices */
#define PARSE_CDATA_MIN		24		/* shorter text passes as it is */

/* Where the filter's lexer is (struct parse's lex). */
enum {
	PARSE_LEX_TEXT = 0,	/* text, or CDATA when in_cdata is set */
	PARSE_LEX_TAG,
	PARSE_LEX_COMMENT,
	PARSE_LEX_PI,
	PARSE_LEX_OFF		/* the entity filter alone from here on */
};

/* Where in a tag the lexer is (struct parse's lex_tag). */
enum {
	PARSE_TAG_NAME = 0,
	PARSE_TAG_SPACE,	/* after the name or an attribute */
	PARSE_TAG_ATTR,		/* an attribute's name */
	PARSE_TAG_ATTR_SPACE,	/* white space after it */
	PARSE_TAG_EQ,		/* after the '=' */
	PARSE_TAG_VALUE,	/* in the quoted value */
	PARSE_TAG_AFTER,	/* after the closing quote */
	PARSE_TAG_SLASH,	/* after the '/' of "/>" */
	PARSE_TAG_END		/* after the "</" of an end tag */
};

/* Record a recoverable problem. */
void
parse_warn(struct parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *clean;

	p->nwarnings++;
	if (p->warnings.n >= PARSE_WARNINGS_MAX)
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	clean = sanitize_line(msg, strlen(msg));
	free(msg);
	strv_add_owned(&p->warnings, clean);
}

/* Record that the input is not a feed (the first reason wins). */
void
parse_fail(struct parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (p->failed)
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	p->cause = sanitize_line(msg, strlen(msg));
	free(msg);
	p->failed = true;
}

/* Set the feed's format name unless it is known already. */
void
parse_set_format(struct parse *p, const char *fmt)
{
	free(p->feed->format);
	p->feed->format = xstrdup(fmt);
}

/*
 * url_resolve, with the base parsed once for all the links under it
 * (libcurl's parse of the base was half the cost of each link).
 */
static char *
parse_url(struct parse *p, const char *base, const char *ref)
{
	if (p->ubase == NULL || !url_base_is(p->ubase, base)) {
		url_base_free(p->ubase);
		p->ubase = url_base_new(base);
	}
	return (url_base_resolve(p->ubase, ref));
}

/*
 * Resolve a link against base (or the feed's link when there is no base);
 * returns an allocated, sanitised URL or NULL when ref is empty.
 */
char *
parse_resolve(struct parse *p, const char *base, const char *ref)
{
	char	*u, *clean;

	if (base == NULL)
		base = p->feed->link;
	if ((u = parse_url(p, base, ref)) == NULL)
		return (NULL);
	clean = sanitize_line(u, strlen(u));
	free(u);
	if (*clean == '\0') {
		free(clean);
		return (NULL);
	}
	return (clean);
}

/* Whether an HTML attribute holds a URL to resolve. */
static bool
parse_url_attr(const char *name, size_t n)
{
	static const char *attrs[] = {
		"href", "src", "action", "background", "cite", "codebase",
		"data", "longdesc", "poster", "usemap", NULL
	};
	size_t	i;

	for (i = 0; attrs[i] != NULL; i++) {
		if (strlen(attrs[i]) == n && strncasecmp(name, attrs[i], n) == 0)
			return (true);
	}
	return (false);
}

/* Whether a URL is absolute (has a scheme) or only a fragment. */
static bool
parse_url_absolute(const char *v, size_t n)
{
	size_t	i;

	if (n > 0 && v[0] == '#')
		return (true);
	for (i = 0; i < n; i++) {
		char c = v[i];

		if (c == ':')
			return (i > 0);
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (i > 0 && ((c >= '0' && c <= '9') || c == '+' ||
		    c == '-' || c == '.'))))
			return (false);
	}
	return (false);
}

/*
 * Make the relative links in a fragment of HTML absolute (href, src and
 * the other URL attributes of start tags), as feedparser does. Returns an
 * allocated copy; text, comments and script bodies are left alone.
 */
char *
parse_resolve_html(struct parse *p, const char *base, const char *html)
{
	struct str	 out;
	const char	*q = html, *t, *name, *v, *end;
	size_t		 nlen, vlen;
	char		 quote, *val, *abs;

	if (base == NULL)
		base = p->feed->link;
	/* Only an attribute ("href=...") can change: no '=', no change. */
	if (base == NULL || strchr(html, '<') == NULL ||
	    strchr(html, '=') == NULL)
		return (xstrdup(html));
	str_init(&out);
	while ((t = strchr(q, '<')) != NULL) {
		str_append(&out, q, (size_t)(t - q));
		q = t;
		if (strncmp(q, "<!--", 4) == 0) {
			end = strstr(q + 4, "-->");
			end = end != NULL ? end + 3 : q + strlen(q);
			str_append(&out, q, (size_t)(end - q));
			q = end;
			continue;
		}
		if (!((q[1] | 0x20) >= 'a' && (q[1] | 0x20) <= 'z')) {
			str_appendc(&out, '<');
			q++;
			continue;
		}
		/* A start tag: copy it, resolving URL attributes. */
		str_appendc(&out, '<');
		q++;
		while (*q != '\0' && *q != '>' && *q != ' ' && *q != '\t' &&
		    *q != '\n' && *q != '\r' && *q != '/')
			str_appendc(&out, *q++);
		while (*q != '\0' && *q != '>') {
			if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' ||
			    *q == '/') {
				str_appendc(&out, *q++);
				continue;
			}
			name = q;
			while (*q != '\0' && *q != '=' && *q != '>' && *q != ' ' &&
			    *q != '\t' && *q != '\n' && *q != '\r' && *q != '/')
				q++;
			nlen = (size_t)(q - name);
			str_append(&out, name, nlen);
			if (*q != '=')
				continue;
			str_appendc(&out, *q++);
			quote = (*q == '"' || *q == '\'') ? *q++ : 0;
			v = q;
			if (quote != 0)
				while (*q != '\0' && *q != quote)
					q++;
			else
				while (*q != '\0' && *q != '>' && *q != ' ' &&
				    *q != '\t' && *q != '\n' && *q != '\r')
					q++;
			vlen = (size_t)(q - v);
			abs = NULL;
			if (parse_url_attr(name, nlen) && vlen > 0 &&
			    !parse_url_absolute(v, vlen)) {
				val = xstrndup(v, vlen);
				abs = parse_url(p, base, val);
				free(val);
			}
			if (abs != NULL && strchr(abs, '"') == NULL) {
				str_appendc(&out, '"');
				str_appends(&out, abs);
				str_appendc(&out, '"');
			} else {
				if (quote != 0)
					str_appendc(&out, quote);
				str_append(&out, v, vlen);
				if (quote != 0 && *q == quote)
					str_appendc(&out, quote);
			}
			free(abs);
			if (quote != 0 && *q == quote)
				q++;
		}
		if (*q == '>')
			str_appendc(&out, *q++);
		if (strncasecmp(t, "<script", 7) == 0 ||
		    strncasecmp(t, "<style", 6) == 0) {
			const char *close = (t[1] | 0x20) == 's' &&
			    (t[2] | 0x20) == 'c' ? "</script" : "</style";

			for (end = q; *end != '\0' &&
			    strncasecmp(end, close, strlen(close)) != 0; end++)
				;
			str_append(&out, q, (size_t)(end - q));
			q = end;
		}
	}
	str_appends(&out, q);
	return (str_steal(&out));
}

/*
 * Whether text looks like HTML (feedparser's test: a closing tag or an
 * entity reference).
 */
bool
parse_looks_like_html(const char *s)
{
	const char	*q;

	for (q = strchr(s, '<'); q != NULL; q = strchr(q + 1, '<')) {
		if (q[1] == '/' && ((q[2] | 0x20) >= 'a' && (q[2] | 0x20) <= 'z'))
			return (true);
	}
	for (q = strchr(s, '&'); q != NULL; q = strchr(q + 1, '&')) {
		size_t n = strspn(q + 1, "#abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (n > 0 && q[1 + n] == ';')
			return (true);
	}
	return (false);
}

/*
 * A title from captured text: HTML is reduced to its text; type -1 means
 * guess from the content (RSS titles are text unless they look like HTML).
 */
char *
parse_title(const char *s, size_t n, int type)
{
	if (type == -1)
		type = parse_looks_like_html(s) ? FEED_TEXT_HTML :
		    FEED_TEXT_PLAIN;
	if (type == FEED_TEXT_HTML)
		return (sanitize_html_to_text(s, n));
	return (sanitize_line(s, n));
}

/* A sanitised copy of a captured field, or NULL when it is only space. */
char *
parse_field(const struct str *s)
{
	const char	*p = str_cstr(s), *e = p + s->len;

	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	if (p == e)
		return (NULL);
	return (sanitize_text(p, (size_t)(e - p)));
}

/*
 * Add an author, once (up to PARSE_LIST_MAX). RSS's "email (Name)" and
 * "Name <email>" are reduced to the name.
 */
void
parse_add_person(struct strv *v, const char *s)
{
	char	*a, *open, *close;

	if (s == NULL || v->n >= PARSE_LIST_MAX)
		return;
	a = sanitize_line(s, strlen(s));
	open = strchr(a, '(');
	close = strrchr(a, ')');
	if (open != NULL && close != NULL && close > open + 1 &&
	    close[1] == '\0' && memchr(a, '@', (size_t)(open - a)) != NULL) {
		*close = '\0';
		memmove(a, open + 1, strlen(open + 1) + 1);
		str_trim(a);
	} else if ((open = strchr(a, '<')) != NULL && open > a &&
	    strchr(open, '@') != NULL && a[strlen(a) - 1] == '>') {
		*open = '\0';
		str_trim(a);
	}
	if (*a == '\0' || strv_contains(v, a))
		free(a);
	else
		strv_add_owned(v, a);
}

/* Add a category, once (up to PARSE_LIST_MAX: the check is linear). */
void
parse_add_category(struct strv *v, const char *s)
{
	char	*c;

	if (s == NULL || v->n >= PARSE_LIST_MAX)
		return;
	c = sanitize_line(s, strlen(s));
	if (*c == '\0' || strv_contains(v, c))
		free(c);
	else
		strv_add_owned(v, c);
}

/* Parse a date field into *t unless it is set; warn when unreadable. */
void
parse_date_field(struct parse *p, int64_t *t, const char *s)
{
	int64_t	v;
	char	*clean;

	if (*t != FEED_TIME_UNKNOWN || s == NULL)
		return;
	v = parse_date(s);
	if (v != FEED_TIME_UNKNOWN) {
		*t = v;
		return;
	}
	clean = sanitize_line(s, strlen(s));
	if (*clean != '\0')
		parse_warn(p, "item %zu: cannot read the date '%.60s'",
		    p->nitems + 1, clean);
	free(clean);
}

/* Start a new item at element depth depth. */
void
parse_item_begin(struct parse *p, int depth)
{
	item_free(p->item);
	p->item = item_new();
	p->item_depth = depth;
	free(p->item_lang);
	p->item_lang = NULL;
	p->guid_permalink = false;
	p->guid_weak = false;
	p->link_rank = 0;
	p->item_truncated = false;
	free(p->media_desc);
	p->media_desc = NULL;
}

/* FNV-1a, for ids of items that have neither an id nor a link. */
static uint64_t
parse_hash(uint64_t h, const char *s)
{
	if (s == NULL)
		return (h);
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return (h ^ 0xff);
}

/*
 * Tidy a language tag in place: the POSIX locale form feeds often use
 * ("ar_EG", PHP's and Java's) becomes the BCP 47 form ("ar-EG").
 */
static void
parse_lang_tidy(char *lang)
{
	for (; lang != NULL && *lang != '\0'; lang++)
		if (*lang == '_')
			*lang = '-';
}

/* Complete an item (id, language, direction) and hand it out. */
static void
parse_item_emit(struct parse *p, struct item *it, const char *lang)
{
	uint64_t	h;

	if (it->guid == NULL && it->link != NULL)
		it->guid = xstrdup(it->link);
	if (it->guid == NULL) {
		char buf[32];

		h = parse_hash(0xcbf29ce484222325ULL, it->title);
		snprintf(buf, sizeof buf, "%lld", (long long)it->published);
		h = parse_hash(h, buf);
		if (it->title == NULL)
			h = parse_hash(h, it->summary != NULL ? it->summary :
			    it->content);
		xasprintf(&it->guid, "hash:%016llx", (unsigned long long)h);
	}
	if (it->language == NULL) {
		if (lang != NULL && *lang != '\0')
			it->language = sanitize_line(lang, strlen(lang));
		else if (p->feed->language != NULL)
			it->language = xstrdup(p->feed->language);
		else if (p->feed_lang != NULL)
			it->language = sanitize_line(p->feed_lang,
			    strlen(p->feed_lang));
	}
	parse_lang_tidy(it->language);
	it->dir = feed_dir_from_language(it->language);
	p->nitems++;
	if (p->cb != NULL)
		p->cb(it, p->arg);
	else
		feed_add_item(p->feed, it);
}

/*
 * End the item being built: lang is the xml:lang in scope. A permalink
 * guid stands in for a missing link, an Atom feed's author for a
 * missing author (RFC 4287 4.2.1) and media:description for a missing
 * summary.
 */
void
parse_item_end(struct parse *p, const char *lang)
{
	struct item	*it = p->item;

	if (it == NULL)
		return;
	p->item = NULL;
	if (it->link == NULL && it->guid != NULL && p->guid_permalink &&
	    (str_has_prefix_ci(it->guid, "http://") ||
	    str_has_prefix_ci(it->guid, "https://")))
		it->link = xstrdup(it->guid);
	if (it->authors.n == 0 && p->feed_author != NULL)
		parse_add_person(&it->authors, p->feed_author);
	if (it->summary == NULL && p->media_desc != NULL) {
		it->summary = p->media_desc;
		it->summary_type = p->media_desc_type;
		p->media_desc = NULL;
	}
	parse_item_emit(p, it, p->item_lang != NULL ? p->item_lang : lang);
	free(p->item_lang);
	p->item_lang = NULL;
}

/* Hand out an item built by the JSON parser. */
void
parse_emit_item(struct parse *p, struct item *it)
{
	parse_item_emit(p, it, NULL);
}

/* Start a parser; see parse.h. */
struct parse *
parse_new(const char *url, const char *content_type, parse_item_cb cb,
    void *arg)
{
	struct parse	*p;
	const char	*cs;
	size_t		 n;

	p = xcalloc(1, sizeof *p);
	p->url = url != NULL && *url != '\0' ? xstrdup(url) : NULL;
	p->cb = cb;
	p->arg = arg;
	p->feed = feed_new();
	str_init(&p->head);
	str_init(&p->utf8);
	str_init(&p->filt);
	str_init(&p->person_name);
	str_init(&p->person_email);
	if (content_type != NULL &&
	    (cs = strcasestr(content_type, "charset=")) != NULL) {
		cs += 8;
		if (*cs == '"' || *cs == '\'')
			cs++;
		n = strcspn(cs, "\"'; \t");
		if (n > 0 && n < 40) {
			size_t i;

			p->charset = xstrndup(cs, n);
			for (i = 0; i < n; i++) {
				if (p->charset[i] >= 'A' && p->charset[i] <= 'Z')
					p->charset[i] += 'a' - 'A';
			}
		}
	}
	return (p);
}

/* Whether an encoding name means UTF-8 (or its subset ASCII). */
static bool
parse_is_utf8(const char *enc)
{
	return (strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0 ||
	    strcasecmp(enc, "us-ascii") == 0 || strcasecmp(enc, "ascii") == 0 ||
	    strcasecmp(enc, "unicode-1-1-utf-8") == 0);
}

/* The iconv name for a declared encoding (the web's aliases folded). */
static const char *
parse_iconv_name(const char *enc)
{
	static const struct {
		const char	*from;
		const char	*to;
	} aliases[] = {
		{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" }, { "latin-1", "WINDOWS-1252" },
		{ "l1", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
		{ "iso-8859-6-i", "ISO-8859-6" }, { "iso-8859-6-e", "ISO-8859-6" },
		{ "iso-8859-8-i", "ISO-8859-8" }, { "iso-8859-8-e", "ISO-8859-8" },
		{ "arabic", "ISO-8859-6" }, { "asmo-708", "ISO-8859-6" },
		{ "x-mac-arabic", "MACARABIC" }, { "cp-1256", "CP1256" },
		{ "x-cp1256", "CP1256" }, { "windows1256", "CP1256" },
		{ "unicode", "UTF-16" }, { NULL, NULL }
	};
	size_t	i;

	for (i = 0; aliases[i].from != NULL; i++) {
		if (strcasecmp(enc, aliases[i].from) == 0)
			return (aliases[i].to);
	}
	return (enc);
}

/*
 * Count the valid multi-byte UTF-8 characters and the invalid bytes in n
 * bytes (a sequence cut at the end does not count).
 */
static void
parse_utf8_check(const unsigned char *u, size_t n, size_t *multi,
    size_t *invalid)
{
	size_t		i = 0, k;
	unsigned int	c;

	*multi = *invalid = 0;
	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_fast(u + i, n - i, &c);
		if (k == 0) {
			if (n - i < 4)
				break;
			(*invalid)++;
			i++;
			continue;
		}
		(*multi)++;
		i += k;
	}
}

/* Whether the high bytes of legacy-encoded text look like Arabic letters. */
static bool
parse_looks_arabic(const unsigned char *u, size_t n)
{
	size_t	i, high = 0, latin = 0;

	for (i = 0; i < n; i++) {
		if (u[i] >= 0xc1 && u[i] <= 0xfe)
			high++;
		else if ((u[i] | 0x20) >= 'a' && (u[i] | 0x20) <= 'z')
			latin++;
	}
	/* Arabic text is mostly high bytes; Latin text has a few accents. */
	return (high > latin / 4 && high > 0);
}

/* Find encoding="..." in an XML declaration at the start of u. */
static char *
parse_xml_decl_encoding(const char *u, size_t n)
{
	const char	*end, *q;
	char		 quote;
	size_t		 len;

	if (n < 6 || memcmp(u, "<?xml", 5) != 0)
		return (NULL);
	if ((end = memchr(u, '>', n)) == NULL)
		return (NULL);
	for (q = u; q + 8 < end; q++) {
		if (memcmp(q, "encoding", 8) != 0)
			continue;
		q += 8;
		while (q < end && (*q == ' ' || *q == '='))
			q++;
		if (q >= end || (*q != '"' && *q != '\''))
			return (NULL);
		quote = *q++;
		len = 0;
		while (q + len < end && q[len] != quote)
			len++;
		if (len == 0 || len > 40)
			return (NULL);
		return (xstrndup(q, len));
	}
	return (NULL);
}

/* Open the decoder for an encoding; false if iconv does not know it. */
static bool
parse_open_decoder(struct parse *p, const char *enc)
{
	iconv_t	cd;

	free(p->encoding);
	p->encoding = xstrdup(enc);
	if (p->iconv != NULL) {
		iconv_close((iconv_t)p->iconv);
		p->iconv = NULL;
	}
	if (parse_is_utf8(enc)) {
		p->unit = 1;
		return (true);
	}
	cd = iconv_open("UTF-8", parse_iconv_name(enc));
	if (cd == (iconv_t)-1)
		return (false);
	p->iconv = (void *)cd;
	if (str_has_prefix_ci(enc, "utf-16") || strcasecmp(enc, "ucs-2") == 0)
		p->unit = 2;
	else if (str_has_prefix_ci(enc, "utf-32") ||
	    strcasecmp(enc, "ucs-4") == 0)
		p->unit = 4;
	else
		p->unit = 1;
	return (true);
}

/* Whether u starts like a feed document: "<?", "<!", a feed's root. */
static bool
parse_feed_start(const unsigned char *u, size_t n)
{
	static const char	*starts[] = { "<?", "<!", "<rss", "<feed",
	    "<rdf:RDF", "<RDF", NULL };
	size_t			 len;
	int			 k;

	for (k = 0; starts[k] != NULL; k++) {
		len = strlen(starts[k]);
		if (n >= len && memcmp(u, starts[k], len) == 0)
			return (true);
	}
	return (false);
}

/*
 * Where a feed starts after junk (a PHP warning printed before the XML):
 * the offset of "<?xml" in the first PARSE_JUNK_MAX bytes of u, or with
 * any_start of "<rss", "<feed" or "<rdf:RDF" too; 0 when there is none.
 * An XML declaration is only ever at the start, so one further on marks
 * the real document even after junk that looks like markup.
 */
static size_t
parse_after_junk(const unsigned char *u, size_t n, bool any_start)
{
	static const char	*starts[] = { "<?xml", "<rss", "<feed",
	    "<rdf:RDF", NULL };
	size_t			 i, len;
	int			 k;

	for (i = 0; i < n && i < PARSE_JUNK_MAX; i++) {
		if (u[i] == 0)
			return (0);	/* binary, or a wide encoding */
		if (u[i] != '<')
			continue;
		for (k = 0; starts[k] != NULL && (k == 0 || any_start); k++) {
			len = strlen(starts[k]);
			if (n - i >= len && memcmp(u + i, starts[k], len) == 0)
				return (i);
		}
	}
	return (0);
}

/*
 * Decide the encoding and the format from the first n bytes; returns
 * the number of leading bytes (a BOM) to skip, -1 if this is no feed, or
 * -2 when there is nothing but white space yet and more may come.
 */
static long
parse_decide(struct parse *p, const char *head, size_t n, bool final)
{
	const unsigned char	*u = (const unsigned char *)head;
	size_t			 i, k, skip = 0, first;
	const char		*enc = NULL, *source = NULL;
	char			*decl = NULL, c = 0;
	bool			 wide = false, fixed = false;
	size_t			 multi, invalid;

	p->decided = true;
	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		enc = "utf-8";
		skip = 3;
		fixed = true;
	} else if (n >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 &&
	    u[3] == 0) {
		enc = "UTF-32LE";
		skip = 4;
		fixed = wide = true;
	} else if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe &&
	    u[3] == 0xff) {
		enc = "UTF-32BE";
		skip = 4;
		fixed = wide = true;
	} else if (n >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		enc = "UTF-16LE";
		skip = 2;
		fixed = wide = true;
	} else if (n >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		enc = "UTF-16BE";
		skip = 2;
		fixed = wide = true;
	} else if (n >= 4 && u[0] != 0 && u[1] == 0 && u[2] != 0 && u[3] == 0) {
		enc = "UTF-16LE";
		fixed = wide = true;
	} else if (n >= 4 && u[0] == 0 && u[1] != 0 && u[2] == 0 && u[3] != 0) {
		enc = "UTF-16BE";
		fixed = wide = true;
	}

	/* The first character that is not white space decides the format. */
	for (i = skip; i < n; i++) {
		if (u[i] == 0 || u[i] == ' ' || u[i] == '\t' || u[i] == '\n' ||
		    u[i] == '\r')
			continue;
		c = (char)u[i];
		break;
	}
	first = i;
	if (c == 0 && !final && n < PARSE_SNIFF_MAX) {
		p->decided = false;	/* only white space so far: wait */
		return (-2);
	}
	if (c == 0) {
		parse_fail(p, final ? "the document is empty" :
		    "the document starts with a megabyte of white space");
		return (-1);
	}
	if (c != '{' && c != '[' && !wide && !parse_feed_start(u + first,
	    n - first) && (k = parse_after_junk(u + first, n - first,
	    c != '<')) > 0) {
		parse_warn(p, "%zu bytes of text before the feed; skipped", k);
		first += k;
		c = '<';
	}
	if (c == '<')
		p->kind = PARSE_KIND_XML;
	else if (c == '{' || c == '[')
		p->kind = PARSE_KIND_JSON;
	else {
		parse_fail(p, "the document is neither XML nor JSON (it does "
		    "not start with '<' or '{')");
		return (-1);
	}

	if (!fixed && p->charset != NULL) {
		enc = p->charset;
		source = "the Content-Type";
	}
	if (!fixed && enc == NULL && p->kind == PARSE_KIND_XML &&
	    (decl = parse_xml_decl_encoding((const char *)u + first,
	    n - first)) != NULL) {
		enc = decl;
		source = "the XML declaration";
	}
	if (enc == NULL)
		enc = "utf-8";
	if (!wide && (str_has_prefix_ci(enc, "utf-16") ||
	    str_has_prefix_ci(enc, "utf-32") || strcasecmp(enc, "unicode") == 0 ||
	    strcasecmp(enc, "ucs-2") == 0)) {
		parse_warn(p, "%s says %s but the bytes are not; read as UTF-8",
		    source, enc);
		enc = "utf-8";
		source = NULL;
	}
	if (!parse_open_decoder(p, enc)) {
		parse_warn(p, "unknown encoding '%s' in %s; read as UTF-8", enc,
		    source != NULL ? source : "the document");
		enc = "utf-8";
		source = NULL;
		parse_open_decoder(p, enc);
	}
	if (!fixed && !wide) {
		/*
		 * The head is a whole feed when it arrived before parsing
		 * began; its first PARSE_CHECK_BYTES tell as well, and
		 * parse_decode_utf8 replaces what is invalid further on.
		 */
		parse_utf8_check(u + skip, n - skip < PARSE_CHECK_BYTES ?
		    n - skip : PARSE_CHECK_BYTES, &multi, &invalid);
		/* A few bad bytes in UTF-8 text are U+FFFD, not a sign. */
		if (parse_is_utf8(enc) && invalid > multi) {
			const char *guess = parse_looks_arabic(u + skip,
			    n - skip) ? "windows-1256" : "windows-1252";

			parse_warn(p, "%s%s UTF-8 but the bytes are not; read "
			    "as %s", source != NULL ? source : "the document",
			    source != NULL ? " says" : " is assumed to be",
			    guess);
			parse_open_decoder(p, guess);
		} else if (!parse_is_utf8(enc) && multi > 0 && invalid == 0 &&
		    !str_has_prefix_ci(enc, "utf") &&
		    strcasestr(enc, "jis") == NULL &&
		    strcasestr(enc, "euc") == NULL &&
		    strcasestr(enc, "gb") == NULL &&
		    strcasestr(enc, "big5") == NULL &&
		    strcasestr(enc, "kr") == NULL) {
			parse_warn(p, "%s says %s but the bytes are UTF-8; read "
			    "as UTF-8", source, enc);
			parse_open_decoder(p, "utf-8");
		}
	}
	free(decl);

	if (p->kind == PARSE_KIND_XML)
		p->xml = parse_xml_new(p);
	else
		p->json = parse_json_new(p);
	/*
	 * Blank lines before "<?xml" (a PHP habit) make libxml2 refuse the
	 * declaration: start at the first character that is not space.
	 */
	if (!wide)
		skip = first;
	return ((long)skip);
}

/*
 * Drop NUL and the C0 controls XML forbids from decoded text in place;
 * sanitize.c removes the rest at ingest.
 */
static void
parse_strip_controls(struct str *s, size_t from)
{
	char	*r, *w, *end;

	if (s->ptr == NULL)
		return;
	end = s->ptr + s->len;
	for (r = s->ptr + from; r < end; r++) {
		if ((unsigned char)*r < 0x20 && *r != '\t' && *r != '\n' &&
		    *r != '\r')
			break;
	}
	if (r == end)
		return;
	for (w = r; r < end; r++) {
		if ((unsigned char)*r < 0x20 && *r != '\t' && *r != '\n' &&
		    *r != '\r')
			continue;
		*w++ = *r;
	}
	s->len = (size_t)(w - s->ptr);
	s->ptr[s->len] = '\0';
}

/* Decode UTF-8 input: validate, replace invalid sequences, keep a cut tail. */
static void
parse_decode_utf8(struct parse *p, const unsigned char *u, size_t n,
    bool last)
{
	size_t		i = 0, start, k;
	unsigned int	c;

	while (i < n) {
		start = i;
		for (;;) {
			while (i < n && u[i] < 0x80)
				i++;
			if (i >= n)
				break;
			k = utf8_fast(u + i, n - i, &c);
			if (k == 0)
				break;
			i += k;
		}
		str_append(&p->utf8, (const char *)u + start, i - start);
		if (i >= n || u[i] < 0x80)
			continue;
		/* An invalid sequence, or one the chunk cuts. */
		if (!last && n - i < 4) {
			size_t need = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : 2, j;
			bool cut = u[i] >= 0xc2 && u[i] <= 0xf4 && n - i < need;

			for (j = i + 1; cut && j < n; j++)
				cut = (u[j] & 0xc0) == 0x80;
			if (cut) {
				memcpy(p->pend, u + i, n - i);
				p->npend = n - i;
				return;
			}
		}
		str_append(&p->utf8, PARSE_REPLACEMENT, 3);
		p->nreplaced++;
		i++;
	}
}

/* Decode with iconv: invalid input becomes U+FFFD, a cut tail is kept. */
static void
parse_decode_iconv(struct parse *p, const unsigned char *u, size_t n,
    bool last)
{
	char	*in = (char *)u, *out;
	size_t	 inleft = n, outleft, r;

	while (inleft > 0) {
		str_reserve(&p->utf8, inleft * 3 + 16);
		out = p->utf8.ptr + p->utf8.len;
		outleft = p->utf8.cap - p->utf8.len - 1;
		r = iconv((iconv_t)p->iconv, &in, &inleft, &out, &outleft);
		p->utf8.len = (size_t)(out - p->utf8.ptr);
		p->utf8.ptr[p->utf8.len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !last && inleft < sizeof p->pend) {
			memcpy(p->pend, in, inleft);
			p->npend = inleft;
			return;
		}
		/* EILSEQ, or a cut character at the very end. */
		str_append(&p->utf8, PARSE_REPLACEMENT, 3);
		p->nreplaced++;
		r = p->unit < inleft ? p->unit : inleft;
		in += r;
		inleft -= r;
	}
}

/* Hold the n bytes at s for the next chunk (they may start a marker). */
static void
parse_filter_hold(struct parse *p, const char *s, size_t n)
{
	memcpy(p->ent, s, n);
	p->nent = n;
}

/* How many bytes at the end of [s, end) could start the marker m. */
static size_t
parse_filter_partial(const char *s, const char *end, const char *m)
{
	size_t	k, mlen = strlen(m);

	for (k = mlen - 1; k > 0; k--) {
		if ((size_t)(end - s) >= k && memcmp(end - k, m, k) == 0)
			return (k);
	}
	return (0);
}

/*
 * The first m (mlen bytes) in [s, end), or NULL: memchr for its first
 * byte, which is rare in text ('<' or ']'), then a compare. glibc's
 * memmem spent about three instructions a byte of the document here.
 */
static const char *
parse_filter_find(const char *s, const char *end, const char *m, size_t mlen)
{
	const char	*q;

	while ((q = memchr(s, m[0], (size_t)(end - s))) != NULL) {
		if ((size_t)(end - q) < mlen)
			return (NULL);
		if (memcmp(q, m, mlen) == 0)
			return (q);
		s = q + 1;
	}
	return (NULL);
}

/* Copy the input from *run up to upto into p->filt, before a change. */
static void
parse_filter_copy(struct parse *p, const char **run, const char *upto)
{
	str_append(&p->filt, *run, (size_t)(upto - *run));
	*run = upto;
}

/*
 * The '&' at amp outside CDATA, made what libxml2 is to read: an HTML
 * named entity becomes numeric ("&nbsp;" is "&#160;"), a bare ampersand
 * "&amp;", a reference to what XML forbids U+FFFD or nothing. Returns
 * where to go on, or NULL when the entity may be cut by the end of the
 * chunk (it is held from amp).
 */
static const char *
parse_filter_amp(struct parse *p, const char *amp, const char *end, bool last,
    const char **run, bool *changed)
{
	const htmlEntityDesc	*e;
	const char		*q, *s;
	char			 name[40], num[16];
	size_t			 len;

	q = amp + 1;
	if (q < end && *q == '#')
		q++;
	while (q < end && q - amp < 34 &&
	    (((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') ||
	    (*q >= '0' && *q <= '9') || *q == '_' || *q == '-' || *q == '.'))
		q++;
	if (q == end && !last && end - amp < (long)sizeof p->ent)
		return (NULL);
	len = (size_t)(q - amp - 1);
	if (q >= end || *q != ';' || len == 0 || (amp[1] == '#' && len == 1)) {
		parse_filter_copy(p, run, amp);		/* bare & */
		str_append(&p->filt, "&amp;", 5);
		*run = amp + 1;
		*changed = true;
		return (amp + 1);
	}
	s = q + 1;
	if (amp[1] == '#') {
		/*
		 * References to what XML forbids: out of range or a
		 * surrogate is U+FFFD (as feedparser has it); NUL and
		 * C0 controls go, as they would at ingest anyway.
		 */
		unsigned long	 c;
		char		*cend;

		errno = 0;
		if (amp[2] == 'x' || amp[2] == 'X')
			c = strtoul(amp + 3, &cend, 16);
		else
			c = strtoul(amp + 2, &cend, 10);
		if (cend != q)
			c = 0x110000;
		if (errno != 0 || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe ||
		    c == 0xffff) {
			parse_filter_copy(p, run, amp);
			str_append(&p->filt, "&#xFFFD;", 8);
			*run = s;
			*changed = true;
			return (s);
		}
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			parse_filter_copy(p, run, amp);
			*run = s;
			*changed = true;
			return (s);
		}
		return (s);
	}
	memcpy(name, amp + 1, len);
	name[len] = '\0';
	if (strcmp(name, "lt") != 0 && strcmp(name, "gt") != 0 &&
	    strcmp(name, "amp") != 0 && strcmp(name, "quot") != 0 &&
	    strcmp(name, "apos") != 0 &&
	    (e = htmlEntityLookup((const xmlChar *)name)) != NULL) {
		parse_filter_copy(p, run, amp);
		snprintf(num, sizeof num, "&#%u;", e->value);
		str_append(&p->filt, num, strlen(num));
		*run = s;
		*changed = true;
	}
	/* Anything else passes as it is. */
	return (s);
}

/*
 * Inside a CDATA section: move *s past its "]]>" and return NULL, or, when
 * the chunk ends first, return where what passes now ends (a "]]" that
 * may be cut is held for the next chunk).
 */
static const char *
parse_filter_cdata_end(struct parse *p, const char **s, const char *end,
    bool last)
{
	const char	*cd;

	if ((cd = parse_filter_find(*s, end, "]]>", 3)) == NULL)
		return (end - (last ? 0 : parse_filter_partial(*s, end, "]]>")));
	*s = cd + 3;
	p->in_cdata = false;
	return (NULL);
}

/*
 * The entity filter alone (parse_filter_amp on every '&' outside CDATA,
 * CDATA sections copied as they are), from s to end; returns where the
 * bytes held for the next chunk begin.
 */
static const char *
parse_filter_plain(struct parse *p, const char *s, const char *end, bool last,
    const char **run, bool *changed)
{
	const char	*amp, *cd;

	while (s < end) {
		if (p->in_cdata) {
			if ((cd = parse_filter_cdata_end(p, &s, end, last)) != NULL)
				return (cd);
			continue;
		}
		amp = memchr(s, '&', (size_t)(end - s));
		cd = parse_filter_find(s, amp != NULL ? amp : end, "<![CDATA[",
		    9);
		if (cd != NULL) {
			s = cd + 9;
			p->in_cdata = true;
			continue;
		}
		if (amp == NULL)
			return (end - (last ? 0 :
			    parse_filter_partial(s, end, "<![CDATA[")));
		if ((s = parse_filter_amp(p, amp, end, last, run, changed)) ==
		    NULL)
			return (amp);
	}
	return (end);
}

/* Whether c may start an XML name (ASCII only: anything else is odd). */
static bool
parse_name_start(unsigned char c)
{
	return (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
	    c == ':');
}

/* Whether c may be in an XML name (ASCII only). */
static bool
parse_name_char(unsigned char c)
{
	return (parse_name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.');
}

/* Whether c is XML white space. */
static bool
parse_space(unsigned char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

/*
 * The character the reference at amp stands for, as libxml2 would read
 * the filter's output: a bare '&' is itself; PARSE_REF_CUT when it may be
 * cut by the end of the chunk; PARSE_REF_KEEP for anything not decoded
 * here (unknown names, what XML forbids, what the filter rewrites, line
 * ends and controls). *next is where the reference ends; *named is set
 * for what libxml2 reads as a named entity (the five XML ones, and a bare
 * '&' the filter makes "&amp;").
 */
#define PARSE_REF_KEEP	(-1)
#define PARSE_REF_CUT	(-2)
static long
parse_filter_ref(const char *amp, const char *end, bool last,
    const char **next, bool *named)
{
	static const struct {
		const char	*name;
		char		 c;
	} predef[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' },
		{ "apos", '\'' }, { NULL, 0 }
	};
	const htmlEntityDesc	*e;
	const char		*q = amp + 1, *d;
	char			 name[40];
	unsigned long		 c = 0;
	unsigned int		 base = 10, v;
	size_t			 len, i;

	/* The same scan as parse_filter_amp's. */
	if (q < end && *q == '#')
		q++;
	while (q < end && q - amp < 34 && (parse_name_char((unsigned char)*q)
	    && *q != ':'))
		q++;
	if (q == end && !last && end - amp < (long)sizeof name)
		return (PARSE_REF_CUT);
	len = (size_t)(q - amp - 1);
	*named = false;
	if (q >= end || *q != ';' || len == 0 || (amp[1] == '#' && len == 1)) {
		*next = amp + 1;
		*named = true;
		return ('&');
	}
	*next = q + 1;
	if (amp[1] == '#') {
		/* libxml2 knows "&#x" in lower case only. */
		d = amp + 2;
		if (*d == 'x') {
			base = 16;
			d++;
		}
		if (d == q)
			return (PARSE_REF_KEEP);
		for (; d < q; d++) {
			if (*d >= '0' && *d <= '9')
				v = (unsigned int)(*d - '0');
			else if ((*d | 0x20) >= 'a' && (*d | 0x20) <= 'f')
				v = (unsigned int)((*d | 0x20) - 'a' + 10);
			else
				return (PARSE_REF_KEEP);
			if (v >= base)
				return (PARSE_REF_KEEP);
			c = c * base + v;
			if (c > 0x10ffff)
				return (PARSE_REF_KEEP);
		}
	} else {
		memcpy(name, amp + 1, len);
		name[len] = '\0';
		for (i = 0; predef[i].name != NULL; i++) {
			if (strcmp(name, predef[i].name) == 0) {
				*named = true;
				return (predef[i].c);
			}
		}
		if ((e = htmlEntityLookup((const xmlChar *)name)) == NULL)
			return (PARSE_REF_KEEP);
		c = e->value;
	}
	if (c < 0x20 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
	    c == 0xfffe || c == 0xffff)
		return (PARSE_REF_KEEP);
	return ((long)c);
}

/*
 * End the CDATA section whose text begins at piece in p->filt (an empty
 * one goes, opening and all); false when the text has a "]]>".
 */
static bool
parse_filter_piece(struct parse *p, size_t piece)
{
	if (p->filt.len == piece) {
		p->filt.len = piece - 9;
		p->filt.ptr[p->filt.len] = '\0';
		return (true);
	}
	if (parse_filter_find(p->filt.ptr + piece, p->filt.ptr + p->filt.len,
	    "]]>", 3) != NULL)
		return (false);
	str_append(&p->filt, "]]>", 3);
	return (true);
}

/* The bytes parse_filter_cdata stops at: '&', CR and 0xEF. */
static const bool parse_cdata_stop[256] = {
	['&'] = true, ['\r'] = true, [0xef] = true
};

/* Whether a byte of w is zero. */
#define PARSE_ONES	0x0101010101010101ULL
#define PARSE_ZERO(w)	(((w) - PARSE_ONES) & ~(w) & (PARSE_ONES * 0x80))

/* Skip whole words of u without a byte parse_cdata_stop stops at. */
static const unsigned char *
parse_cdata_scan(const unsigned char *u, const unsigned char *ue)
{
	uint64_t	w;

	while (ue - u >= 8) {
		memcpy(&w, u, 8);
		if (PARSE_ZERO(w ^ (PARSE_ONES * '&')) |
		    PARSE_ZERO(w ^ (PARSE_ONES * '\r')) |
		    PARSE_ZERO(w ^ (PARSE_ONES * 0xef)))
			break;
		u += 8;
	}
	return (u);
}

/*
 * Hand the text from s to se (no '<' in it) to libxml2 as a CDATA section
 * with its references decoded, when it has something libxml2 reads
 * slowly (a reference or a non-ASCII character) and all of it can be said
 * in CDATA. Returns where the rewritten text ends (se, or an entity cut
 * by the chunk, held from there), or s when the text is to pass as it is.
 */
static const char *
parse_filter_cdata(struct parse *p, const char *s, const char *se,
    const char *end, bool last, const char **run, bool *changed)
{
	const unsigned char	*u = (const unsigned char *)s;
	const unsigned char	*ue = (const unsigned char *)se, *span;
	const char		*next, *stop = se;
	size_t			 mark, piece;
	long			 c;
	bool			 named;

	if (ue - u < PARSE_CDATA_MIN)
		return (s);		/* not worth the markup and the push */
	while (u < ue && *u < 0x80 && *u != '&')
		u++;
	if (u == ue)
		return (s);		/* ASCII without references */
	parse_filter_copy(p, run, s);
	*changed = true;
	mark = p->filt.len;
	str_append(&p->filt, "<![CDATA[", 9);
	piece = p->filt.len;
	/*
	 * The decoder's output is valid UTF-8 (a chunk never ends inside
	 * a character): of what CDATA cannot hold only U+FFFE and U+FFFF
	 * (EF BF BE, EF BF BF) are left to look for.
	 */
	u = span = (const unsigned char *)s;
	for (;;) {
		u = parse_cdata_scan(u, ue);
		while (u < ue && !parse_cdata_stop[*u])
			u++;
		if (u == ue)
			break;
		if (*u == '\r')
			goto keep;	/* libxml2 makes line ends "\n" */
		if (*u == 0xef) {
			if (ue - u >= 3 && u[1] == 0xbf && u[2] >= 0xbe)
				goto keep;
			u++;
			continue;
		}
		str_append(&p->filt, (const char *)span, (size_t)(u - span));
		c = parse_filter_ref((const char *)u, end, last, &next, &named);
		if (c == PARSE_REF_CUT) {
			stop = (const char *)u;
			span = u;
			break;
		}
		if (c == PARSE_REF_KEEP)
			goto keep;
		if (named) {
			/*
			 * Once the document has an error libxml2 drops named
			 * entities ("&lt;" is nothing), and whether it has
			 * cannot be known here without pushing what came
			 * before (which would change libxml2's pushes): the
			 * reference goes between two CDATA sections as it
			 * is, for libxml2 to read as it did.
			 */
			if (!parse_filter_piece(p, piece))
				goto keep;
			if (next == (const char *)u + 1)
				str_append(&p->filt, "&amp;", 5);
			else
				str_append(&p->filt, (const char *)u,
				    (size_t)(next - (const char *)u));
			str_append(&p->filt, "<![CDATA[", 9);
			piece = p->filt.len;
		} else
			utf8_put(&p->filt, (unsigned int)c);
		u = span = (const unsigned char *)next;
	}
	str_append(&p->filt, (const char *)span, (size_t)(u - span));
	if (!parse_filter_piece(p, piece))
		goto keep;
	p->ncdata++;
	*run = stop;
	return (stop);
keep:
	p->filt.len = mark;
	p->filt.ptr[mark] = '\0';
	return (s);
}

/*
 * Text from s, in an element or before the root. Only a whole run in an
 * element (from markup to its '<', in this chunk) may become CDATA.
 */
static const char *
parse_filter_text(struct parse *p, const char *s, const char *end, bool last,
    const char **run, bool *changed, const char **keep)
{
	const char	*lt, *se, *amp, *t;

	lt = memchr(s, '<', (size_t)(end - s));
	se = lt != NULL ? lt : end;
	/*
	 * Only text that ends at its '<' here is rewritten. Text cut by the
	 * end of the chunk goes as it is: were it CDATA, libxml2 would read
	 * the rest of the run (in the next chunk) as a run of its own, and
	 * libxml2 2.9 reads a run that starts in ASCII with a faster loop
	 * which, at "]]>", drops the text before it that the slower loop
	 * (taken from the first non-ASCII character on) keeps. Nor is the
	 * rest of such a run (p->lex_kept): it goes as it is too, so no
	 * byte need be held for it (a "]]" before a '>' to come, a cut
	 * character) beyond what the entity filter alone holds; holding
	 * more would change what each of libxml2's pushes gets.
	 */
	if (p->lex_depth > 0 && lt != NULL && !p->lex_kept && se > s) {
		t = parse_filter_cdata(p, s, se, end, last, run, changed);
		if (t != s) {
			if (t == lt)
				return (t);
			*keep = t;
			return (NULL);
		}
	}
	if (se > s)
		p->lex_kept = true;
	while ((amp = memchr(s, '&', (size_t)(se - s))) != NULL) {
		if ((t = parse_filter_amp(p, amp, end, last, run, changed)) ==
		    NULL) {
			*keep = amp;
			return (NULL);
		}
		s = t;
	}
	if (se == lt)
		return (se);
	*keep = se;
	return (NULL);
}

/* Whether [s, end) could be the start of the marker m. */
static bool
parse_filter_prefix(const char *s, const char *end, const char *m)
{
	size_t	n = (size_t)(end - s);

	return (n < strlen(m) && memcmp(s, m, n) == 0);
}

/*
 * The '<' at s in text: what it opens. Anything this lexer does not know
 * well (a DOCTYPE above all) turns it off for the rest of the document.
 */
static const char *
parse_filter_markup(struct parse *p, const char *s, const char *end, bool last,
    const char **keep)
{
	size_t	n = (size_t)(end - s);

	/* Only what the entity filter alone would hold is held. */
	if (!last && parse_filter_prefix(s, end, "<![CDATA[")) {
		*keep = s;
		return (NULL);
	}
	p->lex_tag = PARSE_TAG_NAME;
	if (n >= 2 && s[1] == '/') {
		p->lex = PARSE_LEX_TAG;
		p->lex_end = true;
		p->lex_tag = PARSE_TAG_END;
		return (s + 2);
	}
	if (n >= 2 && parse_name_start((unsigned char)s[1])) {
		p->lex = PARSE_LEX_TAG;
		p->lex_end = false;
		return (s + 2);
	}
	if (n >= 2 && s[1] == '?') {
		p->lex = PARSE_LEX_PI;
		return (s + 2);
	}
	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		p->lex = PARSE_LEX_COMMENT;
		return (s + 4);
	}
	if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0 && p->lex_depth > 0) {
		p->in_cdata = true;
		return (s + 9);
	}
	p->lex = PARSE_LEX_OFF;
	return (s);
}

/*
 * Inside a comment or a processing instruction, up to its end marker m.
 * A '<' inside turns the lexer off (the filter alone would take a CDATA
 * marker there for one).
 */
static const char *
parse_filter_skip(struct parse *p, const char *s, const char *end, bool last,
    const char *m, const char **run, bool *changed, const char **keep)
{
	const char	*t, *lim, *lt, *amp;
	size_t		 mlen = strlen(m);

	t = parse_filter_find(s, end, m, mlen);
	lim = t != NULL ? t : end;
	/*
	 * libxml2 (2.9) ends a comment where this lexer would not when
	 * "--" is in it: its ASCII loop steps over "--" two bytes at a
	 * time, so "--->" does not end the comment there, and how it goes
	 * on depends on where the pushed buffer ends. A "--" before the
	 * end (or a '-' just before "-->") turns the lexer off, and the
	 * entity filter alone goes on from here as it did before it. So
	 * does one cut by the end of the chunk: to find its end in the
	 * next, the lexer would hold bytes the entity filter alone does not,
	 * and what each of libxml2's pushes gets would change.
	 */
	if (t == NULL || (*m == '-' && parse_filter_find(s, t + 1, "--", 2) !=
	    NULL)) {
		p->lex = PARSE_LEX_OFF;
		return (s);
	}
	if ((lt = memchr(s, '<', (size_t)(lim - s))) != NULL)
		lim = lt;
	while ((amp = memchr(s, '&', (size_t)(lim - s))) != NULL) {
		if ((s = parse_filter_amp(p, amp, end, last, run, changed)) ==
		    NULL) {
			*keep = amp;
			return (NULL);
		}
	}
	if (lt != NULL) {
		p->lex = PARSE_LEX_OFF;
		return (lt);
	}
	p->lex = PARSE_LEX_TEXT;
	p->lex_kept = false;
	return (t + mlen);
}

/*
 * Inside a start or an end tag. Only well-formed tags are followed (the
 * name, name="value" pairs, "/>"); what libxml2 would recover from in its
 * own way turns the lexer off.
 */
static const char *
parse_filter_tag(struct parse *p, const char *s, const char *end, bool last,
    const char **run, bool *changed, const char **keep)
{
	const char	*t;
	unsigned char	 c;

	while (s < end) {
		c = (unsigned char)*s;
		switch (p->lex_tag) {
		case PARSE_TAG_END:
			if (!parse_name_start(c))
				goto off;
			p->lex_tag = PARSE_TAG_NAME;
			break;
		case PARSE_TAG_VALUE:
			if (c == (unsigned char)p->lex_quote)
				p->lex_tag = PARSE_TAG_AFTER;
			else if (c == '<')
				goto off;
			else if (c == '&') {
				if ((t = parse_filter_amp(p, s, end, last, run,
				    changed)) == NULL) {
					*keep = s;
					return (NULL);
				}
				s = t;
				continue;
			}
			break;
		case PARSE_TAG_NAME:
			if (parse_name_char(c))
				break;
			if (parse_space(c))
				p->lex_tag = PARSE_TAG_SPACE;
			else if (c == '>')
				goto close;
			else if (c == '/' && !p->lex_end)
				p->lex_tag = PARSE_TAG_SLASH;
			else
				goto off;
			break;
		case PARSE_TAG_SPACE:
			if (parse_space(c))
				break;
			if (c == '>')
				goto close;
			if (p->lex_end)
				goto off;
			if (c == '/')
				p->lex_tag = PARSE_TAG_SLASH;
			else if (parse_name_start(c))
				p->lex_tag = PARSE_TAG_ATTR;
			else
				goto off;
			break;
		case PARSE_TAG_ATTR:
		case PARSE_TAG_ATTR_SPACE:
			if (parse_name_char(c) && p->lex_tag == PARSE_TAG_ATTR)
				break;
			if (parse_space(c))
				p->lex_tag = PARSE_TAG_ATTR_SPACE;
			else if (c == '=')
				p->lex_tag = PARSE_TAG_EQ;
			else
				goto off;
			break;
		case PARSE_TAG_EQ:
			if (parse_space(c))
				break;
			if (c != '"' && c != '\'')
				goto off;
			p->lex_quote = (char)c;
			p->lex_tag = PARSE_TAG_VALUE;
			break;
		case PARSE_TAG_AFTER:
			if (parse_space(c))
				p->lex_tag = PARSE_TAG_SPACE;
			else if (c == '>')
				goto close;
			else if (c == '/')
				p->lex_tag = PARSE_TAG_SLASH;
			else
				goto off;
			break;
		case PARSE_TAG_SLASH:
			if (c != '>')
				goto off;
			goto close;
		}
		s++;
	}
	return (end);
close:
	p->lex = PARSE_LEX_TEXT;
	p->lex_kept = false;
	if (p->lex_end)
		p->lex_depth--;
	else if (p->lex_tag != PARSE_TAG_SLASH)
		p->lex_depth++;
	/* Nothing is rewritten after the root element. */
	if (p->lex_depth <= 0)
		p->lex = PARSE_LEX_OFF;
	return (s + 1);
off:
	p->lex = PARSE_LEX_OFF;
	return (s);
}

/*
 * The entity filter (parse_filter_amp) with a lexer around it that hands
 * libxml2 an element's text as CDATA where that is faster to read
 * (parse_filter_cdata). Returns where the bytes held begin.
 */
static const char *
parse_filter_lex(struct parse *p, const char *s, const char *end, bool last,
    const char **run, bool *changed)
{
	const char	*keep = end, *cd;

	while (s < end) {
		if (p->lex == PARSE_LEX_OFF)
			return (parse_filter_plain(p, s, end, last, run,
			    changed));
		if (p->in_cdata) {
			if ((cd = parse_filter_cdata_end(p, &s, end, last)) != NULL)
				return (cd);
			p->lex_kept = false;
			continue;
		}
		switch (p->lex) {
		case PARSE_LEX_TAG:
			s = parse_filter_tag(p, s, end, last, run, changed,
			    &keep);
			break;
		case PARSE_LEX_COMMENT:
			s = parse_filter_skip(p, s, end, last, "-->", run,
			    changed, &keep);
			break;
		case PARSE_LEX_PI:
			s = parse_filter_skip(p, s, end, last, "?>", run,
			    changed, &keep);
			break;
		default:
			if (*s == '<')
				s = parse_filter_markup(p, s, end, last, &keep);
			else
				s = parse_filter_text(p, s, end, last, run,
				    changed, &keep);
			break;
		}
		if (s == NULL)
			return (keep);
	}
	return (end);
}

/*
 * Make the decoded chunk the XML libxml2 is to read: entities as
 * parse_filter_amp has them, and an element's text with references or
 * non-ASCII characters as CDATA (libxml2 reads that with a tight loop and
 * its character data a character at a time). Bytes that may start a
 * marker, an entity or a character cut by the chunk are held for the next
 * one. The result is in *out: the input itself when nothing changed,
 * else p->filt.
 */
static void
parse_filter_entities(struct parse *p, const char *s, size_t n, bool last,
    const char **out, size_t *outlen)
{
	const char	*end = s + n, *run = s, *keep;
	bool		 changed = false;

	str_clear(&p->filt);
	keep = parse_filter_lex(p, s, end, last, &run, &changed);
	parse_filter_hold(p, keep, (size_t)(end - keep));
	if (!changed) {
		*out = run;
		*outlen = (size_t)(keep - run);
		return;
	}
	parse_filter_copy(p, &run, keep);
	*out = str_cstr(&p->filt);
	*outlen = p->filt.len;
}

/* Decode one slice of raw bytes and pass it on. */
static void
parse_feed_slice(struct parse *p, const char *buf, size_t len, bool last)
{
	struct str	 tmp;
	const char	*in = buf, *out;
	size_t		 inlen = len, outlen;

	if (p->iconv == NULL && p->npend == 0 && p->nent == 0 &&
	    sanitize_clean_prefix((const unsigned char *)buf, len, true) == len) {
		/* Nothing to decode, replace or strip: use it as it is. */
		out = buf;
		outlen = len;
	} else {
		str_init(&tmp);
		if (p->npend > 0) {
			str_append(&tmp, (const char *)p->pend, p->npend);
			str_append(&tmp, buf, len);
			in = tmp.ptr;
			inlen = tmp.len;
			p->npend = 0;
		}
		str_clear(&p->utf8);
		if (p->nent > 0) {
			str_append(&p->utf8, p->ent, p->nent);
			p->nent = 0;
		}
		if (p->iconv == NULL)
			parse_decode_utf8(p, (const unsigned char *)in, inlen,
			    last);
		else
			parse_decode_iconv(p, (const unsigned char *)in, inlen,
			    last);
		str_free(&tmp);
		parse_strip_controls(&p->utf8, 0);
		out = str_cstr(&p->utf8);
		outlen = p->utf8.len;
	}

	if (p->kind == PARSE_KIND_XML) {
		parse_filter_entities(p, out, outlen, last, &out, &outlen);
		parse_xml_push(p->xml, out, outlen, last);
	} else {
		if (outlen > 0)
			parse_json_push(p->json, out, outlen);
		if (last)
			parse_json_finish(p->json);
	}
}

/*
 * Decode a chunk of raw bytes and pass it on. A big chunk of UTF-8 XML
 * (the poller hands over a whole buffered feed) goes in slices of about
 * PARSE_SLICE_BYTES, each ending just after a '>': the buffers stay small
 * and warm, and as no character, entity or CDATA marker can be cut by a
 * '>', nothing is held from one slice to the next.
 */
static void
parse_feed_raw(struct parse *p, const char *buf, size_t len, bool last)
{
	const char	*gt;
	size_t		 n;

	while (p->kind == PARSE_KIND_XML && p->iconv == NULL &&
	    len > 2 * PARSE_SLICE_BYTES && (gt = memchr(buf +
	    PARSE_SLICE_BYTES, '>', len - PARSE_SLICE_BYTES - 1)) != NULL) {
		n = (size_t)(gt + 1 - buf);
		parse_feed_slice(p, buf, n, false);
		buf += n;
		len -= n;
	}
	parse_feed_slice(p, buf, len, last);
}

/* Push the next chunk; see parse.h. */
int
parse_push(struct parse *p, const char *buf, size_t len)
{
	long	skip;

	if (p->failed || p->finished)
		return (-1);
	if (len == 0)
		return (0);
	if (!p->decided && p->head.len == 0 && len >= PARSE_SNIFF_BYTES) {
		/* A first chunk big enough to decide on is not copied. */
		if ((skip = parse_decide(p, buf, len, false)) == -2)
			str_append(&p->head, buf, len);
		else if (skip < 0)
			return (-1);
		else
			parse_feed_raw(p, buf + skip, len - (size_t)skip, false);
	} else if (!p->decided) {
		str_append(&p->head, buf, len);
		if (p->head.len < PARSE_SNIFF_BYTES)
			return (0);
		if ((skip = parse_decide(p, p->head.ptr, p->head.len,
		    false)) == -2)
			return (0);
		if (skip < 0)
			return (-1);
		parse_feed_raw(p, p->head.ptr + skip, p->head.len - (size_t)skip,
		    false);
		str_free(&p->head);
	} else
		parse_feed_raw(p, buf, len, false);
	return (p->failed ? -1 : 0);
}

/* End of input; see parse.h. */
struct feed *
parse_finish(struct parse *p, char **cause)
{
	struct feed	*f;
	long		 skip;

	if (p->finished) {
		*cause = xstrdup("parse_finish called twice");
		return (NULL);
	}
	p->finished = true;
	if (!p->failed && !p->decided) {
		if ((skip = parse_decide(p, str_cstr(&p->head), p->head.len,
		    true)) >= 0)
			parse_feed_raw(p, p->head.ptr + skip,
			    p->head.len - (size_t)skip, true);
		str_free(&p->head);
	} else if (!p->failed)
		parse_feed_raw(p, "", 0, true);
	if (p->nreplaced > 0)
		parse_warn(p, "%zu invalid byte sequence%s in %s replaced by "
		    "U+FFFD", p->nreplaced, p->nreplaced == 1 ? "" : "s",
		    p->encoding != NULL ? p->encoding : "the document");
	if (!p->failed && p->feed->format == NULL) {
		if (p->warnings.n > 0)
			parse_fail(p, "not a feed: no root element could be read "
			    "(%s)", p->warnings.v[0]);
		else
			parse_fail(p, "not a feed: no root element");
	}
	if (p->failed) {
		*cause = xstrdup(p->cause);
		return (NULL);
	}
	if (p->item != NULL) {
		parse_warn(p, "the document ends inside item %zu, which is left "
		    "out", p->nitems + 1);
		item_free(p->item);
		p->item = NULL;
	}
	if (p->nwarnings > p->warnings.n) {
		char *msg;

		xasprintf(&msg, "... and %zu more problems",
		    p->nwarnings - p->warnings.n);
		strv_add_owned(&p->warnings, msg);
	}
	if (p->feed->language == NULL && p->feed_lang != NULL)
		p->feed->language = sanitize_line(p->feed_lang,
		    strlen(p->feed_lang));
	parse_lang_tidy(p->feed->language);
	p->feed->dir = feed_dir_from_language(p->feed->language);
	f = p->feed;
	p->feed = NULL;
	return (f);
}

/* How many text runs went to libxml2 as CDATA; see parse.h. */
size_t
parse_cdata_runs(const struct parse *p)
{
	return (p->ncdata);
}

/* The warnings so far; see parse.h. */
const struct strv *
parse_warnings(const struct parse *p)
{
	return (&p->warnings);
}

/*
 * Set up libxml2's global state. Call once from the main thread before any
 * other thread parses (libxml2 2.9 asks for this).
 */
void
parse_init(void)
{
	xmlInitParser();
}

/* Free a parser; see parse.h. */
void
parse_free(struct parse *p)
{
	if (p == NULL)
		return;
	parse_xml_free(p->xml);
	parse_json_free(p->json);
	if (p->iconv != NULL)
		iconv_close((iconv_t)p->iconv);
	feed_free(p->feed);
	item_free(p->item);
	strv_free(&p->warnings);
	str_free(&p->head);
	str_free(&p->utf8);
	str_free(&p->filt);
	str_free(&p->person_name);
	str_free(&p->person_email);
	free(p->item_lang);
	free(p->alternate);
	free(p->feed_lang);
	free(p->feed_author);
	free(p->media_desc);
	free(p->encoding);
	free(p->charset);
	free(p->cause);
	free(p->url);
	url_base_free(p->ubase);
	free(p);
}

/* Parse a whole file ("-" for stdin); warnings are appended when not NULL. */
struct feed *
parse_file(const char *path, struct strv *warnings, char **cause)
{
	return (parse_file_cb(path, NULL, NULL, warnings, cause));
}

/* parse_file, handing items to cb (when not NULL) as they are read. */
struct feed *
parse_file_cb(const char *path, parse_item_cb cb, void *arg,
    struct strv *warnings, char **cause)
{
	struct parse		*p;
	struct feed		*f;
	const struct strv	*w;
	FILE			*fp;
	char			 buf[65536];
	size_t			 n, i;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	p = parse_new(NULL, NULL, cb, arg);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (parse_push(p, buf, n) != 0)
			break;
	}
	if (ferror(fp)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		parse_free(p);
		return (NULL);
	}
	if (fp != stdin)
		fclose(fp);
	f = parse_finish(p, cause);
	if (warnings != NULL) {
		w = parse_warnings(p);
		for (i = 0; i < w->n; i++)
			strv_add(warnings, w->v[i]);
	}
	parse_free(p);
	return (f);
}
