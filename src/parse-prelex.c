/*
 * The entity filter and the CDATA pre-lexer: the decoded document made
 * the XML libxml2 is to read, chunk by chunk.
 *
 * The filter hands libxml2 character references only, for libxml2 2.9
 * drops every named one once a document has had an error: XML's five
 * entities and HTML's named ones are made numeric ("&nbsp;" is "&#160;"),
 * a bare ampersand "&#38;", a name nobody declared its own text, a
 * reference to what XML forbids U+FFFD or nothing, a C1 one its
 * windows-1252 character. A DOCTYPE's internal subset is read here and
 * taken out of what libxml2 reads; the entities it declares
 * (parse-entity.c) are put in as their text.
 *
 * The pre-lexer around it is a second, small XML tokenizer for speed.
 * libxml2 2.9 reads character data a character at a time once it is not
 * ASCII, and makes a SAX call per entity; CDATA it checks with a tight
 * loop. So an element's text with a reference or a non-ASCII character
 * goes to libxml2 as <![CDATA[decoded text]]>, when all of it can be said
 * in CDATA and libxml2 would read it the same way. What the lexer is
 * unsure of (a DOCTYPE, a comment with "--", tags libxml2 recovers from in
 * its own way) turns it off for the rest of the document, and the filter
 * alone goes on. doc/performance.md says what it buys; tests/test-prelex.c
 * checks, on every fixture and generated documents in chunks of many
 * sizes, that libxml2 reads the same feed, items and warnings with the
 * lexer on and off.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "parse-priv.h"
#include "utf8.h"
#include "xmalloc.h"

#define PARSE_CDATA_MIN		24		/* shorter text passes as it is */

/* Where the lexer is (struct parse_prelex's lex). */
enum {
	PARSE_LEX_TEXT = 0,	/* text, or CDATA when in_cdata is set */
	PARSE_LEX_TAG,
	PARSE_LEX_COMMENT,
	PARSE_LEX_PI,
	PARSE_LEX_OFF		/* the entity filter alone from here on */
};

/* Where in a tag the lexer is (struct parse_prelex's tag). */
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

/*
 * Start a filter; with lexer false the pre-lexer is off from the start and
 * the entity filter works alone (the differential test's plain libxml2).
 */
void
parse_prelex_init(struct parse_prelex *l, bool lexer)
{
	memset(l, 0, sizeof *l);
	str_init(&l->out);
	str_init(&l->in);
	str_init(&l->dtd_text);
	l->lex = lexer ? PARSE_LEX_TEXT : PARSE_LEX_OFF;
	l->prolog = true;
}

/* Free what a filter holds. */
void
parse_prelex_free(struct parse_prelex *l)
{
	str_free(&l->out);
	str_free(&l->in);
	str_free(&l->dtd_text);
	parse_entity_free(&l->ents);
	strv_free(&l->undeclared);
	strv_free(&l->warnings);
}

/* Hold the n bytes at s for the next chunk (they may start a marker). */
static void
parse_prelex_hold(struct parse_prelex *l, const char *s, size_t n)
{
	memcpy(l->held, s, n);
	l->nheld = n;
}

/* How many bytes at the end of [s, end) could start the marker m. */
static size_t
parse_prelex_partial(const char *s, const char *end, const char *m)
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
parse_prelex_find(const char *s, const char *end, const char *m, size_t mlen)
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

/* Copy the input from *run up to upto into l->out, before a change. */
static void
parse_prelex_copy(struct parse_prelex *l, const char **run, const char *upto)
{
	str_append(&l->out, *run, (size_t)(upto - *run));
	*run = upto;
}

/* Record a warning of the filter's, up to PARSE_PRELEX_WARNINGS. */
static void
parse_prelex_warn(struct parse_prelex *l, char *msg)
{
	if (l->warnings.n < PARSE_PRELEX_WARNINGS)
		strv_add_owned(&l->warnings, msg);
	else
		free(msg);
}

/* Put text in place of the reference from amp to s (cut from the input). */
static void
parse_prelex_put(struct parse_prelex *l, const char **run, const char *amp,
    const char *s, const char *text, size_t n, bool *changed)
{
	parse_prelex_copy(l, run, amp);
	str_append(&l->out, text, n);
	*run = s;
	*changed = true;
}

