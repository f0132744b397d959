/*
 * The entities a document declares in its internal DTD subset
 * (<!DOCTYPE rss [ <!ENTITY name "value"> ]>), for the entity filter
 * (parse-prelex.c), which takes the subset out of what libxml2 reads and
 * puts each reference's text in its place.
 *
 * Only internal general entities are read: a parameter entity, an
 * external one (SYSTEM, PUBLIC: XXE) or one declared after the first of
 * its name is never fetched nor expanded. A value is expanded once, when
 * first referred to, and kept: character references, the five XML
 * entities, HTML's named ones and the entities it names in turn are
 * decoded; a name nobody declared is kept as text. The text is escaped
 * for XML (markup in a value is read as characters, never as elements),
 * so that it reads the same in an element and in an attribute.
 *
 * Bounds keep billion laughs and quadratic blowup cheap: a value of more
 * than PARSE_ENTITY_MAX bytes expanded, nested deeper than
 * PARSE_ENTITY_DEPTH or referring to itself is left out (as is every
 * entity that refers to it); PARSE_ENTITY_DECLS declarations at most;
 * PARSE_ENTITY_MEMO bytes of expansions kept in all; and the filter
 * stops putting in entities' text after PARSE_ENTITY_TOTAL bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "parse-priv.h"
#include "utf8.h"
#include "xmalloc.h"

#define PARSE_ENTITY_MAX	(64 * 1024)	/* bytes of one expansion */
#define PARSE_ENTITY_DEPTH	16		/* entities within entities */
#define PARSE_ENTITY_DECLS	256		/* declarations kept */
#define PARSE_ENTITY_MEMO	(4 * 1024 * 1024) /* bytes of expansions kept */

/* Where an entity's expansion is (struct parse_entity's state). */
enum {
	PARSE_ENTITY_NEW = 0,
	PARSE_ENTITY_BUSY,		/* being expanded: a reference is a loop */
	PARSE_ENTITY_DONE,
	PARSE_ENTITY_BAD		/* left out: why says */
};

/* One declared entity. */
struct parse_entity {
	char		*name;
	char		*value;		/* the literal, or NULL: external */
	char		*text;		/* the expansion, escaped, when DONE */
	size_t		 len;
	int		 state;
	const char	*why;		/* why it is left out */
	bool		 told;		/* the warning is given */
};

/* Record a warning, up to PARSE_PRELEX_WARNINGS. */
static void
parse_entity_warn(struct strv *w, const char *msg)
{
	if (w->n < PARSE_PRELEX_WARNINGS)
		strv_add(w, msg);
}

/* An entity is left out: why, said once. */
static void
parse_entity_bad(struct parse_entity *ent, const char *why, struct strv *w)
{
	char	*msg;

	ent->state = PARSE_ENTITY_BAD;
	ent->why = why;
	if (ent->told)
		return;
	ent->told = true;
	xasprintf(&msg, "the entity '%s' declared in the document %s",
	    ent->name, why);
	parse_entity_warn(w, msg);
	free(msg);
}

/* Whether c may be in an XML name (ASCII only, as the filter scans). */
static bool
parse_entity_name_char(unsigned char c)
{
	return (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c == ':');
}

/* The declared entity of a name (n bytes), or NULL. */
static struct parse_entity *
parse_entity_find(struct parse_entities *es, const char *name, size_t n)
{
	size_t	i;

	for (i = 0; i < es->n; i++) {
		if (strlen(es->v[i].name) == n &&
		    memcmp(es->v[i].name, name, n) == 0)
			return (&es->v[i]);
	}
	return (NULL);
}

/* Skip XML white space. */
static const char *
parse_entity_space(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return (s);
}

