/*
 * The feed list: the lists that gather articles from every feed (all
 * unread, starred) first, then the feeds of the urls file in its order,
 * each with its unread count, an error marker and the last error, and the
 * time of its last update. A keyset-paged window (ui-list.c) over a source
 * that puts the gathering lists before the cache's feed pages; feeds the
 * urls file no longer lists are left out.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "reason.h"
#include "xmalloc.h"

/* What a row of the feed list is. */
enum ui_entry_kind {
	UI_ENTRY_FEED = 0,
	UI_ENTRY_UNREAD,	/* every unread article */
	UI_ENTRY_STARRED,	/* every starred article */
	UI_ENTRY_TAG		/* the articles of the feeds with a tag */
};

/* A gathering list: its kind, tag and counts, read again on changes. */
struct ui_virt {
	enum ui_entry_kind kind;
	int64_t		 tag;		/* UI_ENTRY_TAG: its id */
	char		*name;
	int64_t		 unread;
	int64_t		 total;
};

/* One row of the feed list. */
struct ui_entry {
	enum ui_entry_kind kind;
	int		 virt;		/* index among the gathering lists */
	bool		 query;		/* a query: feed (its counts are its
					   filter's, row.url names it) */
	struct db_feed_row row;		/* the feed; for the others, title only */
};

/* The feed list view. */
struct ui_feeds {
	struct ui_view	 v;
	struct ui_list	 list;
	struct ui_virt	*virt;		/* gathering lists shown first */
	size_t		 nvirt;
	int		 cw;		/* columns of the counts, for the rows read */
};

#define UI_FEEDS_CW	11		/* the counts' columns at least */

static const struct ui_list_ops ui_feeds_list_ops;

static struct ui_feeds *
ui_feeds_of(struct ui_view *v)
{
	return ((struct ui_feeds *)v);
}

/* Free the strings of a feed row. */
static void
ui_feeds_row_free(struct db_feed_row *r)
{
	free(r->url);
	free(r->title);
	free(r->error);
}

static void
ui_feeds_entries_free(void *v, size_t n)
{
	struct ui_entry	*e = v;
	size_t		 i;

	for (i = 0; i < n; i++)
		ui_feeds_row_free(&e[i].row);
	free(v);
}

static int64_t
ui_feeds_entry_id(const void *v)
{
	const struct ui_entry	*e = v;

	if (e->kind != UI_ENTRY_FEED)
		return (-1 - e->virt);
	return (e->row.id);
}

/* The gathering list a cursor row stands for, by its index or kind. */
static int
ui_feeds_virt_index(const struct ui_feeds *f, const struct ui_entry *e)
{
	return (e->virt < (int)f->nvirt ? e->virt : (int)f->nvirt - 1);
}

/* Fill a gathering list's row. */
static void
ui_feeds_virt(struct ui_feeds *f, struct ui_entry *e, int k)
{
	const struct ui_virt	*v = &f->virt[k];

	memset(e, 0, sizeof *e);
	e->kind = v->kind;
	e->virt = k;
	e->row.id = v->kind == UI_ENTRY_TAG ? v->tag : 0;
	e->row.position = INT64_MIN + k;
	e->row.title = xstrdup(v->name);
	e->row.unread = v->unread;
	e->row.total = v->total;
}

/* Free the gathering lists. */
static void
ui_feeds_virt_free(struct ui_feeds *f)
{
	size_t	i;

	for (i = 0; i < f->nvirt; i++)
		free(f->virt[i].name);
	free(f->virt);
	f->virt = NULL;
	f->nvirt = 0;
}

