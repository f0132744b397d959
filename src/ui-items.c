/*
 * An article list: the articles of one feed, or of a list gathered from
 * every feed (unread, starred, search results), newest first, as a
 * keyset-paged window over the cache (ui-list.c): read and starred marks,
 * the date, the feed (in gathered lists) and the title, laid out in its
 * own direction and right-aligned in its column when it reads right to
 * left, the other columns where they always are.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "i18n.h"
#include "xmalloc.h"

/* The article list view. */
struct ui_items {
	struct ui_view	 v;
	struct ui_list	 list;
	enum db_list	 kind;
	int64_t		 id;		/* the feed of DB_LIST_FEED */
	char		*query;		/* a search's query, or NULL */
	char		*filter;	/* a query: feed's URL (its filter is
					   the urls file's), or NULL */
	char		*title;		/* the feed's or the list's name */
	enum feed_dir	 dir;		/* the feed's direction */
	bool		 dir_override;	/* ... set by the user */
};

static struct ui_items *
ui_items_of(struct ui_view *v)
{
	return ((struct ui_items *)v);
}

static void
ui_items_rows_free(void *v, size_t n)
{
	db_item_rows_free(v, n);
}

static int64_t
ui_items_row_id(const void *v)
{
	return (((const struct db_item_row *)v)->id);
}

/* A query: feed's filter, as the urls file has it now (NULL: gone). */
static const struct filter *
ui_items_filter(struct ui *ui, const struct ui_items *it)
{
	const struct urls_sub	*sub = ui_sub(ui, it->filter);

	return (sub != NULL ? sub->query : NULL);
}

/* A page of the list, or of the search's results. */
static int
ui_items_page(struct ui *ui, struct ui_list *l, enum db_page page,
    const void *cursor, int limit, void **rows, size_t *n, char **cause)
{
	struct ui_items		*it = l->arg;
	struct db_item_cursor	 c, *cp = NULL;
	const struct filter	*f;

	if (cursor != NULL) {
		db_item_row_cursor(cursor, &c);
		cp = &c;
	}
	if (it->filter != NULL) {
		if ((f = ui_items_filter(ui, it)) == NULL) {
			*rows = NULL;
			*n = 0;
			return (0);
		}
		return (db_query_page(ui->db, f, page, cp, limit,
		    (struct db_item_row **)rows, n, cause));
	}
	if (it->query != NULL)
		return (db_search_page(ui->db, it->query, page, cp, limit,
		    (struct db_item_row **)rows, n, cause));
	return (db_item_page(ui->db, it->kind, it->id, page, cp, limit,
	    (struct db_item_row **)rows, n, cause));
}

/* The number of articles of the list, or of the search's results. */
static int64_t
ui_items_count(struct ui *ui, struct ui_list *l)
{
	struct ui_items	*it = l->arg;
	int64_t		 total = -1, unread;
	char		*cause = NULL;
	int		 rc;

	if (it->filter != NULL) {
		if (ui_items_filter(ui, it) == NULL)
			return (0);
		rc = db_query_count(ui->db, ui_items_filter(ui, it), &total,
		    &unread, &cause);
	} else if (it->query != NULL)
		rc = db_search_count(ui->db, it->query, &total, &cause);
	else
		rc = db_item_count(ui->db, it->kind, it->id, &total, &unread,
		    &cause);
	if (rc != 0) {
		free(cause);
		return (-1);
	}
	return (total);
}

/* A row's position in the list (not known for search results). */
static int64_t
ui_items_rank(struct ui *ui, struct ui_list *l, const void *row)
{
	struct ui_items		*it = l->arg;
	struct db_item_cursor	 c;
	int64_t			 rank;
	char			*cause = NULL;

	if (it->query != NULL || it->filter != NULL)
		return (-1);
	db_item_row_cursor(row, &c);
	if (db_item_rank(ui->db, it->kind, it->id, &c, &rank, &cause) != 0) {
		free(cause);
		return (-1);
	}
	return (rank);
}

static const struct ui_list_ops ui_items_list_ops = {
	sizeof (struct db_item_row),
	ui_items_page,
	ui_items_rows_free,
	ui_items_row_id,
	ui_items_count,
	ui_items_rank
};

/* Whether the list gathers several feeds (and shows a feed column). */
static bool
ui_items_gathered(const struct ui_items *it)
{
	return (it->query != NULL || it->filter != NULL ||
	    it->kind != DB_LIST_FEED);
}

