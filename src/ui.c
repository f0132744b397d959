/*
 * The interface's main loop. It starts in stages (the urls file, the
 * cache, the interface's own cache connection, curses, the first screen
 * drawn, and only then the poller), waits on the keyboard, the poller's
 * event pipe and the signal pipe together, and never on the network: keys
 * are read without waiting and go through the key table to the top view's
 * actions; poller events update only the rows they concern, leaving the
 * selection and the scroll where the user put them; and what actions and
 * events name is redrawn once, through wnoutrefresh()/doupdate(), which
 * sends the terminal only the cells that changed. Every way out (quit,
 * error, signal) stops the poller promptly (finished feeds are kept) and
 * gives the terminal back as it was.
 */
#include "config.h"

#include "ui-priv.h"

#include <sys/stat.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "path.h"
#include "reason.h"
#include "sanitize.h"
#include "report.h"
#include "conf.h"
#include "session.h"
#include "session-conf.h"
#include "urls.h"
#include "utf8.h"
#include "xmalloc.h"

extern char **environ;

/* The defaults: mouse and colours on, an hourly reload, bidi = auto. */
void
ui_opts_default(struct ui_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mouse = true;
	o->color = true;
	o->reload_interval = 3600;
	o->bidi = "auto";
}

/* Milliseconds of a monotonic clock. */
long long
ui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Put a view on top of the stack. */
void
ui_push(struct ui *ui, struct ui_view *v)
{
	v->below = ui->view;
	ui->view = v;
	if (v->ops->resize != NULL)
		v->ops->resize(ui, v);
}

/* Take the top view off the stack and free it; the one below is shown. */
void
ui_pop(struct ui *ui)
{
	struct ui_view	*v = ui->view;

	if (v == NULL)
		return;
	ui->view = v->below;
	v->ops->free(v);
	if (ui->view != NULL && ui->view->ops->resize != NULL)
		ui->view->ops->resize(ui, ui->view);
}

/* Show a message on the message line (errors stay until dismissed). */
void
ui_message(struct ui *ui, enum ui_msg_level level, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	free(ui->msg);
	/* Its parts may come from a feed or a server: one clean line. */
	ui->msg = sanitize_line(msg, strlen(msg));
	free(msg);
	ui->msg_level = level;
	if (!ui->curses && level == UI_MSG_ERROR && ui->first_error == NULL)
		ui->first_error = xstrdup(ui->msg);
}

/* Show an error with its cause (freed), after what failed. */
void
ui_error_cause(struct ui *ui, const char *what, char *cause)
{
	if (what != NULL && *what != '\0')
		ui_message(ui, UI_MSG_ERROR, "%s: %s", what,
		    cause != NULL ? cause : "");
	else
		ui_message(ui, UI_MSG_ERROR, "%s", cause != NULL ? cause : "");
	free(cause);
}

static int
ui_cmp_sub(const void *a, const void *b)
{
	const struct urls_sub	*x = *(const struct urls_sub *const *)a;
	const struct urls_sub	*y = *(const struct urls_sub *const *)b;

	return (strcmp(x->url, y->url));
}

/* The urls file's line for a feed, or NULL when it does not list it. */
const struct urls_sub *
ui_sub(const struct ui *ui, const char *url)
{
	struct urls_sub		 key;
	const struct urls_sub	*kp = &key, **found;

	if (url == NULL || ui->nsubs == 0)
		return (NULL);
	key.url = (char *)url;
	found = bsearch(&kp, ui->subs, ui->nsubs, sizeof *ui->subs,
	    ui_cmp_sub);
	return (found != NULL ? *found : NULL);
}

/* Whether the urls file lists a feed (hidden ones too). */
bool
ui_subscribed(const struct ui *ui, const char *url)
{
	return (ui_sub(ui, url) != NULL);
}