/* Read the gathering lists and their counts: unread, starred, each tag. */
static void
ui_feeds_virt_read(struct ui *ui, struct ui_feeds *f)
{
	struct db_tag_row	*tags = NULL;
	size_t			 ntags = 0, i;
	char			*cause = NULL;
	int64_t			 total, unread;

	ui_feeds_virt_free(f);
	if (db_tag_list(ui->db, &tags, &ntags, &cause) != 0) {
		free(cause);
		ntags = 0;
	}
	f->virt = xcalloc(2 + ntags, sizeof *f->virt);
	f->virt[0].kind = UI_ENTRY_UNREAD;
	f->virt[0].name = xstrdup(_("All unread articles"));
	f->virt[0].unread = f->virt[0].total = ui->unread;
	f->virt[1].kind = UI_ENTRY_STARRED;
	f->virt[1].name = xstrdup(_("Starred articles"));
	if (db_item_count(ui->db, DB_LIST_STARRED, 0, &total, &unread,
	    &cause) == 0) {
		f->virt[1].total = total;
		f->virt[1].unread = unread;
	} else
		free(cause);
	for (i = 0; i < ntags; i++) {
		f->virt[2 + i].kind = UI_ENTRY_TAG;
		f->virt[2 + i].tag = tags[i].id;
		/* TRANSLATORS: the feed list's row of a tag's articles. */
		xasprintf(&f->virt[2 + i].name, _("Tag: %s"), tags[i].name);
		f->virt[2 + i].unread = tags[i].unread;
		f->virt[2 + i].total = tags[i].total;
	}
	f->nvirt = 2 + ntags;
	db_tag_rows_free(tags, ntags);
}

/* A query: feed's row: the counts of the articles its filter matches. */
static void
ui_feeds_query_counts(struct ui *ui, const struct urls_sub *sub,
    struct ui_entry *e)
{
	int64_t	 total = 0, unread = 0;
	char	*cause = NULL;

	e->query = true;
	if (db_query_count(ui->db, sub->query, &total, &unread,
	    &cause) != 0) {
		/* The filter's SQL failed: said on its row, like a feed's error. */
		free(e->row.error);
		e->row.error = cause;
		e->row.error_kind = REASON_CACHE;
		e->row.error_code = 0;
	}
	e->row.total = total;
	e->row.unread = unread;
	e->row.last_fetch = 0;
}

/*
 * Read up to want feeds of the cache in the direction of page from cursor
 * (rows in list order), leaving out those the urls file does not list.
 */
static int
ui_feeds_db(struct ui *ui, enum db_page page, const struct db_feed_row *cur,
    size_t want, struct ui_entry **out, size_t *nout, char **cause)
{
	struct db_feed_row	*rows;
	struct db_feed_cursor	 c;
	struct ui_entry		*v = NULL, *t, *nv;
	const struct urls_sub	*sub;
	size_t			 n = 0, got, i, k, drop;
	bool			 back, has_cur = cur != NULL;

	back = page == DB_PAGE_PREV || page == DB_PAGE_LAST;
	if (cur != NULL)
		db_feed_row_cursor(cur, &c);
	while (n < want) {
		if (db_feed_page(ui->db, page, has_cur ? &c : NULL,
		    (int)want, &rows, &got, cause) != 0) {
			ui_feeds_entries_free(v, n);
			return (-1);
		}
		if (got == 0)
			break;
		db_feed_row_cursor(&rows[back ? 0 : got - 1], &c);
		has_cur = true;
		page = back ? DB_PAGE_PREV : DB_PAGE_NEXT;
		t = xreallocarray(NULL, got, sizeof *t);
		for (i = k = 0; i < got; i++) {
			sub = ui_sub(ui, rows[i].url);
			if (sub == NULL || sub->hidden) {
				ui_feeds_row_free(&rows[i]);
				continue;
			}
			memset(&t[k], 0, sizeof t[k]);
			t[k].kind = UI_ENTRY_FEED;
			t[k].row = rows[i];
			if (sub->query != NULL)
				ui_feeds_query_counts(ui, sub, &t[k]);
			k++;
		}
		free(rows);
		/* Too many: keep those nearest the cursor. */
		drop = k > want - n ? k - (want - n) : 0;
		for (i = 0; i < drop; i++)
			ui_feeds_row_free(&t[back ? i : k - 1 - i].row);
		nv = xreallocarray(NULL, n + k - drop + 1, sizeof *nv);
		if (back) {
			memcpy(nv, t + drop, (k - drop) * sizeof *nv);
			if (n > 0)
				memcpy(nv + k - drop, v, n * sizeof *nv);
		} else {
			if (n > 0)
				memcpy(nv, v, n * sizeof *nv);
			memcpy(nv + n, t, (k - drop) * sizeof *nv);
		}
		free(t);
		free(v);
		v = nv;
		n += k - drop;
		if (got < want)
			break;
	}
	*out = v;
	*nout = n;
	return (0);
}

