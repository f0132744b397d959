/*
 * The article view: a header (feed, title, author, date in the user's
 * locale, link) and the body, all one struct doc of styled blocks (doc.h)
 * laid out by the layout layer at the view's width: each paragraph in its
 * own direction, right-aligned when it reads right to left, left-aligned
 * otherwise; list markers and quote bars on the paragraph's reading side;
 * preformatted lines never wrapped. Only the blocks near the screen keep
 * their laid-out lines; the others keep their line count, and a resize
 * wraps again without analysing the text again.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "i18n.h"
#include "xmalloc.h"

#define UI_PAGER_MARGIN	1		/* blank columns at either side */
#define UI_PAGER_FSI	"\xe2\x81\xa8"	/* U+2068 FIRST STRONG ISOLATE */
#define UI_PAGER_PDI	"\xe2\x81\xa9"	/* U+2069 POP DIRECTIONAL ISOLATE */

/* One block's layout. */
struct ui_pblock {
	struct layout_para *para;	/* NULL when far from the screen */
	int		 width;		/* it was wrapped at */
	int		 nlines;
	int		 gap;		/* blank lines after it */
};

/* The article view. */
struct ui_pager {
	struct ui_view	 v;
	struct ui_view	*list;		/* the article list it came from */
	int64_t		 item;
	int64_t		 feed;
	char		*feed_title;
	char		*link;
	struct doc	*doc;
	size_t		 nheader;	/* header blocks before the body */
	struct ui_pblock *pb;
	int		*start;		/* first line of each block */
	int		 total;		/* lines */
	int		 top;		/* first line on screen */
	int		 width;		/* of the text, without the margins */
	enum layout_dir	 dir;		/* the body's direction hint */
};

static struct ui_pager *
ui_pager_of(struct ui_view *v)
{
	return ((struct ui_pager *)v);
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
	free(text);
	p->nheader++;
}

/* Fill the view's doc from the cache: header, body, the list of links. */
static void
ui_pager_fill(struct ui *ui, struct ui_pager *p, const struct db_item_row *r)
{
	struct item	*it = NULL;
	struct str	 authors;
	struct doc_block *b;
	char		*cause = NULL, *date, *text;
	const char	*body;
	enum feed_text	 type;
	size_t		 i, nlinks;

	doc_free(p->doc);
	p->doc = doc_new();
	p->nheader = 0;
	if (db_item_get(ui->db, r->id, &it, &cause) != 0 || it == NULL) {
		ui_error_cause(ui, _("cannot read the article"), cause);
		doc_add(p->doc, DOC_PARA, r->title != NULL ? r->title : "",
		    r->title != NULL ? strlen(r->title) : 0, p->dir);
		return;
	}
	/* TRANSLATORS: the article view's header labels. */
	ui_pager_header(ui, p, _("Feed:"), r->feed_title, 0);
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
	    it->updated != FEED_TIME_UNKNOWN ? it->updated : r->date,
	    _("%A %d %B %Y, %H:%M"));
	ui_pager_header(ui, p, _("Date:"), date, 0);
	free(date);
	ui_pager_header(ui, p, _("Link:"), it->link, DOC_LINK);
	free(p->link);
	p->link = it->link != NULL ? xstrdup(it->link) : NULL;

	body = it->content != NULL ? it->content : it->summary;
	type = it->content != NULL ? it->content_type : it->summary_type;
	if (type == FEED_TEXT_HTML)
		doc_from_html(p->doc, body, p->dir);
	else
		doc_from_text(p->doc, body, p->dir);

	/* The links, numbered as in the text. */
	nlinks = p->doc->nlinks;
	if (nlinks > 0) {
		b = doc_add(p->doc, DOC_HEADING, _("Links"),
		    strlen(_("Links")), ui->rtl ? LAYOUT_DIR_RTL :
		    LAYOUT_DIR_LTR);
		b->level = 2;
	}
	for (i = 0; i < nlinks; i++) {
		xasprintf(&text, "[%zu] %s", i + 1, p->doc->links[i].url);
		b = doc_add(p->doc, DOC_ITEM, text, strlen(text),
		    LAYOUT_DIR_LTR);
		doc_add_run(b, 0, b->len, DOC_STYLE_LINK((int)i + 1));
		free(text);
	}
	item_free(it);
}

/* Columns of a block's marker (and the space after it). */
static int
ui_pager_marker(struct ui *ui, const struct doc_block *b)
{
	if (b->kind != DOC_ITEM || b->marker == NULL)
		return (0);
	return (ui_text_width(ui, b->marker) + 1);
}

/* The columns a block's text is wrapped in. */
static int
ui_pager_avail(struct ui *ui, struct ui_pager *p, size_t i)
{
	const struct doc_block	*b = &p->doc->blocks[i];
	int			 w;

	w = p->width - b->indent - ui_pager_marker(ui, b);
	return (w > 4 ? w : 4);
}