/* Index the session's subscriptions by URL, for the feed list. */
static void
ui_index_subs(struct ui *ui)
{
	const struct urls_list	*l = &ui->session.subs;
	size_t			 i;

	free(ui->subs);
	strv_free(&ui->urls);
	ui->subs = xreallocarray(NULL, l->n + 1, sizeof *ui->subs);
	for (i = 0; i < l->n; i++) {
		ui->subs[i] = &l->v[i];
		strv_add(&ui->urls, l->v[i].url);
	}
	ui->nsubs = l->n;
	qsort(ui->subs, ui->nsubs, sizeof *ui->subs, ui_cmp_sub);
}

/* Count the unread articles of the subscribed feeds again. */
int
ui_refresh_unread(struct ui *ui)
{
	struct db_feed_state	*st;
	size_t			 n, i;
	char			*cause = NULL;
	int64_t			 sum = 0;

	if (ui->db == NULL || ui->urls.n == 0) {
		ui->unread = 0;
		return (UI_REDRAW_STATUS);
	}
	if (db_feed_states(ui->db, &ui->urls, &st, &n, &cause) != 0) {
		free(cause);
		return (0);
	}
	for (i = 0; i < n; i++)
		sum += st[i].unread;
	db_feed_states_free(st, n);
	ui->unread = sum;
	return (UI_REDRAW_STATUS);
}

/* Ask every view on the stack to read its rows again. */
static int
ui_refresh_views(struct ui *ui)
{
	struct ui_view	*v;

	for (v = ui->view; v != NULL; v = v->below) {
		if (v->ops->reread != NULL)
			v->ops->reread(ui, v);
	}
	return (UI_REDRAW_ALL);
}

/* Reload one feed now (0: every feed). */
static int
ui_reload(struct ui *ui, int64_t feed)
{
	if (ui->poller == NULL)
		return (0);
	if (feed > 0)
		poller_reload_feed(ui->poller, feed);
	else
		poller_reload(ui->poller);
	ui_message(ui, UI_MSG_INFO, "%s", _("Reloading..."));
	return (UI_REDRAW_MSG);
}

/* The search prompt's end: show the results, or say why the query does not read. */
static void
ui_search_done(struct ui *ui, const char *query)
{
	char	*why;
	long	 col;
	int	 kind;

	if (query == NULL || *query == '\0')
		return;
	if (db_search_query_check(query, &kind, &col) != 0) {
		why = reason_text(kind, col, NULL);
		ui_message(ui, UI_MSG_ERROR, "%s", why);
		free(why);
		return;
	}
	ui_push(ui, ui_items_new(ui, DB_LIST_ALL, 0, query, NULL,
	    FEED_DIR_AUTO, false));
}

/*
 * The user asks to quit: at once, or with confirm-quit after a y on the
 * question the message line asks (any other key stays).
 */
int
ui_quit(struct ui *ui)
{
	if (ui->opts.conf == NULL || !conf_bool(ui->opts.conf,
	    CONF_CONFIRM_QUIT)) {
		ui->quit = true;
		return (0);
	}
	ui->confirm_quit = true;
	/* TRANSLATORS: confirm-quit's question; y is the key that answers
	   yes (the Arabic keyboard's letter on it does too). */
	ui_message(ui, UI_MSG_INFO, "%s", _("Quit akhbar? (y: yes, any "
	    "other key: no)"));
	return (UI_REDRAW_MSG);
}

/* What no view does itself. */
int
ui_global_act(struct ui *ui, enum ui_action a, int arg)
{
	char	*cause = NULL;

	switch (a) {
	case UI_ACT_QUIT:
		return (ui_quit(ui));
	case UI_ACT_BACK:
		if (ui->view != NULL && ui->view->below != NULL) {
			ui_pop(ui);
			return (UI_REDRAW_ALL);
		}
		return (ui_quit(ui));
	case UI_ACT_HELP:
		if (ui->view != NULL && ui->view->ops->kind == UI_VIEW_HELP)
			return (0);
		ui_push(ui, ui_help_new(ui, ui->view != NULL ?
		    ui->view->ops->kind : UI_VIEW_FEEDS));
		return (UI_REDRAW_ALL);
	case UI_ACT_REDRAW:
		return (UI_REDRAW_ALL | UI_REDRAW_CLEAR);
	case UI_ACT_DISMISS:
		free(ui->msg);
		ui->msg = NULL;
		return (UI_REDRAW_MSG);
	case UI_ACT_RELOAD:
		return (ui_reload(ui, arg));
	case UI_ACT_RELOAD_ALL:
		return (ui_reload(ui, 0));
	case UI_ACT_SEARCH:
		/* TRANSLATORS: the search prompt. */
		ui_prompt_start(ui, _("Search:"), ui_search_done);
		return (UI_REDRAW_MSG);
	case UI_ACT_MARK_ALL_READ:
		if (db_feed_mark_read(ui->db, 0, &cause) != 0) {
			ui_error_cause(ui, _("cannot mark the articles read"),
			    cause);
			return (UI_REDRAW_MSG);
		}
		ui_refresh_unread(ui);
		return (ui_refresh_views(ui));
	default:
		return (0);
	}
}

