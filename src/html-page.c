/*
 * What a web page says of itself, for the article's header and its last
 * resorts: the <head>'s metadata (og: and twitter: properties, the
 * canonical link, the author, the date, <base href>, <title>), the lang=
 * and dir= of <html> and <body>, and the page's JSON-LD (schema.org's
 * articleBody, the text of pages only scripts show, and
 * isAccessibleForFree, which marks a paywall). html-article.c calls it
 * for every element of its first walk, and after its attempts.
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
#include "utf8.h"
#include "xmalloc.h"

#define HTML_PAGE_META_MAX	2000	/* bytes of a metadata value */

/* Whether a space-separated attribute (rel=) has a word, in any case. */
static bool
html_page_has_word(const char *s, const char *word)
{
	size_t	n = strlen(word), k;

	while (*s != '\0') {
		s += strspn(s, " \t\n\r\f");
		k = strcspn(s, " \t\n\r\f");
		if (k == n && strncasecmp(s, word, n) == 0)
			return (true);
		s += k;
	}
	return (false);
}

/* Keep a metadata value (sanitised, one line) unless one is kept already. */
static void
html_page_set(char **field, const char *v)
{
	char	*s;

	if (*field != NULL || v == NULL)
		return;
	s = sanitize_line(v, strnlen(v, HTML_PAGE_META_MAX));
	if (*s == '\0') {
		free(s);
		return;
	}
	*field = s;
}

/* What a <meta> says: og:, twitter:, article: and plain names. */
static void
html_page_tag(struct html_page *pg, xmlNodePtr n)
{
	struct html_article	*r = pg->r;
	const char		*key, *v;

	if ((v = html_attr(n, "content")) == NULL)
		return;
	if ((key = html_attr(n, "property")) == NULL &&
	    (key = html_attr(n, "name")) == NULL &&
	    (key = html_attr(n, "itemprop")) == NULL)
		return;
	if (strcasecmp(key, "og:title") == 0 ||
	    strcasecmp(key, "twitter:title") == 0)
		html_page_set(&pg->og_title, v);
	else if (strcasecmp(key, "og:url") == 0)
		html_page_set(&pg->og_url, v);
	else if (strcasecmp(key, "og:site_name") == 0)
		html_page_set(&r->site, v);
	else if (strcasecmp(key, "og:image") == 0 ||
	    strcasecmp(key, "og:image:url") == 0 ||
	    strcasecmp(key, "twitter:image") == 0 ||
	    strcasecmp(key, "twitter:image:src") == 0)
		html_page_set(&pg->image, v);
	else if (strcasecmp(key, "og:description") == 0 ||
	    strcasecmp(key, "twitter:description") == 0)
		html_page_set(&pg->og_description, v);
	else if (strcasecmp(key, "description") == 0)
		html_page_set(&pg->description, v);
	else if (strcasecmp(key, "article:published_time") == 0 ||
	    strcasecmp(key, "datepublished") == 0 ||
	    strcasecmp(key, "pubdate") == 0 ||
	    strcasecmp(key, "dc.date") == 0)
		html_page_set(&r->published, v);
	else if (strcasecmp(key, "author") == 0 ||
	    strcasecmp(key, "dc.creator") == 0 ||
	    (strcasecmp(key, "article:author") == 0 &&
	    strncasecmp(v, "http", 4) != 0))
		html_page_set(&r->author, v);
	else if (strcasecmp(key, "article:content_tier") == 0 &&
	    (strcasecmp(v, "locked") == 0 || strcasecmp(v, "metered") == 0))
		pg->paywall = true;
}