/* A quoted literal at *s: its bounds, *s after it; false if there is none. */
static bool
parse_entity_literal(const char **s, const char *e, const char **v,
    size_t *n)
{
	const char	*q;
	char		 quote;

	if (*s >= e || (**s != '"' && **s != '\''))
		return (false);
	quote = **s;
	if ((q = memchr(*s + 1, quote, (size_t)(e - *s - 1))) == NULL)
		return (false);
	*v = *s + 1;
	*n = (size_t)(q - *s - 1);
	*s = q + 1;
	return (true);
}

/* The end of a declaration from s: just after its '>' (quotes skipped). */
static const char *
parse_entity_decl_end(const char *s, const char *e)
{
	const char	*q;

	while (s < e && *s != '>') {
		if (*s == '"' || *s == '\'') {
			if ((q = memchr(s + 1, *s, (size_t)(e - s - 1))) == NULL)
				return (e);
			s = q + 1;
		} else
			s++;
	}
	return (s < e ? s + 1 : e);
}

/* One <!ENTITY declaration (s after "<!ENTITY"); returns where it ends. */
static const char *
parse_entity_decl(struct parse_entities *es, const char *s, const char *e,
    struct strv *w)
{
	const char		*name, *v, *end;
	struct parse_entity	*ent;
	size_t			 nlen, vlen;
	bool			 external = false;

	end = parse_entity_decl_end(s, e);
	s = parse_entity_space(s, end);
	if (s < end && *s == '%')
		return (end);		/* a parameter entity: never read */
	for (name = s; s < end && parse_entity_name_char((unsigned char)*s); s++)
		;
	nlen = (size_t)(s - name);
	s = parse_entity_space(s, end);
	if (nlen == 0 || nlen > 32)
		return (end);
	if (!parse_entity_literal(&s, end, &v, &vlen)) {
		if ((size_t)(end - s) < 6 || (memcmp(s, "SYSTEM", 6) != 0 &&
		    memcmp(s, "PUBLIC", 6) != 0))
			return (end);
		external = true;
	}
	if (parse_entity_find(es, name, nlen) != NULL)
		return (end);		/* the first declaration binds */
	if (es->n >= PARSE_ENTITY_DECLS) {
		if (!es->full)
			parse_entity_warn(w, "more than 256 entities declared; "
			    "the others are not read");
		es->full = true;
		return (end);
	}
	es->v = xreallocarray(es->v, es->n + 1, sizeof *es->v);
	ent = &es->v[es->n++];
	memset(ent, 0, sizeof *ent);
	ent->name = xstrndup(name, nlen);
	if (external) {
		ent->state = PARSE_ENTITY_BAD;
		ent->why = "is external; it is not read";	/* said when used */
	} else
		ent->value = xstrndup(v, vlen);
	return (end);
}

/*
 * Read the declarations of an internal DTD subset (the text between its
 * brackets): comments and processing instructions skipped, the other
 * declarations and parameter entity references ignored.
 */
void
parse_entity_declare(struct parse_entities *es, const char *s, size_t n,
    struct strv *w)
{
	const char	*e = s + n, *q;

	while (s < e) {
		if ((q = memchr(s, '<', (size_t)(e - s))) == NULL)
			break;
		s = q;
		if ((size_t)(e - s) >= 4 && memcmp(s, "<!--", 4) == 0) {
			q = s + 4;
			while (q + 3 <= e && memcmp(q, "-->", 3) != 0)
				q++;
			s = q + 3 <= e ? q + 3 : e;
		} else if ((size_t)(e - s) >= 2 && s[1] == '?') {
			q = s + 2;
			while (q + 2 <= e && memcmp(q, "?>", 2) != 0)
				q++;
			s = q + 2 <= e ? q + 2 : e;
		} else if ((size_t)(e - s) >= 8 && memcmp(s, "<!ENTITY", 8) == 0)
			s = parse_entity_decl(es, s + 8, e, w);
		else
			s = parse_entity_decl_end(s + 1, e);
	}
}