/* Lay a block out (again) at the view's width. */
static void
ui_pager_layout(struct ui *ui, struct ui_pager *p, size_t i)
{
	struct ui_pblock	*pb = &p->pb[i];
	const struct doc_block	*b = &p->doc->blocks[i];
	int			 w = ui_pager_avail(ui, p, i);

	if (pb->para == NULL)
		pb->para = layout_para_new(b->text, b->len, b->runs, b->nruns,
		    b->dir, &ui->lcfg);
	else if (pb->width == w)
		return;
	pb->width = w;
	pb->nlines = layout_para_wrap(pb->para, b->kind == DOC_PRE ? 1 << 20 :
	    w);
}

/* Free the layouts of blocks far from the screen. */
static void
ui_pager_forget(struct ui *ui, struct ui_pager *p)
{
	int	lo = p->top - ui->body_rows, hi = p->top + 2 * ui->body_rows;
	size_t	i;

	for (i = 0; i < p->doc->nblocks; i++) {
		if (p->pb[i].para == NULL)
			continue;
		if (p->start[i] + p->pb[i].nlines < lo || p->start[i] > hi) {
			layout_para_free(p->pb[i].para);
			p->pb[i].para = NULL;
		}
	}
}

/* The block line l is in. */
static size_t
ui_pager_block_at(const struct ui_pager *p, int l)
{
	size_t	lo = 0, hi = p->doc->nblocks, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (p->start[mid] <= l)
			lo = mid;
		else
			hi = mid;
	}
	return (lo);
}

