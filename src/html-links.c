/*
 * Relative links in feed HTML made absolute, as feedparser does: the URL
 * attributes (href, src, ...) of every start tag go through the caller's
 * html_link_fn, and the rest of the fragment stays byte for byte as the
 * feed wrote it.
 *
 * libxml2's HTML parser (html.c) says what is a start tag and which of
 * its attributes count (not the text of a comment, a script or a <style>,
 * nor "a < b", nor the second of two hrefs). To change only the bytes of
 * a value, the start tag's own text is found where the parser says it
 * ends (at its '>'): the nearest "<name" before it whose attributes, read
 * the way libxml2 reads them, end exactly there. The value as written
 * (references and all, as a feed reader has always resolved it) goes to
 * fn. A tag that cannot be found so keeps its links as they are.
 *
 * Most feeds link absolutely, and parsing costs libxml2 a character at a
 * time: a first pass over the fragment's '=' signs asks fn about every
 * value written after a URL attribute's name, wherever it is, which is a
 * superset of what libxml2 reads as one (libxml2 skips the same blanks
 * around '=' and ends a value where this pass does). Only when one would
 * change does libxml2 read the fragment.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html-priv.h"
#include "str.h"

#define HTML_LINKS_ATTRS	64	/* attributes of a tag looked at */
#define HTML_LINKS_CHANGES	16	/* links changed in one tag */
#define HTML_LINKS_TRIES	16	/* '<' tried for a tag's start */

/* The attributes that hold a URL. */
static const char *const html_links_attrs[] = {
	"href", "src", "action", "background", "cite", "codebase", "data",
	"longdesc", "poster", "usemap", NULL
};

/* The fragment being rewritten. */
struct html_links {
	const char	*text;
	size_t		 len;
	html_link_fn	 fn;
	void		*arg;
	struct str	 out;
	size_t		 copied;	/* bytes of text in out so far */
	bool		 changed;
};

/* An attribute with a value in a start tag's own text. */
struct html_links_attr {
	size_t		 name;		/* offset of its name */
	size_t		 nlen;
	size_t		 val;		/* offset of its value (inside quotes) */
	size_t		 vlen;
	char		 quote;		/* '"', '\'' or 0 */
	bool		 closed;	/* its closing quote is there */
	bool		 used;
};

/* A link to write: the bytes from start to end become "abs". */
struct html_links_change {
	size_t		 start;
	size_t		 end;
	char		*abs;
};