/* The feed list's pages: the gathering lists, then the cache's feeds. */
static int
ui_feeds_page(struct ui *ui, struct ui_list *l, enum db_page page,
    const void *cursor, int limit, void **rows, size_t *n, char **cause)
{
	struct ui_feeds		*f = l->arg;
	const struct ui_entry	*c = cursor;
	struct ui_entry		*v, *feeds = NULL;
	size_t			 nv = f->nvirt, nf = 0, i, first, count, k;
	size_t			 want = (size_t)limit;

	*rows = NULL;
	*n = 0;
	first = 0;
	count = 0;
	switch (page) {
	case DB_PAGE_FIRST:
		count = nv < want ? nv : want;
		if (want > count && ui_feeds_db(ui, DB_PAGE_FIRST, NULL,
		    want - count, &feeds, &nf, cause) != 0)
			return (-1);
		break;
	case DB_PAGE_NEXT:
		if (c->kind != UI_ENTRY_FEED) {
			first = (size_t)ui_feeds_virt_index(f, c) + 1;
			count = nv > first ? nv - first : 0;
			if (count > want)
				count = want;
			if (want > count && ui_feeds_db(ui, DB_PAGE_FIRST,
			    NULL, want - count, &feeds, &nf, cause) != 0)
				return (-1);
		} else if (ui_feeds_db(ui, DB_PAGE_NEXT, &c->row, want,
		    &feeds, &nf, cause) != 0)
			return (-1);
		break;
	case DB_PAGE_PREV:
	case DB_PAGE_LAST:
		if (page == DB_PAGE_PREV && c->kind != UI_ENTRY_FEED) {
			k = (size_t)ui_feeds_virt_index(f, c);
			count = k < want ? k : want;
			first = k - count;
			break;
		}
		if (ui_feeds_db(ui, page, page == DB_PAGE_PREV ? &c->row :
		    NULL, want, &feeds, &nf, cause) != 0)
			return (-1);
		if (nf < want) {
			count = nv < want - nf ? nv : want - nf;
			first = nv - count;
		}
		break;
	}
	if (count + nf == 0) {
		free(feeds);
		return (0);
	}
	v = xreallocarray(NULL, count + nf, sizeof *v);
	for (i = 0; i < count; i++)
		ui_feeds_virt(f, &v[i], (int)(first + i));
	if (nf > 0)
		memcpy(v + count, feeds, nf * sizeof *v);
	free(feeds);
	*rows = v;
	*n = count + nf;
	return (0);
}

/*
 * The number of rows of the feed list: its gathering lists, and the urls
 * file's feeds that are not hidden (each has a row once synced).
 */
static int64_t
ui_feeds_count(struct ui *ui, struct ui_list *l)
{
	struct ui_feeds	*f = l->arg;
	size_t		 i, n = 0;

	for (i = 0; i < ui->nsubs; i++) {
		if (!ui->subs[i]->hidden)
			n++;
	}
	return ((int64_t)(n + f->nvirt));
}

static const struct ui_list_ops ui_feeds_list_ops = {
	sizeof (struct ui_entry),
	ui_feeds_page,
	ui_feeds_entries_free,
	ui_feeds_entry_id,
	ui_feeds_count,
	NULL
};

/* The words for a feed's last failure. */
static char *
ui_feeds_reason(const struct db_feed_row *r)
{
	return (reason_text(r->error_kind, r->error_code, r->error));
}

/* A row's counts as the list shows them: unread/total, or one number. */
static void
ui_feeds_count_text(const struct ui_entry *e, char *buf, size_t size)
{
	if (e->kind == UI_ENTRY_STARRED)
		snprintf(buf, size, "%lld", (long long)e->row.total);
	else if (e->kind == UI_ENTRY_UNREAD)
		snprintf(buf, size, "%lld", (long long)e->row.unread);
	else
		snprintf(buf, size, "%lld/%lld", (long long)e->row.unread,
		    (long long)e->row.total);
}

/*
 * The columns the counts take: those of the widest count of the rows
 * read (a few pages around the screen), at least UI_FEEDS_CW, at most a
 * third of the screen.
 */