/* Count every block's lines at the current width; keep the top line's place. */
static void
ui_pager_relayout(struct ui *ui, struct ui_pager *p)
{
	const struct doc_block	*b, *nb;
	size_t			 i, n = p->doc->nblocks, anchor = 0;
	int			 within = 0, width;

	width = ui->cols - 2 * UI_PAGER_MARGIN;
	if (width < 8)
		width = 8;
	if (p->start != NULL && n > 0) {
		anchor = ui_pager_block_at(p, p->top);
		within = p->top - p->start[anchor];
	}
	p->width = width;
	free(p->start);
	p->start = xreallocarray(NULL, n + 1, sizeof *p->start);
	if (p->pb == NULL)
		p->pb = xcalloc(n + 1, sizeof *p->pb);
	p->total = 0;
	for (i = 0; i < n; i++) {
		b = &p->doc->blocks[i];
		nb = i + 1 < n ? &p->doc->blocks[i + 1] : NULL;
		ui_pager_layout(ui, p, i);
		p->start[i] = p->total;
		/* No blank between header lines, list items, verbatim lines. */
		p->pb[i].gap = 1;
		if (nb == NULL || (i + 1 < p->nheader) ||
		    (b->kind == nb->kind && (b->kind == DOC_ITEM ||
		    b->kind == DOC_PRE)))
			p->pb[i].gap = 0;
		p->total += p->pb[i].nlines + p->pb[i].gap;
	}
	p->start[n] = p->total;
	if (anchor < n) {
		if (within >= p->pb[anchor].nlines + p->pb[anchor].gap)
			within = p->pb[anchor].nlines > 0 ?
			    p->pb[anchor].nlines - 1 : 0;
		p->top = p->start[anchor] + within;
	}
	if (p->top > p->total - 1)
		p->top = p->total > 0 ? p->total - 1 : 0;
	if (p->top < 0)
		p->top = 0;
	ui_pager_forget(ui, p);
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

/* Paint line j of block i on screen row y. */
static void
ui_pager_draw_line(struct ui *ui, struct ui_pager *p, size_t i, int j, int y)
{
	const struct doc_block		*b = &p->doc->blocks[i];
	const struct layout_line	*lines;
	int				 n, avail, mw, xtext, xmark, xbar;
	bool				 rtl;
	cchar_t				 cc;
	wchar_t				 bar[2] = { 0x2502, 0 };

	ui_pager_layout(ui, p, i);
	lines = layout_para_lines(p->pb[i].para, &n);
	if (j >= n)
		return;
	avail = ui_pager_avail(ui, p, i);
	mw = ui_pager_marker(ui, b);
	rtl = ui->mode == LAYOUT_MODE_APP && layout_para_rtl(p->pb[i].para);
	if (!rtl) {
		xmark = UI_PAGER_MARGIN + b->indent;
		xtext = xmark + mw;
		xbar = xmark - 2;
	} else {
		xtext = UI_PAGER_MARGIN + (p->width - b->indent - mw - avail);
		xmark = xtext + avail + 1;
		xbar = ui->cols - UI_PAGER_MARGIN - b->indent + 1;
	}
	ui_paint_line(ui, ui->body, y, xtext, avail, &lines[j],
	    ui_pager_attr(ui, b), true);
	if (j == 0 && mw > 0)
		ui_paint_field(ui, ui->body, y, xmark, mw - 1, b->marker,
		    rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR, 0,
		    ui_attr(ui, UI_COLOR_META));
	if ((b->kind == DOC_QUOTE || (b->kind == DOC_PRE && b->level > 0)) &&
	    b->indent >= 2 && xbar >= 0 && xbar < ui->cols) {
		setcchar(&cc, bar, ui_attr(ui, UI_COLOR_QUOTE),
		    PAIR_NUMBER(ui_attr(ui, UI_COLOR_QUOTE)), NULL);
		mvwadd_wch(ui->body, y, xbar, &cc);
	}
}

static void
ui_pager_draw(struct ui *ui, struct ui_view *v, int flags)
{
	struct ui_pager	*p = ui_pager_of(v);
	size_t		 i;
	int		 y, l;

	if (!(flags & (UI_REDRAW_BODY | UI_REDRAW_SEL)))
		return;
	werase(ui->body);
	for (y = 0; y < ui->body_rows; y++) {
		l = p->top + y;
		if (l >= p->total || p->doc->nblocks == 0)
			break;
		i = ui_pager_block_at(p, l);
		ui_pager_draw_line(ui, p, i, l - p->start[i], y);
	}
	ui_pager_forget(ui, p);
	wnoutrefresh(ui->body);
}

/* Scroll to line top, kept within the article. */
static int
ui_pager_scroll(struct ui_pager *p, int top, int rows)
{
	int	max = p->total - rows;

	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	if (top == p->top)
		return (0);
	p->top = top;
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

/* Show another article of the list in this view. */
static int
ui_pager_show(struct ui *ui, struct ui_pager *p)
{
	struct db_item_row	*r = ui_items_selected(p->list);
	char			*cause = NULL;
	size_t			 i;

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
	for (i = 0; p->pb != NULL && i < p->doc->nblocks; i++)
		layout_para_free(p->pb[i].para);
	free(p->pb);
	p->pb = NULL;
	free(p->start);
	p->start = NULL;
	p->item = r->id;
	p->feed = r->feed_id;
	free(p->feed_title);
	p->feed_title = xstrdup(r->feed_title != NULL ? r->feed_title : "");
	p->top = 0;
	p->dir = ui_items_row_dir(p->list, r);
	ui_pager_fill(ui, p, r);
	ui_pager_relayout(ui, p);
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

static int
ui_pager_act(struct ui *ui, struct ui_view *v, enum ui_action a, int arg)
{
	struct ui_pager		*p = ui_pager_of(v);
	struct db_item_row	*r;
	char			*cause = NULL;
	int			 rows = ui->body_rows, flags;

	switch (a) {
	case UI_ACT_UP:
		return (ui_pager_scroll(p, p->top - 1, rows));
	case UI_ACT_DOWN:
		return (ui_pager_scroll(p, p->top + 1, rows));
	case UI_ACT_PAGE_UP:
		return (ui_pager_scroll(p, p->top - rows, rows));
	case UI_ACT_PAGE_DOWN:
		return (ui_pager_scroll(p, p->top + rows, rows));
	case UI_ACT_HALF_UP:
		return (ui_pager_scroll(p, p->top - (rows + 1) / 2, rows));
	case UI_ACT_HALF_DOWN:
		return (ui_pager_scroll(p, p->top + (rows + 1) / 2, rows));
	case UI_ACT_HOME:
		return (ui_pager_scroll(p, 0, rows));
	case UI_ACT_END:
		return (ui_pager_scroll(p, p->total, rows));
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
	default:
		return (UI_UNHANDLED);
	}
}

static int
ui_pager_event(struct ui *ui, struct ui_view *v, const struct poller_event *ev)
{
	(void)ui;
	(void)v;
	(void)ev;
	return (0);
}

static void
ui_pager_resize(struct ui *ui, struct ui_view *v)
{
	ui_pager_relayout(ui, ui_pager_of(v));
}

static void
ui_pager_status(struct ui *ui, struct ui_view *v, struct str *name,
    struct str *pos)
{
	struct ui_pager	*p = ui_pager_of(v);
	int		 pct;

	str_appends(name, p->feed_title != NULL ? p->feed_title : "");
	pct = p->total <= ui->body_rows ? 100 :
	    (int)((int64_t)(p->top + ui->body_rows) * 100 / p->total);
	if (pct > 100)
		pct = 100;
	/* TRANSLATORS: how far down the article view is, in percent. */
	str_printf(pos, _("%d%%"), pct);
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
	size_t		 i;

	for (i = 0; p->pb != NULL && i < p->doc->nblocks; i++)
		layout_para_free(p->pb[i].para);
	free(p->pb);
	free(p->start);
	doc_free(p->doc);
	free(p->feed_title);
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
	p->list = list;
	p->item = r->id;
	p->feed = r->feed_id;
	p->feed_title = xstrdup(r->feed_title != NULL ? r->feed_title : "");
	p->dir = dir;
	ui_pager_fill(ui, p, r);
	ui_pager_relayout(ui, p);
	return (&p->v);
}