/* The direction hint for a row's title. */
static enum layout_dir
ui_items_dir(const struct ui_items *it, const struct db_item_row *r)
{
	if (it->kind == DB_LIST_FEED && !ui_items_gathered(it) &&
	    it->dir_override)
		return (layout_dir_for_feed(FEED_DIR_AUTO, it->dir));
	return (layout_dir_for_feed(r->dir, FEED_DIR_AUTO));
}

/* The direction hint for a row of an article list view. */
enum layout_dir
ui_items_row_dir(struct ui_view *v, const struct db_item_row *r)
{
	if (v == NULL || v->ops->kind != UI_VIEW_ITEMS)
		return (layout_dir_for_feed(r->dir, FEED_DIR_AUTO));
	return (ui_items_dir(ui_items_of(v), r));
}

/* Paint one row of the list. */
static void
ui_items_draw_row(struct ui *ui, struct ui_items *it, size_t i)
{
	struct db_item_row	*r = ui_list_row(&it->list, i);
	int			 y = ui_list_screen_row(&it->list, i);
	int			 cols = ui->cols, dw, fw, tw;
	int			 xmark, xdate, xfeed, xtitle;
	attr_t			 base, meta;
	const char		*fmt;
	char			*date;
	bool			 sel = i == it->list.sel;

	if (r == NULL || y < 0)
		return;
	base = ui_attr(ui, UI_COLOR_NORMAL);
	if (r->unread)
		base |= ui_attr(ui, UI_COLOR_UNREAD);
	meta = (r->unread ? ui_attr(ui, UI_COLOR_UNREAD) : 0) |
	    ui_attr(ui, UI_COLOR_META);
	if (sel) {
		base = ui_attr_selected(ui, base);
		meta = ui_attr_selected(ui, meta);
	}
	ui_paint_blank(ui->body, y, 0, cols, base);

	/* TRANSLATORS: strftime format of an article's date in lists. */
	fmt = ui->opts.conf != NULL ? conf_string(ui->opts.conf,
	    CONF_DATETIME_FORMAT) : "";
	/* The user's datetime-format: any text is a format. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	date = *fmt != '\0' ? ui_date(r->date, fmt) : ui_date(r->date,
	    _("%b %d"));
#pragma GCC diagnostic pop
	dw = cols >= 40 ? 7 : 0;
	fw = ui_items_gathered(it) && cols >= 70 ? 18 : 0;
	tw = cols - 1 - 3 - (dw ? dw + 1 : 0) - (fw ? fw + 1 : 0) - 2;
	if (tw < 1)
		tw = 1;
	if (!ui->rtl) {
		xmark = 1;
		xdate = xmark + 3;
		xfeed = xdate + (dw ? dw + 1 : 0);
		xtitle = xfeed + (fw ? fw + 1 : 0) + 1;
	} else {
		xfeed = 1;
		xdate = xfeed + (fw ? fw + 1 : 0);
		xmark = xdate + (dw ? dw + 1 : 0);
		xtitle = xmark + 3 + 1;
	}
	if (ui->rtl) {
		/* Read from the right: the unread mark nearest the title. */
		if (r->starred)
			mvwaddch(ui->body, y, xmark, '*' | base);
		if (r->unread)
			mvwaddch(ui->body, y, xmark + 1, 'N' | base);
	} else {
		if (r->unread)
			mvwaddch(ui->body, y, xmark, 'N' | base);
		if (r->starred)
			mvwaddch(ui->body, y, xmark + 1, '*' | base);
	}
	if (dw > 0)
		ui_paint_field(ui, ui->body, y, xdate, dw, date,
		    ui->rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR, 0, meta);
	if (fw > 0)
		ui_paint_field(ui, ui->body, y, xfeed, fw, r->feed_title,
		    LAYOUT_DIR_AUTO, 0, meta);
	ui_paint_field(ui, ui->body, y, xtitle, tw,
	    r->title != NULL ? r->title : "", ui_items_dir(it, r), 0, base);
	free(date);
}

static void
ui_items_draw(struct ui *ui, struct ui_view *v, int flags)
{
	struct ui_items	*it = ui_items_of(v);
	size_t		 i;

	if (flags & UI_REDRAW_BODY) {
		werase(ui->body);
		for (i = it->list.top; i < it->list.n &&
		    i < it->list.top + (size_t)it->list.height; i++)
			ui_items_draw_row(ui, it, i);
		if (it->list.n == 0)
			ui_paint_field(ui, ui->body, 1, 2, ui->cols - 4,
			    it->query != NULL ? _("Nothing matches.") :
			    _("No articles here."), LAYOUT_DIR_AUTO, 0,
			    ui_attr(ui, UI_COLOR_META));
	} else if (flags & UI_REDRAW_SEL) {
		ui_items_draw_row(ui, it, it->list.old_sel);
		ui_items_draw_row(ui, it, it->list.sel);
	}
	it->list.old_sel = it->list.sel;
	wnoutrefresh(ui->body);
}