/* Redraw what flags name, then send the terminal what changed. */
static void
ui_redraw(struct ui *ui, int flags)
{
	if (!ui->curses || flags == 0)
		return;
	if (flags & UI_REDRAW_CLEAR) {
		clearok(curscr, TRUE);
		flags |= UI_REDRAW_ALL;
	}
	if (flags & UI_REDRAW_TITLE)
		ui_status_draw_title(ui);
	if ((flags & (UI_REDRAW_BODY | UI_REDRAW_SEL)) && ui->view != NULL)
		ui->view->ops->draw(ui, ui->view, flags);
	if (flags & UI_REDRAW_STATUS)
		ui_status_draw(ui);
	if (flags & (UI_REDRAW_MSG | UI_REDRAW_STATUS))
		ui_status_draw_msg(ui);
	doupdate();
}

/* Lay every view out again for the terminal's new size. */
static int
ui_resize(struct ui *ui)
{
	struct ui_view	*v;

	ui_term_resize(ui);
	for (v = ui->view; v != NULL; v = v->below) {
		if (v->ops->resize != NULL)
			v->ops->resize(ui, v);
	}
	return (UI_REDRAW_ALL | UI_REDRAW_CLEAR);
}

/* A mouse report: the wheel scrolls, a click selects, a double click opens. */
static int
ui_mouse(struct ui *ui)
{
	MEVENT		 me;
	struct ui_view	*v = ui->view;
	int		 flags = 0, i, f;

	if (getmouse(&me) != OK || v == NULL)
		return (0);
	if (me.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (i = 0; i < 3; i++) {
			f = v->ops->act(ui, v, me.bstate & BUTTON4_PRESSED ?
			    UI_ACT_UP : UI_ACT_DOWN, 0);
			if (!(f & UI_UNHANDLED))
				flags |= f;
		}
		return (flags);
	}
	if (!(me.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) ||
	    me.y < 1 || me.y > ui->body_rows || v->ops->click == NULL)
		return (0);
	return (v->ops->click(ui, v, me.y - 1,
	    (me.bstate & BUTTON1_DOUBLE_CLICKED) != 0));
}

/* One key: the prompt's, or through the key table to an action. */
static int
ui_key(struct ui *ui, int key)
{
	const struct ui_binding	*b;
	struct ui_view		*v = ui->view;
	int			 flags = 0, f;

	if (ui->prompt.active)
		return (ui_prompt_key(ui, key));
	if (ui->confirm_quit && key != UI_KEY_FN(KEY_RESIZE)) {
		ui->confirm_quit = false;
		if (ui_keys_latin(key) == 'y' || key == 'Y') {
			ui->quit = true;
			return (0);
		}
		free(ui->msg);
		ui->msg = NULL;
		return (UI_REDRAW_MSG);
	}
	if (key == UI_KEY_FN(KEY_MOUSE))
		return (ui_mouse(ui));
	/* resizeterm() queues it after SIGWINCH, which was handled. */
	if (key == UI_KEY_FN(KEY_RESIZE))
		return (0);
	if (v == NULL)
		return (0);
	/* An information message goes at the next key; an error stays. */
	if (ui->msg != NULL && ui->msg_level == UI_MSG_INFO) {
		free(ui->msg);
		ui->msg = NULL;
		flags |= UI_REDRAW_MSG;
	}
	if ((b = ui_keys_lookup(key, v->ops->kind)) == NULL)
		return (flags);
	f = v->ops->act(ui, v, b->action, b->arg);
	if (f & UI_UNHANDLED)
		f = ui_global_act(ui, b->action, b->arg);
	return (flags | f);
}