static int
ui_feeds_count_width(const struct ui *ui, struct ui_feeds *f)
{
	char	 buf[48];
	size_t	 i, w = UI_FEEDS_CW;

	for (i = 0; i < f->list.n; i++) {
		ui_feeds_count_text(ui_list_row(&f->list, i), buf, sizeof buf);
		if (strlen(buf) > w)
			w = strlen(buf);
	}
	if ((int)w > ui->cols / 3)
		w = (size_t)(ui->cols / 3 > UI_FEEDS_CW ? ui->cols / 3 :
		    UI_FEEDS_CW);
	return ((int)w);
}

/* Paint one row of the feed list. */
static void
ui_feeds_draw_row(struct ui *ui, struct ui_feeds *f, size_t i)
{
	struct ui_entry	*e = ui_list_row(&f->list, i);
	int		 y = ui_list_screen_row(&f->list, i);
	attr_t		 base, meta, err;
	char		 count[48], *date, *why = NULL;
	int		 cw = f->cw > UI_FEEDS_CW ? f->cw : UI_FEEDS_CW;
	int		 dw, tw, cols = ui->cols;
	int		 xmark, xcount, xdate, xtitle;
	bool		 sel = i == f->list.sel;

	if (e == NULL || y < 0)
		return;
	base = ui_attr(ui, UI_COLOR_NORMAL);
	if (e->row.unread > 0)
		base |= ui_attr(ui, UI_COLOR_UNREAD);
	meta = e->row.unread > 0 ? ui_attr(ui, UI_COLOR_UNREAD) : 0;
	meta |= ui_attr(ui, UI_COLOR_META);
	err = ui_attr(ui, UI_COLOR_ERROR);
	if (sel) {
		base = ui_attr_selected(ui, base);
		meta = ui_attr_selected(ui, meta);
		err = ui_attr_selected(ui, err) | A_BOLD;
	}
	ui_paint_blank(ui->body, y, 0, cols, base);

	ui_feeds_count_text(e, count, sizeof count);
	date = NULL;
	dw = 0;
	if (e->row.error != NULL && e->kind == UI_ENTRY_FEED) {
		why = ui_feeds_reason(&e->row);
		dw = cols >= 60 ? 18 : 0;
	} else if (e->kind == UI_ENTRY_FEED && e->row.last_fetch > 0 &&
	    cols >= 60) {
		/* TRANSLATORS: strftime format of a feed's last update. */
		date = ui_date(e->row.last_fetch, _("%b %d %H:%M"));
		dw = 14;
	}
	if (cols < 60)
		dw = 0;
	tw = cols - 2 - 1 - cw - 2 - (dw > 0 ? dw + 2 : 0) - 1;
	if (tw < 1)
		tw = 1;
	/* The columns from the reading side: mark, count, title, date. */
	if (!ui->rtl) {
		xmark = 1;
		xcount = xmark + 2;
		xtitle = xcount + cw + 2;
		xdate = cols - 1 - dw;
	} else {
		xdate = 1;
		xcount = (dw > 0 ? xdate + dw + 2 : 1);
		xmark = xcount + cw + 1;
		xtitle = xmark + 3;
		tw = cols - 1 - xtitle;
		if (tw < 1)
			tw = 1;
	}
	if (e->row.error != NULL)
		mvwaddch(ui->body, y, xmark, '!' | err);
	else if (e->row.unread > 0)
		mvwaddch(ui->body, y, xmark, 'N' | base);
	ui_paint_field(ui, ui->body, y, xcount, cw, count, LAYOUT_DIR_LTR,
	    1, meta);
	ui_paint_field(ui, ui->body, y, xtitle, tw, e->row.title,
	    layout_dir_for_feed(e->row.dir_override ? FEED_DIR_AUTO : e->row.dir,
	    e->row.dir_override ? e->row.dir : FEED_DIR_AUTO), 0, base);
	if (dw > 0 && why != NULL)
		ui_paint_field(ui, ui->body, y, xdate, dw, why,
		    ui->rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR, 0, err);
	else if (dw > 0 && date != NULL)
		ui_paint_field(ui, ui->body, y, xdate, dw, date,
		    ui->rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR, 0, meta);
	free(date);
	free(why);
}