/*
 * A named reference that is not one of XML's five (len bytes from name):
 * the text of the entity the document declares, or nothing if that is
 * left out; else HTML's character; else, when nobody declared it, the
 * reference itself as text ("&#38;name;"), said once a name.
 */
static void
parse_prelex_named(struct parse_prelex *l, const char *amp, const char *s,
    const char *name, size_t len, const char **run, bool *changed)
{
	const htmlEntityDesc	*e;
	const char		*text;
	char			*msg, *n, num[16];
	size_t			 tlen;

	if (l->ents.n > 0) {
		switch (parse_entity_ref(&l->ents, name, len, &text, &tlen,
		    &l->warnings)) {
		case PARSE_ENTITY_TEXT:
			parse_prelex_put(l, run, amp, s, text, tlen, changed);
			return;
		case PARSE_ENTITY_LEFT_OUT:
			parse_prelex_put(l, run, amp, s, "", 0, changed);
			return;
		default:
			break;
		}
	}
	n = xstrndup(name, len);
	if ((e = htmlEntityLookup((const xmlChar *)n)) != NULL) {
		snprintf(num, sizeof num, "&#%u;", e->value);
		parse_prelex_put(l, run, amp, s, num, strlen(num), changed);
		free(n);
		return;
	}
	parse_prelex_put(l, run, amp, amp + 1, "&#38;", 5, changed);
	if (!strv_contains(&l->undeclared, n) && l->undeclared.n < 10) {
		xasprintf(&msg, "the entity '&%s;' is not declared; it is kept "
		    "as text", n);
		parse_prelex_warn(l, msg);
		strv_add_owned(&l->undeclared, n);
	} else
		free(n);
}

/*
 * The '&' at amp outside CDATA, made what libxml2 is to read: every
 * reference a character reference, for libxml2 drops a named one once
 * the document has had an error ("AT&amp;T" would read "ATT"). The
 * five XML entities, HTML's named ones and those the document declares
 * (parse-entity.c) are made numeric or their text; a name nobody
 * declared is kept as text; a bare ampersand is "&#38;"; "&#X41;" is
 * "&#65;", a C1 reference its windows-1252 character ("&#146;" is
 * U+2019), a reference to what XML forbids U+FFFD or nothing. Returns
 * where to go on, or NULL when the reference may be cut by the end of
 * the chunk (it is held from amp).
 */
