/*
 * HTML to plain text, for titles that feeds mark up, for the plain-text
 * fallback and for the search index: what a reader would see, on one
 * line. libxml2's HTML parser (html.c) finds the tags, comments, scripts
 * and entities; this file keeps the text, drops script and style bodies,
 * and puts a space where a block ends so that "one<br>two" does not read
 * "onetwo". Text without '<' or '&' has no markup to read and goes
 * straight to the sanitiser.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "html-priv.h"
#include "sanitize.h"
#include "str.h"

/* Elements whose start or end breaks a word. */
static const char *const html_strip_blocks[] = {
	"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2",
	"h3", "h4", "h5", "h6", "hr", "blockquote", "table", "img", NULL
};

/* SAX: text and decoded references are kept. */
static void
html_strip_text(void *ctx, const xmlChar *ch, int len)
{
	struct html_reader	*r = ctx;

	if (len > 0)
		str_append(r->arg, (const char *)ch, (size_t)len);
}

/* SAX: a script's or a style's body goes. */
static void
html_strip_drop(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx;
	(void)ch;
	(void)len;
}

/*
 * SAX: a block's start breaks the text. Text outside any element comes
 * with a <p> libxml2 implies (HTML_PARSE_NOIMPLIED or not), which the
 * fragment does not have and which breaks nothing: its start is not at
 * the '>' of a tag of its own.
 */
static void
html_strip_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html_reader	*r = ctx;
	size_t			 off;

	if (!html_name_in((const char *)name, html_strip_blocks))
		return;
	if (atts == NULL && strcmp((const char *)name, "p") == 0) {
		off = html_offset(r);
		if (off >= r->len || (r->text[off] != '>' &&
		    r->text[off] != '/'))
			return;
	}
	str_appendc(r->arg, ' ');
}

/* SAX: and so does its end. */
static void
html_strip_end(void *ctx, const xmlChar *name)
{
	struct html_reader	*r = ctx;

	if (html_name_in((const char *)name, html_strip_blocks))
		str_appendc(r->arg, ' ');
}

/* The plain text of a fragment of HTML as one line; see html.h. */
char *
html_strip(const char *s, size_t n)
{
	htmlSAXHandler	 sax;
	struct str	 text;
	char		*out, *clean = NULL;

	if (memchr(s, '<', n) == NULL && memchr(s, '&', n) == NULL)
		return (sanitize_line(s, n));
	if (sanitize_clean_prefix((const unsigned char *)s, n, true) != n) {
		/* html_read wants valid UTF-8: invalid bytes are U+FFFD. */
		clean = sanitize_text(s, n);
		s = clean;
		n = strlen(clean);
	}
	html_sax_init(&sax);
	sax.startElement = html_strip_start;
	sax.endElement = html_strip_end;
	sax.characters = html_strip_text;
	sax.ignorableWhitespace = html_strip_text;
	sax.cdataBlock = html_strip_drop;
	str_init(&text);
	str_reserve(&text, n);
	text.ptr[0] = '\0';
	html_read(s, n, &sax, &text);
	out = sanitize_line(str_cstr(&text), text.len);
	str_free(&text);
	free(clean);
	return (out);
}