/* What the poller says: progress on the status line, rows refreshed. */
static int
ui_event(struct ui *ui, const struct poller_event *ev)
{
	struct ui_view	*v;
	char		*why = NULL, *url;
	int		 flags = 0, f;

	switch (ev->type) {
	case POLLER_EV_STARTED:
		ui->reload.running = true;
		ui->reload.done = 0;
		ui->reload.failed = 0;
		ui->reload.total = ev->total;
		ui->reload.skipped = ev->skipped;
		flags |= UI_REDRAW_STATUS;
		break;
	case POLLER_EV_PROGRESS:
		ui->reload.done = ev->done;
		ui->reload.total = ev->total;
		ui->reload.failed = ev->failed;
		return (UI_REDRAW_STATUS);
	case POLLER_EV_FEED_DONE:
	case POLLER_EV_FEED_FAILED:
		ui->reload.done = ev->done;
		ui->reload.total = ev->total;
		ui->reload.failed = ev->failed;
		flags |= UI_REDRAW_STATUS;
		if (ev->type == POLLER_EV_FEED_DONE && ev->new_items > 0)
			flags |= ui_refresh_unread(ui);
		break;
	case POLLER_EV_FEED_MOVED:
		/* The server's words keep their bidi formatting to themselves. */
		why = utf8_bidi_closed(ev->text);
		url = utf8_bidi_closed(ev->url);
		ui_message(ui, UI_MSG_INFO, _("%s moved permanently to %s; "
		    "update the urls file"), url, why);
		free(url);
		free(why);
		flags |= UI_REDRAW_MSG;
		break;
	case POLLER_EV_FINISHED:
		ui->reload.running = false;
		ui->reload.failed = ev->failed;
		flags |= ui_refresh_unread(ui);
		if (ev->cancelled)
			break;
		if (ev->failed > 0) {
			/* TRANSLATORS: after a reload in the interface. */
			ui_message(ui, UI_MSG_INFO, P_("Reloaded: %d new "
			    "article, %d failed (! in the list)", "Reloaded: "
			    "%d new articles, %d failed (! in the list)",
			    (unsigned long)ev->new_items), ev->new_items,
			    ev->failed);
		} else {
			ui_message(ui, UI_MSG_INFO, P_("Reloaded: %d new "
			    "article", "Reloaded: %d new articles",
			    (unsigned long)ev->new_items), ev->new_items);
		}
		flags |= UI_REDRAW_MSG | UI_REDRAW_STATUS;
		break;
	case POLLER_EV_ERROR:
		why = reason_text(ev->reason, ev->code, ev->text);
		ui_message(ui, UI_MSG_ERROR, _("cannot reload: %s"), why);
		free(why);
		ui->reload.running = false;
		return (UI_REDRAW_MSG | UI_REDRAW_STATUS);
	case POLLER_EV_SUBS:
		/* A sync changed the source's feeds: the feed list follows. */
		if (session_sync_subs(&ui->session, ui->db, &why) != 0) {
			ui_error_cause(ui, _("cannot read the synced feeds"),
			    why);
			return (UI_REDRAW_MSG);
		}
		ui_index_subs(ui);
		ui_refresh_unread(ui);
		return (ui_refresh_views(ui));
	case POLLER_EV_INDEXED:
	case POLLER_EV_ARTICLE_PROGRESS:
	case POLLER_EV_ARTICLE_DONE:
	case POLLER_EV_ARTICLE_FAILED:
		break;
	default:
		return (0);
	}
	for (v = ui->view; v != NULL; v = v->below) {
		if (v->ops->event == NULL)
			continue;
		f = v->ops->event(ui, v, ev);
		if (v == ui->view)
			flags |= f;
	}
	return (flags);
}