/* Append a character, escaped for XML (markup is read as text). */
static void
parse_entity_put(struct str *out, unsigned int c)
{
	char	buf[16];

	if (c == '<' || c == '>' || c == '&' || c == '"' || c == '\'') {
		snprintf(buf, sizeof buf, "&#%u;", c);
		str_appends(out, buf);
	} else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
		utf8_put(out, c);
}

/*
 * A character reference's value from the text after "&#" up to ';' (n
 * bytes): C1 as windows-1252 (as browsers read it), what XML forbids as
 * U+FFFD, 0 for nothing (NUL and C0 controls go); *mapped is set when
 * that is not the code point the reference names.
 */
unsigned int
parse_entity_charref(const char *s, size_t n, bool *mapped)
{
	unsigned long	 c;
	char		 buf[16], *end = buf;

	*mapped = true;
	if (n == 0 || n >= sizeof buf)
		return (0xfffd);
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	if (buf[0] == 'x' || buf[0] == 'X')
		c = buf[1] != '\0' ? strtoul(buf + 1, &end, 16) : 0x110000;
	else
		c = strtoul(buf, &end, 10);
	if (*end != '\0' || errno != 0 || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff)
		return (0xfffd);
	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
		return (0);
	*mapped = parse_cp1252((unsigned int)c) != c;
	return (parse_cp1252((unsigned int)c));
}

static struct parse_entity *parse_entity_get(struct parse_entities *,
    struct parse_entity *, int, struct strv *);

/* Expand an entity's value into ent->text, or make it BAD. */
static void
parse_entity_expand_value(struct parse_entities *es, struct parse_entity *ent,
    int depth, struct strv *w)
{
	const htmlEntityDesc	*h;
	struct parse_entity	*sub;
	const char		*s = ent->value, *q;
	struct str		 out;
	const char		*why;
	unsigned int		 c;
	size_t			 k;
	bool			 mapped;

	str_init(&out);
	str_append(&out, "", 0);
	while (*s != '\0') {
		if (out.len > PARSE_ENTITY_MAX) {
			why = "expands to more than 64 kB; it is left out";
			goto bad;
		}
		if (*s != '&') {
			k = utf8_char((const unsigned char *)s, strlen(s), &c);
			if (k == 0) {
				s++;
				continue;
			}
			parse_entity_put(&out, c);
			s += k;
			continue;
		}
		for (q = s + 1; *q != '\0' && *q != ';' && q - s < 34 &&
		    (parse_entity_name_char((unsigned char)*q) || *q == '#'); q++)
			;
		if (*q != ';' || q == s + 1) {
			parse_entity_put(&out, '&');	/* a bare ampersand */
			s++;
			continue;
		}
		k = (size_t)(q - s - 1);
		if (s[1] == '#') {
			if ((c = parse_entity_charref(s + 2, k - 1, &mapped)) != 0)
				parse_entity_put(&out, c);
		} else if ((sub = parse_entity_find(es, s + 1, k)) != NULL) {
			if (parse_entity_get(es, sub, depth + 1, w) == NULL) {
				if (sub->state == PARSE_ENTITY_BUSY)
					why = "is in a loop of references; it "
					    "is left out";
				else if (sub->state == PARSE_ENTITY_NEW) {
					/*
					 * Too deep from here: only the entity
					 * the document refers to is left out,
					 * the others may be read from nearer.
					 */
					why = "refers to entities nested more "
					    "than 16 deep; it is left out";
					if (depth > 0) {
						str_free(&out);
						ent->state = PARSE_ENTITY_NEW;
						return;
					}
				}
				else
					why = "refers to one that is left out; "
					    "so is it";
				goto bad;
			}
			if (out.len + sub->len > PARSE_ENTITY_MAX + 1) {
				why = "expands to more than 64 kB; it is left "
				    "out";
				goto bad;
			}
			str_append(&out, sub->text, sub->len);
		} else if (k == 2 && memcmp(s + 1, "lt", 2) == 0)
			parse_entity_put(&out, '<');
		else if (k == 2 && memcmp(s + 1, "gt", 2) == 0)
			parse_entity_put(&out, '>');
		else if (k == 3 && memcmp(s + 1, "amp", 3) == 0)
			parse_entity_put(&out, '&');
		else if (k == 4 && memcmp(s + 1, "quot", 4) == 0)
			parse_entity_put(&out, '"');
		else if (k == 4 && memcmp(s + 1, "apos", 4) == 0)
			parse_entity_put(&out, '\'');
		else {
			char name[40];

			memcpy(name, s + 1, k);
			name[k] = '\0';
			if ((h = htmlEntityLookup((const xmlChar *)name)) != NULL)
				parse_entity_put(&out, h->value);
			else {
				/* a name nobody declared: kept as text */
				parse_entity_put(&out, '&');
				str_append(&out, s + 1, k + 1);
			}
		}
		s = q + 1;
	}
	if (out.len > PARSE_ENTITY_MAX) {
		why = "expands to more than 64 kB; it is left out";
		goto bad;
	}
	if (es->memo + out.len > PARSE_ENTITY_MEMO) {
		why = "is one expansion too many; it is left out";
		goto bad;
	}
	es->memo += out.len;
	ent->len = out.len;
	ent->text = str_steal(&out);
	ent->state = PARSE_ENTITY_DONE;
	return;
bad:
	str_free(&out);
	parse_entity_bad(ent, why, w);
}

