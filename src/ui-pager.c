/*
 * The article view: a header (feed, title, author, date in the user's
 * locale, link) and the body as the article renderer makes it
 * (html_item_render: paragraphs, headings, lists, quotes, verbatim
 * lines, tables set for the view's width, placeholders, the numbered
 * links and their list), all one struct doc of styled blocks set the way
 * doc.h says and doc_text() does: a blank line before a block that is not
 * tight, indent, marker and quote bars on the block's reading side, each
 * paragraph wrapped and set in its own direction, verbatim lines and
 * table rows never wrapped (clipped, and verbatim lines scrolled
 * sideways with the arrow keys).
 *
 * Laid out lazily. Opening an article renders it but lays out only the
 * blocks on screen; every other block's lines are estimated from its
 * length, and the article's extent is the sum of what is known and what
 * is estimated, refined as blocks are laid out. The top of the screen is
 * a block and a line in it, so a refinement above it moves nothing that
 * is shown; moving lays out exactly the blocks it passes, and End the
 * last screen's. Only the blocks near the screen keep their layouts; the
 * others keep their line count for the width they were laid out at, and
 * a resize wraps again without analysing the text again (a doc whose
 * tables were set for the old width is rendered again).
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "html.h"
#include "i18n.h"
#include "url.h"
#include "xmalloc.h"

#define UI_PAGER_MARGIN	1		/* blank columns at either side */
#define UI_PAGER_FSI	"\xe2\x81\xa8"	/* U+2068 FIRST STRONG ISOLATE */
#define UI_PAGER_PDI	"\xe2\x81\xa9"	/* U+2069 POP DIRECTIONAL ISOLATE */
#define UI_PAGER_NOWRAP	(1 << 20)	/* the width PRE and ROW are set at */
#define UI_PAGER_MIN	4		/* the fewest columns a block's text gets */
#define UI_PAGER_BAR	0x2502		/* │ a quote's bar */
#define UI_PAGER_RULE	0x2500		/* ─ a horizontal rule */
#define UI_PAGER_MORE_R	0x203a		/* › in the margin: more on the right */
#define UI_PAGER_MORE_L	0x2039		/* ‹ in the margin: more on the left */

/* One block's layout, or what is known of it. */
struct ui_pblock {
	struct layout_para *para;	/* NULL when far from the screen */
	struct layout_para *mark;	/* the marker's, with para */
	int		 mw;		/* marker columns + the blank after it */
	int		 wrapped;	/* para is wrapped at this; 0: not */
	int		 avail;		/* nlines is exact at this; 0: estimated */
	int		 nlines;	/* lines of text, exact or estimated */
	int		 cols;		/* columns of the text on one line */
};

/* The article view. */
struct ui_pager {
	struct ui_view	 v;
	struct ui	*ui;
	struct ui_view	*list;		/* the article list it came from */
	int64_t		 item;
	int64_t		 feed;
	char		*feed_title;
	char		*link;
	struct item	*it;		/* the article, to render it again */
	char		*feed_url;	/* the feed's, looked up when needed */
	bool		 feed_url_read;
	struct doc	*doc;
	size_t		 nheader;	/* header blocks before the body */
	struct ui_pblock *pb;
	int64_t		 total;		/* lines, exact and estimated */
	size_t		 tb;		/* the block of the screen's top line */
	int		 tl;		/* and that line in it (its gap first) */
	bool		 end_known;	/* eb, el: the top of the last screen */
	size_t		 eb;
	int		 el;
	bool		 at_end;	/* the last line is on screen */
	int		 width;		/* of the text, without the margins */
	int		 hscroll;	/* columns of verbatim lines scrolled off */
	int		 over;		/* columns the widest of them on screen
					   goes past the right edge */
	enum layout_dir	 dir;		/* the body's direction hint */
	int64_t		 date;		/* the list row's, for an undated item */
	struct ui_full	 full;		/* the full article (ui-full.c) */
};

static struct ui_pager *
ui_pager_of(struct ui_view *v)
{
	return ((struct ui_pager *)v);
}

/* The columns of the view's text: the screen less the margins. */
static int
ui_pager_text_width(const struct ui *ui)
{
	int	w = ui->cols - 2 * UI_PAGER_MARGIN;

	return (w > UI_PAGER_MIN ? w : UI_PAGER_MIN);
}

/*
 * The renderer's resolver: a relative link against the item's link, else
 * the feed's URL (the address the feed was read from, the base of what it
 * holds; the parser resolved against xml:base and the site's link
 * already).
 */
