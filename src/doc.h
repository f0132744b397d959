/*
 * A rendered article: what the article view lays out and paints. A list of
 * blocks, each one paragraph of UTF-8 text with style runs, a direction
 * hint, an indent and a kind (paragraph, heading, list item with its
 * marker, quote, preformatted), plus the article's numbered links. Text
 * layer: no curses, no cache. The HTML renderer fills it from markup; until
 * it does, doc_from_text() and doc_from_html() fill it from sanitised text.
 */
#ifndef AKHBAR_DOC_H
#define AKHBAR_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

/* What a block is. */
enum doc_kind {
	DOC_PARA = 0,		/* a paragraph, wrapped */
	DOC_HEADING,		/* a heading; level is 1 to 6 */
	DOC_ITEM,		/* a list item; marker is "•" or "3." */
	DOC_QUOTE,		/* a quoted paragraph; level is the depth */
	DOC_PRE			/* verbatim: never wrapped, always LTR */
};

/* Style flags of a run (struct layout_run.style). */
#define DOC_BOLD	0x01
#define DOC_ITALIC	0x02
#define DOC_UNDERLINE	0x04
#define DOC_CODE	0x08
#define DOC_LINK	0x10	/* the link's number is in the high bits */
#define DOC_QUOTE_STYLE	0x20
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
};

/* A link of the article, numbered from 1 in the order of first use. */
struct doc_link {
	char		*url;
};

/* A whole article. */
struct doc {
	struct doc_block *blocks;
	size_t		 nblocks;
	size_t		 blocks_size;
	struct doc_link	*links;
	size_t		 nlinks;
	size_t		 links_size;
};

struct doc	*doc_new(void);
void		 doc_free(struct doc *);
struct doc_block *doc_add(struct doc *, enum doc_kind, const char *,
		     size_t, enum layout_dir);
void		 doc_add_run(struct doc_block *, size_t, size_t, int);
int		 doc_add_link(struct doc *, const char *);
void		 doc_from_text(struct doc *, const char *, enum layout_dir);
void		 doc_from_html(struct doc *, const char *, enum layout_dir);

#endif
