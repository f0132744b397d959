/*
 * The chrome around a view: the title bar (akhbar, the view, the main
 * keys), the status line (the view's position "12/340", the unread count
 * and, while the poller reloads, a progress bar "k/n feeds" with the
 * failures) and the message line. Each is a row of segments laid out from
 * the reading side: from the left in a left-to-right language, from the
 * right, mirrored, in Arabic (the catalogue says which, ui.c).
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xmalloc.h"

#define UI_STATUS_BAR	20	/* cells of the progress bar */

/* One piece of a chrome row. */
struct ui_seg {
	const char	*text;	/* NULL: a progress bar */
	attr_t		 attr;
	int		 fill;	/* bar: cells done of UI_STATUS_BAR */
};

/* Paint a progress bar of UI_STATUS_BAR cells at x, filled from the reading side. */
static void
ui_status_bar(struct ui *ui, WINDOW *w, int x, int fill, attr_t base)
{
	int	i, on;

	for (i = 0; i < UI_STATUS_BAR; i++) {
		on = ui->rtl ? i >= UI_STATUS_BAR - fill : i < fill;
		if (on)
			ui_paint_blank(w, 0, x + i, 1, ui_attr(ui, UI_COLOR_BAR));
		else {
			ui_paint_blank(w, 0, x + i, 1, base);
			mvwaddch(w, 0, x + i, '.' | base);
		}
	}
}

/*
 * Paint a row of segments: start[] from the reading side, end[] from the
 * other, two columns apart; what does not fit is left out.
 */
static void
ui_status_row(struct ui *ui, WINDOW *w, const struct ui_seg *start,
    size_t nstart, const struct ui_seg *end, size_t nend, attr_t base)
{
	enum layout_dir	 dir = ui->rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR;
	int		 left = 1, right = ui->cols - 1, wd, x;
	size_t		 i;

	ui_paint_blank(w, 0, 0, ui->cols, base);
	for (i = 0; i < nstart; i++) {
		wd = start[i].text != NULL ? ui_text_width(ui, start[i].text) :
		    UI_STATUS_BAR;
		if (wd > right - left)
			wd = right - left;
		if (wd <= 0)
			break;
		x = ui->rtl ? right - wd : left;
		if (start[i].text != NULL)
			ui_paint_field(ui, w, 0, x, wd, start[i].text, dir, 0,
			    start[i].attr);
		else
			ui_status_bar(ui, w, x, start[i].fill, base);
		if (ui->rtl)
			right -= wd + 2;
		else
			left += wd + 2;
	}
	for (i = 0; i < nend; i++) {
		wd = end[i].text != NULL ? ui_text_width(ui, end[i].text) :
		    UI_STATUS_BAR;
		if (wd > right - left)
			break;
		x = ui->rtl ? left : right - wd;
		if (end[i].text != NULL)
			ui_paint_field(ui, w, 0, x, wd, end[i].text, dir, 0,
			    end[i].attr);
		else
			ui_status_bar(ui, w, x, end[i].fill, base);
		if (ui->rtl)
			left += wd + 2;
		else
			right -= wd + 2;
	}
}

/*
 * The title bar's reminder of a view's main keys ("q:back  ENTER:open
 * ..."), from the live key table: a key bound elsewhere shows there, an
 * action no key does is left out, and so is what does not fit in room
 * columns.
 */
static char *
ui_status_keys(struct ui *ui, enum ui_view_kind view, int room)
{
	static const struct {
		enum ui_action	 action;
		unsigned	 views;
		const char	*label;
	} main_keys[] = {
		/* TRANSLATORS: the title bar's reminders of the main keys:
		   each is shown after its key and a colon ("q:quit"). */
		{ UI_ACT_BACK, UI_IN(UI_VIEW_FEEDS) | UI_IN(UI_VIEW_FIRST),
		    N_("quit") },
		{ UI_ACT_BACK, UI_IN_ANY & ~(UI_IN(UI_VIEW_FEEDS) |
		    UI_IN(UI_VIEW_FIRST)), N_("back") },
		{ UI_ACT_OPEN, UI_IN_LISTS, N_("open") },
		{ UI_ACT_IMPORT_NEWSBOAT, UI_IN(UI_VIEW_FIRST),
		    N_("newsboat's feeds") },
		{ UI_ACT_IMPORT, UI_IN(UI_VIEW_FIRST), N_("import") },
		{ UI_ACT_FULL_ARTICLE, UI_IN(UI_VIEW_PAGER),
		    N_("full article") },
		{ UI_ACT_LINKS, UI_IN(UI_VIEW_PAGER), N_("links") },
		{ UI_ACT_RELOAD, UI_IN(UI_VIEW_FEEDS) | UI_IN(UI_VIEW_ITEMS),
		    N_("reload") },
		{ UI_ACT_SEARCH, UI_IN(UI_VIEW_FEEDS) | UI_IN(UI_VIEW_ITEMS),
		    N_("search") },
		{ UI_ACT_HELP, UI_IN_ANY & ~UI_IN(UI_VIEW_HELP), N_("help") },
	};
	struct str	 s;
	char		*name, *one;
	size_t		 i;
	int		 key, used = 0, w;

	str_init(&s);
	for (i = 0; i < sizeof main_keys / sizeof main_keys[0]; i++) {
		if (!(main_keys[i].views & UI_IN(view)) ||
		    (key = ui_keys_for(main_keys[i].action, view)) == 0)
			continue;
		name = ui_keys_name(key);
		xasprintf(&one, "%s%s:%s", s.len > 0 ? "  " : "", name,
		    _(main_keys[i].label));
		free(name);
		/* What does not fit is left out; a shorter one after may fit. */
		w = ui_text_width(ui, one);
		if (used + w <= room) {
			str_appends(&s, one);
			used += w;
		}
		free(one);
	}
	return (str_steal(&s));
}

