/*
 * The family's base: the state every parse-*.c file shares, and what they
 * all do with it. Warnings and the reason a document is not a feed; links
 * made absolute (url.c), HTML fields' links with them (html.h);
 * the fields every format fills in the same way (titles, authors,
 * categories, dates); the item being built, completed (id, language,
 * direction) and handed out; the feed settled at the end. Of the other
 * parse files it calls only parse-date.c: the format parsers, the XML
 * glue and the push interface call down into it.
 */
#include "config.h"

#include "parse.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "html.h"
#include "parse-date.h"
#include "parse-priv.h"
#include "sanitize.h"
#include "url.h"
#include "utf8.h"
#include "xmalloc.h"

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

/*
 * Record that the document was read only in part, and why (the first
 * reason wins): with no item read, it is not taken for an empty feed.
 */
void
parse_cut(struct parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (p->cut != NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	p->cut = sanitize_line(msg, strlen(msg));
	free(msg);
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

/* What html_links resolves against. */
struct parse_links {
	struct parse	*p;
	const char	*base;
};

/* html_links' resolver: an absolute URL, or NULL to keep the link. */
static char *
parse_link(const char *ref, size_t len, void *arg)
{
	struct parse_links	*l = arg;
	char			*r, *abs;

	if (len == 0 || url_is_absolute(ref, len))
		return (NULL);
	r = xstrndup(ref, len);
	abs = parse_url(l->p, l->base, r);
	free(r);
	return (abs);
}

/*
 * Make the relative links in an HTML field absolute, in place, against
 * base (or the feed's link when there is no base), as feedparser does.
 */
void
parse_resolve_html(struct parse *p, const char *base, char **html)
{
	struct parse_links	 l;
	char			*v;

	if (base == NULL)
		base = p->feed->link;
	if (base == NULL || *html == NULL)
		return;
	l.p = p;
	l.base = base;
	if ((v = html_links(*html, strlen(*html), parse_link, &l)) != NULL) {
		free(*html);
		*html = v;
	}
}

/*
 * A title from captured text: HTML is reduced to its text; type -1 means
 * guess from the content (RSS titles are text unless they look like HTML).
 */
char *
parse_title(const char *s, size_t n, int type)
{
	if (type == -1)
		type = html_looks_like(s) ? FEED_TEXT_HTML :
		    FEED_TEXT_PLAIN;
	if (type == FEED_TEXT_HTML)
		return (html_strip(s, n));
	return (sanitize_line(s, n));
}

/* The type of text that may be HTML or not (-1): HTML if it looks so. */
int
parse_guess_type(const char *s, int type)
{
	if (type != -1)
		return (type);
	return (s != NULL && html_looks_like(s) ? FEED_TEXT_HTML :
	    FEED_TEXT_PLAIN);
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

/* Add every person of from to to (which has none). */
static void
parse_copy_persons(struct strv *to, const struct strv *from)
{
	size_t	i;

	for (i = 0; i < from->n; i++)
		parse_add_person(to, from->v[i]);
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
	char	*clean, *cut;
	size_t	n;

	if (*t != FEED_TIME_UNKNOWN || s == NULL)
		return;
	v = parse_date(s);
	if (v != FEED_TIME_UNKNOWN) {
		*t = v;
		return;
	}
	clean = sanitize_line(s, strlen(s));
	if (*clean != '\0') {
		/* The feed's words end their bidi formatting before the quote. */
		n = strlen(clean);
		if (n > 60) {
			n = 60;
			while (n > 0 && ((unsigned char)clean[n] & 0xc0) == 0x80)
				n--;
		}
		cut = xstrndup(clean, n);
		free(clean);
		clean = utf8_bidi_closed(cut);
		free(cut);
		parse_warn(p, "item %zu: cannot read the date '%s'",
		    p->nitems + 1, clean);
	}
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
	p->date_src[0] = p->date_src[1] = NULL;
	p->item_truncated = false;
	strv_free(&p->source_authors);
	free(p->alt_title);
	p->alt_title = NULL;
	p->alt_title_rank = 0;
	free(p->alt_summary);
	p->alt_summary = NULL;
	p->alt_summary_rank = 0;
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

/* A field that only some items have, tagged so that fields never alias. */
static uint64_t
parse_hash_field(uint64_t h, const char *tag, const char *s)
{
	if (s == NULL)
		return (h);
	return (parse_hash(parse_hash(h, tag), s));
}

/*
 * The id of an item with no id of its own: a hash of everything that
 * tells it from the others (link, title, dates, body, authors,
 * enclosures). The title, the publication date and the first body
 * field are hashed as they always were, and each field added since only
 * when the item has it: the id of an item that has only those stays
 * what it was in the caches of earlier versions.
 */
static char *
parse_hash_id(const struct item *it)
{
	uint64_t	 h;
	const char	*body;
	char		 buf[32], *id;
	size_t		 i;

	h = parse_hash(0xcbf29ce484222325ULL, it->title);
	snprintf(buf, sizeof buf, "%lld", (long long)it->published);
	h = parse_hash(h, buf);
	body = it->summary != NULL ? it->summary : it->content;
	if (it->title == NULL)
		h = parse_hash(h, body);
	else
		h = parse_hash_field(h, "b", body);
	if (body == it->summary)
		h = parse_hash_field(h, "c", it->content);
	if (it->updated != FEED_TIME_UNKNOWN) {
		snprintf(buf, sizeof buf, "%lld", (long long)it->updated);
		h = parse_hash_field(h, "u", buf);
	}
	h = parse_hash_field(h, "l", it->link);
	for (i = 0; i < it->authors.n; i++)
		h = parse_hash_field(h, "a", it->authors.v[i]);
	for (i = 0; i < it->nenclosures; i++)
		h = parse_hash_field(h, "e", it->enclosures[i].url);
	xasprintf(&id, "hash:%016llx", (unsigned long long)h);
	return (id);
}

/* Put a hash into the id set (which has room); false if it was there. */
static bool
parse_id_put(uint64_t *set, size_t cap, uint64_t h)
{
	size_t	i;

	for (i = h & (cap - 1); set[i] != 0; i = (i + 1) & (cap - 1)) {
		if (set[i] == h)
			return (false);
	}
	set[i] = h;
	return (true);
}

/*
 * Whether id was given to an earlier item of this document; if not, it
 * is remembered (an open-addressing set of the ids' hashes, grown at
 * half full).
 */
static bool
parse_id_seen(struct parse *p, const char *id)
{
	uint64_t	 h, *old;
	size_t		 i, n;

	if (p->nids * 2 >= p->idcap) {
		old = p->ids;
		n = p->idcap;
		p->idcap = n == 0 ? 64 : n * 2;
		p->ids = xcalloc(p->idcap, sizeof *p->ids);
		for (i = 0; i < n; i++) {
			if (old[i] != 0)
				(void)parse_id_put(p->ids, p->idcap, old[i]);
		}
		free(old);
	}
	h = parse_hash(0xcbf29ce484222325ULL, id) | 1;	/* 0 is empty */
	if (!parse_id_put(p->ids, p->idcap, h))
		return (true);
	p->nids++;
	return (false);
}

/*
 * Give an item its id: its own (guid, Atom id, JSON id: the feed's word
 * is kept even when two items share it), else its link, else a hash of
 * its fields. Two items of one document must not get one id, or the
 * cache keeps only one of them: a link or a hash an earlier item has
 * already is replaced by the hash, then by the hash with the item's
 * place among its twins ("hash:…#2"), which stays the same as long as
 * the feed keeps them in order.
 */
static void
parse_item_id(struct parse *p, struct item *it)
{
	char	*base;
	int	 k;

	if (it->guid != NULL) {
		(void)parse_id_seen(p, it->guid);
		return;
	}
	if (it->link != NULL && !parse_id_seen(p, it->link)) {
		it->guid = xstrdup(it->link);
		return;
	}
	base = parse_hash_id(it);
	if (!parse_id_seen(p, base)) {
		it->guid = base;
		return;
	}
	for (k = 2; ; k++) {
		xasprintf(&it->guid, "%s#%d", base, k);
		if (!parse_id_seen(p, it->guid))
			break;
		free(it->guid);
	}
	free(base);
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

/*
 * Cut a field longer than max bytes to max, on a character's boundary,
 * ending it with "…"; true when it was cut.
 */
static bool
parse_bound(char *s, size_t max)
{
	size_t	n;

	if (s == NULL || strlen(s) <= max)
		return (false);
	n = max - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(s + n, "\xe2\x80\xa6", 4);	/* … and the NUL */
	return (true);
}

/*
 * Keep a title and a link within sane sizes (what shows them, stores
 * them and searches them need not be ready for megabytes); what is cut
 * is said. which is "item 12" or "the feed".
 */
static void
parse_bound_fields(struct parse *p, const char *which, char *title,
    char *link)
{
	size_t	n;

	n = title != NULL ? strlen(title) : 0;
	if (parse_bound(title, PARSE_TITLE_MAX))
		parse_warn(p, "%s: a title of %zu bytes, cut to %d", which, n,
		    PARSE_TITLE_MAX);
	n = link != NULL ? strlen(link) : 0;
	if (parse_bound(link, PARSE_LINK_MAX))
		parse_warn(p, "%s: a link of %zu bytes, cut to %d", which, n,
		    PARSE_LINK_MAX);
}

/*
 * Complete an item (id, language, direction) and hand it out. Without a
 * language tag (the item's, the feed's) the direction is the script's;
 * either way the item's side is counted for the feed's.
 */
static void
parse_item_emit(struct parse *p, struct item *it, const char *lang)
{
	enum feed_dir	script;
	char		which[32];

	parse_item_id(p, it);
	snprintf(which, sizeof which, "item %zu", p->nitems + 1);
	parse_bound_fields(p, which, it->title, it->link);
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
	if (it->language == NULL) {
		/* No tag: the script says, the feed's title if the item's cannot. */
		if ((script = parse_dir_item(it)) == FEED_DIR_AUTO)
			script = parse_dir_first(p->feed->title);
		if (script == FEED_DIR_RTL)
			it->dir = FEED_DIR_RTL;
	} else
		script = it->dir == FEED_DIR_RTL ? FEED_DIR_RTL : FEED_DIR_LTR;
	if (script == FEED_DIR_RTL)
		p->dir_rtl++;
	else if (script == FEED_DIR_LTR)
		p->dir_ltr++;
	p->nitems++;
	if (p->cb != NULL)
		p->cb(it, p->arg);
	else
		feed_add_item(p->feed, it);
}

/*
 * End the item being built: lang is the xml:lang in scope. A permalink
 * guid stands in for a missing link, the authors of an Atom entry's
 * <source>, else of its feed, for missing authors (RFC 4287 4.2.1) and
 * the extensions' title and summary
 * (dc:title, media:description, ...) for missing ones.
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
	if (it->authors.n == 0)
		parse_copy_persons(&it->authors, p->source_authors.n > 0 ?
		    &p->source_authors : &p->feed_authors);
	if (it->title == NULL && p->alt_title != NULL) {
		it->title = p->alt_title;
		p->alt_title = NULL;
	}
	if (it->summary == NULL && p->alt_summary != NULL) {
		it->summary = p->alt_summary;
		it->summary_type = p->alt_summary_type;
		p->alt_summary = NULL;
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

/*
 * The document is read: the feed, its language and direction settled, or
 * NULL with *cause (allocated) when it is not a feed. An item the document
 * ends inside is left out.
 */
struct feed *
parse_feed_end(struct parse *p, char **cause)
{
	struct feed	*f;

	if (p->failed) {
		*cause = xstrdup(p->cause);
		return (NULL);
	}
	if (p->item != NULL) {
		parse_warn(p, "the document ends inside item %zu, which is left "
		    "out", p->nitems + 1);
		free(p->cut);	/* what it ends inside says most */
		p->cut = NULL;
		parse_cut(p, "it ends inside item %zu", p->nitems + 1);
		item_free(p->item);
		p->item = NULL;
	}
	if (p->cut != NULL && p->nitems == 0) {
		/* Cut off before any item: not an empty feed. */
		xasprintf(cause, "the document is cut off before its first item "
		    "(%s)", p->cut);
		return (NULL);
	}
	if (p->nwarnings > p->warnings.n) {
		char *msg;

		xasprintf(&msg, "... and %zu more problems",
		    p->nwarnings - p->warnings.n);
		strv_add_owned(&p->warnings, msg);
	}
	parse_bound_fields(p, "the feed", p->feed->title, p->feed->link);
	if (p->feed->language == NULL && p->feed_lang != NULL)
		p->feed->language = sanitize_line(p->feed_lang,
		    strlen(p->feed_lang));
	parse_lang_tidy(p->feed->language);
	p->feed->dir = feed_dir_from_language(p->feed->language);
	if (p->feed->language == NULL) {
		/* No tag: the side most items (and the title) are on. */
		switch (parse_dir_first(p->feed->title)) {
		case FEED_DIR_RTL:
			p->dir_rtl++;
			break;
		case FEED_DIR_LTR:
			p->dir_ltr++;
			break;
		default:
			break;
		}
		if (p->dir_rtl > p->dir_ltr)
			p->feed->dir = FEED_DIR_RTL;
	}
	f = p->feed;
	p->feed = NULL;
	return (f);
}

/* Free what the base keeps of a parser's state (not the struct itself). */
void
parse_state_free(struct parse *p)
{
	feed_free(p->feed);
	item_free(p->item);
	strv_free(&p->warnings);
	str_free(&p->person_name);
	str_free(&p->person_email);
	free(p->item_lang);
	strv_free(&p->feed_links);
	free(p->feed_lang);
	strv_free(&p->feed_authors);
	strv_free(&p->source_authors);
	free(p->alt_title);
	free(p->alt_summary);
	free(p->ids);
	free(p->cause);
	free(p->cut);
	free(p->url);
	url_base_free(p->ubase);
}

/* How many text runs went to libxml2 as CDATA; see parse.h. */
size_t
parse_cdata_runs(const struct parse *p)
{
	return (p->prelex.ncdata);
}

/* The feeds an HTML page links to; see parse.h. */
const struct strv *
parse_feed_links(const struct parse *p)
{
	return (&p->feed_links);
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