/* Gather what the page's metadata elements say. */
void
html_page_element(struct html_page *pg, xmlNodePtr n)
{
	struct html_article	*r = pg->r;
	const char		*name = (const char *)n->name, *v;
	xmlNodePtr		 c;
	struct str		 s;
	const char		*rel;

	if (strcmp(name, "meta") == 0)
		html_page_tag(pg, n);
	else if (strcmp(name, "link") == 0) {
		if ((rel = html_attr(n, "rel")) != NULL &&
		    html_page_has_word(rel, "canonical"))
			html_page_set(&pg->canonical, html_attr(n, "href"));
	} else if (strcmp(name, "base") == 0)
		html_page_set(&pg->base, html_attr(n, "href"));
	else if (strcmp(name, "title") == 0 && pg->title == NULL) {
		str_init(&s);
		str_append(&s, "", 0);
		for (c = n->children; c != NULL; c = c->next) {
			if (c->type == XML_TEXT_NODE && c->content != NULL)
				str_appends(&s, (const char *)c->content);
		}
		html_page_set(&pg->title, s.ptr);
		str_free(&s);
	} else if (strcmp(name, "script") == 0) {
		for (c = n->children; c != NULL; c = c->next) {
			if (c->content != NULL)
				pg->script_bytes +=
				    strlen((const char *)c->content);
		}
		if ((v = html_attr(n, "type")) != NULL &&
		    strcasecmp(v, "application/ld+json") == 0 &&
		    pg->nldjson < HTML_PAGE_LDJSON)
			pg->ldjson[pg->nldjson++] = n;
	} else if (strcmp(name, "html") == 0 || strcmp(name, "body") == 0) {
		if ((v = html_attr(n, "lang")) != NULL ||
		    (v = html_attr(n, "xml:lang")) != NULL)
			html_page_set(&r->lang, v);
		if ((v = html_attr(n, "dir")) != NULL && r->dir == FEED_DIR_AUTO)
			r->dir = strcasecmp(v, "rtl") == 0 ? FEED_DIR_RTL :
			    strcasecmp(v, "ltr") == 0 ? FEED_DIR_LTR :
			    FEED_DIR_AUTO;
	}
}

/* Decode a JSON string at p (after its opening quote) into s; false if cut. */
static bool
html_page_json_string(const char *p, const char *end, struct str *s)
{
	unsigned int	c, lo;
	char		h[5], *e;

	while (p < end) {
		if (*p == '"')
			return (true);
		if (*p != '\\') {
			str_appendc(s, *p++);
			continue;
		}
		if (++p >= end)
			break;
		switch (*p) {
		case 'n':
			str_appendc(s, '\n');
			break;
		case 't':
		case 'r':
		case 'f':
		case 'b':
			str_appendc(s, ' ');
			break;
		case 'u':
			if (end - p < 5)
				return (false);
			memcpy(h, p + 1, 4);
			h[4] = '\0';
			c = (unsigned int)strtoul(h, &e, 16);
			if (*e != '\0')
				return (false);
			p += 4;
			if (c >= 0xd800 && c <= 0xdbff && end - p >= 7 &&
			    p[1] == '\\' && p[2] == 'u') {
				memcpy(h, p + 3, 4);
				lo = (unsigned int)strtoul(h, &e, 16);
				if (*e == '\0' && lo >= 0xdc00 && lo <= 0xdfff) {
					c = 0x10000 + ((c - 0xd800) << 10) +
					    (lo - 0xdc00);
					p += 6;
				}
			}
			utf8_put(s, c >= 0xd800 && c <= 0xdfff ?
			    UTF8_REPLACEMENT : c);
			break;
		default:
			str_appendc(s, *p);
			break;
		}
		p++;
	}
	return (false);
}

