/*
 * The article view's full article (issue 17): which text it shows, the
 * feed's summary or the web page's article kept in the cache
 * (db-article.c), and the fetch asked of the poller on demand
 * (poller_fetch_article) while the view stays live: its progress comes
 * as ARTICLE_* events and ends on the status line, and the article is
 * shown as soon as it is stored. An article stored once is shown by
 * default; f switches between it and the summary, or fetches it when
 * there is none; F fetches it again.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "reason.h"
#include "xmalloc.h"

/* Forget what is known of an item's article. */
void
ui_full_clear(struct ui_full *f)
{
	free(f->why);
	memset(f, 0, sizeof *f);
	f->show = true;
}

/*
 * Read what the cache holds of an item's article: whether there is one,
 * and why not when a fetch failed; when one is there and the view shows
 * it, it replaces the item's summary and content.
 */
void
ui_full_read(struct ui *ui, struct ui_full *f, int64_t item, struct item *it)
{
	struct db_article	*a = NULL;
	char			*cause = NULL;

	free(f->why);
	f->why = NULL;
	f->have = false;
	f->fetched = 0;
	if (db_article_get(ui->db, item, &a, &cause) != 0) {
		free(cause);
		return;
	}
	if (a == NULL)
		return;
	f->fetched = a->fetched;
	if (a->html != NULL && a->len > 0)
		f->have = true;
	if (a->error_kind != REASON_NONE)
		f->why = reason_text(a->error_kind, a->error_code, a->error);
	if (f->have && f->show && it != NULL)
		db_article_to_item(a, it);
	db_article_free(a);
}

/* Whether the view shows the full article now. */
bool
ui_full_shown(const struct ui_full *f)
{
	return (f->have && f->show);
}

/* The words of the header's "Text:" line: what is shown, and how to get the other. */
char *
ui_full_label(const struct ui_full *f)
{
	char	*s;

	if (ui_full_shown(f))
		return (xstrdup(_("full article (f: the feed's summary)")));
	if (f->have)
		return (xstrdup(_("the feed's summary (f: full article)")));
	if (f->fetching)
		return (xstrdup(_("the feed's summary (fetching the full "
		    "article...)")));
	if (f->why != NULL) {
		/* TRANSLATORS: %s says why the article could not be had. */
		xasprintf(&s, _("the feed's summary (no full article: %s; F: "
		    "try again)"), f->why);
		return (s);
	}
	return (xstrdup(_("the feed's summary (f: fetch the full article)")));
}

/* Ask the poller for an item's article; returns redraw flags. */
static int
ui_full_fetch(struct ui *ui, struct ui_full *f, int64_t item)
{
	if (ui->poller == NULL) {
		ui_message(ui, UI_MSG_ERROR, "%s", _("cannot fetch the full "
		    "article: the poller is not running"));
		return (UI_REDRAW_MSG);
	}
	poller_fetch_article(ui->poller, item);
	f->fetching = true;
	f->bytes = 0;
	f->show = true;
	ui_message(ui, UI_MSG_INFO, "%s", _("Fetching the full article..."));
	return (UI_REDRAW_MSG | UI_REDRAW_STATUS);
}

/*
 * The f and F keys: f shows the other text (fetching the article when
 * none is stored), F fetches it again. Returns redraw flags, with
 * *refill set when the view must read the article again.
 */
int
ui_full_act(struct ui *ui, struct ui_full *f, int64_t item, bool again,
    bool *refill)
{
	*refill = false;
	if (f->fetching) {
		ui_message(ui, UI_MSG_INFO, "%s", _("Fetching the full "
		    "article..."));
		return (UI_REDRAW_MSG);
	}
	if (again || !f->have)
		return (ui_full_fetch(ui, f, item) | UI_REDRAW_BODY);
	f->show = !f->show;
	*refill = true;
	ui_message(ui, UI_MSG_INFO, "%s", f->show ? _("Showing the full "
	    "article") : _("Showing the feed's summary"));
	return (UI_REDRAW_ALL);
}

/*
 * A poller event about an item's article: progress, or the end of a
 * fetch. Returns redraw flags, with *refill set when the view must read
 * the article again (it was stored, or the fetch failed).
 */
int
ui_full_event(struct ui *ui, struct ui_full *f, int64_t item,
    const struct poller_event *ev, bool *refill)
{
	char	*why;

	*refill = false;
	if (ev->item_id != item)
		return (0);
	switch (ev->type) {
	case POLLER_EV_ARTICLE_PROGRESS:
		if (!f->fetching)
			return (0);
		f->bytes = ev->bytes;
		return (UI_REDRAW_STATUS);
	case POLLER_EV_ARTICLE_DONE:
		if (!f->fetching && !ev->asked)
			return (0);
		f->fetching = false;
		f->show = true;
		*refill = true;
		ui_message(ui, UI_MSG_INFO, "%s", ev->new_items > 0 ?
		    _("The full article is stored") : _("The full article "
		    "has not changed"));
		return (UI_REDRAW_ALL);
	case POLLER_EV_ARTICLE_FAILED:
		if (!f->fetching)
			return (0);
		f->fetching = false;
		*refill = true;
		why = reason_text(ev->reason, ev->code, ev->text);
		ui_message(ui, UI_MSG_ERROR, _("no full article: %s"), why);
		free(why);
		return (UI_REDRAW_ALL);
	default:
		return (0);
	}
}

/* The status line's words while a fetch runs ("fetching: 12 kB"), or nothing. */
void
ui_full_status(const struct ui_full *f, struct str *pos)
{
	if (!f->fetching)
		return;
	/* TRANSLATORS: the full article being fetched, kilobytes so far. */
	str_printf(pos, _("  fetching the article: %lld kB"),
	    (long long)(f->bytes / 1024));
}
