/*
 * HTML from feeds, read with libxml2's HTML parser (tolerant of broken
 * markup; no network, no DTD, no entity from outside, the encoding always
 * UTF-8): its plain text, for titles and the search index, its links made
 * absolute, and the article rendered as styled blocks (doc.h) for the
 * article view and --render. No curses, no cache: text in, data out.
 */
#ifndef AKHBAR_HTML_H
#define AKHBAR_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "feed.h"
#include "layout.h"

struct doc;

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

/*
 * The words the renderer puts in an article, in English in html_words
 * (marked for gettext): the caller passes them translated in
 * html_render_opts.words, or NULL for English.
 */
enum html_word {
	HTML_WORD_IMAGE,	/* "[image: alt]" */
	HTML_WORD_AUDIO,	/* "[audio: 12 MB, audio/mpeg]" */
	HTML_WORD_VIDEO,
	HTML_WORD_FILE,		/* an enclosure neither audio nor video */
	HTML_WORD_LINKS,	/* the heading of the list of links */
	HTML_WORD_BYTES,	/* units of an enclosure's size */
	HTML_WORD_KB,
	HTML_WORD_MB,
	HTML_WORD_GB,
	HTML_WORD_AND,		/* between size and type: ", " */
	HTML_WORDS
};
extern const char *const html_words[HTML_WORDS];

/* How an article is rendered. */
struct html_render_opts {
	enum layout_dir	 dir;		/* the feed's direction hint: what a
					   block without dir= or lang= gets */
	int		 width;		/* columns of the view, for tables */
	const struct layout_config *layout;	/* how the view lays text
					   out (widths); NULL: defaults */
	html_link_fn	 resolve;	/* relative links made absolute (the
					   item's link, then the feed's);
					   NULL: they are not offered */
	void		*resolve_arg;
	const char	*const *words;	/* HTML_WORDS words, or NULL */
	bool		 link_list;	/* html_item_render ends with the
					   list of links */
};

void	 html_render_opts_default(struct html_render_opts *);

/*
 * Render n bytes of an article body, HTML or plain text, as blocks added
 * to a doc (its links numbered on from those it has).
 */
void	 html_render(struct doc *, const char *, size_t, enum feed_text,
	    const struct html_render_opts *);

/*
 * Render an item's body into a doc: its summary unless the content says
 * the same, its content, its enclosures not already in the body, and the
 * list of links when the options ask for it.
 */
void	 html_item_render(struct doc *, const struct item *,
	    const struct html_render_opts *);

/* ---- the article of a web page (html-article.c) ---- */

/*
 * How a reference of the page is made absolute against a base URL: an
 * allocated absolute URL, or NULL when it cannot be (url_resolve does it;
 * the text layer has no URL parser of its own).
 */
typedef char	*(*html_resolve_fn)(const char *, const char *);

/* What html_article_extract is told of the page. */
struct html_article_opts {
	const char	*url;		/* where the page came from, after
					   redirects: the base of its links */
	const char	*content_type;	/* the HTTP Content-Type, or NULL */
	html_resolve_fn	 resolve;	/* NULL: links stay as written */
	const char	*title;		/* the item's title (a heading that
					   repeats it is left out), or NULL */
};

/*
 * The article of a page: the block a reader's mode would show, as clean
 * HTML (the elements and attributes html_render reads, links and images
 * absolute, dir= and lang= kept), with what the page's <head> says of it.
 * Every string is sanitised UTF-8, allocated, NULL when absent.
 */
struct html_article {
	char		*html;		/* the article; NULL when none was found */
	size_t		 len;
	size_t		 chars;		/* characters of text in it */
	size_t		 paragraphs;	/* its blocks of text */
	char		*title;		/* og:title, else <title> */
	char		*url;		/* <link rel=canonical>, else og:url */
	char		*site;		/* og:site_name */
	char		*author;	/* <meta name=author>, article:author */
	char		*image;		/* og:image */
	char		*excerpt;	/* og:description, else description */
	char		*published;	/* article:published_time, as written */
	char		*lang;		/* the article's language (lang=) */
	enum feed_dir	 dir;		/* its direction (dir=), else AUTO */
	char		*charset;	/* the encoding the page was read in */
	int		 reason;	/* enum reason_kind: REASON_NONE, or
					   why there is no article */
	char		*detail;	/* words about it, or NULL */
};

/*
 * Find the article in n bytes of a web page (any encoding: the BOM, the
 * HTTP charset, <meta charset> or, undeclared and not UTF-8,
 * windows-1256). Returns 0 with a->html set, or -1 with a->reason (not a
 * web page, no article, a paywall, a page written by scripts) and
 * whatever metadata the page had. Work and memory are bounded by n.
 */
int	 html_article_extract(const char *, size_t,
	    const struct html_article_opts *, struct html_article *);
/* Free what an extraction allocated; the struct may be reused. */
void	 html_article_clear(struct html_article *);

/*
 * n bytes of a web page as sanitised UTF-8 (*len bytes), decoded from the
 * encoding its BOM, the HTTP Content-Type, a <meta> or <?xml?>
 * declaration name (in that order), else UTF-8 when it is valid and
 * windows-1256 when not; *charset says which (both allocated).
 */
char	*html_charset_decode(const char *, size_t, const char *, size_t *,
	    char **);

#endif