static void
ui_feeds_draw(struct ui *ui, struct ui_view *v, int flags)
{
	struct ui_feeds	*f = ui_feeds_of(v);
	size_t		 i;
	int		 y;

	if (!(flags & UI_REDRAW_BODY) &&
	    ui_feeds_count_width(ui, f) != f->cw)
		flags |= UI_REDRAW_BODY;	/* every row's columns move */
	if (flags & UI_REDRAW_BODY) {
		f->cw = ui_feeds_count_width(ui, f);
		werase(ui->body);
		for (i = f->list.top; i < f->list.n &&
		    i < f->list.top + (size_t)f->list.height; i++)
			ui_feeds_draw_row(ui, f, i);
		if (f->list.n == 0) {
			y = ui->body_rows / 2;
			ui_paint_field(ui, ui->body, y > 0 ? y - 1 : 0, 2,
			    ui->cols - 4, _("No feeds yet: add feed URLs to "
			    "the urls file, one per line, then press R."),
			    LAYOUT_DIR_AUTO, 0, ui_attr(ui, UI_COLOR_META));
		}
	} else if (flags & UI_REDRAW_SEL) {
		ui_feeds_draw_row(ui, f, f->list.old_sel);
		ui_feeds_draw_row(ui, f, f->list.sel);
	}
	f->list.old_sel = f->list.sel;
	wnoutrefresh(ui->body);
}

/* The selected feed's id, or 0 for a gathering list or none. */
int64_t
ui_feeds_selected_id(struct ui_view *v)
{
	struct ui_entry	*e;

	if (v == NULL || v->ops->kind != UI_VIEW_FEEDS)
		return (0);
	e = ui_list_sel(&ui_feeds_of(v)->list);
	if (e == NULL || e->kind != UI_ENTRY_FEED)
		return (0);
	return (e->row.id);
}

static bool
ui_feeds_has_unread(struct ui *ui, const void *row, void *arg)
{
	const struct ui_entry	*e = row;

	(void)ui;
	(void)arg;
	return (e->kind == UI_ENTRY_FEED && !e->query && e->row.unread > 0);
}

/*
 * Select the next (dir 1) or previous (-1) feed with unread articles; its
 * id in *id (0: none), and its title and direction for the article list.
 */
int
ui_feeds_step_unread(struct ui *ui, struct ui_view *v, int dir, int64_t *id,
    char **title)
{
	struct ui_feeds	*f = ui_feeds_of(v);
	struct ui_entry	*e;
	int		 flags;

	*id = 0;
	flags = ui_list_find(ui, &f->list, ui_feeds_has_unread, NULL,
	    dir > 0);
	if (flags == 0)
		return (0);
	e = ui_list_sel(&f->list);
	if (e != NULL && e->kind == UI_ENTRY_FEED) {
		*id = e->row.id;
		if (title != NULL)
			*title = xstrdup(e->row.title != NULL ? e->row.title :
			    "");
	}
	return (flags);
}

/* Open the selected row's article list. */
static int
ui_feeds_open(struct ui *ui, struct ui_feeds *f)
{
	struct ui_entry	*e = ui_list_sel(&f->list);
	struct ui_view	*items;

	if (e == NULL)
		return (0);
	switch (e->kind) {
	case UI_ENTRY_UNREAD:
		items = ui_items_new(ui, DB_LIST_UNREAD, 0, NULL, e->row.title,
		    FEED_DIR_AUTO, false);
		break;
	case UI_ENTRY_STARRED:
		items = ui_items_new(ui, DB_LIST_STARRED, 0, NULL,
		    e->row.title, FEED_DIR_AUTO, false);
		break;
	case UI_ENTRY_TAG:
		items = ui_items_new(ui, DB_LIST_TAG, e->row.id, NULL,
		    e->row.title, FEED_DIR_AUTO, false);
		break;
	default:
		if (e->query) {
			items = ui_items_new_query(ui, e->row.url,
			    e->row.title);
			break;
		}
		items = ui_items_new(ui, DB_LIST_FEED, e->row.id, NULL,
		    e->row.title, e->row.dir, e->row.dir_override);
		break;
	}
	ui_push(ui, items);
	return (UI_REDRAW_ALL);
}