/* The selected row, or NULL. */
struct db_item_row *
ui_items_selected(struct ui_view *v)
{
	if (v == NULL || v->ops->kind != UI_VIEW_ITEMS)
		return (NULL);
	return (ui_list_sel(&ui_items_of(v)->list));
}

/* An article's read or starred state changed: show it in its row. */
void
ui_items_changed(struct ui *ui, struct ui_view *v, int64_t id, int unread,
    int starred)
{
	struct ui_items		*it;
	struct db_item_row	*r;
	size_t			 i;

	(void)ui;
	if (v == NULL || v->ops->kind != UI_VIEW_ITEMS)
		return;
	it = ui_items_of(v);
	for (i = 0; i < it->list.n; i++) {
		r = ui_list_row(&it->list, i);
		if (r->id != id)
			continue;
		if (unread >= 0)
			r->unread = unread != 0;
		if (starred >= 0)
			r->starred = starred != 0;
	}
}

/* Mark an article read or unread, in the cache and on screen. */
static int
ui_items_set_unread(struct ui *ui, struct ui_items *it,
    struct db_item_row *r, bool unread)
{
	char	*cause = NULL;

	if (r->unread == unread)
		return (0);
	if (db_item_set_unread(ui->db, r->id, unread, &cause) != 0) {
		ui_error_cause(ui, _("cannot change the article"), cause);
		return (UI_REDRAW_MSG);
	}
	ui_items_changed(ui, &it->v, r->id, unread, -1);
	ui->unread += unread ? 1 : -1;
	if (ui->unread < 0)
		ui->unread = 0;
	return (UI_REDRAW_SEL | UI_REDRAW_STATUS);
}

/* Open the selected article in the article view, marking it read. */
static int
ui_items_open(struct ui *ui, struct ui_items *it)
{
	struct db_item_row	*r = ui_list_sel(&it->list);

	if (r == NULL)
		return (0);
	ui_items_set_unread(ui, it, r, false);
	ui_push(ui, ui_pager_new(ui, &it->v, r, ui_items_dir(it, r)));
	return (UI_REDRAW_ALL);
}

static bool
ui_items_is_unread(struct ui *ui, const void *row, void *arg)
{
	(void)ui;
	(void)arg;
	return (((const struct db_item_row *)row)->unread);
}

/*
 * Move to the next (dir 1) or previous article, unread ones only when
 * unread is set, for the article view's J/K and n/p. Returns redraw
 * flags, 0 when there is none.
 */
int
ui_items_step(struct ui *ui, struct ui_view *v, int dir, bool unread)
{
	struct ui_items	*it = ui_items_of(v);
	int64_t		 id;
	struct db_item_row *r;

	r = ui_list_sel(&it->list);
	if (r == NULL)
		return (0);
	id = r->id;
	if (unread)
		ui_list_find(ui, &it->list, ui_items_is_unread, NULL, dir > 0);
	else
		ui_list_move(ui, &it->list, dir);
	r = ui_list_sel(&it->list);
	if (r == NULL || r->id == id)
		return (0);
	return (UI_REDRAW_ALL);
}

/*
 * Switch the list to the next or previous feed with unread articles (the
 * feed list below finds it) and select its first unread article.
 */
static int
ui_items_next_feed(struct ui *ui, struct ui_items *it, int dir)
{
	struct ui_view	*feeds = it->v.below;
	char		*title = NULL;
	int64_t		 id;

	if (feeds == NULL || feeds->ops->kind != UI_VIEW_FEEDS ||
	    ui_items_gathered(it) ||
	    ui_feeds_step_unread(ui, feeds, dir, &id, &title) == 0 ||
	    id == 0) {
		free(title);
		ui_message(ui, UI_MSG_INFO, "%s",
		    _("No more feeds with unread articles"));
		return (UI_REDRAW_MSG);
	}
	ui_list_clear(&it->list);
	it->id = id;
	free(it->title);
	it->title = title;
	it->dir_override = false;
	it->dir = FEED_DIR_AUTO;
	ui_list_first(ui, &it->list);
	if (!ui_items_is_unread(ui, ui_list_sel(&it->list), NULL))
		ui_list_find(ui, &it->list, ui_items_is_unread, NULL, true);
	return (UI_REDRAW_ALL);
}

