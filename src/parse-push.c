/*
 * The push interface (parse.h): a document arrives in chunks and goes,
 * chunk by chunk, through the decoder (parse-decode.c), then for XML the
 * entity filter and pre-lexer (parse-prelex.c) and libxml2 with the
 * formats' handlers (parse-xml.c, the table below), or json-c
 * (parse-json.c). The first PARSE_SNIFF_BYTES are held until the encoding
 * and the format can be decided from the content. This is the family's
 * top: nothing in it is called from the other parse files.
 */
#include "config.h"

#include "parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-priv.h"
#include "str.h"
#include "xmalloc.h"

#define PARSE_SLICE_BYTES	(32 * 1024)	/* parse_feed_raw's slices */

/*
 * The XML feed formats, each with the namespaces it reads: the glue hands
 * an element to the first format here that owns its namespace.
 */
static const struct parse_format *const parse_formats[] = {
	&parse_atom_format,
	&parse_rss_format,
};

/* Start a parser; see parse.h. */
struct parse *
parse_new(const char *url, const char *content_type, parse_item_cb cb,
    void *arg)
{
	struct parse	*p;

	p = xcalloc(1, sizeof *p);
	p->url = url != NULL && *url != '\0' ? xstrdup(url) : NULL;
	p->cb = cb;
	p->arg = arg;
	p->feed = feed_new();
	str_init(&p->head);
	str_init(&p->dec.out);
	parse_prelex_init(&p->prelex, true);
	str_init(&p->person_name);
	str_init(&p->person_email);
	p->charset = parse_decode_charset(content_type);
	return (p);
}

/* Report what the entity filter had to say about the last chunk. */
static void
parse_feed_warnings(struct parse *p)
{
	size_t	i;

	for (i = 0; i < p->prelex.warnings.n; i++)
		parse_warn(p, "%s", p->prelex.warnings.v[i]);
	strv_free(&p->prelex.warnings);
}

/* Decode one slice of raw bytes and pass it on. */
static void
parse_feed_slice(struct parse *p, const char *buf, size_t len, bool last)
{
	const char	*out;
	size_t		 outlen;

	parse_decode(&p->dec, buf, len, last, &out, &outlen);
	if (p->kind == PARSE_KIND_XML) {
		parse_prelex_chunk(&p->prelex, out, outlen, last, &out, &outlen);
		if (p->prelex.warnings.n > 0)
			parse_feed_warnings(p);
		parse_xml_push(p->xml, out, outlen, last);
	} else if (p->kind == PARSE_KIND_HTML) {
		parse_html_push(p->html, out, outlen, last);
		if (last)
			parse_html_fail(p);
	} else {
		if (outlen > 0)
			parse_json_push(p->json, out, outlen);
		if (last)
			parse_json_finish(p->json);
	}
}

/*
 * Decide the encoding and the format from the first n bytes and start the
 * parser for the format; returns what parse_decode_sniff does.
 */
static long
parse_start(struct parse *p, const char *head, size_t n, bool final)
{
	long	skip;

	if ((skip = parse_decode_sniff(p, head, n, final)) < 0)
		return (skip);
	if (p->kind == PARSE_KIND_XML)
		p->xml = parse_xml_new(p, parse_formats,
		    sizeof parse_formats / sizeof parse_formats[0]);
	else if (p->kind == PARSE_KIND_HTML)
		p->html = parse_html_new(p);
	else
		p->json = parse_json_new(p);
	return (skip);
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

	while (p->kind == PARSE_KIND_XML && p->dec.iconv == NULL &&
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
		if ((skip = parse_start(p, buf, len, false)) == -2)
			str_append(&p->head, buf, len);
		else if (skip < 0)
			return (-1);
		else
			parse_feed_raw(p, buf + skip, len - (size_t)skip, false);
	} else if (!p->decided) {
		str_append(&p->head, buf, len);
		if (p->head.len < PARSE_SNIFF_BYTES)
			return (0);
		if ((skip = parse_start(p, p->head.ptr, p->head.len,
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
	long		 skip;

	if (p->finished) {
		*cause = xstrdup("parse_finish called twice");
		return (NULL);
	}
	p->finished = true;
	if (!p->failed && !p->decided) {
		if ((skip = parse_start(p, str_cstr(&p->head), p->head.len,
		    true)) >= 0)
			parse_feed_raw(p, p->head.ptr + skip,
			    p->head.len - (size_t)skip, true);
		str_free(&p->head);
	} else if (!p->failed)
		parse_feed_raw(p, "", 0, true);
	if (p->dec.nreplaced > 0)
		parse_warn(p, "%zu invalid byte sequence%s in %s replaced by "
		    "U+FFFD", p->dec.nreplaced, p->dec.nreplaced == 1 ? "" : "s",
		    p->dec.encoding != NULL ? p->dec.encoding : "the document");
	if (p->dec.ncp1252 > 0)
		parse_warn(p, "%zu windows-1252 character%s in UTF-8 read as "
		    "such", p->dec.ncp1252, p->dec.ncp1252 == 1 ? "" : "s");
	if (!p->failed && p->feed->format == NULL) {
		if (p->warnings.n > 0)
			parse_fail(p, "no root element could be read (%s)",
			    p->warnings.v[0]);
		else
			parse_fail(p, "no root element");
	}
	return (parse_feed_end(p, cause));
}

/* Free a parser; see parse.h. */
void
parse_free(struct parse *p)
{
	if (p == NULL)
		return;
	parse_xml_free(p->xml);
	parse_json_free(p->json);
	parse_html_free(p->html);
	parse_decode_free(&p->dec);
	parse_prelex_free(&p->prelex);
	str_free(&p->head);
	free(p->charset);
	parse_state_free(p);
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