static char *
ui_pager_resolve(const char *ref, size_t len, void *arg)
{
	struct ui_pager		*p = arg;
	struct db_feed_row	*f = NULL;
	const char		*base = NULL;
	char			*cause = NULL, *r, *abs;

	if (len == 0 || url_is_absolute(ref, len))
		return (NULL);
	if (p->it->link != NULL && url_is_absolute(p->it->link,
	    strlen(p->it->link)))
		base = p->it->link;
	else {
		if (!p->feed_url_read) {
			p->feed_url_read = true;
			if (db_feed_get(p->ui->db, p->feed, &f, &cause) != 0)
				free(cause);
			else if (f != NULL && f->url != NULL)
				p->feed_url = xstrdup(f->url);
			db_feed_rows_free(f, f != NULL ? 1 : 0);
		}
		base = p->feed_url;
	}
	if (base == NULL)
		return (NULL);
	r = xstrndup(ref, len);
	abs = url_resolve(base, r);
	free(r);
	return (abs);
}

/* Add a header line: a label, then a value isolated from it. */
static void
ui_pager_header(struct ui *ui, struct ui_pager *p, const char *label,
    const char *value, int style)
{
	struct doc_block	*b;
	char			*text;
	size_t			 ll;

	if (value == NULL || *value == '\0')
		return;
	xasprintf(&text, "%s " UI_PAGER_FSI "%s" UI_PAGER_PDI, label, value);
	b = doc_add(p->doc, DOC_PARA, text, strlen(text),
	    ui->rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR);
	ll = strlen(label);
	doc_add_run(b, 0, ll, UI_STYLE_LABEL);
	if (style != 0)
		doc_add_run(b, ll + 1, b->len - ll - 1, style);
	b->tight = p->nheader > 0;
	free(text);
	p->nheader++;
}

/*
 * About the columns of a block's text on one line, for estimates: a
 * column a code point, but none for harakat and other combining marks,
 * zero-width and bidi controls, and two for the wide scripts.
 */
static int
ui_pager_measure(const char *text, size_t len)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 i;
	int			 cols = 0;
	unsigned char		 c, d;

	for (i = 0; i < len; i++) {
		if ((c = s[i]) < 0x80) {
			cols++;
			continue;
		}
		if (c < 0xc0 || i + 1 >= len)
			continue;	/* a continuation byte */
		d = s[i + 1];
		if (c == 0xd9 ? (d >= 0x8b && d <= 0x9f) || d == 0xb0 :
		    c == 0xcc || (c == 0xcd && d < 0xb0))
			continue;	/* harakat, combining marks */
		if (c == 0xe2 && i + 2 < len && ((d == 0x80 &&
		    ((s[i + 2] >= 0x8b && s[i + 2] <= 0x8f) ||
		    (s[i + 2] >= 0xaa && s[i + 2] <= 0xae))) || (d == 0x81 &&
		    s[i + 2] >= 0xa6 && s[i + 2] <= 0xa9)))
			continue;	/* zero width, bidi controls */
		cols += c >= 0xe3 && c <= 0xed ? 2 : 1;
	}
	return (cols);
}

/* The columns block i's text is wrapped in, its marker taking mw. */
static int
ui_pager_avail(const struct ui_pager *p, size_t i, int mw)
{
	int	w = p->width - p->doc->blocks[i].indent - mw;

	return (w > UI_PAGER_MIN ? w : UI_PAGER_MIN);
}

/* Whether block i has a blank line before it. */
static int
ui_pager_gap(const struct ui_pager *p, size_t i)
{
	return (i > 0 && !p->doc->blocks[i].tight ? 1 : 0);
}

/* Block i's lines as counted now, its gap included (maybe estimated). */
static int
ui_pager_count(const struct ui_pager *p, size_t i)
{
	return (ui_pager_gap(p, i) + p->pb[i].nlines);
}

/* Estimate block i's lines at the view's width, unless they are known. */
static void
ui_pager_estimate(struct ui_pager *p, size_t i)
{
	struct ui_pblock	*pb = &p->pb[i];
	const struct doc_block	*b = &p->doc->blocks[i];
	int			 w, n;

	if (b->kind == DOC_PRE || b->kind == DOC_ROW || b->kind == DOC_RULE)
		n = 1;
	else {
		/* A line breaks at a word: about half of one is lost. */
		w = ui_pager_avail(p, i, pb->mw);
		w = w > 12 ? w - 3 : w;
		n = pb->cols > 0 ? (pb->cols + w - 1) / w : 1;
	}
	p->total += n - pb->nlines;
	pb->nlines = n;
	pb->avail = 0;
}

/*
 * Lay block i out at the view's width (again only when it changed);
 * returns its lines, its gap included.
 */
