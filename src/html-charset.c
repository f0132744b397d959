/*
 * A web page's bytes as UTF-8. Feeds declare their encoding in the XML
 * declaration, which the feed parser reads; a page fetched for its full
 * article says it in other places, which HTML5 ranks: a byte order mark,
 * the charset of the HTTP Content-Type, then a <meta charset> or <meta
 * http-equiv="Content-Type"> near the start of the page (a prescan of its
 * first bytes, as browsers make before they parse). Arabic news sites
 * still serve windows-1256 and ISO-8859-6 pages; a page that declares
 * nothing is UTF-8 when its bytes are, and windows-1256 when they are not
 * (HTML5's default for Arabic readers). A page that declares UTF-8 but is
 * mostly not is read as windows-1256 too: a lying declaration is commoner
 * than a page of broken UTF-8. Whatever comes out is sanitised.
 */
#include "config.h"

#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sanitize.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define HTML_CHARSET_PRESCAN	8192	/* bytes searched for a <meta> */
#define HTML_CHARSET_LABEL	40	/* the longest label taken */
#define HTML_CHARSET_FALLBACK	"WINDOWS-1256"

/* Labels with another name for iconv (WHATWG's encoding labels). */
static const struct {
	const char	*label;
	const char	*name;
} html_charset_names[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" },
	{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
	{ "windows-1252", "WINDOWS-1252" },
	{ "windows-1256", "WINDOWS-1256" }, { "cp1256", "WINDOWS-1256" },
	{ "x-cp1256", "WINDOWS-1256" },
	{ "iso-8859-6", "ISO-8859-6" }, { "iso8859-6", "ISO-8859-6" },
	{ "iso_8859-6", "ISO-8859-6" }, { "arabic", "ISO-8859-6" },
	{ "asmo-708", "ISO-8859-6" }, { "ecma-114", "ISO-8859-6" },
	{ "iso-ir-127", "ISO-8859-6" }, { "csisolatinarabic", "ISO-8859-6" },
	{ "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" },
	{ "utf-16be", "UTF-16BE" },
};

/*
 * The iconv name of an encoding label (len bytes), or NULL for one that
 * is not a plausible name. From a <meta>, UTF-16 means UTF-8: a page
 * whose bytes could be read to find the <meta> is not UTF-16.
 */
static char *
html_charset_name(const char *label, size_t len, bool meta)
{
	char	buf[HTML_CHARSET_LABEL + 1];
	size_t	i;

	while (len > 0 && isspace((unsigned char)*label)) {
		label++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)label[len - 1]))
		len--;
	if (len == 0 || len > HTML_CHARSET_LABEL)
		return (NULL);
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)label[i]) &&
		    strchr("-_.:", label[i]) == NULL)
			return (NULL);
		buf[i] = (char)tolower((unsigned char)label[i]);
	}
	buf[len] = '\0';
	for (i = 0; i < sizeof html_charset_names /
	    sizeof html_charset_names[0]; i++) {
		if (strcmp(buf, html_charset_names[i].label) != 0)
			continue;
		if (meta && strncmp(html_charset_names[i].name, "UTF-16", 6) == 0)
			return (xstrdup("UTF-8"));
		return (xstrdup(html_charset_names[i].name));
	}
	for (i = 0; i < len; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	return (xstrdup(buf));
}

/* The charset= parameter of a Content-Type (or a <meta content>), or NULL. */
static char *
html_charset_param(const char *s, size_t n, bool meta)
{
	const char	*p, *end = s + n, *v;
	char		 q;

	for (p = s; p + 7 <= end; p++) {
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || *p != '=')
			continue;
		p++;
		while (p < end && isspace((unsigned char)*p))
			p++;
		q = p < end && (*p == '"' || *p == '\'') ? *p++ : '\0';
		for (v = p; p < end && *p != q && *p != ';' &&
		    (q != '\0' || !isspace((unsigned char)*p)); p++)
			;
		return (html_charset_name(v, (size_t)(p - v), meta));
	}
	return (NULL);
}

/* An attribute of a tag in the prescan. */
struct html_charset_attr {
	const char	*name;
	size_t		 nlen;
	const char	*value;
	size_t		 vlen;
};

/* Read the attribute at *pp (before end); false at the tag's end. */
static bool
html_charset_attr(const char **pp, const char *end,
    struct html_charset_attr *a)
{
	const char	*p = *pp;
	char		 q;

	while (p < end && (isspace((unsigned char)*p) || *p == '/'))
		p++;
	if (p >= end || *p == '>') {
		*pp = p;
		return (false);
	}
	a->name = p;
	while (p < end && *p != '=' && *p != '>' && *p != '/' &&
	    !isspace((unsigned char)*p))
		p++;
	a->nlen = (size_t)(p - a->name);
	a->value = p;
	a->vlen = 0;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p < end && *p == '=') {
		p++;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p < end && (*p == '"' || *p == '\'')) {
			q = *p++;
			a->value = p;
			while (p < end && *p != q)
				p++;
			a->vlen = (size_t)(p - a->value);
			if (p < end)
				p++;
		} else {
			a->value = p;
			while (p < end && *p != '>' &&
			    !isspace((unsigned char)*p))
				p++;
			a->vlen = (size_t)(p - a->value);
		}
	}
	*pp = p;
	return (true);
}

static bool
html_charset_is(const char *s, size_t n, const char *word)
{
	return (n == strlen(word) && strncasecmp(s, word, n) == 0);
}