static const char *
parse_prelex_amp(struct parse_prelex *l, const char *amp, const char *end, bool last,
    const char **run, bool *changed)
{
	static const struct {
		const char	*name;
		size_t		 len;
		const char	*ref;
	} xml[] = {
		{ "lt", 2, "&#60;" }, { "gt", 2, "&#62;" }, { "amp", 3, "&#38;" },
		{ "quot", 4, "&#34;" }, { "apos", 4, "&#39;" }
	};
	const char		*q, *s;
	char			 num[16];
	size_t			 len, i;
	unsigned int		 c;
	bool			 mapped;

	q = amp + 1;
	if (q < end && *q == '#')
		q++;
	while (q < end && q - amp < 34 &&
	    (((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') ||
	    (*q >= '0' && *q <= '9') || *q == '_' || *q == '-' || *q == '.'))
		q++;
	if (q == end && !last && end - amp < (long)sizeof l->held)
		return (NULL);
	len = (size_t)(q - amp - 1);
	if (q >= end || *q != ';' || len == 0 || (amp[1] == '#' && len == 1)) {
		/* a bare & */
		parse_prelex_put(l, run, amp, amp + 1, "&#38;", 5, changed);
		return (amp + 1);
	}
	s = q + 1;
	if (amp[1] == '#') {
		c = parse_entity_charref(amp + 2, len - 1, &mapped);
		if (c == 0)
			parse_prelex_put(l, run, amp, s, "", 0, changed);
		else if (mapped || amp[2] == 'X') {
			snprintf(num, sizeof num, "&#%u;", c);
			parse_prelex_put(l, run, amp, s, num, strlen(num),
			    changed);
		}
		return (s);
	}
	for (i = 0; i < sizeof xml / sizeof xml[0]; i++) {
		if (len == xml[i].len && memcmp(amp + 1, xml[i].name, len) == 0) {
			parse_prelex_put(l, run, amp, s, xml[i].ref, 5, changed);
			return (s);
		}
	}
	parse_prelex_named(l, amp, s, amp + 1, len, run, changed);
	return (s);
}

/*
 * Inside a CDATA section: move *s past its "]]>" and return NULL, or, when
 * the chunk ends first, return where what passes now ends (a "]]" that
 * may be cut is held for the next chunk).
 */
static const char *
parse_prelex_cdata_end(struct parse_prelex *l, const char **s, const char *end,
    bool last)
{
	const char	*cd;

	if ((cd = parse_prelex_find(*s, end, "]]>", 3)) == NULL)
		return (end - (last ? 0 : parse_prelex_partial(*s, end, "]]>")));
	*s = cd + 3;
	l->in_cdata = false;
	return (NULL);
}

/* Where in a DOCTYPE the filter is (struct parse_prelex's dtd). */
enum {
	PARSE_DTD_NONE = 0,
	PARSE_DTD_HEAD,		/* after "<!DOCTYPE", up to '[' or '>' */
	PARSE_DTD_SUBSET,	/* in the brackets: read here, not by libxml2 */
	PARSE_DTD_TAIL		/* after the ']', up to the '>' */
};

/* Where in the internal subset (struct parse_prelex's dtd_sub). */
enum {
	PARSE_SUB_TEXT = 0,
	PARSE_SUB_QUOTE,	/* in a literal: dtd_quote ends it */
	PARSE_SUB_LT,		/* after '<' */
	PARSE_SUB_LTB,		/* after "<!" */
	PARSE_SUB_LTBD,		/* after "<!-" */
	PARSE_SUB_COMMENT,
	PARSE_SUB_DASH,		/* a '-' in a comment */
	PARSE_SUB_DASHES,	/* "--" in a comment */
	PARSE_SUB_PI,
	PARSE_SUB_PIQ		/* a '?' in a processing instruction */
};

/*
 * One byte of the internal subset: where it leaves the subset's lexer.
 * Returns true at the ']' that ends the subset.
 */
static bool
parse_prelex_subset(struct parse_prelex *l, unsigned char c)
{
	for (;;) {
		switch (l->dtd_sub) {
		case PARSE_SUB_TEXT:
			if (c == '"' || c == '\'') {
				l->dtd_quote = (char)c;
				l->dtd_sub = PARSE_SUB_QUOTE;
			} else if (c == '<')
				l->dtd_sub = PARSE_SUB_LT;
			else if (c == ']')
				return (true);
			return (false);
		case PARSE_SUB_QUOTE:
			if (c == (unsigned char)l->dtd_quote)
				l->dtd_sub = PARSE_SUB_TEXT;
			return (false);
		case PARSE_SUB_LT:
			if (c == '!') {
				l->dtd_sub = PARSE_SUB_LTB;
				return (false);
			}
			if (c == '?') {
				l->dtd_sub = PARSE_SUB_PI;
				return (false);
			}
			break;
		case PARSE_SUB_LTB:
			if (c == '-') {
				l->dtd_sub = PARSE_SUB_LTBD;
				return (false);
			}
			break;
		case PARSE_SUB_LTBD:
			if (c == '-') {
				l->dtd_sub = PARSE_SUB_COMMENT;
				return (false);
			}
			break;
		case PARSE_SUB_COMMENT:
		case PARSE_SUB_DASH:
		case PARSE_SUB_DASHES:
			if (c == '-')
				l->dtd_sub = l->dtd_sub == PARSE_SUB_COMMENT ?
				    PARSE_SUB_DASH : PARSE_SUB_DASHES;
			else if (c == '>' && l->dtd_sub == PARSE_SUB_DASHES)
				l->dtd_sub = PARSE_SUB_TEXT;
			else
				l->dtd_sub = PARSE_SUB_COMMENT;
			return (false);
		default:	/* PARSE_SUB_PI, PARSE_SUB_PIQ */
			if (c == '?')
				l->dtd_sub = PARSE_SUB_PIQ;
			else if (c == '>' && l->dtd_sub == PARSE_SUB_PIQ)
				l->dtd_sub = PARSE_SUB_TEXT;
			else
				l->dtd_sub = PARSE_SUB_PI;
			return (false);
		}
		l->dtd_sub = PARSE_SUB_TEXT;	/* read c again as text */
	}
}

/*
 * Inside a DOCTYPE, from s: its head passes as it is; its internal
 * subset is read here (the entities it declares, parse-entity.c) and
 * taken out of what libxml2 reads, but for its line ends, so that
 * libxml2 never sees a declaration (no external entity, no parameter
 * entity, no expansion of its own) and its line numbers stay right.
 * Returns where the DOCTYPE ends, or end.
 */
static const char *
parse_prelex_doctype(struct parse_prelex *l, const char *s, const char *end,
    const char **run, bool *changed)
{
	for (; s < end; s++) {
		switch (l->dtd) {
		case PARSE_DTD_HEAD:
			if (l->dtd_quote != 0) {
				if (*s == l->dtd_quote)
					l->dtd_quote = 0;
			} else if (*s == '"' || *s == '\'')
				l->dtd_quote = *s;
			else if (*s == '>') {
				l->dtd = PARSE_DTD_NONE;
				return (s + 1);
			} else if (*s == '[') {
				parse_prelex_copy(l, run, s);
				*run = s + 1;
				*changed = true;
				l->dtd = PARSE_DTD_SUBSET;
				l->dtd_sub = PARSE_SUB_TEXT;
				str_clear(&l->dtd_text);
			}
			break;
		case PARSE_DTD_SUBSET:
			*changed = true;
			if (*s == '\n') {
				*run = s;
				parse_prelex_copy(l, run, s + 1);
			} else
				*run = s + 1;
			if (parse_prelex_subset(l, (unsigned char)*s)) {
				parse_entity_declare(&l->ents,
				    str_cstr(&l->dtd_text), l->dtd_text.len,
				    &l->warnings);
				str_free(&l->dtd_text);
				l->dtd = PARSE_DTD_TAIL;
				break;
			}
			if (l->dtd_text.len < PARSE_DTD_MAX)
				str_appendc(&l->dtd_text, *s);
			else if (l->dtd_text.len++ == PARSE_DTD_MAX)
				parse_prelex_warn(l, xstrdup("the document type "
				    "declaration is longer than 256 kB; what "
				    "it declares further on is not read"));
			break;
		default:	/* PARSE_DTD_TAIL */
			*run = s;
			if (*s == '>') {
				l->dtd = PARSE_DTD_NONE;
				return (s + 1);
			}
			*run = s + 1;
			break;
		}
	}
	return (end);
}

/* Whether [s, end) could be the start of the marker m. */
static bool
parse_prelex_prefix(const char *s, const char *end, const char *m)
{
	size_t	n = (size_t)(end - s);

	return (n < strlen(m) && memcmp(s, m, n) == 0);
}

/*
 * Before the root element (the entity filter alone): the next '<' says
 * what comes, a DOCTYPE (which parse_prelex_doctype reads), a comment or
 * a processing instruction (passed over), or the root. Returns where to
 * go on, or NULL when a "<!DOCTYPE" may be cut by the end of the chunk
 * (it is held from *keep).
 */
static const char *
parse_prelex_prolog(struct parse_prelex *l, const char *s, const char *end,
    bool last, const char **keep)
{
	const char	*lt;
	size_t		 n;

	if ((lt = memchr(s, '<', (size_t)(end - s))) == NULL)
		return (end);
	n = (size_t)(end - lt);
	if (!last && parse_prelex_prefix(lt, end, "<!DOCTYPE")) {
		*keep = lt;
		return (NULL);
	}
	if (n >= 9 && memcmp(lt, "<!DOCTYPE", 9) == 0) {
		l->dtd = PARSE_DTD_HEAD;
		l->dtd_quote = 0;
		return (lt + 9);
	}
	if (n >= 2 && (lt[1] == '!' || lt[1] == '?'))
		return (lt + 2);
	if (n >= 2)
		l->prolog = false;
	return (n >= 2 ? lt : end);
}

/*
 * The entity filter alone (parse_prelex_amp on every '&' outside CDATA,
 * CDATA sections copied as they are, a DOCTYPE's internal subset read
 * and taken out), from s to end; returns where the bytes held for the
 * next chunk begin.
 */
static const char *
parse_prelex_plain(struct parse_prelex *l, const char *s, const char *end, bool last,
    const char **run, bool *changed)
{
	const char	*amp, *cd, *keep;

	while (s < end) {
		if (l->in_cdata) {
			if ((cd = parse_prelex_cdata_end(l, &s, end, last)) != NULL)
				return (cd);
			continue;
		}
		if (l->dtd != PARSE_DTD_NONE) {
			s = parse_prelex_doctype(l, s, end, run, changed);
			continue;
		}
		if (l->prolog) {
			if ((s = parse_prelex_prolog(l, s, end, last, &keep)) ==
			    NULL)
				return (keep);
			continue;
		}
		amp = memchr(s, '&', (size_t)(end - s));
		cd = parse_prelex_find(s, amp != NULL ? amp : end, "<![CDATA[",
		    9);
		if (cd != NULL) {
			s = cd + 9;
			l->in_cdata = true;
			continue;
		}
		if (amp == NULL)
			return (end - (last ? 0 :
			    parse_prelex_partial(s, end, "<![CDATA[")));
		if ((s = parse_prelex_amp(l, amp, end, last, run, changed)) ==
		    NULL)
			return (amp);
	}
	return (end);
}

/* Whether c may start an XML name (ASCII only: anything else is odd). */
static bool
parse_prelex_name_start(unsigned char c)
{
	return (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
	    c == ':');
}

/* Whether c may be in an XML name (ASCII only). */
static bool
parse_prelex_name_char(unsigned char c)
{
	return (parse_prelex_name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.');
}

/* Whether c is XML white space. */
static bool
parse_prelex_space(unsigned char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

/*
 * The character the reference at amp stands for, as libxml2 reads the
 * filter's output (parse_prelex_amp): a bare '&' is itself, the five XML
 * entities and HTML's named ones their characters, a numeric reference
 * its character (C1 as windows-1252); PARSE_PRELEX_REF_CUT when it may
 * be cut by the end of the chunk; PARSE_PRELEX_REF_KEEP for anything not
 * decoded here (names nobody declared, what XML forbids, what the filter
 * drops, line ends and controls). *next is where the reference ends.
 */
#define PARSE_PRELEX_REF_KEEP	(-1)
#define PARSE_PRELEX_REF_CUT	(-2)
static long
parse_prelex_ref(const char *amp, const char *end, bool last,
    const char **next)
{
	static const struct {
		const char	*name;
		char		 c;
	} predef[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' },
		{ "apos", '\'' }, { NULL, 0 }
	};
	const htmlEntityDesc	*e;
	const char		*q = amp + 1;
	char			 name[40];
	unsigned long		 c = 0;
	size_t			 len, i;
	bool			 mapped;

	/* The same scan as parse_prelex_amp's. */
	if (q < end && *q == '#')
		q++;
	while (q < end && q - amp < 34 && (parse_prelex_name_char((unsigned char)*q)
	    && *q != ':'))
		q++;
	if (q == end && !last && end - amp < (long)sizeof name)
		return (PARSE_PRELEX_REF_CUT);
	len = (size_t)(q - amp - 1);
	if (q >= end || *q != ';' || len == 0 || (amp[1] == '#' && len == 1)) {
		*next = amp + 1;
		return ('&');
	}
	*next = q + 1;
	if (amp[1] == '#') {
		c = parse_entity_charref(amp + 2, len - 1, &mapped);
		if (c == 0xfffd)
			return (PARSE_PRELEX_REF_KEEP);
	} else {
		memcpy(name, amp + 1, len);
		name[len] = '\0';
		for (i = 0; predef[i].name != NULL; i++) {
			if (strcmp(name, predef[i].name) == 0)
				return (predef[i].c);
		}
		if ((e = htmlEntityLookup((const xmlChar *)name)) == NULL)
			return (PARSE_PRELEX_REF_KEEP);
		c = e->value;
	}
	if (c < 0x20 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
	    c == 0xfffe || c == 0xffff)
		return (PARSE_PRELEX_REF_KEEP);
	return ((long)c);
}

/*
 * End the CDATA section whose text begins at piece in l->out (an empty
 * one goes, opening and all); false when the text has a "]]>".
 */
static bool
parse_prelex_piece(struct parse_prelex *l, size_t piece)
{
	if (l->out.len == piece) {
		l->out.len = piece - 9;
		l->out.ptr[l->out.len] = '\0';
		return (true);
	}
	if (parse_prelex_find(l->out.ptr + piece, l->out.ptr + l->out.len,
	    "]]>", 3) != NULL)
		return (false);
	str_append(&l->out, "]]>", 3);
	return (true);
}

/* The bytes parse_prelex_cdata stops at: '&', CR and 0xEF. */
static const bool parse_prelex_stop[256] = {
	['&'] = true, ['\r'] = true, [0xef] = true
};

/* Whether a byte of w is zero. */
#define PARSE_PRELEX_ONES	0x0101010101010101ULL
#define PARSE_PRELEX_ZERO(w)	(((w) - PARSE_PRELEX_ONES) & ~(w) & (PARSE_PRELEX_ONES * 0x80))

/* Skip whole words of u without a byte parse_prelex_stop stops at. */
static const unsigned char *
parse_prelex_scan(const unsigned char *u, const unsigned char *ue)
{
	uint64_t	w;

	while (ue - u >= 8) {
		memcpy(&w, u, 8);
		if (PARSE_PRELEX_ZERO(w ^ (PARSE_PRELEX_ONES * '&')) |
		    PARSE_PRELEX_ZERO(w ^ (PARSE_PRELEX_ONES * '\r')) |
		    PARSE_PRELEX_ZERO(w ^ (PARSE_PRELEX_ONES * 0xef)))
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
parse_prelex_cdata(struct parse_prelex *l, const char *s, const char *se,
    const char *end, bool last, const char **run, bool *changed)
{
	const unsigned char	*u = (const unsigned char *)s;
	const unsigned char	*ue = (const unsigned char *)se, *span;
	const char		*next, *stop = se;
	size_t			 mark, piece;
	long			 c;

	if (ue - u < PARSE_CDATA_MIN)
		return (s);		/* not worth the markup and the push */
	while (u < ue && *u < 0x80 && *u != '&')
		u++;
	if (u == ue)
		return (s);		/* ASCII without references */
	parse_prelex_copy(l, run, s);
	*changed = true;
	mark = l->out.len;
	str_append(&l->out, "<![CDATA[", 9);
	piece = l->out.len;
	/*
	 * The decoder's output is valid UTF-8 (a chunk never ends inside
	 * a character): of what CDATA cannot hold only U+FFFE and U+FFFF
	 * (EF BF BE, EF BF BF) are left to look for.
	 */
	u = span = (const unsigned char *)s;
	for (;;) {
		u = parse_prelex_scan(u, ue);
		while (u < ue && !parse_prelex_stop[*u])
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
		str_append(&l->out, (const char *)span, (size_t)(u - span));
		c = parse_prelex_ref((const char *)u, end, last, &next);
		if (c == PARSE_PRELEX_REF_CUT) {
			stop = (const char *)u;
			span = u;
			break;
		}
		if (c == PARSE_PRELEX_REF_KEEP)
			goto keep;
		if (c == '>' && l->out.len >= piece + 2 &&
		    memcmp(l->out.ptr + l->out.len - 2, "]]", 2) == 0) {
			/* "]]&gt;": a "]]>" CDATA cannot hold, so two sections */
			if (!parse_prelex_piece(l, piece))
				goto keep;
			str_append(&l->out, "<![CDATA[", 9);
			piece = l->out.len;
		}
		utf8_put(&l->out, (unsigned int)c);
		u = span = (const unsigned char *)next;
	}
	str_append(&l->out, (const char *)span, (size_t)(u - span));
	if (!parse_prelex_piece(l, piece))
		goto keep;
	l->ncdata++;
	*run = stop;
	return (stop);
keep:
	l->out.len = mark;
	l->out.ptr[mark] = '\0';
	return (s);
}

/*
 * Text from s, in an element or before the root. Only a whole run in an
 * element (from markup to its '<', in this chunk) may become CDATA.
 */
static const char *
parse_prelex_text(struct parse_prelex *l, const char *s, const char *end, bool last,
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
	 * rest of such a run (l->kept): it goes as it is too, so no
	 * byte need be held for it (a "]]" before a '>' to come, a cut
	 * character) beyond what the entity filter alone holds; holding
	 * more would change what each of libxml2's pushes gets.
	 */
	if (l->depth > 0 && lt != NULL && !l->kept && se > s) {
		t = parse_prelex_cdata(l, s, se, end, last, run, changed);
		if (t != s) {
			if (t == lt)
				return (t);
			*keep = t;
			return (NULL);
		}
	}
	if (se > s)
		l->kept = true;
	while ((amp = memchr(s, '&', (size_t)(se - s))) != NULL) {
		if ((t = parse_prelex_amp(l, amp, end, last, run, changed)) ==
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

/*
 * The '<' at s in text: what it opens. Anything this lexer does not know
 * well (a DOCTYPE above all) turns it off for the rest of the document.
 */
static const char *
parse_prelex_markup(struct parse_prelex *l, const char *s, const char *end, bool last,
    const char **keep)
{
	size_t	n = (size_t)(end - s);

	/* Only what the entity filter alone would hold is held. */
	if (!last && parse_prelex_prefix(s, end, "<![CDATA[")) {
		*keep = s;
		return (NULL);
	}
	l->tag = PARSE_TAG_NAME;
	if (n >= 2 && s[1] == '/') {
		l->lex = PARSE_LEX_TAG;
		l->end = true;
		l->tag = PARSE_TAG_END;
		return (s + 2);
	}
	if (n >= 2 && parse_prelex_name_start((unsigned char)s[1])) {
		l->lex = PARSE_LEX_TAG;
		l->end = false;
		l->prolog = false;
		return (s + 2);
	}
	if (n >= 2 && s[1] == '?') {
		l->lex = PARSE_LEX_PI;
		return (s + 2);
	}
	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		l->lex = PARSE_LEX_COMMENT;
		return (s + 4);
	}
	if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0 && l->depth > 0) {
		l->in_cdata = true;
		return (s + 9);
	}
	l->lex = PARSE_LEX_OFF;
	return (s);
}

/*
 * Inside a comment or a processing instruction, up to its end marker m.
 * A '<' inside turns the lexer off (the filter alone would take a CDATA
 * marker there for one).
 */
static const char *
parse_prelex_skip(struct parse_prelex *l, const char *s, const char *end, bool last,
    const char *m, const char **run, bool *changed, const char **keep)
{
	const char	*t, *lim, *lt, *amp;
	size_t		 mlen = strlen(m);

	t = parse_prelex_find(s, end, m, mlen);
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
	if (t == NULL || (*m == '-' && parse_prelex_find(s, t + 1, "--", 2) !=
	    NULL)) {
		l->lex = PARSE_LEX_OFF;
		return (s);
	}
	if ((lt = memchr(s, '<', (size_t)(lim - s))) != NULL)
		lim = lt;
	while ((amp = memchr(s, '&', (size_t)(lim - s))) != NULL) {
		if ((s = parse_prelex_amp(l, amp, end, last, run, changed)) ==
		    NULL) {
			*keep = amp;
			return (NULL);
		}
	}
	if (lt != NULL) {
		l->lex = PARSE_LEX_OFF;
		return (lt);
	}
	l->lex = PARSE_LEX_TEXT;
	l->kept = false;
	return (t + mlen);
}

/*
 * Inside a start or an end tag. Only well-formed tags are followed (the
 * name, name="value" pairs, "/>"); what libxml2 would recover from in its
 * own way turns the lexer off.
 */
static const char *
parse_prelex_tag(struct parse_prelex *l, const char *s, const char *end, bool last,
    const char **run, bool *changed, const char **keep)
{
	const char	*t;
	unsigned char	 c;

	while (s < end) {
		c = (unsigned char)*s;
		switch (l->tag) {
		case PARSE_TAG_END:
			if (!parse_prelex_name_start(c))
				goto off;
			l->tag = PARSE_TAG_NAME;
			break;
		case PARSE_TAG_VALUE:
			if (c == (unsigned char)l->quote)
				l->tag = PARSE_TAG_AFTER;
			else if (c == '<')
				goto off;
			else if (c == '&') {
				if ((t = parse_prelex_amp(l, s, end, last, run,
				    changed)) == NULL) {
					*keep = s;
					return (NULL);
				}
				s = t;
				continue;
			}
			break;
		case PARSE_TAG_NAME:
			if (parse_prelex_name_char(c))
				break;
			if (parse_prelex_space(c))
				l->tag = PARSE_TAG_SPACE;
			else if (c == '>')
				goto close;
			else if (c == '/' && !l->end)
				l->tag = PARSE_TAG_SLASH;
			else
				goto off;
			break;
		case PARSE_TAG_SPACE:
			if (parse_prelex_space(c))
				break;
			if (c == '>')
				goto close;
			if (l->end)
				goto off;
			if (c == '/')
				l->tag = PARSE_TAG_SLASH;
			else if (parse_prelex_name_start(c))
				l->tag = PARSE_TAG_ATTR;
			else
				goto off;
			break;
		case PARSE_TAG_ATTR:
		case PARSE_TAG_ATTR_SPACE:
			if (parse_prelex_name_char(c) && l->tag == PARSE_TAG_ATTR)
				break;
			if (parse_prelex_space(c))
				l->tag = PARSE_TAG_ATTR_SPACE;
			else if (c == '=')
				l->tag = PARSE_TAG_EQ;
			else
				goto off;
			break;
		case PARSE_TAG_EQ:
			if (parse_prelex_space(c))
				break;
			if (c != '"' && c != '\'')
				goto off;
			l->quote = (char)c;
			l->tag = PARSE_TAG_VALUE;
			break;
		case PARSE_TAG_AFTER:
			if (parse_prelex_space(c))
				l->tag = PARSE_TAG_SPACE;
			else if (c == '>')
				goto close;
			else if (c == '/')
				l->tag = PARSE_TAG_SLASH;
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
	l->lex = PARSE_LEX_TEXT;
	l->kept = false;
	if (l->end)
		l->depth--;
	else if (l->tag != PARSE_TAG_SLASH)
		l->depth++;
	/* Nothing is rewritten after the root element. */
	if (l->depth <= 0)
		l->lex = PARSE_LEX_OFF;
	return (s + 1);
off:
	l->lex = PARSE_LEX_OFF;
	return (s);
}

/*
 * The entity filter (parse_prelex_amp) with a lexer around it that hands
 * libxml2 an element's text as CDATA where that is faster to read
 * (parse_prelex_cdata). Returns where the bytes held begin.
 */
static const char *
parse_prelex_lex(struct parse_prelex *l, const char *s, const char *end, bool last,
    const char **run, bool *changed)
{
	const char	*keep = end, *cd;

	while (s < end) {
		if (l->lex == PARSE_LEX_OFF)
			return (parse_prelex_plain(l, s, end, last, run,
			    changed));
		if (l->in_cdata) {
			if ((cd = parse_prelex_cdata_end(l, &s, end, last)) != NULL)
				return (cd);
			l->kept = false;
			continue;
		}
		switch (l->lex) {
		case PARSE_LEX_TAG:
			s = parse_prelex_tag(l, s, end, last, run, changed,
			    &keep);
			break;
		case PARSE_LEX_COMMENT:
			s = parse_prelex_skip(l, s, end, last, "-->", run,
			    changed, &keep);
			break;
		case PARSE_LEX_PI:
			s = parse_prelex_skip(l, s, end, last, "?>", run,
			    changed, &keep);
			break;
		default:
			if (*s == '<')
				s = parse_prelex_markup(l, s, end, last, &keep);
			else
				s = parse_prelex_text(l, s, end, last, run,
				    changed, &keep);
			break;
		}
		if (s == NULL)
			return (keep);
	}
	return (end);
}

/*
 * Make the next decoded chunk (n bytes at s; last for the final one) the
 * XML libxml2 is to read: entities as parse_prelex_amp has them, and an
 * element's text with references or non-ASCII characters as CDATA. Bytes
 * that may start a marker, an entity or a character cut by the chunk are
 * held for the next one. *out is the input itself when nothing changed,
 * else the filter's buffer, valid until the next call.
 */
void
parse_prelex_chunk(struct parse_prelex *l, const char *s, size_t n, bool last,
    const char **out, size_t *outlen)
{
	const char	*end, *run, *keep;
	bool		 changed = false;

	if (l->nheld > 0) {
		str_clear(&l->in);
		str_append(&l->in, l->held, l->nheld);
		str_append(&l->in, s, n);
		l->nheld = 0;
		s = l->in.ptr;
		n = l->in.len;
	}
	end = s + n;
	run = s;
	str_clear(&l->out);
	keep = parse_prelex_lex(l, s, end, last, &run, &changed);
	parse_prelex_hold(l, keep, (size_t)(end - keep));
	if (!changed) {
		*out = run;
		*outlen = (size_t)(keep - run);
		return;
	}
	parse_prelex_copy(l, &run, keep);
	*out = str_cstr(&l->out);
	*outlen = l->out.len;
}
