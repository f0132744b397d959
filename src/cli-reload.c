/*
 * akhbar --reload: the interface's session (session.c) with a signal
 * stage of its own, and a loop over its events: one line per feed that
 * failed, a progress bar and a summary on a terminal, the exit status.
 */
#include "config.h"

#include "cli-reload.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli-conf.h"
#include "i18n.h"
#include "poller.h"
#include "reason.h"
#include "report.h"
#include "session.h"
#include "session-conf.h"
#include "utf8.h"
#include "xmalloc.h"

static volatile sig_atomic_t cli_interrupted;

static void
cli_sigint(int sig)
{
	(void)sig;
	cli_interrupted++;
}

static void
cli_human_bytes(char *buf, size_t size, int64_t n)
{
	if (n >= 1024 * 1024)
		snprintf(buf, size, "%.1f MB", (double)n / (1024 * 1024));
	else
		snprintf(buf, size, "%.0f kB", (double)n / 1024);
}

/*
 * Draw the progress bar on the terminal (stderr). The bar and the summary
 * that replaces it are --reload's drawing on a terminal, not messages.
 */
static void
cli_progress_bar(const struct poller_event *ev)
{
	char	bar[31], bytes[32];
	int	i, fill;

	fill = ev->total > 0 ? ev->done * 30 / ev->total : 30;
	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	cli_human_bytes(bytes, sizeof bytes, ev->bytes);
	fprintf(stderr, "\r\033[K[%s] ", bar);
	/* TRANSLATORS: progress: feeds done / feeds in all. */
	fprintf(stderr, P_("%d/%d feed", "%d/%d feeds", ev->total), ev->done,
	    ev->total);
	fprintf(stderr, "  %s", bytes);
	if (ev->failed + ev->waiting > 0)
		fprintf(stderr, _("  %d failed"), ev->failed + ev->waiting);
	fflush(stderr);
}

/* The summary line that replaces the progress bar at the end. */
static void
cli_progress_summary(const struct poller_event *last)
{
	fputs("\r\033[K", stderr);
	/* TRANSLATORS: the next four messages are printed one after
	   another as one line, e.g. "3 feeds reloaded, 12 new items,
	   1 failed, 2 not due yet". */
	fprintf(stderr, P_("%d feed reloaded, ", "%d feeds reloaded, ",
	    last->done), last->done);
	fprintf(stderr, P_("%d new item", "%d new items", last->new_items),
	    last->new_items);
	/* Feeds backing off after failures failed too. */
	if (last->failed + last->waiting > 0)
		fprintf(stderr, _(", %d failed"), last->failed + last->waiting);
	if (last->skipped - last->waiting > 0)
		fprintf(stderr, P_(", %d not due yet", ", %d not due yet",
		    last->skipped - last->waiting),
		    last->skipped - last->waiting);
	fputs("\n", stderr);
}

/* What --reload's signal stage keeps to restore. */
struct cli_reload_signals {
	struct sigaction	 old_int;
	struct sigaction	 old_term;
};

/*
 * --reload's own stage: SIGINT and SIGTERM come to this thread (the
 * poller's blocks them) and cancel the reload; what finished is kept.
 */
static int
cli_signals_start(struct session *s, void *arg, char **cause)
{
	struct cli_reload_signals	*rs = arg;
	struct sigaction		 sa;

	(void)s;
	(void)cause;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, &rs->old_int);
	sigaction(SIGTERM, &sa, &rs->old_term);
	return (0);
}

static void
cli_signals_stop(struct session *s, void *arg)
{
	struct cli_reload_signals	*rs = arg;

	(void)s;
	sigaction(SIGINT, &rs->old_int, NULL);
	sigaction(SIGTERM, &rs->old_term, NULL);
}

static const struct session_stage cli_reload_stages[] = {
	{ "signals", cli_signals_start, cli_signals_stop },
};

/*
 * A field of a message from a feed, its server or a command (s, taken):
 * its bidi embeddings and isolates end with it.
 */
static char *
cli_reload_field(char *s)
{
	char	*closed;

	closed = utf8_bidi_closed(s);
	free(s);
	return (closed);
}

/*
 * A feed that backs off after failing: one line with its last failure,
 * how many times in a row, and when it is tried again (in datefmt).
 */
static void
cli_reload_waiting(const struct poller_event *ev, const char *datefmt)
{
	struct tm	 tm;
	time_t		 t = (time_t)ev->next_try;
	char		*why, *url, when[256];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, datefmt, &tm) == 0)
		snprintf(when, sizeof when, "%lld", (long long)ev->next_try);
#pragma GCC diagnostic pop
	why = cli_reload_field(reason_text(ev->reason, ev->code, ev->text));
	url = cli_reload_field(xstrdup(ev->url));
	/* TRANSLATORS: --reload: a feed that is not fetched now because
	   it failed so many times in a row; the URL, its last failure,
	   the count, then the date and time it is tried again. */
	report(REPORT_INFO, P_("%s: %s; failed %d time in a row, not tried "
	    "again before %s (--force tries it now)", "%s: %s; failed %d "
	    "times in a row, not tried again before %s (--force tries it now)",
	    (unsigned long)ev->failures), url, why, ev->failures, when);
	free(why);
	free(url);
}

