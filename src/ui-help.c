/*
 * The help screen (?): made from the live key table, so it shows what the
 * keys do now. One row per action of the view it was opened from: its
 * keys, then what it does, in the user's language.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xmalloc.h"

/* One row of the help screen. */
struct ui_help_row {
	char		*keys;		/* "j, Down" */
	enum ui_action	 action;
};

/* The help view. */
struct ui_help {
	struct ui_view	 v;
	enum ui_view_kind of;		/* the view it explains */
	struct ui_help_row *rows;
	size_t		 n;
	int		 top;
	int		 keyw;		/* columns of the keys column */
};

static struct ui_help *
ui_help_of(struct ui_view *v)
{
	return ((struct ui_help *)v);
}

/* The name of a view, for the help screen's heading. */
static const char *
ui_help_view_name(enum ui_view_kind k)
{
	switch (k) {
	case UI_VIEW_FEEDS:
		return (_("Keys of the feed list"));
	case UI_VIEW_ITEMS:
		return (_("Keys of the article list"));
	case UI_VIEW_PAGER:
		return (_("Keys of the article view"));
	case UI_VIEW_LINKS:
		return (_("Keys of the link list"));
	case UI_VIEW_FIRST:
		return (_("Keys of the first-run screen"));
	default:
		return (_("Keys"));
	}
}

static void
ui_help_draw(struct ui *ui, struct ui_view *v, int flags)
{
	struct ui_help	*h = ui_help_of(v);
	attr_t		 na = ui_attr(ui, UI_COLOR_NORMAL);
	attr_t		 ka = ui_attr(ui, UI_COLOR_HEADER);
	int		 y, kw, dw, xk, xd;
	size_t		 i;

	if (!(flags & (UI_REDRAW_BODY | UI_REDRAW_SEL)))
		return;
	werase(ui->body);
	ui_paint_field(ui, ui->body, 0, 1, ui->cols - 2,
	    ui_help_view_name(h->of), ui->rtl ? LAYOUT_DIR_RTL :
	    LAYOUT_DIR_LTR, 0, ui_attr(ui, UI_COLOR_HEADING));
	kw = h->keyw < ui->cols / 2 ? h->keyw : ui->cols / 2;
	dw = ui->cols - kw - 5;
	/* The keys on the reading side, what they do after them. */
	xk = ui->rtl ? ui->cols - 1 - kw : 2;
	xd = ui->rtl ? 1 : 2 + kw + 2;
	for (y = 2, i = (size_t)h->top; i < h->n && y < ui->body_rows;
	    i++, y++) {
		ui_paint_field(ui, ui->body, y, xk, kw, h->rows[i].keys,
		    LAYOUT_DIR_LTR, ui->rtl ? 1 : -1, ka);
		if (dw > 0)
			ui_paint_field(ui, ui->body, y, xd, dw,
			    ui_keys_action_help(h->rows[i].action),
			    ui->rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR, 0, na);
	}
	wnoutrefresh(ui->body);
}

/* Scroll so that row top is the first shown. */
static int
ui_help_scroll(struct ui *ui, struct ui_help *h, int top)
{
	int	max = (int)h->n - (ui->body_rows - 2);

	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	if (top == h->top)
		return (0);
	h->top = top;
	return (UI_REDRAW_BODY);
}

static int
ui_help_act(struct ui *ui, struct ui_view *v, enum ui_action a, int arg)
{
	struct ui_help	*h = ui_help_of(v);
	int		 rows = ui->body_rows - 2;

	(void)arg;
	switch (a) {
	case UI_ACT_UP:
		return (ui_help_scroll(ui, h, h->top - 1));
	case UI_ACT_DOWN:
		return (ui_help_scroll(ui, h, h->top + 1));
	case UI_ACT_PAGE_UP:
	case UI_ACT_HALF_UP:
		return (ui_help_scroll(ui, h, h->top - rows));
	case UI_ACT_PAGE_DOWN:
	case UI_ACT_HALF_DOWN:
		return (ui_help_scroll(ui, h, h->top + rows));
	case UI_ACT_HOME:
		return (ui_help_scroll(ui, h, 0));
	case UI_ACT_END:
		return (ui_help_scroll(ui, h, (int)h->n));
	case UI_ACT_BACK:
	case UI_ACT_HELP:
	case UI_ACT_OPEN:
		ui_pop(ui);
		return (UI_REDRAW_ALL);
	default:
		return (UI_UNHANDLED);
	}
}

static void
ui_help_status(struct ui *ui, struct ui_view *v, struct str *name,
    struct str *pos)
{
	(void)ui;
	(void)v;
	(void)pos;
	str_appends(name, _("Help"));
}

static void
ui_help_free(struct ui_view *v)
{
	struct ui_help	*h = ui_help_of(v);
	size_t		 i;

	for (i = 0; i < h->n; i++)
		free(h->rows[i].keys);
	free(h->rows);
	free(h);
}

static const struct ui_view_ops ui_help_ops = {
	UI_VIEW_HELP,
	ui_help_draw,
	ui_help_act,
	NULL,
	NULL,
	ui_help_status,
	NULL,
	NULL,
	ui_help_free
};

/* Make the help screen of a view from the key table. */
struct ui_view *
ui_help_new(struct ui *ui, enum ui_view_kind of)
{
	const struct ui_binding	*t;
	struct ui_help		*h;
	struct str		 keys;
	char			*name;
	size_t			 n, i;
	int			 a, w;

	h = xcalloc(1, sizeof *h);
	h->v.ops = &ui_help_ops;
	h->of = of;
	t = ui_keys_table(&n);
	h->rows = xcalloc((size_t)UI_ACT_COUNT, sizeof *h->rows);
	for (a = 1; a < UI_ACT_COUNT; a++) {
		str_init(&keys);
		for (i = 0; i < n; i++) {
			if (t[i].action != (enum ui_action)a ||
			    !(t[i].views & UI_IN(of)))
				continue;
			name = ui_keys_name(t[i].key);
			if (keys.len > 0)
				str_appends(&keys, a == UI_ACT_LINK ? "" :
				    ", ");
			str_appends(&keys, name);
			free(name);
		}
		if (keys.len == 0) {
			str_free(&keys);
			continue;
		}
		h->rows[h->n].action = (enum ui_action)a;
		h->rows[h->n++].keys = str_steal(&keys);
		w = ui_text_width(ui, h->rows[h->n - 1].keys);
		if (w > h->keyw)
			h->keyw = w;
	}
	return (&h->v);
}