static int
ui_pager_layout(struct ui *ui, struct ui_pager *p, size_t i)
{
	struct ui_pblock		*pb = &p->pb[i];
	const struct doc_block		*b = &p->doc->blocks[i];
	const struct layout_line	*lines;
	int				 avail, n, k, nm;

	if (pb->para == NULL) {
		pb->para = layout_para_new(b->text, b->len, b->runs,
		    b->nruns, b->dir, &ui->lcfg);
		pb->wrapped = 0;
		if (b->marker != NULL && *b->marker != '\0') {
			pb->mark = layout_para_new(b->marker,
			    strlen(b->marker), NULL, 0,
			    layout_para_rtl(pb->para) ? LAYOUT_DIR_RTL :
			    LAYOUT_DIR_LTR, &ui->lcfg);
			layout_para_wrap(pb->mark, UI_PAGER_NOWRAP);
			lines = layout_para_lines(pb->mark, &nm);
			pb->mw = lines[0].width + 1;
		}
	}
	avail = ui_pager_avail(p, i, pb->mw);
	if (pb->wrapped == avail)
		return (ui_pager_count(p, i));
	if (b->kind == DOC_RULE)
		n = 1;
	else {
		n = layout_para_wrap(pb->para, b->kind == DOC_PRE ||
		    b->kind == DOC_ROW ? UI_PAGER_NOWRAP : avail);
		lines = layout_para_lines(pb->para, &n);
		for (pb->cols = 0, k = 0; k < n; k++)
			pb->cols += lines[k].width + 1;
	}
	pb->wrapped = avail;
	if (pb->avail != avail) {
		p->total += n - pb->nlines;
		pb->nlines = n;
		pb->avail = avail;
		/* A count that changed from the last screen's top on moves it. */
		if (p->end_known && i >= p->eb)
			p->end_known = false;
	}
	return (ui_pager_count(p, i));
}

/* Free block i's layout (its line count stays). */
static void
ui_pager_drop(struct ui_pager *p, size_t i)
{
	layout_para_free(p->pb[i].para);
	layout_para_free(p->pb[i].mark);
	p->pb[i].para = NULL;
	p->pb[i].mark = NULL;
	p->pb[i].wrapped = 0;
}

/* Free the layouts of blocks more than a screen from [lo, hi). */
static void
ui_pager_forget(struct ui *ui, struct ui_pager *p, size_t lo, size_t hi)
{
	size_t	i, r = (size_t)(ui->body_rows > 0 ? ui->body_rows : 1);

	for (i = 0; i < p->doc->nblocks; i++) {
		if (p->pb[i].para != NULL && (i + r < lo || i > hi + r))
			ui_pager_drop(p, i);
	}
}

/* Free every layout and what is known of the blocks. */
static void
ui_pager_clear(struct ui_pager *p)
{
	size_t	i;

	for (i = 0; p->pb != NULL && i < p->doc->nblocks; i++)
		ui_pager_drop(p, i);
	free(p->pb);
	p->pb = NULL;
}

/* Count the doc's blocks anew: estimates for all, nothing laid out. */
static void
ui_pager_count_all(struct ui *ui, struct ui_pager *p)
{
	const struct doc_block	*b;
	size_t			 i, n = p->doc->nblocks;

	p->width = ui_pager_text_width(ui);
	p->pb = xcalloc(n + 1, sizeof *p->pb);
	p->total = 0;
	for (i = 0; i < n; i++) {
		b = &p->doc->blocks[i];
		/* A marker is about as wide as its text and a blank. */
		if (b->marker != NULL && *b->marker != '\0')
			p->pb[i].mw = ui_pager_measure(b->marker,
			    strlen(b->marker)) + 1;
		p->pb[i].cols = ui_pager_measure(b->text, b->len);
		ui_pager_estimate(p, i);
		p->total += ui_pager_gap(p, i);
	}
	p->end_known = false;
}

/* Render the article into a new doc: the header, then its body. */
static void
ui_pager_render(struct ui *ui, struct ui_pager *p)
{
	struct html_render_opts	 o;
	const char		*words[HTML_WORDS];
	struct str		 authors;
	char			*date;
	size_t			 i;
	struct item		*it = p->it;

	doc_free(p->doc);
	p->doc = doc_new();
	p->nheader = 0;
	/* TRANSLATORS: the article view's header labels. */
	ui_pager_header(ui, p, _("Feed:"), p->feed_title, 0);
	ui_pager_header(ui, p, _("Title:"), it->title, DOC_BOLD);
	str_init(&authors);
	for (i = 0; i < it->authors.n; i++) {
		if (i > 0)
			str_appends(&authors, ", ");
		str_appends(&authors, it->authors.v[i]);
	}
	ui_pager_header(ui, p, _("Author:"), str_cstr(&authors), 0);
	str_free(&authors);
	/* TRANSLATORS: strftime format of an article's date in its header. */
	date = ui_date(it->published != FEED_TIME_UNKNOWN ? it->published :
	    it->updated, _("%A %d %B %Y, %H:%M"));
	ui_pager_header(ui, p, _("Date:"), date, 0);
	free(date);
	/* Which text follows, once there is a choice (or a fetch to tell of). */
	if (p->full.have || p->full.fetching || p->full.why != NULL) {
		date = ui_full_label(&p->full);
		/* TRANSLATORS: the article view's header: which text is shown. */
		ui_pager_header(ui, p, _("Text:"), date, 0);
		free(date);
	}
	ui_pager_header(ui, p, _("Link:"), it->link, DOC_LINK);

	for (i = 0; i < HTML_WORDS; i++)
		words[i] = _(html_words[i]);
	html_render_opts_default(&o);
	o.dir = p->dir;
	o.width = ui_pager_text_width(ui);
	o.layout = &ui->lcfg;
	o.words = words;
	o.link_list = true;
	o.resolve = ui_pager_resolve;
	o.resolve_arg = p;
	html_item_render(p->doc, it, &o);
	/* The body starts a line below the header. */
	if (p->doc->nblocks > p->nheader)
		p->doc->blocks[p->nheader].tight = false;
}

