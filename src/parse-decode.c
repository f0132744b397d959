/*
 * Encodings: which one a document is in, and decoding it to UTF-8.
 *
 * The first PARSE_SNIFF_BYTES are held (parse-push.c) until the encoding
 * and the format can be decided from the content: a BOM first, then the
 * HTTP charset, then the XML declaration, then UTF-8, with a check that
 * the bytes agree (a document declared UTF-8 that is not is read as
 * windows-1256 or windows-1252; one declared in a legacy encoding whose
 * bytes are UTF-8 is read as UTF-8, with a warning either way). From then
 * on each chunk is decoded to UTF-8 with iconv, or checked when it is
 * UTF-8 already: invalid sequences become U+FFFD, NUL and the C0 controls
 * XML forbids are dropped, and a character cut by the end of a chunk
 * waits for the next.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-priv.h"
#include "sanitize.h"
#include "utf8.h"
#include "xmalloc.h"

#define PARSE_DECODE_REPLACEMENT "\xef\xbf\xbd"
#define PARSE_CHECK_BYTES	(16 * 1024)	/* checked to confirm UTF-8 */

/*
 * The charset of a Content-Type ("text/xml; charset=UTF-8"), lowercase,
 * or NULL when it names none.
 */
char *
parse_decode_charset(const char *content_type)
{
	const char	*cs;
	char		*charset;
	size_t		 n, i;

	if (content_type == NULL ||
	    (cs = strcasestr(content_type, "charset=")) == NULL)
		return (NULL);
	cs += 8;
	if (*cs == '"' || *cs == '\'')
		cs++;
	n = strcspn(cs, "\"'; \t");
	if (n == 0 || n >= 40)
		return (NULL);
	charset = xstrndup(cs, n);
	for (i = 0; i < n; i++) {
		if (charset[i] >= 'A' && charset[i] <= 'Z')
			charset[i] += 'a' - 'A';
	}
	return (charset);
}

/* Whether an encoding name means UTF-8 (or its subset ASCII). */
static bool
parse_decode_is_utf8(const char *enc)
{
	return (strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0 ||
	    strcasecmp(enc, "us-ascii") == 0 || strcasecmp(enc, "ascii") == 0 ||
	    strcasecmp(enc, "unicode-1-1-utf-8") == 0);
}

