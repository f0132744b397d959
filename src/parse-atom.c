/*
 * Atom 1.0 (RFC 4287) and Atom 0.3: text constructs of every type (text,
 * html, xhtml, 0.3's MIME types and modes, base64), links by rel and
 * type, persons, categories, published/updated (0.3's issued/modified).
 * xml:base and xml:lang are tracked by parse-xml.c for every element.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-priv.h"
#include "sanitize.h"
#include "utf8.h"
#include "xmalloc.h"

/* How a text construct's content may be base64 (struct parse_elem's b64). */
enum {
	PARSE_ATOM_PLAIN = 0,
	PARSE_ATOM_BASE64,	/* Atom 0.3 mode="base64": it must be */
	PARSE_ATOM_MAYBE64	/* a type that is not text (RFC 4287 4.1.3.3) */
};

/*
 * The capture mode, stored type and base64 mode of a text construct from
 * its type (and for Atom 0.3 mode) attributes. Every type is read as
 * text: text, html and xhtml as RFC 4287 says, text/ * as text, a type
 * ending in +xml or /xml as XML markup, and any other (none given
 * apart, "", application/json, video/mp4, ...) as text that RFC 4287
 * 4.1.3.3 says is base64: decoded at its end when it is (feedparser
 * decodes the same types), as it is when it is not.
 */
static void
parse_atom_text_type(const char **attrs, int nattrs, enum parse_cap *cap,
    int *type, int *b64)
{
	char	*t, *mode;

	*b64 = PARSE_ATOM_PLAIN;
	*cap = PARSE_CAP_TEXT;
	*type = FEED_TEXT_PLAIN;
	t = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
	mode = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "mode");
	if (t != NULL) {
		t[strcspn(t, ";")] = '\0';	/* "text/html; charset=utf-8" */
		str_trim(t);
	}
	if (t == NULL || strcasecmp(t, "text") == 0 ||
	    strcasecmp(t, "text/plain") == 0 || strcasecmp(t, "plain") == 0) {
		/* plain text */
	} else if (strcasecmp(t, "html") == 0 ||
	    strcasecmp(t, "text/html") == 0) {
		*cap = PARSE_CAP_HTML;
		*type = FEED_TEXT_HTML;
	} else if (strcasecmp(t, "xhtml") == 0 ||
	    strcasecmp(t, "application/xhtml+xml") == 0) {
		*cap = PARSE_CAP_XHTML;
		*type = FEED_TEXT_HTML;
	} else if (str_has_prefix_ci(t, "text/"))
		*cap = PARSE_CAP_TEXT;
	else if (strcasestr(t, "xml") != NULL) {
		*cap = PARSE_CAP_XHTML;
		*type = FEED_TEXT_HTML;
	} else
		*b64 = PARSE_ATOM_MAYBE64;
	if (mode != NULL) {
		str_trim(mode);
		if (strcasecmp(mode, "escaped") == 0) {
			if (*cap == PARSE_CAP_XHTML)
				*cap = PARSE_CAP_HTML;
		} else if (strcasecmp(mode, "base64") == 0) {
			/* Atom 0.3: decoded at the end. */
			*b64 = PARSE_ATOM_BASE64;
			*cap = PARSE_CAP_TEXT;
		}
		else if (strcasecmp(mode, "xml") == 0 && *type == FEED_TEXT_HTML)
			*cap = PARSE_CAP_XHTML;
	}
	free(t);
	free(mode);
}

/* Capture a text construct as role r. */
static void
parse_atom_text(struct parse_xml *x, struct parse_elem *e, enum parse_role r,
    const char **attrs, int nattrs)
{
	enum parse_cap	cap;
	int		type, b64;

	parse_atom_text_type(attrs, nattrs, &cap, &type, &b64);
	e->role = r;
	e->type = type;
	e->b64 = (unsigned char)b64;
	parse_xml_capture(x, cap);
}

/*
 * An atom:link: the first with rel alternate (the default) and an HTML
 * type (or none) is the item's or the feed's link, else the first
 * alternate of any type; rel enclosure is an enclosure.
 */
