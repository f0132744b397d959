/*
 * HTML from feeds, read with libxml2's HTML parser (tolerant of broken
 * markup; no network, no DTD, no entity from outside, the encoding always
 * UTF-8): its plain text, for titles and the search index, and its links
 * made absolute. The article renderer (styled paragraphs) is built on the
 * same reader next. No curses, no cache: text in, text out.
 */
#ifndef AKHBAR_HTML_H
#define AKHBAR_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* Whether text looks like HTML: an end tag or an entity reference. */
bool	 html_looks_like(const char *);

/*
 * The plain text of n bytes of HTML as one sanitised line: tags, comments,
 * scripts and styles out, entities decoded, white space collapsed, a
 * space where a block (a paragraph, a line break, a cell) ends.
 */
char	*html_strip(const char *, size_t);

/*
 * How html_links makes a link absolute: the reference as the fragment
 * writes it (len bytes, not NUL-terminated, references not decoded) as an
 * allocated absolute URL, or NULL to leave it as it is (it is absolute
 * already, only a fragment, or empty).
 */
typedef char	*(*html_link_fn)(const char *, size_t, void *);

/*
 * n bytes of HTML with the URL attributes (href, src, ...) of its start
 * tags made absolute by fn, the rest byte for byte as it was; NULL when
 * nothing changed.
 */
char	*html_links(const char *, size_t, html_link_fn, void *);

#endif
