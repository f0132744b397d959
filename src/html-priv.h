/*
 * Declarations shared by the html family (html*.c) and nobody else but
 * its white-box tests. html.c is the family's base: it runs libxml2's HTML
 * parser over a fragment with the family's options, events to the
 * caller's SAX handler, and says where in the fragment the parser is.
 * html-strip.c and html-links.c (and the renderer to come) call down into
 * it, never into each other.
 */
#ifndef AKHBAR_HTML_PRIV_H
#define AKHBAR_HTML_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>

#include "html.h"

/*
 * What every parse in the family asks of libxml2: recover from anything,
 * say nothing, never touch the network, keep text nodes small, add no
 * <html>/<body>/<p> the fragment does not have, and never switch the
 * encoding for a <meta charset> (the text is UTF-8 already).
 */
#define HTML_OPTIONS	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
	HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT | \
	HTML_PARSE_NOIMPLIED | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC)

/* One fragment being read: the SAX callbacks' ctx. */
struct html_reader {
	htmlParserCtxtPtr	 ctxt;
	const char		*text;		/* the fragment */
	size_t			 len;
	void			*arg;		/* the caller's */
};

/* html-links.c: for tests, skip the first pass (libxml2 reads everything) */
extern bool	 html_links_always_read;

/* html.c */
void	 html_sax_init(htmlSAXHandler *);
bool	 html_read(const char *, size_t, htmlSAXHandler *, void *);
size_t	 html_offset(const struct html_reader *);
bool	 html_name_in(const char *, const char *const *);

#endif