/* Cycle the selected feed's direction: automatic, RTL, LTR. */
static int
ui_feeds_direction(struct ui *ui, struct ui_feeds *f)
{
	struct ui_entry	*e = ui_list_sel(&f->list);
	enum feed_dir	 next;
	char		*cause = NULL;

	if (e == NULL || e->kind != UI_ENTRY_FEED)
		return (0);
	if (!e->row.dir_override)
		next = FEED_DIR_RTL;
	else if (e->row.dir == FEED_DIR_RTL)
		next = FEED_DIR_LTR;
	else
		next = FEED_DIR_AUTO;
	if (db_feed_set_dir(ui->db, e->row.id, next, &cause) != 0) {
		ui_error_cause(ui, _("cannot set the direction"), cause);
		return (UI_REDRAW_MSG);
	}
	ui_message(ui, UI_MSG_INFO, "%s", next == FEED_DIR_RTL ?
	    _("Direction: right to left") : next == FEED_DIR_LTR ?
	    _("Direction: left to right") : _("Direction: automatic"));
	return (ui_list_reload(ui, &f->list) | UI_REDRAW_MSG);
}

static int
ui_feeds_act(struct ui *ui, struct ui_view *v, enum ui_action a, int arg)
{
	struct ui_feeds	*f = ui_feeds_of(v);
	struct ui_entry	*e;
	char		*cause = NULL;
	int		 flags;

	(void)arg;
	switch (a) {
	case UI_ACT_OPEN:
		return (ui_feeds_open(ui, f));
	case UI_ACT_BACK:
		return (ui_quit(ui));
	case UI_ACT_NEXT:
		return (ui_list_move(ui, &f->list, 1));
	case UI_ACT_PREV:
		return (ui_list_move(ui, &f->list, -1));
	case UI_ACT_NEXT_UNREAD:
	case UI_ACT_NEXT_FEED_UNREAD:
	case UI_ACT_PREV_UNREAD:
	case UI_ACT_PREV_FEED_UNREAD:
		flags = ui_list_find(ui, &f->list, ui_feeds_has_unread, NULL,
		    a == UI_ACT_NEXT_UNREAD || a == UI_ACT_NEXT_FEED_UNREAD);
		if (flags == 0) {
			ui_message(ui, UI_MSG_INFO, "%s",
			    _("No more feeds with unread articles"));
			return (UI_REDRAW_MSG);
		}
		return (flags);
	case UI_ACT_MARK_FEED_READ:
		e = ui_list_sel(&f->list);
		if (e == NULL || e->kind == UI_ENTRY_STARRED ||
		    e->kind == UI_ENTRY_TAG)
			return (0);
		if (db_feed_mark_read(ui->db, e->kind == UI_ENTRY_FEED ?
		    e->row.id : 0, &cause) != 0) {
			ui_error_cause(ui, _("cannot mark the feed read"),
			    cause);
			return (UI_REDRAW_MSG);
		}
		ui_refresh_unread(ui);
		return (ui_list_reload(ui, &f->list) | UI_REDRAW_STATUS);
	case UI_ACT_RELOAD:
		if (ui_feeds_selected_id(v) == 0)
			return (ui_global_act(ui, UI_ACT_RELOAD_ALL, 0));
		return (ui_global_act(ui, UI_ACT_RELOAD,
		    (int)ui_feeds_selected_id(v)));
	case UI_ACT_DIRECTION:
		return (ui_feeds_direction(ui, f));
	default:
		return (ui_list_act(ui, &f->list, a));
	}
}

/* A feed's row read again from the cache, where the window has it. */
static int
ui_feeds_refresh_row(struct ui *ui, struct ui_feeds *f, int64_t id)
{
	struct db_feed_row	*row = NULL;
	struct ui_entry		*e;
	char			*cause = NULL;
	size_t			 i;
	int			 flags = 0;

	for (i = 0; i < f->list.n; i++) {
		e = ui_list_row(&f->list, i);
		if (e->kind != UI_ENTRY_FEED || e->row.id != id || e->query)
			continue;
		if (db_feed_get(ui->db, id, &row, &cause) != 0) {
			free(cause);
			return (ui_list_reload(ui, &f->list));
		}
		if (row == NULL)
			return (ui_list_reload(ui, &f->list));
		ui_feeds_row_free(&e->row);
		e->row = *row;
		free(row);
		flags |= UI_REDRAW_BODY;
		break;
	}
	return (flags);
}