/* Whether the newest fetch of a subscribed feed is older than the interval. */
static bool
ui_cache_stale(struct ui *ui)
{
	struct db_feed_row	*rows;
	struct db_feed_cursor	 c;
	const struct urls_sub	*sub;
	size_t			 n, i;
	char			*cause = NULL;
	int64_t			 newest = 0;
	bool			 never = false;
	enum db_page		 page = DB_PAGE_FIRST;

	if (ui->opts.reload_interval <= 0)
		return (false);
	for (;;) {
		if (db_feed_page(ui->db, page, page == DB_PAGE_FIRST ? NULL :
		    &c, 256, &rows, &n, &cause) != 0) {
			free(cause);
			return (true);
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			sub = ui_sub(ui, rows[i].url);
			/* A query: feed is never fetched: it is never stale. */
			if (sub == NULL || sub->query != NULL)
				continue;
			if (rows[i].last_fetch == 0)
				never = true;
			if (rows[i].last_fetch > newest)
				newest = rows[i].last_fetch;
		}
		db_feed_row_cursor(&rows[n - 1], &c);
		db_feed_rows_free(rows, n);
		if (n < 256)
			break;
		page = DB_PAGE_NEXT;
	}
	return (never || (int64_t)time(NULL) - newest >=
	    ui->opts.reload_interval);
}

/* Make the cache's feeds follow the urls file: order, titles, tags. */
static int
ui_sync_subs(struct ui *ui, char **cause)
{
	const struct urls_list	*l = &ui->session.subs;
	struct db_sub		*v;
	size_t			 i;
	int			 rc;

	v = xcalloc(l->n + 1, sizeof *v);
	for (i = 0; i < l->n; i++) {
		v[i].url = l->v[i].url;
		v[i].title = l->v[i].title;
		v[i].tags = (const char *const *)l->v[i].tags.v;
		v[i].ntags = l->v[i].tags.n;
	}
	rc = db_feed_sync(ui->db, v, l->n, cause);
	free(v);
	return (rc);
}

/* A message from a lower layer (report()): to the message line. */
static void
ui_report_sink(enum report_level level, const char *msg, void *arg)
{
	struct ui	*ui = arg;

	ui_message(ui, level == REPORT_ERROR ? UI_MSG_ERROR : UI_MSG_INFO,
	    "%s", msg);
}

/* Stage: the interface's own read-write connection to the cache. */
static int
ui_stage_db(struct session *s, void *arg, char **cause)
{
	struct ui	*ui = arg;
	char		*why = NULL;

	if (ui->db != NULL) {
		/* Opened before the session (the first run): kept by it. */
		ui->db_before = s != NULL;
		return (0);
	}
	if (path_mkdir_parents(ui->opts.cache_path, &why) != 0 ||
	    (ui->db = db_open(ui->opts.cache_path, 0, &why)) == NULL) {
		*cause = reason_text(REASON_CACHE_OPEN, 0, why);
		free(why);
		return (-1);
	}
	return (0);
}

static void
ui_stage_db_stop(struct session *s, void *arg)
{
	struct ui	*ui = arg;

	if (s != NULL && ui->db_before)
		return;		/* ui_stop closes it */
	db_close(ui->db);
	ui->db = NULL;
}

/* Stage: curses on the terminal, and messages sent to its message line. */
static int
ui_stage_term(struct session *s, void *arg, char **cause)
{
	struct ui	*ui = arg;

	if (ui->curses) {
		ui->term_before = s != NULL;
		return (0);
	}
	if (ui_term_start(ui, cause) != 0)
		return (-1);
	report_set_sink(ui_report_sink, ui);
	return (0);
}

static void
ui_stage_term_stop(struct session *s, void *arg)
{
	struct ui	*ui = arg;

	if (s != NULL && ui->term_before)
		return;		/* ui_stop ends it */
	while (ui->view != NULL)
		ui_pop(ui);
	report_set_sink(NULL, NULL);
	ui_term_stop(ui);
}

/*
 * Stage: the first screen, drawn before the poller starts (the session's
 * next stage); the poller reloads at once when the cache is older than
 * the reload interval.
 */