/* The iconv name for a declared encoding (the web's aliases folded). */
static const char *
parse_decode_alias(const char *enc)
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
parse_decode_check(const unsigned char *u, size_t n, size_t *multi,
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
parse_decode_arabic(const unsigned char *u, size_t n)
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
parse_decode_declared(const char *u, size_t n)
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
parse_decode_open(struct parse_decoder *d, const char *enc)
{
	iconv_t	cd;

	free(d->encoding);
	d->encoding = xstrdup(enc);
	if (d->iconv != NULL) {
		iconv_close((iconv_t)d->iconv);
		d->iconv = NULL;
	}
	if (parse_decode_is_utf8(enc)) {
		d->unit = 1;
		return (true);
	}
	cd = iconv_open("UTF-8", parse_decode_alias(enc));
	if (cd == (iconv_t)-1)
		return (false);
	d->iconv = (void *)cd;
	if (str_has_prefix_ci(enc, "utf-16") || strcasecmp(enc, "ucs-2") == 0)
		d->unit = 2;
	else if (str_has_prefix_ci(enc, "utf-32") ||
	    strcasecmp(enc, "ucs-4") == 0)
		d->unit = 4;
	else
		d->unit = 1;
	return (true);
}

/* Whether u starts like a feed document: "<?", "<!", a feed's root. */
static bool
parse_decode_feed_start(const unsigned char *u, size_t n)
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
 * the offset of "<?xml" at the start of a line (or after a tag) in the
 * first PARSE_JUNK_MAX bytes of u, or with any_start of "<rss", "<feed"
 * or "<rdf:RDF" too; 0 when there is none.
 * An XML declaration is only ever at the start, so one further on marks
 * the real document even after junk that looks like markup.
 */
static size_t
parse_decode_junk(const unsigned char *u, size_t n, bool any_start)
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
		/*
		 * A script's messages end with a line (or a tag: "<br />");
		 * "<rss" inside a line is a program's source, not a feed.
		 */
		if (i > 0 && u[i - 1] != '\n' && u[i - 1] != '\r' &&
		    u[i - 1] != '>')
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
 * Whether a document starts as an HTML page does ("<!DOCTYPE html",
 * "<html", in any case), to be read by an HTML parser (parse-html.c).
 */
static bool
parse_decode_html(const unsigned char *u, size_t n)
{
	size_t	i;

	if (n >= 9 && strncasecmp((const char *)u, "<!doctype", 9) == 0) {
		for (i = 9; i < n && (u[i] == ' ' || u[i] == '\t' ||
		    u[i] == '\r' || u[i] == '\n'); i++)
			;
		return (n - i >= 4 && strncasecmp((const char *)u + i, "html",
		    4) == 0 && (n - i == 4 || u[i + 4] == '>' || u[i + 4] == ' ' ||
		    u[i + 4] == '\n' || u[i + 4] == '\r' || u[i + 4] == '\t'));
	}
	return (n >= 5 && strncasecmp((const char *)u, "<html", 5) == 0 &&
	    (n == 5 || u[5] == '>' || u[5] == ' ' || u[5] == '\n' ||
	    u[5] == '\r' || u[5] == '\t'));
}

/*
 * Decide the encoding and the format from the first n bytes; returns
 * the number of leading bytes (a BOM) to skip, -1 if this is no feed, or
 * -2 when there is nothing but white space yet and more may come.
 */
long
parse_decode_sniff(struct parse *p, const char *head, size_t n, bool final)
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
	if (c != '{' && c != '[' && !wide && !parse_decode_feed_start(u + first,
	    n - first) && (k = parse_decode_junk(u + first, n - first,
	    c != '<')) > 0) {
		parse_warn(p, "%zu bytes of text before the feed; skipped", k);
		first += k;
		c = '<';
	}
	if (c == '<')
		p->kind = parse_decode_html(u + first, n - first) ?
		    PARSE_KIND_HTML : PARSE_KIND_XML;
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
	    (decl = parse_decode_declared((const char *)u + first,
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
	if (!parse_decode_open(&p->dec, enc)) {
		parse_warn(p, "unknown encoding '%s' in %s; read as UTF-8", enc,
		    source != NULL ? source : "the document");
		enc = "utf-8";
		source = NULL;
		parse_decode_open(&p->dec, enc);
	}
	if (!fixed && !wide) {
		/*
		 * The head is a whole feed when it arrived before parsing
		 * began; its first PARSE_CHECK_BYTES tell as well, and
		 * parse_decode_utf8 replaces what is invalid further on.
		 */
		parse_decode_check(u + skip, n - skip < PARSE_CHECK_BYTES ?
		    n - skip : PARSE_CHECK_BYTES, &multi, &invalid);
		/* A few bad bytes in UTF-8 text are U+FFFD, not a sign. */
		if (parse_decode_is_utf8(enc) && invalid > multi) {
			const char *guess = parse_decode_arabic(u + skip,
			    n - skip) ? "windows-1256" : "windows-1252";

			parse_warn(p, "%s%s UTF-8 but the bytes are not; read "
			    "as %s", source != NULL ? source : "the document",
			    source != NULL ? " says" : " is assumed to be",
			    guess);
			parse_decode_open(&p->dec, guess);
		} else if (!parse_decode_is_utf8(enc) && multi > 0 && invalid == 0 &&
		    !str_has_prefix_ci(enc, "utf") &&
		    strcasestr(enc, "jis") == NULL &&
		    strcasestr(enc, "euc") == NULL &&
		    strcasestr(enc, "gb") == NULL &&
		    strcasestr(enc, "big5") == NULL &&
		    strcasestr(enc, "kr") == NULL) {
			parse_warn(p, "%s says %s but the bytes are UTF-8; read "
			    "as UTF-8", source, enc);
			parse_decode_open(&p->dec, "utf-8");
		}
	}
	free(decl);
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
parse_decode_strip(struct str *s, size_t from)
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

/* Where the first C1 character (C2 80-C2 9F) of UTF-8 text is, or n. */
static size_t
parse_decode_c1_at(const char *s, size_t n)
{
	const char	*e = s + n, *q, *p = s;

	while ((q = memchr(p, 0xc2, (size_t)(e - p))) != NULL) {
		if (q + 1 < e && (unsigned char)q[1] >= 0x80 &&
		    (unsigned char)q[1] < 0xa0)
			return ((size_t)(q - s));
		p = q + 1;
	}
	return (n);
}

/*
 * Decode UTF-8 input: validate, replace invalid sequences, keep a cut
 * tail. Text pasted from Windows into a UTF-8 feed has windows-1252's
 * quotes and dashes in it, as bytes 0x80-0x9F on their own or as the C1
 * characters U+0080-U+009F: both are read as windows-1252 ("don\x92t"
 * is "don't" with U+2019, not "don?t" nor "dont"), a lone byte only
 * after ASCII (after a lead byte it is a broken sequence, U+FFFD).
 */
static inline __attribute__((always_inline)) size_t
parse_decode_valid(const unsigned char *u, size_t i, size_t n, bool c1,
    size_t *k)
{
	unsigned int	c;

	for (;;) {
		while (i < n && u[i] < 0x80)
			i++;
		if (i >= n)
			return (i);
		*k = utf8_fast(u + i, n - i, &c);
		if (*k == 0 || (c1 && u[i] == 0xc2 && u[i + 1] < 0xa0))
			return (i);
		i += *k;
	}
}

static void
parse_decode_utf8(struct parse_decoder *d, const unsigned char *u, size_t n,
    bool last)
{
	size_t		i = 0, start, k = 0;
	bool		c1 = parse_decode_c1_at((const char *)u, n) < n;

	while (i < n) {
		start = i;
		/* (two loops: the one without C1 checks none) */
		i = c1 ? parse_decode_valid(u, i, n, true, &k) :
		    parse_decode_valid(u, i, n, false, &k);
		str_append(&d->out, (const char *)u + start, i - start);
		if (i >= n || u[i] < 0x80)
			continue;
		if (k == 2) {
			/* A C1 character: windows-1252's */
			utf8_put(&d->out, parse_cp1252(0x80u + (u[i + 1] & 0x1fu)));
			d->ncp1252++;
			i += 2;
			continue;
		}
		/* An invalid sequence, or one the chunk cuts. */
		if (!last && n - i < 4) {
			size_t need = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : 2, j;
			bool cut = u[i] >= 0xc2 && u[i] <= 0xf4 && n - i < need;

			for (j = i + 1; cut && j < n; j++)
				cut = (u[j] & 0xc0) == 0x80;
			if (cut) {
				memcpy(d->pend, u + i, n - i);
				d->npend = n - i;
				return;
			}
		}
		if (u[i] < 0xa0 && (i > 0 ? u[i - 1] < 0x80 : d->ascii_before) &&
		    parse_cp1252(u[i]) != u[i]) {
			utf8_put(&d->out, parse_cp1252(u[i]));
			d->ncp1252++;
		} else {
			str_append(&d->out, PARSE_DECODE_REPLACEMENT, 3);
			d->nreplaced++;
		}
		i++;
	}
}

/* Decode with iconv: invalid input becomes U+FFFD, a cut tail is kept. */
static void
parse_decode_iconv(struct parse_decoder *d, const unsigned char *u, size_t n,
    bool last)
{
	char	*in = (char *)u, *out;
	size_t	 inleft = n, outleft, r;

	while (inleft > 0) {
		str_reserve(&d->out, inleft * 3 + 16);
		out = d->out.ptr + d->out.len;
		outleft = d->out.cap - d->out.len - 1;
		r = iconv((iconv_t)d->iconv, &in, &inleft, &out, &outleft);
		d->out.len = (size_t)(out - d->out.ptr);
		d->out.ptr[d->out.len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !last && inleft < sizeof d->pend) {
			memcpy(d->pend, in, inleft);
			d->npend = inleft;
			return;
		}
		/* EILSEQ, or a cut character at the very end. */
		str_append(&d->out, PARSE_DECODE_REPLACEMENT, 3);
		d->nreplaced++;
		r = d->unit < inleft ? d->unit : inleft;
		in += r;
		inleft -= r;
	}
}

/*
 * The character the last chunk cut, completed from the first bytes of
 * buf (at most three) and decoded into d->out; returns how many bytes of
 * buf it took, or len when even those do not complete it (held again).
 */
static size_t
parse_decode_cut(struct parse_decoder *d, const char *buf, size_t len,
    bool last)
{
	unsigned char	t[sizeof d->pend + 4];
	size_t		need, take, n = d->npend;

	need = d->pend[0] >= 0xf0 ? 4 : d->pend[0] >= 0xe0 ? 3 : 2;
	take = need > n ? need - n : 0;
	if (take > len && !last && n + len < sizeof d->pend) {
		memcpy(d->pend + n, buf, len);
		d->npend = n + len;
		return (len);
	}
	if (take > len)
		take = len;
	memcpy(t, d->pend, n);
	memcpy(t + n, buf, take);
	d->npend = 0;
	parse_decode_utf8(d, t, n + take, true);
	parse_decode_strip(&d->out, 0);
	return (take);
}

/*
 * Decode one chunk of raw bytes (last for the final one) to UTF-8 without
 * NUL or the C0 controls XML forbids. *out is the input itself when
 * nothing needs doing (valid UTF-8, no such control, nothing held), else
 * the decoder's buffer, valid until the next call. In UTF-8, what is
 * valid and clean up to the first byte that is not is copied as it is,
 * and only the rest is read a character at a time: a chunk usually ends
 * inside a character, and the next begins with the rest of it.
 */
void
parse_decode(struct parse_decoder *d, const char *buf, size_t len, bool last,
    const char **out, size_t *outlen)
{
	struct str	 tmp;
	const char	*in = buf;
	size_t		 inlen = len, k, from;

	str_clear(&d->out);
	if (d->iconv == NULL) {
		if (d->npend > 0) {
			k = parse_decode_cut(d, buf, len, last);
			buf += k;
			len -= k;
		}
		k = sanitize_clean_prefix((const unsigned char *)buf, len, true);
		k = parse_decode_c1_at(buf, k);
		if (k == len && d->out.len == 0) {
			if (len > 0)
				d->ascii_before = (unsigned char)buf[len - 1] <
				    0x80;
			*out = buf;
			*outlen = len;
			return;
		}
		str_append(&d->out, buf, k);
		if (k > 0)
			d->ascii_before = (unsigned char)buf[k - 1] < 0x80;
		from = d->out.len;
		parse_decode_utf8(d, (const unsigned char *)buf + k, len - k,
		    last);
		if (len > 0)
			d->ascii_before = (unsigned char)buf[len - 1] < 0x80;
		parse_decode_strip(&d->out, from);
		*out = str_cstr(&d->out);
		*outlen = d->out.len;
		return;
	}
	str_init(&tmp);
	if (d->npend > 0) {
		str_append(&tmp, (const char *)d->pend, d->npend);
		str_append(&tmp, buf, len);
		in = tmp.ptr;
		inlen = tmp.len;
		d->npend = 0;
	}
	parse_decode_iconv(d, (const unsigned char *)in, inlen, last);
	str_free(&tmp);
	parse_decode_strip(&d->out, 0);
	*out = str_cstr(&d->out);
	*outlen = d->out.len;
}

/* Free what a decoder holds (it may be used again after parse_decode_open). */
void
parse_decode_free(struct parse_decoder *d)
{
	if (d->iconv != NULL)
		iconv_close((iconv_t)d->iconv);
	d->iconv = NULL;
	free(d->encoding);
	d->encoding = NULL;
	str_free(&d->out);
}