/* The gathering lists' counts again, in the window's rows too. */
static int
ui_feeds_refresh_virt(struct ui *ui, struct ui_feeds *f)
{
	struct ui_entry	*e;
	const struct urls_sub *sub;
	size_t		 i, n = f->nvirt;

	ui_feeds_virt_read(ui, f);
	if (f->nvirt != n)
		return (ui_list_reload(ui, &f->list));
	for (i = 0; i < f->list.n; i++) {
		e = ui_list_row(&f->list, i);
		if (e->query && (sub = ui_sub(ui, e->row.url)) != NULL &&
		    sub->query != NULL)
			ui_feeds_query_counts(ui, sub, e);
		if (e->kind == UI_ENTRY_FEED || e->virt >= (int)f->nvirt)
			continue;
		e->row.unread = f->virt[e->virt].unread;
		e->row.total = f->virt[e->virt].total;
	}
	return (UI_REDRAW_BODY);
}

static int
ui_feeds_event(struct ui *ui, struct ui_view *v, const struct poller_event *ev)
{
	struct ui_feeds	*f = ui_feeds_of(v);

	switch (ev->type) {
	case POLLER_EV_FEED_DONE:
	case POLLER_EV_FEED_FAILED:
		/* Only its row and the counts of the gathering lists. */
		return (ui_feeds_refresh_row(ui, f, ev->feed_id) |
		    (ev->new_items > 0 ? ui_feeds_refresh_virt(ui, f) : 0));
	case POLLER_EV_STARTED:
	case POLLER_EV_FEED_MOVED:
	case POLLER_EV_FINISHED:
		ui_feeds_virt_read(ui, f);
		return (ui_list_reload(ui, &f->list));
	default:
		return (0);
	}
}

static void
ui_feeds_resize(struct ui *ui, struct ui_view *v)
{
	struct ui_feeds	*f = ui_feeds_of(v);

	ui_list_set_height(&f->list, ui->body_rows);
	ui_feeds_virt_read(ui, f);
	ui_list_reload(ui, &f->list);
}

static void
ui_feeds_status(struct ui *ui, struct ui_view *v, struct str *name,
    struct str *pos)
{
	struct ui_feeds	*f = ui_feeds_of(v);

	(void)ui;
	str_appends(name, _("Feeds"));
	ui_list_position(&f->list, pos);
}

static int
ui_feeds_refresh(struct ui *ui, struct ui_view *v)
{
	ui_feeds_virt_read(ui, ui_feeds_of(v));
	return (ui_list_reload(ui, &ui_feeds_of(v)->list));
}

static int
ui_feeds_click(struct ui *ui, struct ui_view *v, int row, bool twice)
{
	struct ui_feeds	*f = ui_feeds_of(v);

	if (ui_list_select_row(&f->list, row) != 0)
		return (0);
	if (twice)
		return (ui_feeds_open(ui, f));
	return (UI_REDRAW_SEL | UI_REDRAW_STATUS);
}

static void
ui_feeds_free(struct ui_view *v)
{
	struct ui_feeds	*f = ui_feeds_of(v);

	ui_list_clear(&f->list);
	ui_feeds_virt_free(f);
	free(f);
}

static const struct ui_view_ops ui_feeds_ops = {
	UI_VIEW_FEEDS,
	ui_feeds_draw,
	ui_feeds_act,
	ui_feeds_event,
	ui_feeds_resize,
	ui_feeds_status,
	ui_feeds_refresh,
	ui_feeds_click,
	ui_feeds_free
};

/* Make the feed list and read its first page. */
struct ui_view *
ui_feeds_new(struct ui *ui)
{
	struct ui_feeds	*f;

	f = xcalloc(1, sizeof *f);
	f->v.ops = &ui_feeds_ops;
	ui_feeds_virt_read(ui, f);
	ui_list_init(&f->list, &ui_feeds_list_ops, f);
	ui_list_set_height(&f->list, ui->body_rows);
	ui_list_first(ui, &f->list);
	return (&f->v);
}
