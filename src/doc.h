/*
 * A rendered article: what the article view lays out and paints. A list of
 * blocks, each one paragraph of UTF-8 text with style runs, a direction
 * hint, an indent and a kind, plus the article's numbered links. Text
 * layer: no curses, no cache. The HTML renderer (html.h: html_render,
 * html_item_render) fills it from markup, doc_from_text() from plain text.
 *
 * How a block is set at a width (doc_text() does exactly this, and the
 * article view paints the same):
 *
 * - A blank line comes before every block but the first, unless the
 *   block is tight (a list item after an item, a line of a <pre>, a table
 *   row, a caption under its figure, a line after a <br>).
 * - The block takes the columns left after indent (counted from the
 *   reading side: the left of an LTR paragraph, the right of an RTL one)
 *   and its marker (list items: the marker, then one blank). The first
 *   `quote` pairs of the indent columns hold a quote bar (U+2502) and a
 *   blank each, outermost first.
 * - The text is wrapped at what is left and each line set in the block's
 *   direction: layout_para_new(text, len, runs, nruns, dir, config); an
 *   RTL paragraph is right-aligned, its marker on its right.
 * - DOC_PRE and DOC_ROW are never wrapped (one line each); DOC_RULE has
 *   no text: a line of U+2500 across the columns.
 * - DOC_ROW lines were made for doc->width columns: when the view's width
 *   changes and doc->width is not 0, render the article again.
 */
#ifndef AKHBAR_DOC_H
#define AKHBAR_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

/* What a block is. */
enum doc_kind {
	DOC_PARA = 0,		/* a paragraph, wrapped */
	DOC_HEADING,		/* a heading; level is 1 to 6; text is bold */
	DOC_ITEM,		/* a list item; marker is "•" or "3.", or NULL
				   for a later paragraph of the same item */
	DOC_QUOTE,		/* a quoted paragraph; level is the depth */
	DOC_PRE,		/* verbatim: never wrapped, always LTR */
	DOC_RULE,		/* a horizontal rule: no text */
	DOC_ROW,		/* a table row in aligned columns: one line,
				   never wrapped, in the table's direction */
	DOC_CAPTION,		/* the caption of a figure or a table */
	DOC_TERM,		/* a term of a definition list (bold) */
	DOC_DEFINITION,		/* a definition, indented under its term */
	DOC_MEDIA		/* placeholders alone: "[image: alt][2]" */
};

/* Style flags of a run (struct layout_run.style). */
#define DOC_BOLD	0x01
#define DOC_ITALIC	0x02
#define DOC_UNDERLINE	0x04
#define DOC_CODE	0x08
#define DOC_LINK	0x10	/* the link's number is in the high bits */
#define DOC_QUOTE_STYLE	0x20
#define DOC_PLACEHOLDER	0x40	/* the words of a placeholder, "[image: …]" */
#define DOC_LINK_SHIFT	8
#define DOC_STYLE_LINK(n) (DOC_LINK | ((n) << DOC_LINK_SHIFT))
#define DOC_STYLE_LINKNO(s) ((s) >> DOC_LINK_SHIFT)

/* One paragraph of the article. */
struct doc_block {
	enum doc_kind	 kind;
	char		*text;		/* UTF-8, sanitised; one logical line */
	size_t		 len;
	struct layout_run *runs;	/* style runs over text, in order */
	size_t		 nruns;
	enum layout_dir	 dir;		/* direction hint */
	int		 indent;	/* columns before the text (nesting) */
	int		 level;		/* heading level, quote or list depth */
	char		*marker;	/* list item marker, or NULL */
	int		 quote;		/* blockquote depth: bars in the indent */
	bool		 tight;		/* no blank line before it */
};

/* What a link points at. */
enum doc_link_kind {
	DOC_LINK_PAGE = 0,	/* <a href> */
	DOC_LINK_IMAGE,		/* <img src> */
	DOC_LINK_AUDIO,		/* <audio>, an audio enclosure */
	DOC_LINK_VIDEO,		/* <video>, a video enclosure */
	DOC_LINK_FILE		/* another enclosure */
};

/* A link of the article, numbered from 1 in the order of first use. */
struct doc_link {
	char		*url;
	enum doc_link_kind kind;
};

/* A whole article. */
struct doc {
	struct doc_block *blocks;
	size_t		 nblocks;
	size_t		 blocks_size;
	struct doc_link	*links;
	size_t		 nlinks;
	size_t		 links_size;
	int		 width;		/* DOC_ROW blocks were set for this
					   many columns; 0: none depend on it */
	size_t		*link_index;	/* doc.c's: links by URL hash */
	size_t		 link_index_size;
};

struct doc	*doc_new(void);
void		 doc_free(struct doc *);
struct doc_block *doc_add(struct doc *, enum doc_kind, const char *,
		     size_t, enum layout_dir);
void		 doc_add_run(struct doc_block *, size_t, size_t, int);
int		 doc_add_link(struct doc *, const char *);
int		 doc_add_link_kind(struct doc *, const char *,
		     enum doc_link_kind);
void		 doc_append(struct doc_block *, const char *, size_t, int);
void		 doc_from_text(struct doc *, const char *, enum layout_dir);
char		*doc_text(const struct doc *, int,
		     const struct layout_config *, bool);

#endif
