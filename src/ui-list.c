/*
 * Keyset-paged windows over the cache's lists. A window holds a few pages
 * of consecutive rows around the screen (never a whole feed): moving past
 * its edge reads the next page after the last row's cursor (or before the
 * first's) and drops rows far from the screen, so opening a feed of 100 000
 * items and pressing End costs two small queries. The window knows the
 * rank of its first row when it has reached the list's start, counted
 * while it slides, or asked of the cache after a jump; the position shown
 * as "12/340" comes from it.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define UI_LIST_MIN_PAGE	32	/* rows read at a time, at least */
#define UI_LIST_MIN_KEEP	160	/* rows kept, at least */
#define UI_LIST_SCAN_PAGE	256	/* rows read at a time by a search */

static size_t
ui_list_page_rows(const struct ui_list *l)
{
	return (l->height > UI_LIST_MIN_PAGE ? (size_t)l->height :
	    UI_LIST_MIN_PAGE);
}

static size_t
ui_list_keep(const struct ui_list *l)
{
	size_t	k = 4 * (size_t)(l->height > 0 ? l->height : 1);

	return (k > UI_LIST_MIN_KEEP ? k : UI_LIST_MIN_KEEP);
}

/* Start an empty window reading through ops; arg is the view's. */
void
ui_list_init(struct ui_list *l, const struct ui_list_ops *ops, void *arg)
{
	memset(l, 0, sizeof *l);
	l->ops = ops;
	l->arg = arg;
	l->base = -1;
	l->total = -1;
	l->height = 1;
}

/* Free the window's rows. */
void
ui_list_clear(struct ui_list *l)
{
	if (l->rows != NULL)
		l->ops->free(l->rows, l->n);
	l->rows = NULL;
	l->n = 0;
	l->sel = l->top = l->old_sel = 0;
	l->at_start = l->at_end = false;
}

/* Row i of the window. */
void *
ui_list_row(const struct ui_list *l, size_t i)
{
	if (i >= l->n)
		return (NULL);
	return (l->rows + i * l->ops->size);
}

/* The selected row, or NULL when the list is empty. */
void *
ui_list_sel(const struct ui_list *l)
{
	return (ui_list_row(l, l->sel));
}

/* Replace the window's rows with rows[0..n) (taken over). */
static void
ui_list_take(struct ui_list *l, void *rows, size_t n)
{
	if (l->rows != NULL)
		l->ops->free(l->rows, l->n);
	l->rows = rows;
	l->n = n;
}

/* Read a page; on failure a message and -1. */
static int
ui_list_read(struct ui *ui, struct ui_list *l, enum db_page page,
    const void *cursor, size_t limit, void **rows, size_t *n)
{
	char	*cause = NULL;

	*rows = NULL;
	*n = 0;
	if (l->ops->page(ui, l, page, cursor, (int)limit, rows, n,
	    &cause) != 0) {
		ui_error_cause(ui, "", cause);
		return (-1);
	}
	return (0);
}

/*
 * Free the rows [i, i + n) of the window without its array: the ops'
 * free takes an array of its own.
 */
static void
ui_list_free_rows(struct ui_list *l, size_t i, size_t n)
{
	char	*tmp;

	if (n == 0)
		return;
	tmp = xreallocarray(NULL, n, l->ops->size);
	memcpy(tmp, l->rows + i * l->ops->size, n * l->ops->size);
	l->ops->free(tmp, n);
}

