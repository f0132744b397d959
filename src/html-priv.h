/*
 * Declarations shared by the html family (html*.c) and nobody else but
 * its white-box tests. html.c is the family's base: it runs libxml2's HTML
 * parser over a fragment with the family's options, events to the
 * caller's SAX handler, and says where in the fragment the parser is.
 * html-strip.c, html-links.c and html-render.c call down into it, never
 * into each other; html-render.c hands the tables it gathers to
 * html-table.c, which sets them.
 */
#ifndef AKHBAR_HTML_PRIV_H
#define AKHBAR_HTML_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>

#include "doc.h"
#include "html.h"
#include "layout.h"
#include "str.h"

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

/* The digits an ordered list is numbered in. */
enum html_digits {
	HTML_DIGITS_ASCII,	/* 0-9 */
	HTML_DIGITS_ARABIC,	/* U+0660-0669, Arabic-Indic */
	HTML_DIGITS_PERSIAN,	/* U+06F0-06F9, extended Arabic-Indic */
	HTML_DIGITS
};

/* An open list. */
struct html_list {
	bool		 ordered;
	char		 type;		/* '1', 'a', 'A', 'i', 'I' */
	int		 next;		/* the next item's number */
	int		 step;		/* 1, or -1 when reversed */
	enum html_digits digits;
	int		 width;		/* cells of its widest marker */
	int		 depth;		/* lists around it, and it */
	int		 indent;	/* where its markers go */
	bool		 first;		/* no item of it yet */
};

/* An open link, numbered when the first thing inside it is shown. */
struct html_link {
	char		*url;
	int		 no;
	size_t		 blocks;	/* the doc's blocks when it opened */
	size_t		 text;		/* the block's text length then */
};

/* What the elements around the text say. */
struct html_ctx {
	int		 style;		/* DOC_* flags */
	enum layout_dir	 dir;		/* of the blocks made here */
	enum doc_kind	 kind;
	int		 level;
	int		 indent;
	int		 quote;
	struct html_list *list;
	bool		 pre;
	bool		 figure;
};

/*
 * A rendering: the walk of html-render.c, the block it gathers
 * (html-block.c), its lists (html-list.c) and media (html-media.c).
 */
struct html_render {
	struct doc	*doc;
	const struct html_render_opts *opts;
	const char	*words[HTML_WORDS];
	struct layout_config lcfg;
	struct html_ctx	 cx;
	struct html_link *link;
	xmlNodePtr	 root;		/* the tree, for the article's digits */
	int		 digits[HTML_DIGITS];
	bool		 digits_known;

	/* The block being gathered (or a table's cell). */
	struct str	 text;
	struct layout_run *runs;
	size_t		 nruns;
	size_t		 runs_size;
	bool		 visible;	/* something shown is in it */
	bool		 media;		/* nothing but placeholders is */
	bool		 space;		/* a collapsed blank waits */
	int		 space_style;
	bool		 br;		/* it goes right under the last block */
	int		 brs;		/* <br> since the last text */
	char		*marker;	/* an item's marker, for its first block */
	int		 marker_indent;
	bool		 marker_first;	/* of a list's first item, not nested */
	size_t		 figure_start;	/* the doc's blocks when it opened */
	bool		 cell;		/* gathering a table cell */
	int		 pre_lines;	/* lines of the open <pre> so far */
	bool		 pre_text;	/* it has had text */
	int		 col;		/* the column in it, for tabs */
};


/* One cell of a table, gathered by html-render.c as styled text. */
struct html_cell {
	char		*text;		/* one line, sanitised */
	size_t		 len;
	struct layout_run *runs;
	size_t		 nruns;
	int		 row;
	int		 col;		/* its first column */
	int		 span;		/* columns it takes */
	bool		 head;		/* a <th> */
};

/* A table to set as aligned columns or as "label: value" rows. */
struct html_table {
	struct html_cell *cells;	/* row by row, in order */
	size_t		 ncells;
	size_t		 size;
	int		 nrows;
	int		 ncols;
	bool		 head;		/* its first row heads the columns */
	enum layout_dir	 dir;		/* the hint of the block around it */
	int		 indent;	/* as the block around it */
	int		 quote;
	int		 width;		/* columns of the view */
	const struct layout_config *cfg;
};

/* html-links.c: for tests, skip the first pass (libxml2 reads everything) */
extern bool	 html_links_always_read;

/* html.c */
void	 html_sax_init(htmlSAXHandler *);
bool	 html_read(const char *, size_t, htmlSAXHandler *, void *);
htmlDocPtr html_tree(const char *, size_t);
const char *html_attr(xmlNodePtr, const char *);
int	 html_int(xmlNodePtr, const char *, int);
bool	 html_is(xmlNodePtr, const char *);

/* html-url.c */
char	*html_url_make(const struct html_render_opts *, const char *);