/* Read the article from the cache and render it; false when it is gone. */
static bool
ui_pager_fill(struct ui *ui, struct ui_pager *p, const struct db_item_row *r)
{
	struct item	*it = NULL;
	char		*cause = NULL;

	item_free(p->it);
	p->it = NULL;
	free(p->link);
	p->link = NULL;
	if (db_item_get(ui->db, r->id, &it, &cause) != 0 || it == NULL) {
		ui_error_cause(ui, _("cannot read the article"), cause);
		doc_free(p->doc);
		p->doc = doc_new();
		p->nheader = 0;
		doc_add(p->doc, DOC_PARA, r->title != NULL ? r->title : "",
		    r->title != NULL ? strlen(r->title) : 0, p->dir);
		return (false);
	}
	ui_full_read(ui, &p->full, r->id, it);
	if (it->published == FEED_TIME_UNKNOWN &&
	    it->updated == FEED_TIME_UNKNOWN)
		it->updated = r->date;
	p->it = it;
	p->link = it->link != NULL ? xstrdup(it->link) : NULL;
	ui_pager_render(ui, p);
	return (true);
}

/* Whether (b1, l1) comes before (b2, l2). */
static bool
ui_pager_before(size_t b1, int l1, size_t b2, int l2)
{
	return (b1 < b2 || (b1 == b2 && l1 < l2));
}

/* Find the top of the last screen, laying out the blocks it shows. */
static void
ui_pager_end(struct ui *ui, struct ui_pager *p)
{
	size_t	i = p->doc->nblocks;
	int	left = ui->body_rows > 0 ? ui->body_rows : 1, n;

	if (p->end_known)
		return;
	p->eb = 0;
	p->el = 0;
	while (i > 0) {
		n = ui_pager_layout(ui, p, i - 1);
		if (n >= left) {
			p->eb = i - 1;
			p->el = n - left;
			break;
		}
		left -= n;
		i--;
	}
	p->end_known = true;
}

/* Keep the top on a line of its block and no further than the end. */
static void
ui_pager_clamp(struct ui *ui, struct ui_pager *p)
{
	int	n;

	if (p->doc->nblocks == 0) {
		p->tb = 0;
		p->tl = 0;
		return;
	}
	if (p->tb >= p->doc->nblocks) {
		p->tb = p->doc->nblocks - 1;
		p->tl = 0;
	}
	n = ui_pager_layout(ui, p, p->tb);
	if (p->tl >= n)
		p->tl = n > 0 ? n - 1 : 0;
	ui_pager_end(ui, p);
	if (ui_pager_before(p->eb, p->el, p->tb, p->tl)) {
		p->tb = p->eb;
		p->tl = p->el;
	}
}

/* Move the top down by d lines, never past the last screen's top. */
static void
ui_pager_down(struct ui *ui, struct ui_pager *p, int d)
{
	int	n, step;

	if (p->doc->nblocks == 0)
		return;
	ui_pager_end(ui, p);
	while (d > 0 && ui_pager_before(p->tb, p->tl, p->eb, p->el)) {
		n = ui_pager_layout(ui, p, p->tb);
		step = p->tb == p->eb ? p->el - p->tl : n - p->tl;
		if (d < step) {
			p->tl += d;
			break;
		}
		d -= step;
		if (p->tb == p->eb) {
			p->tl = p->el;
			break;
		}
		p->tb++;
		p->tl = 0;
	}
}

/* Move the top up by d lines, never above the first. */
static void
ui_pager_up(struct ui *ui, struct ui_pager *p, int d)
{
	while (d > 0) {
		if (p->tl >= d) {
			p->tl -= d;
			break;
		}
		d -= p->tl;
		p->tl = 0;
		if (p->tb == 0)
			break;
		p->tb--;
		p->tl = ui_pager_layout(ui, p, p->tb);
	}
}

/* The attributes of a block's text. */
static attr_t
ui_pager_attr(struct ui *ui, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING:
		return (ui_attr(ui, UI_COLOR_HEADING));
	case DOC_PRE:
	case DOC_QUOTE:
		return (ui_attr(ui, UI_COLOR_QUOTE));
	default:
		return (ui_attr(ui, UI_COLOR_NORMAL));
	}
}