/* White space as libxml2's HTML parser skips it. */
static bool
html_links_blank(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

/* Whether c may start a name (htmlParseHTMLName). */
static bool
html_links_name_start(char c)
{
	return (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
	    c == ':' || c == '.');
}

/* Whether c may be in a name. */
static bool
html_links_name_char(char c)
{
	return (html_links_name_start(c) || (c >= '0' && c <= '9') ||
	    c == '-');
}

/* Whether the n bytes at s name a URL attribute (in any case). */
static bool
html_links_url_attr(const char *s, size_t n)
{
	const char *const	*a;

	for (a = html_links_attrs; *a != NULL; a++) {
		if (strlen(*a) == n && strncasecmp(s, *a, n) == 0)
			return (true);
	}
	return (false);
}

/*
 * Whether fn would change the value after any '=' that follows a URL
 * attribute's name, in a tag or not.
 */
static bool
html_links_any(const char *s, size_t n, html_link_fn fn, void *arg)
{
	const char	*end = s + n, *q = s, *eq, *b, *ne, *v, *ve;
	char		*abs;

	while ((eq = memchr(q, '=', (size_t)(end - q))) != NULL) {
		q = eq + 1;
		for (b = eq; b > s && html_links_blank(b[-1]); b--)
			;
		for (ne = b; b > s && html_links_name_char(b[-1]); b--)
			;
		if (!html_links_url_attr(b, (size_t)(ne - b)))
			continue;
		for (v = eq + 1; v < end && html_links_blank(*v); v++)
			;
		if (v < end && (*v == '"' || *v == '\'')) {
			ve = memchr(v + 1, *v, (size_t)(end - v - 1));
			v++;
			if (ve == NULL)
				ve = end;
		} else {
			for (ve = v; ve < end && !html_links_blank(*ve) &&
			    *ve != '>'; ve++)
				;
		}
		if ((abs = fn(v, (size_t)(ve - v), arg)) != NULL) {
			free(abs);
			return (true);
		}
	}
	return (false);
}

/*
 * Read the start tag <name ...> whose '<' is at lt the way libxml2 does
 * (htmlParseStartTag): true when it ends exactly at end, with its
 * attributes that have a value in a (*na of them).
 */
static bool
html_links_lex(const struct html_links *l, size_t lt, const char *name,
    size_t end, struct html_links_attr *a, size_t *na)
{
	const char		*t = l->text;
	size_t			 len = l->len, i = lt + 1, k;
	size_t			 tl = strlen(name);
	struct html_links_attr	 at;

	if (len - i < tl || strncasecmp(t + i, name, tl) != 0)
		return (false);
	i += tl;
	if (i < len && html_links_name_char(t[i]))
		return (false);
	*na = 0;
	while (i < len && html_links_blank(t[i]))
		i++;
	while (i < len && t[i] != '>' &&
	    !(t[i] == '/' && i + 1 < len && t[i + 1] == '>')) {
		if (!html_links_name_start(t[i])) {
			/* A bogus attribute: up to a blank or the end. */
			while (i < len && !html_links_blank(t[i]) &&
			    t[i] != '>' &&
			    !(t[i] == '/' && i + 1 < len && t[i + 1] == '>'))
				i++;
		} else {
			memset(&at, 0, sizeof at);
			for (k = i; i < len && html_links_name_char(t[i]); i++)
				;
			at.name = k;
			at.nlen = i - k;
			while (i < len && html_links_blank(t[i]))
				i++;
			if (i < len && t[i] == '=') {
				i++;
				while (i < len && html_links_blank(t[i]))
					i++;
				if (i < len && (t[i] == '"' || t[i] == '\'')) {
					at.quote = t[i++];
					for (at.val = i; i < len &&
					    t[i] != at.quote; i++)
						;
					at.vlen = i - at.val;
					at.closed = i < len;
					if (i < len)
						i++;
				} else {
					for (at.val = i; i < len &&
					    !html_links_blank(t[i]) &&
					    t[i] != '>'; i++)
						;
					at.vlen = i - at.val;
				}
				if (*na == HTML_LINKS_ATTRS)
					return (false);
				a[(*na)++] = at;
			}
		}
		while (i < len && html_links_blank(t[i]))
			i++;
	}
	return (i == end);
}

/* Order changes by where they start. */
static int
html_links_cmp(const void *a, const void *b)
{
	const struct html_links_change	*x = a, *y = b;

	return (x->start < y->start ? -1 : x->start > y->start);
}

/*
 * The attributes of the start tag <name ...> that ends at end, read from
 * the fragment's own text (into a, *na of them); false when it cannot be
 * found.
 */
static bool
html_links_find(const struct html_links *l, const char *name, size_t end,
    struct html_links_attr *a, size_t *na)
{
	size_t	lt, tries = 0;

	if (end > l->len)
		return (false);
	/* The nearest '<' before end that starts this tag's text. */
	for (lt = end; lt > l->copied && tries < HTML_LINKS_TRIES; lt--) {
		if (l->text[lt - 1] != '<')
			continue;
		tries++;
		if (html_links_lex(l, lt - 1, name, end, a, na))
			return (true);
	}
	return (false);
}

/*
 * SAX: a start tag. Each URL attribute libxml2 reads in it (the first of
 * its name) is found in the tag's text, and its value, as written, goes
 * to fn; what fn makes absolute is written in its place, double-quoted
 * (a URL with a '"' in it is left alone).
 */
static void
html_links_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct html_reader		*r = ctx;
	struct html_links		*l = r->arg;
	struct html_links_attr		 a[HTML_LINKS_ATTRS], *at;
	struct html_links_change	 ch[HTML_LINKS_CHANGES];
	const char			*names[HTML_LINKS_CHANGES], *an;
	size_t				 i, j, n = 0, nch = 0, na;
	char				*abs;

	for (i = 0; atts != NULL && atts[i] != NULL; i += 2) {
		an = (const char *)atts[i];
		if (atts[i + 1] != NULL && n < HTML_LINKS_CHANGES &&
		    html_name_in(an, html_links_attrs))
			names[n++] = an;
	}
	if (n == 0 || !html_links_find(l, (const char *)xname, html_offset(r),
	    a, &na))
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < na; j++) {
			at = &a[j];
			if (!at->used && at->nlen == strlen(names[i]) &&
			    strncasecmp(l->text + at->name, names[i],
			    at->nlen) == 0)
				break;
		}
		if (j == na)
			continue;
		at->used = true;
		if ((abs = l->fn(l->text + at->val, at->vlen, l->arg)) == NULL)
			continue;
		if (strchr(abs, '"') != NULL) {
			free(abs);
			continue;
		}
		ch[nch].start = at->val - (at->quote != 0);
		ch[nch].end = at->val + at->vlen + at->closed;
		ch[nch++].abs = abs;
	}
	qsort(ch, nch, sizeof ch[0], html_links_cmp);
	for (i = 0; i < nch; i++) {
		str_append(&l->out, l->text + l->copied,
		    ch[i].start - l->copied);
		str_appendc(&l->out, '"');
		str_appends(&l->out, ch[i].abs);
		str_appendc(&l->out, '"');
		l->copied = ch[i].end;
		l->changed = true;
		free(ch[i].abs);
	}
}

/* Tests: libxml2 reads every fragment, the first pass says nothing. */
bool	html_links_always_read;

/* The fragment with its links made absolute, or NULL; see html.h. */
char *
html_links(const char *s, size_t n, html_link_fn fn, void *arg)
{
	htmlSAXHandler		sax;
	struct html_links	l;

	if (memchr(s, '<', n) == NULL)
		return (NULL);
	if (!html_links_always_read && !html_links_any(s, n, fn, arg))
		return (NULL);
	memset(&l, 0, sizeof l);
	l.text = s;
	l.len = n;
	l.fn = fn;
	l.arg = arg;
	str_init(&l.out);
	html_sax_init(&sax);
	sax.startElement = html_links_start;
	if (!html_read(s, n, &sax, &l) || !l.changed) {
		str_free(&l.out);
		return (NULL);
	}
	str_append(&l.out, s + l.copied, n - l.copied);
	return (str_steal(&l.out));
}