static void
parse_atom_link(struct parse *p, struct parse_elem *e, const char **attrs,
    int nattrs, bool feed_level)
{
	char		*rel, *href, *type, *len, *abs, *end, **slot;
	long long	 n = -1;

	href = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "href");
	if (href == NULL)
		return;
	rel = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "rel");
	type = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "type");
	if (rel != NULL)
		str_trim(rel);
	if (type != NULL)
		str_trim(type);
	abs = parse_resolve(p, e->base, href);
	if (abs == NULL)
		goto out;
	if (rel == NULL || strcasecmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate")
	    == 0) {
		/* An HTML alternate (type text/html or none) beats others. */
		int rank = type == NULL || strcasecmp(type, "text/html") == 0 ||
		    strcasecmp(type, "application/xhtml+xml") == 0 ? 2 : 1;
		int *have = feed_level ? &p->feed_link_rank : &p->link_rank;

		slot = feed_level ? &p->feed->link : &p->item->link;
		if (*slot == NULL || rank > *have) {
			free(*slot);
			*slot = abs;
			abs = NULL;
			*have = rank;
		}
	} else if (strcasecmp(rel, "enclosure") == 0 && !feed_level &&
	    p->item->nenclosures < PARSE_LIST_MAX) {
		len = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "length");
		if (len != NULL) {
			n = strtoll(str_trim(len), &end, 10);
			if (*end != '\0' || end == len || n < 0)
				n = -1;
		}
		free(len);
		if (type != NULL) {
			char *clean = sanitize_line(type, strlen(type));
			item_add_enclosure(p->item, abs, *clean ? clean : NULL,
			    n);
			free(clean);
		} else
			item_add_enclosure(p->item, abs, NULL, n);
	}
out:
	free(abs);
	free(rel);
	free(href);
	free(type);
}

/* An atom:category: term, or label when there is no term. */
static void
parse_atom_category(struct parse *p, const char **attrs, int nattrs)
{
	char	*v;

	v = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "term");
	if (v == NULL || *str_trim(v) == '\0') {
		free(v);
		v = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "label");
	}
	if (v != NULL)
		parse_add_category(&p->item->categories, v);
	free(v);
}

/* An Atom person starts (an author of the feed, an entry or a source). */
static void
parse_atom_person(struct parse *p, struct parse_elem *e)
{
	e->role = PARSE_ROLE_PERSON;
	str_clear(&p->person_name);
	str_clear(&p->person_email);
}

/* An Atom element starts; see parse-xml.c. */
static void
parse_atom_start(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e, const char **attrs, int nattrs)
{
	const char	*n = e->lname;

	/* The children of a person: the feed's, an entry's, a source's. */
	if (depth > 1 && e[-1].role == PARSE_ROLE_PERSON) {
		if (strcmp(n, "name") == 0) {
			e->role = PARSE_ROLE_PERSON_NAME;
			parse_xml_capture(x, PARSE_CAP_TEXT);
		} else if (strcmp(n, "email") == 0) {
			e->role = PARSE_ROLE_PERSON_EMAIL;
			parse_xml_capture(x, PARSE_CAP_TEXT);
		}
		return;
	}
	if (p->item == NULL) {
		if (strcmp(n, "entry") == 0) {
			parse_item_begin(p, depth);
			e->role = PARSE_ROLE_ITEM;
			return;
		}
		if (depth != p->channel_depth + 1 || !p->have_channel)
			return;
		if (strcmp(n, "title") == 0)
			parse_atom_text(x, e, PARSE_ROLE_FEED_TITLE, attrs,
			    nattrs);
		else if (strcmp(n, "subtitle") == 0 ||
		    strcmp(n, "tagline") == 0)
			parse_atom_text(x, e, PARSE_ROLE_FEED_DESCRIPTION,
			    attrs, nattrs);
		else if (strcmp(n, "link") == 0)
			parse_atom_link(p, e, attrs, nattrs, true);
		else if (strcmp(n, "author") == 0)
			parse_atom_person(p, e);
		return;
	}
	/* An entry's <source>: its authors stand in for the entry's. */
	if (depth == p->item_depth + 2 && e[-1].role == PARSE_ROLE_SOURCE) {
		if (strcmp(n, "author") == 0)
			parse_atom_person(p, e);
		return;
	}
	if (depth != p->item_depth + 1)
		return;
	if (strcmp(n, "title") == 0)
		parse_atom_text(x, e, PARSE_ROLE_ITEM_TITLE, attrs, nattrs);
	else if (strcmp(n, "link") == 0) {
		char *href = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "href");
		char *rel = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "rel");

		if (href != NULL)
			parse_atom_link(p, e, attrs, nattrs, false);
		else if (rel == NULL || strcasecmp(str_trim(rel),
		    "alternate") == 0) {
			/* No href: some feeds put the URL in the content. */
			e->role = PARSE_ROLE_ITEM_LINK;
			parse_xml_capture(x, PARSE_CAP_TEXT);
		}
		free(href);
		free(rel);
	} else if (strcmp(n, "id") == 0) {
		e->role = PARSE_ROLE_ITEM_GUID;
		parse_xml_capture(x, PARSE_CAP_TEXT);
	} else if (strcmp(n, "summary") == 0)
		parse_atom_text(x, e, PARSE_ROLE_ITEM_SUMMARY, attrs, nattrs);
	else if (strcmp(n, "content") == 0) {
		char *src = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE, "src");

		if (src != NULL)
			e->role = PARSE_ROLE_IGNORE;	/* out of line */
		else
			parse_atom_text(x, e, PARSE_ROLE_ITEM_CONTENT, attrs,
			    nattrs);
		free(src);
	} else if (strcmp(n, "published") == 0 || strcmp(n, "issued") == 0 ||
	    strcmp(n, "created") == 0) {
		e->role = PARSE_ROLE_ITEM_PUBLISHED;
		parse_xml_capture(x, PARSE_CAP_TEXT);
	} else if (strcmp(n, "updated") == 0 || strcmp(n, "modified") == 0) {
		e->role = PARSE_ROLE_ITEM_UPDATED;
		parse_xml_capture(x, PARSE_CAP_TEXT);
	} else if (strcmp(n, "author") == 0)
		parse_atom_person(p, e);
	else if (strcmp(n, "source") == 0)
		e->role = PARSE_ROLE_SOURCE;
	else if (strcmp(n, "category") == 0)
		parse_atom_category(p, attrs, nattrs);
}