/* Put one character with attributes at (y, x) of the body. */
static void
ui_pager_put(struct ui *ui, int y, int x, wchar_t c, attr_t a)
{
	cchar_t	 cc;
	wchar_t	 s[2] = { c, 0 };

	if (x < 0 || x >= ui->cols)
		return;
	setcchar(&cc, s, a, PAIR_NUMBER(a), NULL);
	mvwadd_wch(ui->body, y, x, &cc);
}

/*
 * Paint a laid-out line at column x of the text (from the left margin)
 * with its first skip columns cut off, clipped at the text's right edge;
 * a mark in the margin says where more of it is. Returns the columns it
 * goes past the right edge.
 */
static int
ui_pager_paint(struct ui *ui, struct ui_pager *p, int y, int x, int skip,
    const struct layout_line *line, attr_t attr)
{
	struct layout_line	 ln = *line;
	attr_t			 meta = ui_attr(ui, UI_COLOR_META);
	int			 over, cut = 0;

	ln.indent = 0;
	while (ln.ncells > 0 && cut < skip) {
		cut += ln.cells[0].width;
		ln.width -= ln.cells[0].width;
		ln.cells++;
		ln.ncells--;
	}
	/* A wide character cut in half leaves a blank. */
	x += cut - skip;
	if (skip > 0)
		ui_pager_put(ui, y, 0, UI_PAGER_MORE_L, meta);
	over = x + ln.width - p->width;
	ui_paint_line(ui, ui->body, y, UI_PAGER_MARGIN + x, p->width - x, &ln,
	    attr, true);
	if (over > 0)
		ui_pager_put(ui, y, ui->cols - 1, UI_PAGER_MORE_R, meta);
	return (over);
}

/* Paint line j (of its text, after the gap) of block i on body row y. */
static void
ui_pager_draw_line(struct ui *ui, struct ui_pager *p, size_t i, int j, int y)
{
	const struct doc_block		*b = &p->doc->blocks[i];
	struct ui_pblock		*pb = &p->pb[i];
	const struct layout_line	*lines;
	attr_t				 qa = ui_attr(ui, UI_COLOR_QUOTE);
	int				 n, k, x, w = p->width, area, skip = 0;
	int				 over;
	bool				 rtl;

	rtl = ui->mode == LAYOUT_MODE_APP && layout_para_rtl(pb->para);
	area = w - b->indent;
	/* The bars, outermost first, from the reading side. */
	for (k = 0; k < b->quote; k++)
		ui_pager_put(ui, y, UI_PAGER_MARGIN + (rtl ? w - 1 - 2 * k :
		    2 * k), UI_PAGER_BAR, qa);
	if (b->kind == DOC_RULE) {
		for (k = 0; k < area; k++)
			ui_pager_put(ui, y, UI_PAGER_MARGIN + (rtl ? k :
			    b->indent + k), UI_PAGER_RULE,
			    ui_attr(ui, UI_COLOR_META));
		return;
	}
	lines = layout_para_lines(pb->para, &n);
	if (j >= n)
		return;
	if (j == 0 && pb->mark != NULL) {
		lines = layout_para_lines(pb->mark, &k);
		ui_pager_paint(ui, p, y, rtl ? w - b->indent - lines[0].width :
		    b->indent, 0, &lines[0], ui_attr(ui, UI_COLOR_META));
		lines = layout_para_lines(pb->para, &n);
	}
	if (rtl)
		x = w - b->indent - pb->mw - lines[j].width;
	else
		x = b->indent + pb->mw;
	if (b->kind == DOC_PRE && !rtl)
		skip = p->hscroll;
	if (x < 0) {
		/* An RTL row wider than the view: its start is kept. */
		skip -= x;
		x = 0;
	}
	over = ui_pager_paint(ui, p, y, x, skip, &lines[j],
	    ui_pager_attr(ui, b));
	if (b->kind == DOC_PRE && over + p->hscroll > p->over)
		p->over = over + p->hscroll;
}

static void
ui_pager_draw(struct ui *ui, struct ui_view *v, int flags)
{
	struct ui_pager	*p = ui_pager_of(v);
	size_t		 i, n = p->doc->nblocks;
	int		 y, j, lines, gap;

	if (!(flags & (UI_REDRAW_BODY | UI_REDRAW_SEL)))
		return;
	werase(ui->body);
	p->over = 0;
	i = p->tb;
	j = p->tl;
	for (y = 0; y < ui->body_rows && i < n;) {
		lines = ui_pager_layout(ui, p, i);
		if (j >= lines) {
			i++;
			j = 0;
			continue;
		}
		gap = ui_pager_gap(p, i);
		if (j >= gap)
			ui_pager_draw_line(ui, p, i, j - gap, y);
		j++;
		y++;
	}
	/* The end is on screen when no line of the last block is left. */
	p->at_end = i >= n || (i + 1 == n && j >= ui_pager_count(p, i));
	ui_pager_forget(ui, p, p->tb, i);
	wnoutrefresh(ui->body);
}