static int
ui_stage_screen(struct session *s, void *arg, char **cause)
{
	struct ui	*ui = arg;
	size_t		 i;

	ui_index_subs(ui);
	for (i = 0; i < s->warnings.n && i < 1; i++)
		ui_message(ui, UI_MSG_ERROR, "%s", s->warnings.v[i]);
	/*
	 * The feed list in the urls file's order, with its new feeds, from
	 * the first screen on: the poller syncs only when it first reloads.
	 */
	if (ui_sync_subs(ui, cause) != 0)
		return (-1);
	while (ui->view != NULL)
		ui_pop(ui);
	ui_refresh_unread(ui);
	ui_push(ui, ui_feeds_new(ui));
	ui_redraw(ui, UI_REDRAW_ALL);
	s->opts.reload_on_start = ui->reload_now || (!ui->opts.demo &&
	    (ui_cache_stale(ui) || (ui->opts.conf != NULL &&
	    conf_bool(ui->opts.conf, CONF_REFRESH_ON_STARTUP))));
	return (0);
}

static const struct session_stage ui_stages[] = {
	{ "interface cache", ui_stage_db, ui_stage_db_stop },
	{ "terminal", ui_stage_term, ui_stage_term_stop },
	{ "first screen", ui_stage_screen, NULL },
};

/*
 * Start the session: the urls file, the cache (the poller's connection),
 * the interface's stages, then the poller.
 */
static int
ui_session(struct ui *ui, char **cause)
{
	struct session_opts	 so;

	memset(&so, 0, sizeof so);
	so.urls_path = ui->opts.urls_path;
	so.cache_path = ui->opts.cache_path;
	so.interval = ui->opts.reload_interval;
	if (ui->opts.conf != NULL) {
		session_conf_fetch(ui->opts.conf, &ui->fetch);
		session_conf_opts(ui->opts.conf, &so, &ui->fetch);
	}
	if (session_start(&ui->session, &so, ui_stages,
	    sizeof ui_stages / sizeof ui_stages[0], ui, cause) != 0) {
		session_stop(&ui->session);	/* its paths and warnings */
		return (-1);
	}
	ui->in_session = true;
	ui->poller = ui->session.poller;
	return (0);
}

/* The urls file was just written (first run): start the session, reloading. */
int
ui_restart(struct ui *ui)
{
	char	*cause = NULL;

	ui->reload_now = true;
	if (ui_session(ui, &cause) != 0) {
		ui_error_cause(ui, "", cause);
		if (ui->view == NULL)
			ui_push(ui, ui_first_new(ui));
		return (UI_REDRAW_ALL);
	}
	return (UI_REDRAW_ALL);
}

/* Handle the signals caught since the last time. */
static int
ui_signals(struct ui *ui, int *die)
{
	int	sig, flags = 0;

	while ((sig = ui_term_next_signal()) != 0) {
		switch (sig) {
		case SIGWINCH:
			flags |= ui_resize(ui);
			break;
		case SIGTSTP:
			ui_term_job_stop(ui);
			flags |= ui_resize(ui);
			break;
		case SIGCONT:
			if (ui_term_is_suspended())
				ui_term_resume(ui);
			flags |= UI_REDRAW_ALL | UI_REDRAW_CLEAR;
			break;
		default:	/* SIGINT, SIGTERM, SIGHUP */
			*die = sig;
			ui->quit = true;
			break;
		}
	}
	return (flags);
}