/*
 * Decode base64 text in place (white space ignored); false if invalid.
 * With strict, what is not clearly base64 is invalid: a character
 * outside the alphabet, padding before the end, a length that is not a
 * multiple of four, nothing at all.
 */
static bool
parse_atom_base64(struct str *s, bool strict)
{
	static const char	*alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char		*p, *q;
	size_t			 o = 0, n = 0, pad = 0;
	unsigned int		 acc = 0;
	int			 bits = 0;

	if (s->ptr == NULL)
		return (!strict);
	for (p = s->ptr; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
			continue;
		if (*p == '=') {
			pad++;
			continue;
		}
		if (strict && pad > 0)
			return (false);
		if ((q = strchr(alphabet, *p)) == NULL)
			return (false);
		n++;
		acc = (acc << 6) | (unsigned int)(q - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			s->ptr[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	if (strict && (n == 0 || pad > 2 || (n + pad) % 4 != 0))
		return (false);
	s->len = o;
	s->ptr[o] = '\0';
	return (true);
}

/* Whether decoded bytes are text: valid UTF-8 with no control but space. */
static bool
parse_atom_is_text(const struct str *s)
{
	const unsigned char	*u = (const unsigned char *)str_cstr(s);
	size_t			 i, k;
	unsigned int		 c;

	for (i = 0; i < s->len; i += k) {
		if (u[i] < 0x80) {
			if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
			    u[i] != '\r') || u[i] == 0x7f)
				return (false);
			k = 1;
		} else if ((k = utf8_fast(u + i, s->len - i, &c)) == 0 ||
		    (c >= 0x80 && c < 0xa0))
			return (false);
	}
	return (true);
}

/*
 * A text construct of a type that is not text: its text decoded when it
 * is base64 of text, as it is otherwise (base64 of an image, or text
 * that only looks like base64: "News" does), as feedparser has it.
 */
static void
parse_atom_maybe64(struct str *text)
{
	struct str	d;

	str_init(&d);
	str_append(&d, str_cstr(text), text->len);
	if (parse_atom_base64(&d, true) && parse_atom_is_text(&d)) {
		str_clear(text);
		str_append(text, str_cstr(&d), d.len);
	}
	str_free(&d);
}

/*
 * An Atom element with a role ends: persons, ids and base64 (Atom 0.3)
 * are Atom's own; true when it was stored here, false for parse-xml.c to
 * store it by its role.
 */
static bool
parse_atom_end(struct parse *p, struct parse_xml *x, int depth,
    struct parse_elem *e, struct str *text)
{
	struct strv	*who;

	(void)depth;
	switch (e->role) {
	case PARSE_ROLE_PERSON_NAME:
		if (text != NULL && p->person_name.len == 0)
			str_append(&p->person_name, str_cstr(text), text->len);
		return (true);
	case PARSE_ROLE_PERSON_EMAIL:
		if (text != NULL && p->person_email.len == 0)
			str_append(&p->person_email, str_cstr(text),
			    text->len);
		return (true);
	case PARSE_ROLE_PERSON:
		/*
		 * Whose: the feed's (entries without authors have them all,
		 * RFC 4287 4.2.1), a source's (the entry's if it has none),
		 * or the entry's.
		 */
		if (p->item == NULL)
			who = &p->feed_authors;
		else if (e[-1].role == PARSE_ROLE_SOURCE)
			who = &p->source_authors;
		else
			who = &p->item->authors;
		if (p->person_name.len > 0)
			parse_add_person(who, str_cstr(&p->person_name));
		else if (p->person_email.len > 0)
			parse_add_person(who, str_cstr(&p->person_email));
		return (true);
	case PARSE_ROLE_ITEM_GUID:
		/* An Atom id is the id, whatever came before. */
		if (p->item != NULL && text != NULL) {
			char *v = sanitize_line(str_cstr(text), text->len);

			if (*v != '\0') {
				free(p->item->guid);
				p->item->guid = v;
			} else
				free(v);
		}
		return (true);
	default:
		if (text == NULL || e->b64 == PARSE_ATOM_PLAIN)
			return (false);
		if (e->b64 == PARSE_ATOM_MAYBE64) {
			parse_atom_maybe64(text);
			return (false);
		}
		if (!parse_atom_base64(text, false)) {
			parse_warn(p, "line %d: <%s> is not valid base64",
			    parse_xml_line(x), e->name);
			return (true);
		}
		if (!parse_atom_is_text(text)) {
			parse_warn(p, "line %d: <%s> holds binary data, not "
			    "text; left out", parse_xml_line(x), e->name);
			return (true);
		}
		return (false);
	}
}

/* Whether ns is one of Atom's. */
static bool
parse_atom_owns(enum parse_ns ns)
{
	return (ns == PARSE_NS_ATOM10 || ns == PARSE_NS_ATOM03);
}

/* <feed>: Atom 1.0, 0.3, or with no namespace (or an odd one) read as Atom. */
static bool
parse_atom_root(struct parse *p, struct parse_xml *x, struct parse_elem *e,
    const char **attrs, int nattrs)
{
	char	*version;

	if (strcmp(e->lname, "feed") != 0)
		return (false);
	if (e->ns == PARSE_NS_ATOM10)
		parse_set_format(p, "atom1.0");
	else if (e->ns == PARSE_NS_ATOM03)
		parse_set_format(p, "atom0.3");
	else {
		/*
		 * No namespace, or one nobody knows: read its elements as
		 * Atom, 0.3 when the version says so (as feedparser does).
		 */
		version = parse_xml_attr(attrs, nattrs, PARSE_NS_NONE,
		    "version");
		if (version != NULL && (strcmp(str_trim(version), "0.3") == 0 ||
		    strcmp(version, "0.2") == 0 || strcmp(version, "0.1") == 0)) {
			parse_set_format(p, "atom0.3");
			e->ns = PARSE_NS_ATOM03;
		} else {
			parse_set_format(p, "atom");
			e->ns = PARSE_NS_ATOM10;
		}
		free(version);
		parse_xml_read_as(x, e->ns);
	}
	p->have_channel = true;
	p->channel_depth = 1;
	e->role = PARSE_ROLE_CHANNEL;
	if (e->lang != NULL && *e->lang != '\0')
		p->feed_lang = xstrdup(e->lang);
	return (true);
}

/* Atom 1.0 and 0.3. */
const struct parse_format parse_atom_format = {
	"atom", parse_atom_owns, parse_atom_root, parse_atom_start,
	parse_atom_end
};