/*
 * Cycle the direction of the list's feed (or the selected article's):
 * automatic, right to left, left to right; stored in the cache.
 */
int
ui_items_cycle_dir(struct ui *ui, struct ui_view *v)
{
	struct ui_items		*it = ui_items_of(v);
	struct db_item_row	*r = ui_list_sel(&it->list);
	enum feed_dir		 next, cur;
	int64_t			 feed;
	char			*cause = NULL;

	if (it->kind == DB_LIST_FEED && it->query == NULL) {
		feed = it->id;
		cur = it->dir_override ? it->dir : FEED_DIR_AUTO;
	} else if (r != NULL) {
		feed = r->feed_id;
		cur = FEED_DIR_AUTO;
	} else
		return (0);
	next = cur == FEED_DIR_AUTO ? FEED_DIR_RTL : cur == FEED_DIR_RTL ?
	    FEED_DIR_LTR : FEED_DIR_AUTO;
	if (db_feed_set_dir(ui->db, feed, next, &cause) != 0) {
		ui_error_cause(ui, _("cannot set the direction"), cause);
		return (UI_REDRAW_MSG);
	}
	it->dir_override = next != FEED_DIR_AUTO;
	it->dir = next;
	ui_message(ui, UI_MSG_INFO, "%s", next == FEED_DIR_RTL ?
	    _("Direction: right to left") : next == FEED_DIR_LTR ?
	    _("Direction: left to right") : _("Direction: automatic"));
	return (ui_list_reload(ui, &it->list) | UI_REDRAW_MSG);
}

static int
ui_items_act(struct ui *ui, struct ui_view *v, enum ui_action a, int arg)
{
	struct ui_items		*it = ui_items_of(v);
	struct db_item_row	*r = ui_list_sel(&it->list);
	char			*cause = NULL;
	int			 flags;

	(void)arg;
	switch (a) {
	case UI_ACT_OPEN:
		return (ui_items_open(ui, it));
	case UI_ACT_BACK:
		ui_pop(ui);
		return (UI_REDRAW_ALL);
	case UI_ACT_NEXT:
		return (ui_list_move(ui, &it->list, 1));
	case UI_ACT_PREV:
		return (ui_list_move(ui, &it->list, -1));
	case UI_ACT_NEXT_UNREAD:
	case UI_ACT_PREV_UNREAD:
		flags = ui_list_find(ui, &it->list, ui_items_is_unread, NULL,
		    a == UI_ACT_NEXT_UNREAD);
		if (flags != 0)
			return (flags);
		if (!ui_items_gathered(it))
			return (ui_items_next_feed(ui, it,
			    a == UI_ACT_NEXT_UNREAD ? 1 : -1));
		ui_message(ui, UI_MSG_INFO, "%s", _("No more unread articles"));
		return (UI_REDRAW_MSG);
	case UI_ACT_NEXT_FEED_UNREAD:
	case UI_ACT_PREV_FEED_UNREAD:
		return (ui_items_next_feed(ui, it,
		    a == UI_ACT_NEXT_FEED_UNREAD ? 1 : -1));
	case UI_ACT_TOGGLE_READ:
		if (r == NULL)
			return (0);
		return (ui_items_set_unread(ui, it, r, !r->unread));
	case UI_ACT_STAR:
		if (r == NULL)
			return (0);
		if (db_item_set_starred(ui->db, r->id, !r->starred,
		    &cause) != 0) {
			ui_error_cause(ui, _("cannot change the article"),
			    cause);
			return (UI_REDRAW_MSG);
		}
		r->starred = !r->starred;
		return (UI_REDRAW_SEL);
	case UI_ACT_MARK_FEED_READ:
		if (r == NULL && ui_items_gathered(it))
			return (0);
		if (db_feed_mark_read(ui->db, ui_items_gathered(it) ?
		    r->feed_id : it->id, &cause) != 0) {
			ui_error_cause(ui, _("cannot mark the feed read"),
			    cause);
			return (UI_REDRAW_MSG);
		}
		ui_refresh_unread(ui);
		return (ui_list_reload(ui, &it->list) | UI_REDRAW_STATUS);
	case UI_ACT_OPEN_BROWSER:
		if (r == NULL || r->link == NULL)
			return (0);
		if (ui_open_url(ui, r->link, &cause) != 0) {
			ui_error_cause(ui, _("cannot open the link"), cause);
			return (UI_REDRAW_ALL);
		}
		return (ui_items_set_unread(ui, it, r, false) | UI_REDRAW_ALL);
	case UI_ACT_RELOAD:
		if (!ui_items_gathered(it))
			return (ui_global_act(ui, UI_ACT_RELOAD, (int)it->id));
		if (r != NULL)
			return (ui_global_act(ui, UI_ACT_RELOAD,
			    (int)r->feed_id));
		return (0);
	case UI_ACT_DIRECTION:
		return (ui_items_cycle_dir(ui, v));
	default:
		return (ui_list_act(ui, &it->list, a));
	}
}