/* Wait for keys, events and signals until the user quits. */
static int
ui_loop(struct ui *ui)
{
	struct pollfd		pfd[3];
	struct poller_event	ev;
	int			flags, key, n, nfd, die = 0, rc, timeout;

	ui_redraw(ui, UI_REDRAW_ALL);
	while (!ui->quit) {
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = ui_term_signal_fd();
		pfd[1].events = POLLIN;
		nfd = 2;
		if (ui->poller != NULL) {
			pfd[2].fd = poller_fd(ui->poller);
			pfd[2].events = POLLIN;
			nfd = 3;
		}
		timeout = ui_open_pending() ? 500 : -1;
		rc = poll(pfd, (nfds_t)nfd, timeout);
		if (rc == -1 && errno != EINTR) {
			ui_message(ui, UI_MSG_ERROR, "poll: %s",
			    strerror(errno));
			break;
		}
		ui_open_reap();
		flags = ui_signals(ui, &die);
		if (ui->quit)
			break;
		if (ui->poller != NULL && nfd == 3 &&
		    (pfd[2].revents & (POLLIN | POLLHUP))) {
			while ((n = poller_read_event(ui->poller, &ev)) == 1)
				flags |= ui_event(ui, &ev);
		}
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* The terminal is gone. */
			die = SIGHUP;
			break;
		}
		while (!ui->quit && ui_keys_read(ui, &key))
			flags |= ui_key(ui, key);
		ui_redraw(ui, flags);
	}
	return (die);
}

/* Give back what the interface took, in reverse order; safe to call twice. */
static void
ui_stop(struct ui *ui)
{
	if (ui->in_session)
		session_stop(&ui->session);
	ui->in_session = false;
	ui->poller = NULL;
	/* What no session stopped (the first run): the interface's stages. */
	ui_stage_term_stop(NULL, ui);
	ui_stage_db_stop(NULL, ui);
	ui_demo_cleanup(ui);
}

/* Free what ui_main allocated. */
static void
ui_free(struct ui *ui)
{
	ui_keys_configure(NULL);	/* the configuration's bindings */
	strv_free(&ui->urls);
	free(ui->subs);
	free(ui->msg);
	free(ui->prompt.label);
	free(ui->prompt.text);
	free(ui->first_error);
}

/*
 * Run the interface until the user quits; returns the exit status (0, or
 * 2 when it could not start). A fatal signal ends it the signal's way,
 * once the terminal is given back.
 */
int
ui_main(const struct ui_opts *opts)
{
	struct ui	 ui;
	char		*cause = NULL, *why = NULL;
	enum layout_mode mode;
	int		 die = 0;

	memset(&ui, 0, sizeof ui);
	ui.opts = *opts;
	/* TRANSLATORS: "default:RTL" in a right-to-left language: the
	   interface is then mirrored (lists read from the right). */
	ui.rtl = strcmp(_("default:LTR"), "default:RTL") == 0;
	layout_config_default(&ui.lcfg);
	if (layout_term_mode_parse(opts->bidi != NULL ? opts->bidi : "auto",
	    &mode, &cause) != 0) {
		report(REPORT_ERROR, "%s", cause);
		free(cause);
		return (2);
	}
	ui.mode = layout_term_resolve(mode, environ, &why);
	free(why);
	ui.lcfg.mode = ui.mode;
	if (opts->conf != NULL) {
		ui.lcfg.shaping = conf_bool(opts->conf, CONF_ARABIC_SHAPING);
		ui.lcfg.ligatures = conf_bool(opts->conf,
		    CONF_ARABIC_LIGATURES);
	}
	ui_keys_configure(opts->conf);
	ui.tmux = layout_term_tmux(environ);

	if (opts->demo && ui_demo_prepare(&ui, &cause) != 0)
		goto fail;
	if (access(ui.opts.urls_path, F_OK) != 0 && errno == ENOENT) {
		/* The first run: no session until the urls file exists. */
		if (ui_stage_db(NULL, &ui, &cause) != 0 ||
		    ui_stage_term(NULL, &ui, &cause) != 0)
			goto fail;
		ui_push(&ui, ui_first_new(&ui));
	} else if (ui_session(&ui, &cause) != 0)
		goto fail;
	die = ui_loop(&ui);
	ui_stop(&ui);
	if (ui.msg != NULL && ui.msg_level == UI_MSG_ERROR && die == 0)
		report(REPORT_ERROR, "%s", ui.msg);
	ui_free(&ui);
	if (die != 0) {
		signal(die, SIG_DFL);
		raise(die);
	}
	return (0);

fail:
	ui_stop(&ui);
	if (cause != NULL) {
		report(REPORT_ERROR, "%s", cause);
		free(cause);
	}
	ui_free(&ui);
	return (2);
}