/* The longest "articleBody" of the page's JSON-LD, as text; NULL if none. */
char *
html_page_ldjson_body(struct html_page *pg)
{
	struct str	 s, best;
	const char	*t, *p, *end;
	xmlNodePtr	 c;
	size_t		 i;

	str_init(&best);
	str_init(&s);
	for (i = 0; i < pg->nldjson; i++) {
		for (c = pg->ldjson[i]->children; c != NULL; c = c->next) {
			if (c->content == NULL)
				continue;
			t = (const char *)c->content;
			end = t + strlen(t);
			for (p = strstr(t, "\"articleBody\""); p != NULL;
			    p = strstr(p + 1, "\"articleBody\"")) {
				p += 13;
				while (p < end && isspace((unsigned char)*p))
					p++;
				if (p >= end || *p != ':')
					continue;
				for (p++; p < end &&
				    isspace((unsigned char)*p); p++)
					;
				if (p >= end || *p != '"')
					continue;
				str_clear(&s);
				if (html_page_json_string(p + 1, end, &s) &&
				    s.len > best.len) {
					str_clear(&best);
					str_append(&best, s.ptr, s.len);
				}
			}
		}
	}
	str_free(&s);
	if (best.len == 0) {
		str_free(&best);
		return (NULL);
	}
	return (str_steal(&best));
}

/* Whether the page's JSON-LD says the article is not free. */
bool
html_page_ldjson_paywall(struct html_page *pg)
{
	const char	*p;
	xmlNodePtr	 c;
	size_t		 i;

	for (i = 0; i < pg->nldjson; i++) {
		for (c = pg->ldjson[i]->children; c != NULL; c = c->next) {
			if (c->content == NULL)
				continue;
			for (p = strstr((const char *)c->content,
			    "isAccessibleForFree"); p != NULL;
			    p = strstr(p + 1, "isAccessibleForFree")) {
				p += 19;
				p += strspn(p, "\" \t\r\n:");
				if (strncasecmp(p, "false", 5) == 0)
					return (true);
			}
		}
	}
	return (false);
}

/* Make the JSON-LD body the article: a paragraph per line. */
void
html_page_from_text(struct html_art *a, const char *body)
{
	const char	*p, *e;
	char		*line, *t;

	str_clear(&a->out);
	a->chars = a->paragraphs = 0;
	for (p = body; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		line = xstrndup(p, (size_t)(e - p));
		/* Some sites put HTML in it: its text, then. */
		t = html_looks_like(line) ? html_strip(line, strlen(line)) :
		    sanitize_line(line, strlen(line));
		free(line);
		if (*t != '\0') {
			str_appends(&a->out, "<p>");
			html_clean_escape(&a->out, t, false);
			str_appends(&a->out, "</p>");
			a->chars += html_clean_chars(t, strlen(t), NULL);
			a->paragraphs++;
		}
		free(t);
	}
}

/* Resolve ref against the page's base (a->base), allocated; NULL when none. */
static char *
html_page_absolute(const struct html_art *a, const char *ref)
{
	char	*abs;

	if (ref == NULL)
		return (NULL);
	if (a->opts->resolve != NULL && a->base != NULL &&
	    (abs = a->opts->resolve(a->base, ref)) != NULL)
		return (abs);
	return (xstrdup(ref));
}

/* Fill the result's metadata from what the page said. */
void
html_page_finish(struct html_art *a, struct html_page *pg)
{
	struct html_article	*r = pg->r;

	r->title = pg->og_title != NULL ? pg->og_title : pg->title;
	if (r->title == pg->og_title)
		free(pg->title);
	else
		free(pg->og_title);
	pg->title = pg->og_title = NULL;
	r->excerpt = pg->og_description != NULL ? pg->og_description :
	    pg->description;
	if (r->excerpt == pg->og_description)
		free(pg->description);
	else
		free(pg->og_description);
	pg->description = pg->og_description = NULL;
	r->url = html_page_absolute(a, pg->canonical != NULL ? pg->canonical :
	    pg->og_url);
	r->image = html_page_absolute(a, pg->image);
}

/* Free what the page's walk kept. */
void
html_page_clear(struct html_page *pg)
{
	free(pg->base);
	free(pg->canonical);
	free(pg->og_url);
	free(pg->image);
	free(pg->title);
	free(pg->og_title);
	free(pg->description);
	free(pg->og_description);
	memset(pg, 0, sizeof *pg);
}