static int
ui_items_event(struct ui *ui, struct ui_view *v, const struct poller_event *ev)
{
	struct ui_items	*it = ui_items_of(v);

	if (ev->type != POLLER_EV_FEED_DONE && ev->type != POLLER_EV_INDEXED)
		return (0);
	if (ev->type == POLLER_EV_INDEXED && it->query == NULL)
		return (0);
	if (ev->type == POLLER_EV_FEED_DONE && ev->new_items == 0)
		return (0);
	if (ev->type == POLLER_EV_FEED_DONE && !ui_items_gathered(it) &&
	    ev->feed_id != it->id)
		return (0);
	return (ui_list_reload(ui, &it->list));
}

static void
ui_items_resize(struct ui *ui, struct ui_view *v)
{
	struct ui_items	*it = ui_items_of(v);

	ui_list_set_height(&it->list, ui->body_rows);
}

static void
ui_items_status(struct ui *ui, struct ui_view *v, struct str *name,
    struct str *pos)
{
	struct ui_items	*it = ui_items_of(v);

	(void)ui;
	if (it->query != NULL) {
		/* TRANSLATORS: the title of a search's results. */
		str_printf(name, _("Search: %s"), it->query);
	} else
		str_appends(name, it->title != NULL ? it->title : "");
	ui_list_position(&it->list, pos);
}

static int
ui_items_refresh(struct ui *ui, struct ui_view *v)
{
	return (ui_list_reload(ui, &ui_items_of(v)->list));
}

static int
ui_items_click(struct ui *ui, struct ui_view *v, int row, bool twice)
{
	struct ui_items	*it = ui_items_of(v);

	if (ui_list_select_row(&it->list, row) != 0)
		return (0);
	if (twice)
		return (ui_items_open(ui, it));
	return (UI_REDRAW_SEL | UI_REDRAW_STATUS);
}

static void
ui_items_free(struct ui_view *v)
{
	struct ui_items	*it = ui_items_of(v);

	ui_list_clear(&it->list);
	free(it->query);
	free(it->filter);
	free(it->title);
	free(it);
}

static const struct ui_view_ops ui_items_ops = {
	UI_VIEW_ITEMS,
	ui_items_draw,
	ui_items_act,
	ui_items_event,
	ui_items_resize,
	ui_items_status,
	ui_items_refresh,
	ui_items_click,
	ui_items_free
};

/*
 * Make an article list: a feed's (kind DB_LIST_FEED, its id), a gathered
 * one, or a search's results (query not NULL); title names it, dir and
 * override are the feed's direction. Reads its first page.
 */
struct ui_view *
ui_items_new(struct ui *ui, enum db_list kind, int64_t id, const char *query,
    const char *title, enum feed_dir dir, bool override)
{
	struct ui_items	*it;

	it = xcalloc(1, sizeof *it);
	it->v.ops = &ui_items_ops;
	it->kind = kind;
	it->id = id;
	it->query = query != NULL ? xstrdup(query) : NULL;
	it->title = xstrdup(title != NULL ? title : "");
	it->dir = dir;
	it->dir_override = override;
	ui_list_init(&it->list, &ui_items_list_ops, it);
	ui_list_set_height(&it->list, ui->body_rows);
	ui_list_first(ui, &it->list);
	return (&it->v);
}

/*
 * Make the article list of a query: feed (url is its line's URL, by which
 * the urls file's filter is found each time a page is read).
 */
struct ui_view *
ui_items_new_query(struct ui *ui, const char *url, const char *title)
{
	struct ui_items	*it;

	it = xcalloc(1, sizeof *it);
	it->v.ops = &ui_items_ops;
	it->kind = DB_LIST_ALL;
	it->filter = xstrdup(url);
	it->title = xstrdup(title != NULL ? title : "");
	it->dir = FEED_DIR_AUTO;
	ui_list_init(&it->list, &ui_items_list_ops, it);
	ui_list_set_height(&it->list, ui->body_rows);
	ui_list_first(ui, &it->list);
	return (&it->v);
}