/* The title bar: akhbar, the view's name, and the keys to start with. */
void
ui_status_draw_title(struct ui *ui)
{
	struct ui_seg	 start[2], end[1];
	struct str	 name, pos;
	attr_t		 a = ui_attr(ui, UI_COLOR_TITLE);
	char		*app, *keys;

	str_init(&name);
	str_init(&pos);
	if (ui->view != NULL && ui->view->ops->status != NULL)
		ui->view->ops->status(ui, ui->view, &name, &pos);
	xasprintf(&app, "%s %s", PACKAGE, VERSION);
	start[0].text = app;
	start[0].attr = a;
	start[1].text = str_cstr(&name);
	start[1].attr = a;
	/* The room the title and the view's name leave, two columns apart. */
	keys = ui_status_keys(ui, ui->view != NULL ? ui->view->ops->kind :
	    UI_VIEW_FEEDS, ui->cols - 2 - ui_text_width(ui, app) - 2 -
	    (name.len > 0 ? ui_text_width(ui, str_cstr(&name)) + 2 : 0));
	end[0].text = keys;
	end[0].attr = a;
	ui_status_row(ui, ui->title, start, name.len > 0 ? 2 : 1, end,
	    *keys != '\0' ? 1 : 0, a);
	wnoutrefresh(ui->title);
	free(keys);
	free(app);
	str_free(&name);
	str_free(&pos);
}

/* The status line: position, unread count, and the reload's progress. */
void
ui_status_draw(struct ui *ui)
{
	struct ui_seg	 start[3], end[3];
	struct str	 name, pos;
	attr_t		 a = ui_attr(ui, UI_COLOR_STATUS);
	char		*unread = NULL, *prog = NULL, *fail = NULL;
	size_t		 ns = 0, ne = 0;

	str_init(&name);
	str_init(&pos);
	if (ui->view != NULL && ui->view->ops->status != NULL)
		ui->view->ops->status(ui, ui->view, &name, &pos);
	if (pos.len > 0) {
		start[ns].text = str_cstr(&pos);
		start[ns++].attr = a;
	}
	/* TRANSLATORS: the status line's count of unread articles. */
	xasprintf(&unread, P_("%lld unread", "%lld unread",
	    (unsigned long)ui->unread), (long long)ui->unread);
	start[ns].text = unread;
	start[ns++].attr = a;
	/* From the far edge inwards: failures, "k/n feeds", the bar. */
	if (ui->reload.failed > 0) {
		xasprintf(&fail, P_("%d failed", "%d failed",
		    (unsigned long)ui->reload.failed), ui->reload.failed);
		end[ne].text = fail;
		end[ne++].attr = a | A_BOLD;
	}
	if (ui->reload.running) {
		/* TRANSLATORS: reload progress: feeds done / feeds in all. */
		xasprintf(&prog, P_("%d/%d feed", "%d/%d feeds",
		    (unsigned long)ui->reload.total), ui->reload.done,
		    ui->reload.total);
		end[ne].text = prog;
		end[ne++].attr = a;
		end[ne].text = NULL;
		end[ne].fill = ui->reload.total > 0 ? ui->reload.done *
		    UI_STATUS_BAR / ui->reload.total : 0;
		end[ne++].attr = a;
	}
	ui_status_row(ui, ui->status, start, ns, end, ne, a);
	wnoutrefresh(ui->status);
	free(unread);
	free(prog);
	free(fail);
	str_free(&name);
	str_free(&pos);
}

/* The message line: the prompt being typed, or the last message. */
void
ui_status_draw_msg(struct ui *ui)
{
	struct ui_seg	 seg;
	attr_t		 base = ui_attr(ui, UI_COLOR_NORMAL);

	if (ui->prompt.active) {
		ui_prompt_draw(ui);
		return;
	}
	if (ui->msg == NULL) {
		ui_paint_blank(ui->msgwin, 0, 0, ui->cols, base);
		wnoutrefresh(ui->msgwin);
		return;
	}
	seg.text = ui->msg;
	seg.attr = ui_attr(ui, ui->msg_level == UI_MSG_ERROR ?
	    UI_COLOR_ERROR : UI_COLOR_INFO);
	ui_status_row(ui, ui->msgwin, &seg, 1, NULL, 0, base);
	wnoutrefresh(ui->msgwin);
}