/* Tell one event of the reload: failures, moves, errors; the bar on a terminal. */
static void
cli_reload_event(const struct poller_event *ev, int tty, const char *datefmt)
{
	char	*why, *url, *to;

	switch (ev->type) {
	case POLLER_EV_FEED_WAITING:
		if (tty)
			fputs("\r\033[K", stderr);
		cli_reload_waiting(ev, datefmt);
		return;
	case POLLER_EV_FEED_FAILED:
		if (tty)
			fputs("\r\033[K", stderr);
		why = reason_text(ev->reason, ev->code, ev->text);
		url = cli_reload_field(xstrdup(ev->url));
		report(REPORT_ERROR, "%s: %s", url, why);
		free(url);
		free(why);
		break;
	case POLLER_EV_FEED_MOVED:
		if (tty)
			fputs("\r\033[K", stderr);
		url = cli_reload_field(xstrdup(ev->url));
		to = cli_reload_field(xstrdup(ev->text));
		report(REPORT_INFO, _("%s: moved permanently to %s; the cache "
		    "follows, update the urls file"), url, to);
		free(url);
		free(to);
		break;
	case POLLER_EV_ERROR:
		why = reason_text(ev->reason, ev->code, ev->text);
		report(REPORT_ERROR, "%s", why);
		free(why);
		return;
	case POLLER_EV_INDEXED:
	case POLLER_EV_SUBS:
		return;
	}
	if (!tty)
		return;
	cli_progress_bar(ev);
	if (ev->type == POLLER_EV_FINISHED && !ev->cancelled) {
		fputs(_("  indexing for search..."), stderr);
		fflush(stderr);
	}
}

/*
 * akhbar --reload: fetch every due feed of the urls file into the cache,
 * with a progress bar on a terminal and one line per failure otherwise.
 */
int
cli_reload(const struct cli_reload_opts *o)
{
	struct session_opts		 so;
	struct session			 s;
	struct cli_reload_signals	 rs;
	struct poller_event		 ev, last;
	struct pollfd			 pfd;
	char				*cause = NULL;
	size_t				 i;
	const char			*datefmt;
	int				 tty, failed = 0, cancelled = 0;
	int				 error = 0, n, cancel_sent = 0;

	memset(&so, 0, sizeof so);
	so.urls_path = o->urls;
	so.cache_path = o->cache;
	so.force = o->force != 0;
	so.once = true;
	so.reload_on_start = true;
	session_conf_opts(o->conf, &so, o->fetch);
	if (session_start(&s, &so, cli_reload_stages,
	    sizeof cli_reload_stages / sizeof cli_reload_stages[0], &rs,
	    &cause) != 0) {
		for (i = 0; i < s.warnings.n; i++)
			report(REPORT_WARNING, "%s", s.warnings.v[i]);
		report(REPORT_ERROR, "%s", cause);
		free(cause);
		session_stop(&s);
		return (CLI_EXIT_USAGE);
	}
	for (i = 0; i < s.warnings.n; i++)
		report(REPORT_WARNING, "%s", s.warnings.v[i]);

	tty = isatty(STDERR_FILENO) && !o->quiet;
	datefmt = cli_conf_date_format(o->conf);
	memset(&last, 0, sizeof last);
	pfd.fd = poller_fd(s.poller);
	pfd.events = POLLIN;
	for (;;) {
		/* Every Ctrl-C is passed on: one may come before a reload. */
		if (cli_interrupted != cancel_sent) {
			poller_cancel(s.poller);
			cancel_sent = cli_interrupted;
		}
		if (poll(&pfd, 1, 250) == -1 && errno != EINTR)
			break;
		while ((n = poller_read_event(s.poller, &ev)) == 1) {
			cli_reload_event(&ev, tty, datefmt);
			if (ev.type == POLLER_EV_ERROR)
				error = 1;
			else if (ev.type == POLLER_EV_FINISHED) {
				/* Backing off after failures is failing. */
				failed = ev.failed + ev.waiting;
				cancelled = ev.cancelled;
			}
			if (ev.type == POLLER_EV_FINISHED || (tty &&
			    ev.type != POLLER_EV_INDEXED &&
			    ev.type != POLLER_EV_ERROR &&
			    ev.type != POLLER_EV_SUBS &&
			    ev.type != POLLER_EV_FEED_WAITING))
				last = ev;
		}
		if (n == -1)
			break;
	}
	session_stop(&s);
	if (tty)
		cli_progress_summary(&last);
	if (cancelled || cli_interrupted) {
		report(REPORT_ERROR, _("reload interrupted; what finished is "
		    "stored"));
		return (CLI_EXIT_FAIL);
	}
	if (error)
		return (CLI_EXIT_USAGE);
	return (failed > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK);
}
