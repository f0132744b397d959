/*
 * The link list of an article (u in the article view): its links in the
 * order they are numbered, one a row; ENTER or o opens the selected one in
 * the browser.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xmalloc.h"

/* The link list view. */
struct ui_links {
	struct ui_view	 v;
	struct strv	 urls;
	size_t		 sel;
	size_t		 top;
};

static struct ui_links *
ui_links_of(struct ui_view *v)
{
	return ((struct ui_links *)v);
}

static void
ui_links_draw(struct ui *ui, struct ui_view *v, int flags)
{
	struct ui_links	*l = ui_links_of(v);
	attr_t		 a;
	char		*line;
	size_t		 i;
	int		 y;

	if (!(flags & (UI_REDRAW_BODY | UI_REDRAW_SEL)))
		return;
	werase(ui->body);
	if (l->urls.n == 0)
		ui_paint_field(ui, ui->body, 1, 2, ui->cols - 4,
		    _("This article has no links."), LAYOUT_DIR_AUTO, 0,
		    ui_attr(ui, UI_COLOR_META));
	for (i = l->top, y = 0; i < l->urls.n && y < ui->body_rows; i++, y++) {
		a = i == l->sel ? ui_attr(ui, UI_COLOR_SELECTED) :
		    ui_attr(ui, UI_COLOR_LINK);
		ui_paint_blank(ui->body, y, 0, ui->cols, i == l->sel ? a :
		    ui_attr(ui, UI_COLOR_NORMAL));
		xasprintf(&line, "[%zu] %s", i + 1, l->urls.v[i]);
		ui_paint_field(ui, ui->body, y, 1, ui->cols - 2, line,
		    LAYOUT_DIR_LTR, 0, a);
		free(line);
	}
	wnoutrefresh(ui->body);
}

/* Move the selection to row i, the screen following it. */
static int
ui_links_select(struct ui *ui, struct ui_links *l, long i)
{
	size_t	h = (size_t)(ui->body_rows > 0 ? ui->body_rows : 1);

	if (l->urls.n == 0)
		return (0);
	if (i < 0)
		i = 0;
	if ((size_t)i >= l->urls.n)
		i = (long)l->urls.n - 1;
	l->sel = (size_t)i;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

static int
ui_links_act(struct ui *ui, struct ui_view *v, enum ui_action a, int arg)
{
	struct ui_links	*l = ui_links_of(v);
	long		 s = (long)l->sel, h = ui->body_rows;
	char		*cause = NULL;

	(void)arg;
	switch (a) {
	case UI_ACT_UP:
	case UI_ACT_PREV:
		return (ui_links_select(ui, l, s - 1));
	case UI_ACT_DOWN:
	case UI_ACT_NEXT:
		return (ui_links_select(ui, l, s + 1));
	case UI_ACT_PAGE_UP:
		return (ui_links_select(ui, l, s - h));
	case UI_ACT_PAGE_DOWN:
		return (ui_links_select(ui, l, s + h));
	case UI_ACT_HALF_UP:
		return (ui_links_select(ui, l, s - h / 2));
	case UI_ACT_HALF_DOWN:
		return (ui_links_select(ui, l, s + h / 2));
	case UI_ACT_HOME:
		return (ui_links_select(ui, l, 0));
	case UI_ACT_END:
		return (ui_links_select(ui, l, (long)l->urls.n - 1));
	case UI_ACT_OPEN:
	case UI_ACT_OPEN_BROWSER:
		if (l->urls.n == 0)
			return (0);
		if (ui_open_url(ui, l->urls.v[l->sel], &cause) != 0)
			ui_error_cause(ui, _("cannot open the link"), cause);
		return (UI_REDRAW_ALL);
	case UI_ACT_BACK:
		ui_pop(ui);
		return (UI_REDRAW_ALL);
	default:
		return (UI_UNHANDLED);
	}
}

static void
ui_links_status(struct ui *ui, struct ui_view *v, struct str *name,
    struct str *pos)
{
	struct ui_links	*l = ui_links_of(v);

	(void)ui;
	str_appends(name, _("Links"));
	str_printf(pos, "%zu/%zu", l->urls.n > 0 ? l->sel + 1 : 0, l->urls.n);
}

static int
ui_links_click(struct ui *ui, struct ui_view *v, int row, bool twice)
{
	struct ui_links	*l = ui_links_of(v);
	size_t		 i = l->top + (size_t)row;

	if (i >= l->urls.n)
		return (0);
	ui_links_select(ui, l, (long)i);
	if (twice)
		return (ui_links_act(ui, v, UI_ACT_OPEN, 0));
	return (UI_REDRAW_BODY | UI_REDRAW_STATUS);
}

static void
ui_links_free(struct ui_view *v)
{
	struct ui_links	*l = ui_links_of(v);

	strv_free(&l->urls);
	free(l);
}

static const struct ui_view_ops ui_links_ops = {
	UI_VIEW_LINKS,
	ui_links_draw,
	ui_links_act,
	NULL,
	NULL,
	ui_links_status,
	NULL,
	ui_links_click,
	ui_links_free
};

/* Make the link list of an article (the URLs are copied). */
struct ui_view *
ui_links_new(struct ui *ui, const struct doc *d)
{
	struct ui_links	*l;
	size_t		 i;

	(void)ui;
	l = xcalloc(1, sizeof *l);
	l->v.ops = &ui_links_ops;
	for (i = 0; i < d->nlinks; i++)
		strv_add(&l->urls, d->links[i].url);
	return (&l->v);
}