/* What one <meta> tag at p (after "<meta") declares, or NULL. */
static char *
html_charset_meta(const char **pp, const char *end)
{
	struct html_charset_attr	 a;
	const char			*content = NULL;
	size_t				 clen = 0;
	char				*name = NULL;
	bool				 equiv = false;

	while (html_charset_attr(pp, end, &a)) {
		if (html_charset_is(a.name, a.nlen, "charset") && name == NULL)
			name = html_charset_name(a.value, a.vlen, true);
		else if (html_charset_is(a.name, a.nlen, "http-equiv"))
			equiv = html_charset_is(a.value, a.vlen,
			    "content-type");
		else if (html_charset_is(a.name, a.nlen, "content")) {
			content = a.value;
			clen = a.vlen;
		}
	}
	if (name == NULL && equiv && content != NULL)
		name = html_charset_param(content, clen, true);
	return (name);
}

/* The encoding="..." of an XML declaration from s to its end e, or NULL. */
static char *
html_charset_xml(const char *s, const char *e)
{
	const char	*p, *v;
	char		 q;

	for (p = s; p + 8 < e; p++) {
		if (strncmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p >= e || *p++ != '=')
			return (NULL);
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p >= e || (*p != '"' && *p != '\''))
			return (NULL);
		q = *p++;
		for (v = p; p < e && *p != q; p++)
			;
		return (html_charset_name(v, (size_t)(p - v), true));
	}
	return (NULL);
}

/*
 * The encoding the first bytes of a page declare: an XML declaration's,
 * or the first <meta> that names one (comments skipped), or NULL.
 */
static char *
html_charset_prescan(const char *s, size_t n)
{
	const char	*p, *end, *e;
	char		*name;

	end = s + (n < HTML_CHARSET_PRESCAN ? n : HTML_CHARSET_PRESCAN);
	if (end - s >= 5 && strncmp(s, "<?xml", 5) == 0 &&
	    (e = memchr(s, '>', (size_t)(end - s))) != NULL &&
	    (name = html_charset_xml(s, e)) != NULL)
		return (name);
	for (p = s; p < end; p++) {
		if (*p != '<')
			continue;
		if (end - p >= 4 && strncmp(p, "<!--", 4) == 0) {
			for (p += 4; p + 3 <= end &&
			    strncmp(p, "-->", 3) != 0; p++)
				;
			continue;
		}
		if (end - p >= 6 && strncasecmp(p + 1, "meta", 4) == 0 &&
		    (isspace((unsigned char)p[5]) || p[5] == '/')) {
			p += 5;
			if ((name = html_charset_meta(&p, end)) != NULL)
				return (name);
		}
	}
	return (NULL);
}

/*
 * How far n bytes are from UTF-8: 0 when valid, else the share (in
 * thousandths) of the non-ASCII sequences that are not UTF-8.
 */
static int
html_charset_invalid(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, k, bad = 0, all = 0;
	unsigned int		 c;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		all++;
		if ((k = utf8_fast(u + i, n - i, &c)) == 0) {
			bad++;
			k = 1;
		}
		i += k;
	}
	if (bad == 0)
		return (0);
	return ((int)(bad * 1000 / all) + 1);
}

/* Decode n bytes from the encoding cd reads into s, U+FFFD for what cannot be. */
static void
html_charset_iconv(iconv_t cd, const char *p, size_t n, struct str *s)
{
	char	*in = (char *)p, *out;
	size_t	 inleft = n, outleft, r;

	str_reserve(s, n * 2 + 16);
	while (inleft > 0) {
		if (s->cap - s->len < 16)
			str_reserve(s, s->len + inleft * 2 + 16);
		out = s->ptr + s->len;
		outleft = s->cap - s->len - 1;
		r = iconv(cd, &in, &inleft, &out, &outleft);
		s->len = (size_t)(out - s->ptr);
		s->ptr[s->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			str_reserve(s, s->cap * 2);
			continue;
		}
		/* A byte it cannot read (EILSEQ) or a cut sequence (EINVAL). */
		utf8_put(s, UTF8_REPLACEMENT);
		if (errno == EINVAL)
			break;
		in++;
		inleft--;
	}
}

/*
 * n bytes of a page as sanitised UTF-8 (*len bytes), decoded from the
 * encoding its BOM, ctype's charset, a <meta> or an <?xml?> declaration
 * names, in that order, else UTF-8 when valid and windows-1256 when not.
 * *charset is the iconv name used (both allocated).
 */
char *
html_charset_decode(const char *s, size_t n, const char *ctype,
    size_t *len, char **charset)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct str		 out;
	iconv_t			 cd;
	char			*name = NULL, *text;

	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		name = xstrdup("UTF-8");
		s += 3;
		n -= 3;
	} else if (n >= 2 && u[0] == 0xff && u[1] == 0xfe)
		name = xstrdup("UTF-16LE");
	else if (n >= 2 && u[0] == 0xfe && u[1] == 0xff)
		name = xstrdup("UTF-16BE");
	if (name == NULL && ctype != NULL)
		name = html_charset_param(ctype, strlen(ctype), false);
	if (name == NULL)
		name = html_charset_prescan(s, n);
	if (name != NULL && strcmp(name, "UTF-8") == 0 &&
	    html_charset_invalid(s, n) > 250) {
		free(name);
		name = xstrdup(HTML_CHARSET_FALLBACK);
	}
	if (name == NULL)
		name = xstrdup(html_charset_invalid(s, n) == 0 ? "UTF-8" :
		    HTML_CHARSET_FALLBACK);

	str_init(&out);
	if (strcmp(name, "UTF-8") != 0) {
		if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
			/* A name iconv does not know: read it as UTF-8. */
			free(name);
			name = xstrdup("UTF-8");
		} else {
			html_charset_iconv(cd, s, n, &out);
			iconv_close(cd);
			s = out.ptr != NULL ? out.ptr : "";
			n = out.len;
		}
	}
	text = sanitize_text(s, n);
	str_free(&out);
	*len = strlen(text);
	*charset = name;
	return (text);
}