/* The entity expanded (at nesting depth), or NULL when it is left out. */
static struct parse_entity *
parse_entity_get(struct parse_entities *es, struct parse_entity *ent,
    int depth, struct strv *w)
{
	switch (ent->state) {
	case PARSE_ENTITY_DONE:
		return (ent);
	case PARSE_ENTITY_BUSY:
		return (NULL);
	case PARSE_ENTITY_BAD:
		if (!ent->told)		/* external: said when first used */
			parse_entity_bad(ent, ent->why, w);
		return (NULL);
	default:
		break;
	}
	if (depth > PARSE_ENTITY_DEPTH)
		return (NULL);		/* the one that refers to it is bad */
	ent->state = PARSE_ENTITY_BUSY;
	parse_entity_expand_value(es, ent, depth, w);
	return (ent->state == PARSE_ENTITY_DONE ? ent : NULL);
}

/*
 * A reference to name (n bytes) in the document: PARSE_ENTITY_UNDECLARED
 * when the document does not declare it, else PARSE_ENTITY_TEXT with its
 * text (escaped for XML, valid until the entities are freed) in *text,
 * or PARSE_ENTITY_LEFT_OUT (said once in a warning) when it is left out:
 * external, too big, a loop, or past PARSE_ENTITY_TOTAL bytes.
 */
int
parse_entity_ref(struct parse_entities *es, const char *name, size_t n,
    const char **text, size_t *len, struct strv *w)
{
	struct parse_entity	*ent;

	if (es->n == 0 || (ent = parse_entity_find(es, name, n)) == NULL)
		return (PARSE_ENTITY_UNDECLARED);
	if (parse_entity_get(es, ent, 0, w) == NULL)
		return (PARSE_ENTITY_LEFT_OUT);
	if (es->total + ent->len > PARSE_ENTITY_TOTAL) {
		if (!es->over)
			parse_entity_warn(w, "the entities expand to more than "
			    "4 MB in all; the rest are left out");
		es->over = true;
		return (PARSE_ENTITY_LEFT_OUT);
	}
	es->total += ent->len;
	*text = ent->text;
	*len = ent->len;
	return (PARSE_ENTITY_TEXT);
}

/* Free what the declared entities hold. */
void
parse_entity_free(struct parse_entities *es)
{
	size_t	i;

	for (i = 0; i < es->n; i++) {
		free(es->v[i].name);
		free(es->v[i].value);
		free(es->v[i].text);
	}
	free(es->v);
	memset(es, 0, sizeof *es);
}