/* Redraw flags after the top moved from (b, l), if it did. */
static int
ui_pager_moved(struct ui_pager *p, size_t b, int l)
{
	if (p->tb == b && p->tl == l)
		return (0);
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

/* Lay the article out for the view's size now; keep the top's place. */
static void
ui_pager_relayout(struct ui *ui, struct ui_pager *p)
{
	size_t	i;

	p->width = ui_pager_text_width(ui);
	for (i = 0; i < p->doc->nblocks; i++) {
		if (p->pb[i].avail != ui_pager_avail(p, i, p->pb[i].mw))
			ui_pager_estimate(p, i);
	}
	p->end_known = false;
	ui_pager_clamp(ui, p);
}

/*
 * Where block i of the old doc is in the new one: the same block (the
 * same kind and text, as many times before it), or the nearest before it
 * that is there; *same says whether it was the block itself.
 */
static size_t
ui_pager_find(const struct doc *od, size_t i, const struct doc *nd,
    bool *same)
{
	const struct doc_block	*a, *c;
	size_t			 k, j, seen, want;

	*same = true;
	for (k = i + 1; k-- > 0; *same = false) {
		a = &od->blocks[k];
		for (want = 0, j = 0; j < k; j++) {
			c = &od->blocks[j];
			if (c->kind == a->kind && c->len == a->len &&
			    memcmp(c->text, a->text, a->len) == 0)
				want++;
		}
		for (seen = 0, j = 0; j < nd->nblocks; j++) {
			c = &nd->blocks[j];
			if (c->kind != a->kind || c->len != a->len ||
			    memcmp(c->text, a->text, a->len) != 0)
				continue;
			if (seen++ == want)
				return (j);
		}
	}
	*same = false;
	return (0);
}

/* Render the article again for the view's new width, keeping the top. */
static void
ui_pager_rerender(struct ui *ui, struct ui_pager *p)
{
	struct doc	*old = p->doc;
	size_t		 tb = 0;
	bool		 same = false;

	ui_pager_clear(p);
	p->doc = NULL;
	ui_pager_render(ui, p);
	if (old->nblocks > 0)
		tb = ui_pager_find(old, p->tb, p->doc, &same);
	p->tl = same ? p->tl : 0;
	p->tb = tb;
	doc_free(old);
	ui_pager_count_all(ui, p);
	ui_pager_clamp(ui, p);
}

/* Show another article of the list in this view. */
static int
ui_pager_show(struct ui *ui, struct ui_pager *p)
{
	struct db_item_row	*r = ui_items_selected(p->list);
	char			*cause = NULL;

	if (r == NULL)
		return (0);
	if (r->unread) {
		if (db_item_set_unread(ui->db, r->id, false, &cause) != 0)
			ui_error_cause(ui, _("cannot change the article"),
			    cause);
		else {
			r->unread = false;
			if (ui->unread > 0)
				ui->unread--;
		}
	}
	ui_pager_clear(p);
	p->item = r->id;
	p->feed = r->feed_id;
	free(p->feed_title);
	p->feed_title = xstrdup(r->feed_title != NULL ? r->feed_title : "");
	free(p->feed_url);
	p->feed_url = NULL;
	p->feed_url_read = false;
	p->tb = 0;
	p->tl = 0;
	p->hscroll = 0;
	p->dir = ui_items_row_dir(p->list, r);
	p->date = r->date;
	ui_full_clear(&p->full);
	ui_pager_fill(ui, p, r);
	ui_pager_count_all(ui, p);
	return (UI_REDRAW_ALL);
}

/* Read the article again (the other text, or one just stored), from the top. */
static int
ui_pager_refill(struct ui *ui, struct ui_pager *p)
{
	struct db_item_row	 r;

	memset(&r, 0, sizeof r);
	r.id = p->item;
	r.date = p->date;
	ui_pager_clear(p);
	p->tb = 0;
	p->tl = 0;
	p->hscroll = 0;
	ui_pager_fill(ui, p, &r);
	ui_pager_count_all(ui, p);
	return (UI_REDRAW_ALL);
}

/* The feed's direction, cycled: automatic, right to left, left to right. */
static int
ui_pager_direction(struct ui *ui, struct ui_pager *p)
{
	int	flags;

	if (p->list == NULL || p->list->ops->kind != UI_VIEW_ITEMS)
		return (0);
	flags = ui_items_cycle_dir(ui, p->list);
	ui_pager_show(ui, p);
	return (flags | UI_REDRAW_ALL);
}

/* Open link number k of the article. */
static int
ui_pager_link(struct ui *ui, struct ui_pager *p, int k)
{
	char	*cause = NULL;

	if (k < 1 || (size_t)k > p->doc->nlinks) {
		ui_message(ui, UI_MSG_INFO, _("No link %d"), k);
		return (UI_REDRAW_MSG);
	}
	if (ui_open_url(ui, p->doc->links[k - 1].url, &cause) != 0)
		ui_error_cause(ui, _("cannot open the link"), cause);
	return (UI_REDRAW_ALL);
}

/* Scroll verbatim lines sideways by d columns (within what is clipped). */
static int
ui_pager_side(struct ui_pager *p, int d)
{
	int	h = p->hscroll + d;

	/* Right never scrolls back, nor past the widest line on screen. */
	if (d > 0 && h > p->over)
		h = p->over > p->hscroll ? p->over : p->hscroll;
	if (h < 0)
		h = 0;
	if (h == p->hscroll)
		return (0);
	p->hscroll = h;
	return (UI_REDRAW_BODY);
}

static int
ui_pager_act(struct ui *ui, struct ui_view *v, enum ui_action a, int arg)
{
	struct ui_pager		*p = ui_pager_of(v);
	struct db_item_row	*r;
	char			*cause = NULL;
	size_t			 tb = p->tb;
	int			 rows = ui->body_rows, tl = p->tl, flags;
	bool			 refill;

	switch (a) {
	case UI_ACT_UP:
		ui_pager_up(ui, p, 1);
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_DOWN:
		ui_pager_down(ui, p, 1);
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_PAGE_UP:
		ui_pager_up(ui, p, rows);
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_PAGE_DOWN:
		ui_pager_down(ui, p, rows);
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_HALF_UP:
		ui_pager_up(ui, p, (rows + 1) / 2);
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_HALF_DOWN:
		ui_pager_down(ui, p, (rows + 1) / 2);
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_HOME:
		p->tb = 0;
		p->tl = 0;
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_END:
		ui_pager_end(ui, p);
		p->tb = p->eb;
		p->tl = p->el;
		return (ui_pager_moved(p, tb, tl));
	case UI_ACT_SCROLL_RIGHT:
		return (ui_pager_side(p, p->width / 2));
	case UI_ACT_SCROLL_LEFT:
		/* Nothing scrolled: the key goes back, as it does elsewhere. */
		if (p->hscroll > 0)
			return (ui_pager_side(p, -(p->width / 2)));
		/* FALLTHROUGH */
	case UI_ACT_BACK:
		ui_pop(ui);
		return (UI_REDRAW_ALL);
	case UI_ACT_NEXT:
	case UI_ACT_PREV:
	case UI_ACT_NEXT_UNREAD:
	case UI_ACT_PREV_UNREAD:
		if (p->list == NULL)
			return (0);
		flags = ui_items_step(ui, p->list, a == UI_ACT_NEXT ||
		    a == UI_ACT_NEXT_UNREAD ? 1 : -1,
		    a == UI_ACT_NEXT_UNREAD || a == UI_ACT_PREV_UNREAD);
		if (flags == 0 && (a == UI_ACT_NEXT_UNREAD ||
		    a == UI_ACT_PREV_UNREAD)) {
			/* As in the list: on to the next feed with unread ones. */
			p->list->ops->act(ui, p->list, a, 0);
			r = ui_items_selected(p->list);
			if (r != NULL && r->id != p->item && r->unread)
				return (ui_pager_show(ui, p) | UI_REDRAW_MSG);
			return (UI_REDRAW_MSG);
		}
		if (flags == 0) {
			ui_message(ui, UI_MSG_INFO, "%s",
			    a == UI_ACT_NEXT_UNREAD || a == UI_ACT_PREV_UNREAD ?
			    _("No more unread articles") :
			    _("No more articles"));
			return (UI_REDRAW_MSG);
		}
		return (ui_pager_show(ui, p));
	case UI_ACT_TOGGLE_READ:
		r = ui_items_selected(p->list);
		if (r == NULL || r->id != p->item)
			return (0);
		if (db_item_set_unread(ui->db, r->id, !r->unread,
		    &cause) != 0) {
			ui_error_cause(ui, _("cannot change the article"),
			    cause);
			return (UI_REDRAW_MSG);
		}
		r->unread = !r->unread;
		ui->unread += r->unread ? 1 : -1;
		ui_message(ui, UI_MSG_INFO, "%s", r->unread ?
		    _("Marked unread") : _("Marked read"));
		return (UI_REDRAW_STATUS | UI_REDRAW_MSG);
	case UI_ACT_STAR:
		r = ui_items_selected(p->list);
		if (r == NULL || r->id != p->item)
			return (0);
		if (db_item_set_starred(ui->db, r->id, !r->starred,
		    &cause) != 0) {
			ui_error_cause(ui, _("cannot change the article"),
			    cause);
			return (UI_REDRAW_MSG);
		}
		r->starred = !r->starred;
		ui_message(ui, UI_MSG_INFO, "%s", r->starred ?
		    _("Starred") : _("Unstarred"));
		return (UI_REDRAW_MSG);
	case UI_ACT_OPEN_BROWSER:
		if (p->link == NULL)
			return (0);
		if (ui_open_url(ui, p->link, &cause) != 0)
			ui_error_cause(ui, _("cannot open the link"), cause);
		return (UI_REDRAW_ALL);
	case UI_ACT_LINKS:
		ui_push(ui, ui_links_new(ui, p->doc));
		return (UI_REDRAW_ALL);
	case UI_ACT_LINK:
		return (ui_pager_link(ui, p, arg));
	case UI_ACT_MARK_FEED_READ:
		if (db_feed_mark_read(ui->db, p->feed, &cause) != 0) {
			ui_error_cause(ui, _("cannot mark the feed read"),
			    cause);
			return (UI_REDRAW_MSG);
		}
		ui_refresh_unread(ui);
		return (UI_REDRAW_STATUS);
	case UI_ACT_RELOAD:
		return (ui_global_act(ui, UI_ACT_RELOAD, (int)p->feed));
	case UI_ACT_DIRECTION:
		return (ui_pager_direction(ui, p));
	case UI_ACT_FULL_ARTICLE:
	case UI_ACT_FETCH_ARTICLE:
		flags = ui_full_act(ui, &p->full, p->item,
		    a == UI_ACT_FETCH_ARTICLE, &refill);
		if (refill)
			flags |= ui_pager_refill(ui, p);
		else if (flags & UI_REDRAW_BODY)
			ui_pager_rerender(ui, p);	/* its "Text:" line */
		return (flags);
	default:
		return (UI_UNHANDLED);
	}
}

static int
ui_pager_event(struct ui *ui, struct ui_view *v, const struct poller_event *ev)
{
	struct ui_pager	*p = ui_pager_of(v);
	bool		 refill;
	int		 flags;

	flags = ui_full_event(ui, &p->full, p->item, ev, &refill);
	if (refill)
		flags |= ui_pager_refill(ui, p);
	return (flags);
}

static void
ui_pager_resize(struct ui *ui, struct ui_view *v)
{
	struct ui_pager	*p = ui_pager_of(v);

	/* Tables were set for the old width: set them for this one. */
	if (p->doc->width != 0 && p->it != NULL &&
	    p->doc->width != ui_pager_text_width(ui))
		ui_pager_rerender(ui, p);
	else
		ui_pager_relayout(ui, p);
}

static void
ui_pager_status(struct ui *ui, struct ui_view *v, struct str *name,
    struct str *pos)
{
	struct ui_pager	*p = ui_pager_of(v);
	int64_t		 seen = p->tl + ui->body_rows;
	size_t		 i;
	int		 pct;

	str_appends(name, p->feed_title != NULL ? p->feed_title : "");
	/*
	 * How much of the article the screen's last line has reached; the
	 * lines of blocks not laid out yet are estimated, so 100 only when
	 * the end is on screen.
	 */
	for (i = 0; i < p->tb && i < p->doc->nblocks; i++)
		seen += ui_pager_count(p, i);
	if (p->at_end)
		pct = 100;
	else {
		pct = p->total > 0 ? (int)(seen * 100 / p->total) : 0;
		pct = pct > 99 ? 99 : pct;
	}
	/* TRANSLATORS: how far down the article view is, in percent. */
	str_printf(pos, _("%d%%"), pct);
	ui_full_status(&p->full, pos);
}

static int
ui_pager_click(struct ui *ui, struct ui_view *v, int row, bool twice)
{
	(void)ui;
	(void)v;
	(void)row;
	(void)twice;
	return (0);
}

static void
ui_pager_free(struct ui_view *v)
{
	struct ui_pager	*p = ui_pager_of(v);

	ui_pager_clear(p);
	ui_full_clear(&p->full);
	doc_free(p->doc);
	item_free(p->it);
	free(p->feed_title);
	free(p->feed_url);
	free(p->link);
	free(p);
}

static const struct ui_view_ops ui_pager_ops = {
	UI_VIEW_PAGER,
	ui_pager_draw,
	ui_pager_act,
	ui_pager_event,
	ui_pager_resize,
	ui_pager_status,
	NULL,
	ui_pager_click,
	ui_pager_free
};

/*
 * Make the article view for a row of the article list list; dir is the
 * direction hint for its text.
 */
struct ui_view *
ui_pager_new(struct ui *ui, struct ui_view *list, const struct db_item_row *r,
    enum layout_dir dir)
{
	struct ui_pager	*p;

	p = xcalloc(1, sizeof *p);
	p->v.ops = &ui_pager_ops;
	p->ui = ui;
	p->list = list;
	p->item = r->id;
	p->feed = r->feed_id;
	p->feed_title = xstrdup(r->feed_title != NULL ? r->feed_title : "");
	p->dir = dir;
	p->date = r->date;
	ui_full_clear(&p->full);
	ui_pager_fill(ui, p, r);
	ui_pager_count_all(ui, p);
	return (&p->v);
}