/* Keep top within the window and sel on screen; fill the screen. */
static void
ui_list_scroll(struct ui_list *l)
{
	size_t	h = (size_t)(l->height > 0 ? l->height : 1);

	if (l->n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	/* At the end of the list, no blank rows below while rows are above. */
	if (l->at_end && l->top + h > l->n)
		l->top = l->n > h ? l->n - h : 0;
	if (l->top > l->sel)
		l->top = l->sel;
}

/* Drop rows from the front of the window, keeping the screen. */
static void
ui_list_trim_front(struct ui_list *l)
{
	size_t	keep = ui_list_keep(l), d, h = ui_list_page_rows(l);
	char	*rows;

	if (l->n <= keep)
		return;
	d = l->n - keep;
	/* Keep a page above the screen. */
	if (d + h > l->top)
		d = l->top > h ? l->top - h : 0;
	if (d == 0)
		return;
	ui_list_free_rows(l, 0, d);
	rows = xreallocarray(NULL, l->n - d, l->ops->size);
	memcpy(rows, l->rows + d * l->ops->size, (l->n - d) * l->ops->size);
	free(l->rows);
	l->rows = rows;
	l->n -= d;
	l->sel -= d;
	l->top -= d;
	l->old_sel = l->old_sel >= d ? l->old_sel - d : 0;
	if (l->base >= 0)
		l->base += (int64_t)d;
	l->at_start = false;
}

/* Drop rows from the end of the window, keeping the screen. */
static void
ui_list_trim_back(struct ui_list *l)
{
	size_t	keep = ui_list_keep(l), h = ui_list_page_rows(l), last;

	if (l->n <= keep)
		return;
	last = l->top + (size_t)l->height + h;	/* keep a page below */
	if (last < keep)
		last = keep;
	if (last >= l->n)
		return;
	ui_list_free_rows(l, last, l->n - last);
	l->n = last;
	l->at_end = false;
}

/* Read the page after the window; returns the rows added. */
static size_t
ui_list_extend_down(struct ui *ui, struct ui_list *l)
{
	void	*rows;
	size_t	 n, limit = ui_list_page_rows(l);

	if (l->at_end || l->n == 0)
		return (0);
	if (ui_list_read(ui, l, DB_PAGE_NEXT, ui_list_row(l, l->n - 1),
	    limit, &rows, &n) != 0) {
		l->at_end = true;
		return (0);
	}
	if (n < limit)
		l->at_end = true;
	if (n > 0) {
		l->rows = xreallocarray(l->rows, l->n + n, l->ops->size);
		memcpy(l->rows + l->n * l->ops->size, rows, n * l->ops->size);
		free(rows);
		l->n += n;
	}
	return (n);
}

/* Read the page before the window; returns the rows added. */
static size_t
ui_list_extend_up(struct ui *ui, struct ui_list *l)
{
	void	*rows;
	char	*v;
	size_t	 n, limit = ui_list_page_rows(l);

	if (l->at_start || l->n == 0)
		return (0);
	if (ui_list_read(ui, l, DB_PAGE_PREV, ui_list_row(l, 0), limit,
	    &rows, &n) != 0) {
		l->at_start = true;
		return (0);
	}
	if (n < limit) {
		l->at_start = true;
		l->base = (int64_t)n;
	} else if (l->base >= 0)
		l->base -= (int64_t)n;
	if (n > 0) {
		v = xreallocarray(NULL, l->n + n, l->ops->size);
		memcpy(v, rows, n * l->ops->size);
		memcpy(v + n * l->ops->size, l->rows, l->n * l->ops->size);
		free(rows);
		free(l->rows);
		l->rows = v;
		l->n += n;
		l->sel += n;
		l->top += n;
		l->old_sel += n;
	}
	if (l->at_start)
		l->base = 0;
	return (n);
}

/* Read rows until the screen is full (or the list ends). */
static void
ui_list_fill(struct ui *ui, struct ui_list *l)
{
	while (!l->at_end && l->top + (size_t)l->height > l->n) {
		if (ui_list_extend_down(ui, l) == 0)
			break;
	}
}

/* Ask the list how long it is. */
static void
ui_list_count(struct ui *ui, struct ui_list *l)
{
	l->total = l->ops->count != NULL ? l->ops->count(ui, l) : -1;
	if (l->total < 0 && l->at_start && l->at_end)
		l->total = (int64_t)l->n;
}

/* Load the first rows of the list and select the first. */
int
ui_list_first(struct ui *ui, struct ui_list *l)
{
	void	*rows;
	size_t	 n, limit = 2 * ui_list_page_rows(l);

	if (ui_list_read(ui, l, DB_PAGE_FIRST, NULL, limit, &rows, &n) != 0)
		return (UI_REDRAW_ALL);
	ui_list_take(l, rows, n);
	l->at_start = true;
	l->at_end = n < limit;
	l->base = 0;
	l->sel = l->top = l->old_sel = 0;
	ui_list_count(ui, l);
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

/* Load the last rows of the list and select the last. */
int
ui_list_last(struct ui *ui, struct ui_list *l)
{
	void	*rows;
	size_t	 n, limit = ui_list_page_rows(l);

	if (l->at_end && l->n > 0) {
		l->sel = l->n - 1;
		ui_list_scroll(l);
		return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
	}
	if (ui_list_read(ui, l, DB_PAGE_LAST, NULL, limit, &rows, &n) != 0)
		return (UI_REDRAW_ALL);
	ui_list_take(l, rows, n);
	l->at_end = true;
	l->at_start = n < limit;
	ui_list_count(ui, l);
	if (l->at_start)
		l->base = 0;
	else if (l->total >= 0)
		l->base = l->total - (int64_t)n;
	else
		l->base = -1;
	l->sel = n > 0 ? n - 1 : 0;
	l->top = 0;
	ui_list_scroll(l);
	l->old_sel = l->sel;
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

/* The id of the row at the top of the screen, 0 when empty. */
static int64_t
ui_list_top_id(const struct ui_list *l)
{
	return (l->n > 0 ? l->ops->id(ui_list_row(l, l->top)) : 0);
}

/* Move the selection by delta rows, reading pages as needed. */
int
ui_list_move(struct ui *ui, struct ui_list *l, int64_t delta)
{
	int64_t	 target, top_id, sel_id;
	size_t	 got, before;

	if (l->n == 0)
		return (0);
	top_id = ui_list_top_id(l);
	sel_id = l->ops->id(ui_list_sel(l));
	target = (int64_t)l->sel + delta;
	while (target >= (int64_t)l->n && !l->at_end) {
		if (ui_list_extend_down(ui, l) == 0)
			break;
		before = l->sel;
		ui_list_trim_front(l);
		target -= (int64_t)(before - l->sel);
	}
	while (target < 0 && !l->at_start) {
		got = ui_list_extend_up(ui, l);
		if (got == 0)
			break;
		target += (int64_t)got;
		ui_list_trim_back(l);
	}
	if (target < 0)
		target = 0;
	if (target >= (int64_t)l->n)
		target = (int64_t)l->n - 1;
	l->old_sel = l->sel;
	l->sel = (size_t)target;
	ui_list_scroll(l);
	ui_list_fill(ui, l);
	if (ui_list_top_id(l) != top_id)
		return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
	if (l->ops->id(ui_list_sel(l)) == sel_id)
		return (0);
	return (UI_REDRAW_SEL | UI_REDRAW_STATUS);
}

/*
 * Move a page (or half a page) down (dir 1) or up (-1): the selection
 * keeps its place on screen and the rows scroll under it.
 */
int
ui_list_page(struct ui *ui, struct ui_list *l, int dir, bool half)
{
	int64_t	 step, top_id;
	size_t	 off;
	int	 flags;

	if (l->n == 0)
		return (0);
	step = half ? (l->height + 1) / 2 : l->height;
	if (step < 1)
		step = 1;
	top_id = ui_list_top_id(l);
	off = l->sel - l->top;
	flags = ui_list_move(ui, l, dir * step);
	l->top = l->sel >= off ? l->sel - off : 0;
	ui_list_scroll(l);
	ui_list_fill(ui, l);
	if (ui_list_top_id(l) != top_id)
		flags |= UI_REDRAW_BODY | UI_REDRAW_STATUS;
	return (flags);
}

/*
 * Build the window around row (a row of the list, borrowed): the page
 * before it and the rows from it on. Returns the index row has in it, or
 * the first row after where it was.
 */
static size_t
ui_list_around(struct ui *ui, struct ui_list *l, const void *row,
    int64_t id)
{
	void	*before, *from, *v;
	size_t	 nb, nf, limit = ui_list_page_rows(l), i;
	int	 rc;

	if (ui_list_read(ui, l, DB_PAGE_PREV, row, limit, &before, &nb) != 0)
		return (0);
	if (nb > 0)
		rc = ui_list_read(ui, l, DB_PAGE_NEXT,
		    (char *)before + (nb - 1) * l->ops->size, 2 * limit,
		    &from, &nf);
	else
		rc = ui_list_read(ui, l, DB_PAGE_FIRST, NULL, 2 * limit,
		    &from, &nf);
	if (rc != 0) {
		l->ops->free(before, nb);
		return (0);
	}
	v = xreallocarray(NULL, nb + nf + 1, l->ops->size);
	if (nb > 0)
		memcpy(v, before, nb * l->ops->size);
	if (nf > 0)
		memcpy((char *)v + nb * l->ops->size, from, nf * l->ops->size);
	free(before);
	free(from);
	ui_list_take(l, v, nb + nf);
	l->at_start = nb < limit;
	l->at_end = nf < 2 * limit;
	if (l->at_start)
		l->base = 0;
	else if (l->ops->rank != NULL && l->n > 0)
		l->base = l->ops->rank(ui, l, ui_list_row(l, 0));
	else
		l->base = -1;
	for (i = nb; i < l->n; i++) {
		if (l->ops->id(ui_list_row(l, i)) == id)
			return (i);
	}
	return (nb < l->n ? nb : (l->n > 0 ? l->n - 1 : 0));
}

/*
 * Read the window again after the list changed (new items, a row marked
 * read): the row at the top of the screen stays there and the selection
 * stays on its row, or at its place on screen when the row is gone.
 */
int
ui_list_reload(struct ui *ui, struct ui_list *l)
{
	void	*anchor;
	int64_t	 top_id, sel_id;
	size_t	 off, i, top;
	char	*copy;

	if (l->n == 0)
		return (ui_list_first(ui, l));
	off = l->sel - l->top;
	top_id = l->ops->id(ui_list_row(l, l->top));
	sel_id = l->ops->id(ui_list_row(l, l->sel));
	/* The top row is freed by the reload: read around a copy. */
	anchor = ui_list_row(l, l->top);
	copy = xmalloc(l->ops->size);
	memcpy(copy, anchor, l->ops->size);
	/* Detach it from the window so the free below leaves it alone. */
	memset(anchor, 0, l->ops->size);
	l->ops->free(l->rows, l->n);
	l->rows = NULL;
	l->n = 0;
	top = ui_list_around(ui, l, copy, top_id);
	l->ops->free(copy, 1);
	l->top = top;
	l->sel = top + off;
	for (i = top; i < l->n; i++) {
		if (l->ops->id(ui_list_row(l, i)) == sel_id) {
			l->sel = i;
			break;
		}
	}
	ui_list_fill(ui, l);
	ui_list_scroll(l);
	l->old_sel = l->sel;
	ui_list_count(ui, l);
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

/*
 * Select the next (forward) or previous row that pred accepts, looking
 * past the window page by page; the window moves only when one is found.
 * Returns redraw flags, or 0 when there is none.
 */
int
ui_list_find(struct ui *ui, struct ui_list *l,
    bool (*pred)(struct ui *, const void *, void *), void *arg, bool forward)
{
	char	*rows, *cur, *found = NULL, *row;
	size_t	 i, k, n, at, size = l->ops->size;
	bool	 owned = false;
	int64_t	 id;

	if (l->n == 0)
		return (0);
	for (i = 1; i <= l->n; i++) {
		if (forward ? l->sel + i >= l->n : i > l->sel)
			break;
		k = forward ? l->sel + i : l->sel - i;
		if (pred(ui, ui_list_row(l, k), arg))
			return (ui_list_move(ui, l, (int64_t)k -
			    (int64_t)l->sel));
	}
	if ((forward && l->at_end) || (!forward && l->at_start))
		return (0);

	/*
	 * Past the window: scan pages without touching it. cur is a copy of
	 * the row to go on from: the window's (its strings not owned) first,
	 * then the last row of each page read (owned).
	 */
	cur = xmalloc(size);
	memcpy(cur, ui_list_row(l, forward ? l->n - 1 : 0), size);
	for (;;) {
		n = 0;
		if (ui_list_read(ui, l, forward ? DB_PAGE_NEXT : DB_PAGE_PREV,
		    cur, UI_LIST_SCAN_PAGE, (void **)&rows, &n) != 0)
			n = 0;
		if (owned)
			l->ops->free(cur, 1);
		else
			free(cur);
		cur = NULL;
		for (i = 0; i < n && found == NULL; i++) {
			row = rows + (forward ? i : n - 1 - i) * size;
			if (pred(ui, row, arg)) {
				found = xmalloc(size);
				memcpy(found, row, size);
				memset(row, 0, size);
			}
		}
		if (found != NULL || n < UI_LIST_SCAN_PAGE) {
			if (n > 0)
				l->ops->free(rows, n);
			break;
		}
		cur = xmalloc(size);
		row = rows + (forward ? n - 1 : 0) * size;
		memcpy(cur, row, size);
		memset(row, 0, size);
		owned = true;
		l->ops->free(rows, n);
	}
	if (found == NULL)
		return (0);
	id = l->ops->id(found);
	ui_list_clear(l);
	at = ui_list_around(ui, l, found, id);
	l->ops->free(found, 1);
	l->sel = at;
	l->top = at > (size_t)l->height / 2 ? at - (size_t)l->height / 2 : 0;
	ui_list_fill(ui, l);
	ui_list_scroll(l);
	l->old_sel = l->sel;
	ui_list_count(ui, l);
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

/* Tell the window how many rows the screen shows. */
void
ui_list_set_height(struct ui_list *l, int height)
{
	l->height = height > 0 ? height : 1;
	ui_list_scroll(l);
}

/* The movements every list does alike. */
int
ui_list_act(struct ui *ui, struct ui_list *l, enum ui_action a)
{
	switch (a) {
	case UI_ACT_UP:
		return (ui_list_move(ui, l, -1));
	case UI_ACT_DOWN:
		return (ui_list_move(ui, l, 1));
	case UI_ACT_PAGE_UP:
		return (ui_list_page(ui, l, -1, false));
	case UI_ACT_PAGE_DOWN:
		return (ui_list_page(ui, l, 1, false));
	case UI_ACT_HALF_UP:
		return (ui_list_page(ui, l, -1, true));
	case UI_ACT_HALF_DOWN:
		return (ui_list_page(ui, l, 1, true));
	case UI_ACT_HOME:
		if (l->at_start) {
			l->old_sel = l->sel;
			l->sel = 0;
			l->top = 0;
			return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
		}
		return (ui_list_first(ui, l));
	case UI_ACT_END:
		return (ui_list_last(ui, l));
	default:
		return (UI_UNHANDLED);
	}
}

/* The position of the selection, "12/340" ("12/?" when not known). */
void
ui_list_position(const struct ui_list *l, struct str *out)
{
	if (l->n == 0) {
		str_appends(out, "0/0");
		return;
	}
	if (l->base >= 0)
		str_printf(out, "%lld", (long long)(l->base + (int64_t)l->sel +
		    1));
	else
		str_appends(out, "?");
	if (l->total >= 0)
		str_printf(out, "/%lld", (long long)l->total);
	else
		str_appends(out, "/?");
}

/* The screen row of window row i, or -1 when it is not on screen. */
int
ui_list_screen_row(const struct ui_list *l, size_t i)
{
	if (i < l->top || i >= l->top + (size_t)l->height || i >= l->n)
		return (-1);
	return ((int)(i - l->top));
}

/* Select the row on screen row y; -1 when there is none there. */
int
ui_list_select_row(struct ui_list *l, int y)
{
	size_t	i;

	if (y < 0)
		return (-1);
	i = l->top + (size_t)y;
	if (i >= l->n)
		return (-1);
	l->old_sel = l->sel;
	l->sel = i;
	return (0);
}