/* html-block.c */
void	 html_block_reset(struct html_render *);
void	 html_block_put(struct html_render *, const char *, size_t, int);
void	 html_block_blank(struct html_render *);
void	 html_block_format(struct html_render *, const char *, bool);
struct doc_block *html_block_add(struct html_render *, enum doc_kind,
	    const char *, size_t, const struct layout_run *, size_t);
void	 html_block_flush(struct html_render *);
void	 html_block_boundary(struct html_render *);
void	 html_block_pre_line(struct html_render *, bool);
void	 html_block_text(struct html_render *, const char *, size_t);
void	 html_block_linkno(struct html_render *, int, size_t);
void	 html_block_placeholder(struct html_render *, const char *,
	    const char *);

/* html-list.c */
void	 html_list_open(struct html_render *, xmlNodePtr, struct html_list *);
void	 html_list_item(struct html_render *, xmlNodePtr, struct html_list *);

/* html-media.c */
char	*html_media_alt(const char *);
void	 html_media_img(struct html_render *, xmlNodePtr);
void	 html_media_av(struct html_render *, xmlNodePtr);

/* html-table.c */
void	 html_table_set(struct doc *, struct html_table *);
void	 html_table_free(struct html_table *);
size_t	 html_offset(const struct html_reader *);
bool	 html_name_in(const char *, const char *const *);

/*
 * ---- the article extractor: html-article.c (the page's tree, scores,
 * the block chosen) calls html-page.c (what the page says of itself) and
 * html-clean.c (the block written back as clean HTML); html-page.c calls
 * html-clean.c; none calls back up; all call html.c. html-charset.c (a
 * page's bytes as UTF-8) calls nothing of the family.
 */

/* What the extractor knows of an element (its _private points here). */
struct html_art_node {
	xmlNodePtr	 n;
	unsigned int	 flags;		/* HTML_ART_* below */
	int		 weight;	/* what its class and id say */
	double		 score;		/* a candidate's */
	size_t		 chars;		/* characters of text in it */
	size_t		 inline_chars;	/* ... not inside a block in it */
	size_t		 commas;
	size_t		 inline_commas;
	double		 link_chars;	/* ... inside links (#links a third) */
	size_t		 heading_chars;	/* ... inside headings */
	size_t		 li_chars;	/* ... inside list items */
	int		 p;		/* elements inside it */
	int		 img;
	int		 li;
	int		 input;
	int		 embed;
};
#define HTML_ART_NEVER		0x01	/* never part of an article (scripts,
					   forms' controls, hidden) */
#define HTML_ART_UNLIKELY	0x02	/* its class, id or role says not */
#define HTML_ART_OFF		0x04	/* left out in this attempt */
#define HTML_ART_BLOCK		0x08	/* a block element */
#define HTML_ART_CAND		0x10	/* a candidate: score is set */
#define HTML_ART_HINT		0x20	/* itemprop=articleBody */

/* What an attempt does (readability's flags, dropped one by one). */
#define HTML_ART_STRIP		0x1	/* leave out unlikely elements */
#define HTML_ART_WEIGHT		0x2	/* weigh classes and ids */
#define HTML_ART_CLEAN		0x4	/* clean the block conditionally */

/* One extraction: the page's tree and what an attempt writes. */
struct html_art {
	const struct html_article_opts *opts;
	struct html_art_node *nodes;	/* every element, in document order */
	size_t		 nnodes;
	char		*base;		/* the base of relative links */
	int		 mode;		/* HTML_ART_STRIP ... of the attempt */
	bool		 title_done;	/* a heading repeating the title went */
	struct str	 out;		/* the article written so far */
	size_t		 chars;		/* ... its characters of text */
	size_t		 paragraphs;	/* ... its blocks of text */
};

#define HTML_PAGE_LDJSON	16	/* JSON-LD scripts read */

/* What the page's <head> says, and what the first walk finds. */
struct html_page {
	struct html_article	*r;		/* filled in as it goes */
	char			*base;		/* <base href>, as written */
	char			*canonical;	/* as written */
	char			*og_url;
	char			*image;
	char			*title;		/* <title> */
	char			*og_title;
	char			*description;
	char			*og_description;
	size_t			 script_bytes;
	xmlNodePtr		 ldjson[HTML_PAGE_LDJSON];
	size_t			 nldjson;
	bool			 paywall;
};

/* html-page.c */
void	 html_page_element(struct html_page *, xmlNodePtr);
void	 html_page_finish(struct html_art *, struct html_page *);
char	*html_page_ldjson_body(struct html_page *);
bool	 html_page_ldjson_paywall(struct html_page *);
void	 html_page_from_text(struct html_art *, const char *);
void	 html_page_clear(struct html_page *);

/* html-clean.c */
void	 html_clean_write(struct html_art *, xmlNodePtr, bool);
size_t	 html_clean_chars(const char *, size_t, size_t *);
void	 html_clean_text(xmlNodePtr, struct str *, size_t);
bool	 html_clean_is_block(const char *);
bool	 html_clean_conditionally(const struct html_art *,
	    const struct html_art_node *);
void	 html_clean_escape(struct str *, const char *, bool);

#endif
