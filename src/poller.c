/*
 * The poller thread. A reload lists the feeds that are due (db_feed_states
 * and schedule.c), queues one fetch job per feed and runs the fetch loop;
 * each feed's bytes find their way into the cache in poller-feed.c, and
 * events go out through poller-event.c; the full articles of their items
 * are fetched in the same loop (poller-article.c). poller_reload_feed's
 * feeds wait in p->want_ids for the thread, poller_fetch_article's items
 * in p->want_articles; the schedule reads opts.clock (tests move it) or
 * time().
 */
#include "config.h"

#include "poller-priv.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "feed.h"
#include "log.h"
#include "parse.h"
#include "reason.h"
#include "schedule.h"
#include "urls.h"
#include "xmalloc.h"

_Static_assert(sizeof(struct poller_event) <= PIPE_BUF,
    "an event is written to the pipe in one piece");

static long	poller_interval(struct poller *, const char *);
static bool	poller_full(struct poller *, const char *);
static void	poller_articles_drain(struct poller *);

/* Fill in the defaults (and the fetch defaults, with $AKHBAR_FETCH_*). */
void
poller_opts_default(struct poller_opts *o)
{
	memset(o, 0, sizeof *o);
	fetch_opts_default(&o->fetch);
	fetch_opts_from_env(&o->fetch);
	o->reload_on_start = true;
	o->interval = 0;
	o->once = false;
	o->buffer_max = 256 * 1024;
	o->buffer_total = 4 * 1024 * 1024;
	o->index_batch = 1000;
}

/* ---- events ---- */

/* The interface's end of the event pipe, to poll for reading. */
int
poller_fd(const struct poller *p)
{
	return (p->rfd);
}

/* Read one event: 1 if there was one, 0 if none yet, -1 when the poller ended. */
int
poller_read_event(struct poller *p, struct poller_event *ev)
{
	ssize_t	n;

	for (;;) {
		n = read(p->rfd, ev, sizeof *ev);
		if (n == (ssize_t)sizeof *ev)
			return (1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return (0);
		return (-1);
	}
}

/* ---- reloads ---- */

static int64_t
poller_seen_get(struct poller *p, const char *url)
{
	size_t	i;

	for (i = 0; i < p->nseen; i++) {
		if (strcmp(p->seen[i].url, url) == 0)
			return (p->seen[i].when);
	}
	return (p->seen_default);
}

static void
poller_seen_set(struct poller *p, const char *url, int64_t when)
{
	size_t	i;

	for (i = 0; i < p->nseen; i++) {
		if (strcmp(p->seen[i].url, url) == 0) {
			p->seen[i].when = when;
			return;
		}
	}
	p->seen = xreallocarray(p->seen, p->nseen + 1, sizeof *p->seen);
	p->seen[p->nseen].url = xstrdup(url);
	p->seen[p->nseen].when = when;
	p->nseen++;
}

static void
poller_index(struct poller *p)
{
	int64_t	 left = 0;
	char	*cause = NULL;

	if (p->opts.index_batch <= 0)
		return;		/* indexing is left to a later reload */
	while (!poller_cancelled(p) && !atomic_load(&p->quit)) {
		if (db_search_index_pending(p->db, p->opts.index_batch, &left,
		    &cause) != 0) {
			log_debug("poller: indexing: %s", cause);
			free(cause);
			break;
		}
		if (left <= 0)
			break;
	}
	poller_event_emit(p, POLLER_EV_INDEXED, NULL, REASON_NONE, 0, NULL);
}

/* Whether id is one of the n ids asked for (sorted). */
static int
poller_wanted(const int64_t *ids, size_t n, int64_t id)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return (1);
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (0);
}

/*
 * Make the cache's feeds those of the subscriptions, with their titles and
 * tags (once is enough: they are the poller's for its life).
 */
static int
poller_sync(struct poller *p, char **cause)
{
	struct db_sub	*all;
	size_t		 i, nall;
	int		 rc;

	if (p->synced)
		return (0);
	if (p->local == NULL) {
		p->local = xcalloc(p->urls.n > 0 ? p->urls.n : 1,
		    sizeof *p->local);
		for (i = 0; i < p->urls.n; i++) {
			p->local[i].url = p->urls.v[i];
			p->local[i].title = p->titles[i];
			p->local[i].tags = (const char *const *)p->tags[i].v;
			p->local[i].ntags = p->tags[i].n;
		}
	}
	/* A sync source's feeds, as last synced, stay beside them. */
	rc = poller_sync_subs(p, p->local, p->urls.n, &all, &nall, cause);
	if (rc == 0) {
		rc = db_feed_sync(p->db, all, nall, cause);
		free(all);
	}
	/* The urls file's keep= and dir= of each feed. */
	for (i = 0; rc == 0 && i < p->urls.n; i++)
		rc = db_maint_feed_options(p->db, p->urls.v[i], p->keeps[i],
		    p->dirs[i], cause);
	if (rc == 0)
		p->synced = 1;
	return (rc);
}

/*
 * Reload the feeds that are due: by their next-fetch time only (periodic
 * false) or also by the interval since their last try (periodic true).
 * With ids (sorted, n of them), only those feeds, due or not.
 */
static void
poller_do_reload(struct poller *p, int periodic, const int64_t *ids,
    size_t nids)
{
	struct db_feed_state	*st = NULL;
	struct poller_feed	*feeds;
	bool			*wait;
	size_t			 n = 0, i, nf = 0;
	char			*cause = NULL;
	int64_t			 now;
	long			 interval;
	bool			 forced, busy, sync;

	/*
	 * A cancel asked for before this reload began (a Ctrl-C while the
	 * thread was starting) cancels it; one that reached the fetcher
	 * after the previous reload ended is forgotten.
	 */
	/*
	 * libcurl and its TLS library are set up at the first reload, not at
	 * start: an interface that only reads the cache never pays their
	 * memory (2.5 MB of resident pages).
	 */
	if (p->fetch == NULL &&
	    (p->fetch = fetch_new(&p->opts.fetch, &cause)) == NULL) {
		poller_event_emit(p, POLLER_EV_ERROR, NULL, REASON_START, 0,
		    cause);
		free(cause);
		return;
	}
	if (!poller_cancelled(p))
		fetch_run(p->fetch, 0);
	if (poller_sync(p, &cause) != 0 ||
	    db_feed_states(p->db, &p->urls, &st, &n, &cause) != 0) {
		poller_event_emit(p, POLLER_EV_ERROR, NULL, REASON_CACHE, 0, cause);
		free(cause);
		return;
	}
	now = poller_now(p);
	interval = 0;
	forced = ids != NULL || (p->opts.force && !periodic);
	feeds = xcalloc(n > 0 ? n : 1, sizeof *feeds);
	wait = xcalloc(n > 0 ? n : 1, sizeof *wait);
	p->owner = NULL;
	TAILQ_INIT(&p->wantq);
	TAILQ_INIT(&p->batch);
	p->nbatch = 0;
	p->total = p->done = p->failed = p->skipped = p->new_items = 0;
	p->waiting = 0;
	p->bytes = 0;
	p->buffered = 0;
	for (i = 0; i < n; i++) {
		if (ids != NULL && !poller_wanted(ids, nids, st[i].id))
			continue;
		if (periodic && (interval = poller_interval(p, st[i].url)) == 0) {
			/* This feed does not reload by itself. */
			continue;
		}
		if (!forced && !schedule_due(st[i].next_fetch,
		    poller_seen_get(p, st[i].url), interval, now)) {
			p->skipped++;
			/* Backing off after failures: told after STARTED. */
			if (st[i].failures > 0 &&
			    st[i].error_kind != REASON_NONE) {
				wait[i] = true;
				p->waiting++;
			}
			continue;
		}
		feeds[nf].p = p;
		feeds[nf].id = st[i].id;
		feeds[nf].url = xstrdup(st[i].url);
		feeds[nf].etag = st[i].etag ? xstrdup(st[i].etag) : NULL;
		feeds[nf].last_modified = st[i].last_modified ?
		    xstrdup(st[i].last_modified) : NULL;
		feeds[nf].failures = st[i].failures;
		feeds[nf].full_article = poller_full(p, st[i].url);
		str_init(&feeds[nf].buf);
		nf++;
	}
	/* A sync source counts as one more feed (poller-sync.c). */
	sync = poller_sync_due(p, periodic, ids, nids, now);
	if (periodic && nf == 0 && !sync) {
		/* Nothing due after all: no reload to speak of. */
		db_feed_states_free(st, n);
		free(wait);
		free(feeds);
		return;
	}
	p->total = (int)nf + (sync ? 1 : 0);
	atomic_store(&p->reloading, 1);
	poller_event_emit(p, POLLER_EV_STARTED, NULL, REASON_NONE, 0, NULL);
	for (i = 0; i < n; i++) {
		if (wait[i])
			poller_event_waiting(p, &st[i], schedule_when(
			    st[i].next_fetch, poller_seen_get(p, st[i].url),
			    periodic ? poller_interval(p, st[i].url) : 0));
	}
	db_feed_states_free(st, n);
	free(wait);
	for (i = 0; i < nf; i++) {
		poller_seen_set(p, feeds[i].url, now);
		feeds[i].job = fetch_add(p->fetch, feeds[i].url, feeds[i].etag,
		    feeds[i].last_modified, poller_feed_data, poller_feed_done,
		    &feeds[i]);
	}
	for (;;) {
		if (poller_cancelled(p) || atomic_load(&p->quit))
			fetch_cancel(p->fetch);
		if (db_batch_open(p->db) && poller_feed_batch_left(p) == 0)
			poller_feed_batch_commit(p);
		busy = poller_article_advance(p);
		if (fetch_run(p->fetch, db_batch_open(p->db) ?
		    (int)poller_feed_batch_left(p) + 1 : 500) > 0)
			continue;
		if (!busy)
			break;
		/* No transfer left: articles wait for the cache, give it. */
		poller_feed_advance(p);
		poller_feed_batch_commit(p);
	}
	poller_feed_advance(p);
	poller_feed_batch_commit(p);
	if (sync && !poller_cancelled(p) && !atomic_load(&p->quit))
		poller_sync_run(p, p->local, p->urls.n);
	/* The articles of the feeds the last commit stored. */
	poller_articles_drain(p);
	atomic_store(&p->reloading, 0);
	poller_event_emit(p, POLLER_EV_FINISHED, NULL, REASON_NONE, 0, NULL);
	for (i = 0; i < nf; i++) {
		poller_feed_reset(&feeds[i]);
		free(feeds[i].url);
		free(feeds[i].etag);
		free(feeds[i].last_modified);
	}
	free(feeds);
	poller_index(p);
}

/* A feed's interval: its own, else the global one (0: none). */
static long
poller_interval(struct poller *p, const char *url)
{
	size_t	i;

	if (p->any_own_interval) {
		for (i = 0; i < p->urls.n; i++) {
			if (p->intervals[i] > 0 &&
			    strcmp(p->urls.v[i], url) == 0)
				return (p->intervals[i]);
		}
	}
	return (p->opts.interval > 0 ? p->opts.interval : 0);
}

/* Whether a feed's items get their full articles fetched. */
static bool
poller_full(struct poller *p, const char *url)
{
	size_t	i;

	if (!p->any_full)
		return (false);
	for (i = 0; i < p->urls.n; i++) {
		if (strcmp(p->urls.v[i], url) == 0)
			return (p->full[i]);
	}
	return (false);
}

/* Fetch and store the articles queued until none is left (or a cancel). */
static void
poller_articles_drain(struct poller *p)
{
	while (poller_article_advance(p)) {
		if (poller_cancelled(p) || atomic_load(&p->quit))
			fetch_cancel(p->fetch);
		fetch_run(p->fetch, 500);
	}
}

/* Fetch the articles the interface asked for, between reloads. */
static void
poller_articles_asked(struct poller *p)
{
	char	*cause = NULL;

	/* libcurl is set up at the first fetch (see poller_do_reload). */
	if (p->fetch == NULL &&
	    (p->fetch = fetch_new(&p->opts.fetch, &cause)) == NULL) {
		poller_article_refuse(p, REASON_START, cause);
		free(cause);
		return;
	}
	atomic_store(&p->reloading, 1);
	poller_articles_drain(p);
	atomic_store(&p->reloading, 0);
	poller_index(p);
}

/* The earliest time a periodic reload has something to do, or 0. */
static int64_t
poller_next_due(struct poller *p)
{
	struct db_feed_state	*st = NULL;
	size_t			 n = 0, i;
	char			*cause = NULL;
	int64_t			 t, best = 0;
	long			 iv;

	if (!p->any_interval)
		return (0);
	if (poller_sync(p, &cause) != 0 ||
	    db_feed_states(p->db, &p->urls, &st, &n, &cause) != 0) {
		free(cause);
		return (poller_now(p) + 60);
	}
	for (i = 0; i < n; i++) {
		if ((iv = poller_interval(p, st[i].url)) == 0)
			continue;
		t = schedule_when(st[i].next_fetch,
		    poller_seen_get(p, st[i].url), iv);
		if (best == 0 || t < best)
			best = t;
	}
	db_feed_states_free(st, n);
	t = poller_sync_next(p);
	if (t != 0 && (best == 0 || t < best))
		best = t;
	return (best);
}

static int
poller_cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

static void *
poller_main(void *arg)
{
	struct poller	*p = arg;
	struct timespec	 ts;
	int64_t		 due, now, *ids;
	size_t		 nids;
	int		 manual;
	bool		 articles;

	if (p->opts.reload_on_start) {
		poller_do_reload(p, 0, NULL, 0);
		p->cancel_done = p->cancel_hit;	/* it ends with its reload */
	}
	while (!p->opts.once && !atomic_load(&p->quit)) {
		due = poller_next_due(p);
		pthread_mutex_lock(&p->lock);
		while (!p->want_reload && p->nwant_ids == 0 &&
		    p->nwant_articles == 0 && !atomic_load(&p->quit)) {
			if (due == 0) {
				pthread_cond_wait(&p->cond, &p->lock);
				continue;
			}
			/* The clock is what the schedule compares with. */
			now = poller_now(p);
			if (now >= due)
				break;
			/* Wake up at least once a minute (clock changes, suspend). */
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += due - now > 60 ? 60 : due - now;
			ts.tv_nsec = 10 * 1000 * 1000;
			pthread_cond_timedwait(&p->cond, &p->lock, &ts);
		}
		manual = p->want_reload;
		p->want_reload = 0;
		ids = p->want_ids;
		nids = p->nwant_ids;
		p->want_ids = NULL;
		p->nwant_ids = 0;
		articles = p->nwant_articles > 0;
		pthread_mutex_unlock(&p->lock);
		if (atomic_load(&p->quit)) {
			free(ids);
			break;
		}
		if (manual || (nids == 0 && !articles)) {
			poller_do_reload(p, !manual, NULL, 0);
			p->cancel_done = p->cancel_hit;
		}
		if (nids > 0) {
			qsort(ids, nids, sizeof *ids, poller_cmp_id);
			poller_do_reload(p, 0, ids, nids);
			p->cancel_done = p->cancel_hit;
		}
		free(ids);
		if (atomic_load(&p->want_articles_n) > 0) {
			poller_articles_asked(p);
			p->cancel_done = p->cancel_hit;
		}
	}
	close(p->wfd);
	p->wfd = -1;
	return (NULL);
}

static void
poller_free(struct poller *p)
{
	size_t	i;

	for (i = 0; i < p->nseen; i++)
		free(p->seen[i].url);
	free(p->seen);
	for (i = 0; i < p->urls.n; i++) {
		free(p->titles[i]);
		strv_free(&p->tags[i]);
	}
	free(p->titles);
	free(p->tags);
	free(p->keeps);
	free(p->dirs);
	free(p->intervals);
	free(p->want_ids);
	free(p->want_articles);
	free(p->full);
	poller_article_free_all(p);
	free(p->local);
	poller_sync_free(p);
	strv_free(&p->urls);
	fetch_free(p->fetch);
	free(p);
}

/*
 * Start the poller thread for the subscriptions in subs (copied); it uses
 * db (opened for writing) until poller_stop. Returns NULL with a reason
 * on failure.
 */
struct poller *
poller_start(struct db *db, const struct urls_list *subs,
    const struct poller_opts *o, char **cause)
{
	struct poller	*p;
	sigset_t	 block, saved;
	int		 fds[2], error, full;
	size_t		 i, j, k;

	p = xcalloc(1, sizeof *p);
	p->opts = *o;
	p->db = db;
	/*
	 * Not reloaded on start, a feed's interval counts from the start:
	 * the interface decides whether the cache is stale enough to reload
	 * at once.
	 */
	if (!o->reload_on_start)
		p->seen_default = poller_now(p);
	p->intervals = xcalloc(subs->n > 0 ? subs->n : 1, sizeof *p->intervals);
	p->titles = xcalloc(subs->n > 0 ? subs->n : 1, sizeof *p->titles);
	p->tags = xcalloc(subs->n > 0 ? subs->n : 1, sizeof *p->tags);
	p->keeps = xcalloc(subs->n > 0 ? subs->n : 1, sizeof *p->keeps);
	p->dirs = xcalloc(subs->n > 0 ? subs->n : 1, sizeof *p->dirs);
	p->full = xcalloc(subs->n > 0 ? subs->n : 1, sizeof *p->full);
	TAILQ_INIT(&p->art_wait);
	TAILQ_INIT(&p->art_run);
	TAILQ_INIT(&p->art_done);
	atomic_init(&p->want_articles_n, 0);
	p->any_interval = o->interval > 0;
	for (i = 0, k = 0; i < subs->n; i++) {
		/* A query: feed is a filter over the cache: nothing to fetch. */
		if (subs->v[i].query != NULL)
			continue;
		full = poller_article_option(&subs->v[i]);
		p->full[k] = full == -1 ? o->full_article : full == 1;
		if (p->full[k])
			p->any_full = 1;
		strv_add(&p->urls, subs->v[i].url);
		p->intervals[k] = subs->v[i].reload > 0 ? subs->v[i].reload : 0;
		if (p->intervals[k] > 0)
			p->any_interval = p->any_own_interval = 1;
		if (subs->v[i].title != NULL)
			p->titles[k] = xstrdup(subs->v[i].title);
		for (j = 0; j < subs->v[i].tags.n; j++)
			strv_add(&p->tags[k], subs->v[i].tags.v[j]);
		p->keeps[k] = subs->v[i].keep;
		p->dirs[k] = subs->v[i].dir_set ? (int)subs->v[i].dir : -1;
		k++;
	}
	if (poller_sync_start(p, o->sync, cause) != 0) {
		poller_free(p);
		return (NULL);
	}
	p->opts.sync = NULL;		/* sync_new copied what it needs */
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		poller_free(p);
		return (NULL);
	}
	p->rfd = fds[0];
	p->wfd = fds[1];
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	atomic_init(&p->quit, 0);
	atomic_init(&p->cancel, 0);
	p->cancel_done = p->cancel_hit = 0;
	atomic_init(&p->reloading, 0);
	TAILQ_INIT(&p->wantq);
	TAILQ_INIT(&p->batch);

	/*
	 * The thread (and libcurl's resolver threads it starts) inherits a
	 * mask that keeps the signals the caller handles: Ctrl-C, a resize,
	 * a suspend reach the caller's thread, never this one.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTSTP);
	sigaddset(&block, SIGCONT);
	pthread_sigmask(SIG_BLOCK, &block, &saved);
	error = pthread_create(&p->thread, NULL, poller_main, p);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (error != 0) {
		xasprintf(cause, "cannot start the poller: %s",
		    strerror(error));
		close(fds[0]);
		close(fds[1]);
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->cond);
		poller_free(p);
		return (NULL);
	}
	p->started = 1;
	return (p);
}

/* Ask for a reload of every due feed now. */
void
poller_reload(struct poller *p)
{
	pthread_mutex_lock(&p->lock);
	p->want_reload = 1;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/*
 * Ask for a fetch of one feed (its cache id) now, due or not. Feeds asked
 * for while a reload runs are fetched together after it. A feed that is
 * not a subscription gives a reload of none (STARTED, FINISHED).
 */
void
poller_reload_feed(struct poller *p, int64_t feed_id)
{
	size_t	i;

	pthread_mutex_lock(&p->lock);
	for (i = 0; i < p->nwant_ids; i++) {
		if (p->want_ids[i] == feed_id)
			break;
	}
	if (i == p->nwant_ids) {
		p->want_ids = xreallocarray(p->want_ids, p->nwant_ids + 1,
		    sizeof *p->want_ids);
		p->want_ids[p->nwant_ids++] = feed_id;
	}
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/*
 * Ask for an item's full article now: its web page fetched (conditionally
 * when an article is stored), the article found and stored, with
 * ARTICLE_PROGRESS, then ARTICLE_DONE or ARTICLE_FAILED for it. During a
 * reload it goes ahead of the feeds' articles.
 */
void
poller_fetch_article(struct poller *p, int64_t item_id)
{
	size_t	i;

	pthread_mutex_lock(&p->lock);
	for (i = 0; i < p->nwant_articles; i++) {
		if (p->want_articles[i] == item_id)
			break;
	}
	if (i == p->nwant_articles) {
		p->want_articles = xreallocarray(p->want_articles,
		    p->nwant_articles + 1, sizeof *p->want_articles);
		p->want_articles[p->nwant_articles++] = item_id;
	}
	atomic_store(&p->want_articles_n, (int)p->nwant_articles);
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
	/* A reload's loop waits in its fetch engine: wake it. */
	if (atomic_load(&p->reloading))
		fetch_wakeup(p->fetch);
}

/*
 * Cancel the reload in progress (or, when none is, the next one):
 * finished feeds are kept, others dropped.
 */
void
poller_cancel(struct poller *p)
{
	atomic_fetch_add(&p->cancel, 1);
	/* reloading is set after the thread made p->fetch, never before. */
	if (atomic_load(&p->reloading))
		fetch_cancel(p->fetch);
}

/* Stop the thread promptly (what finished is committed) and free the poller. */
void
poller_stop(struct poller *p)
{
	if (p == NULL)
		return;
	atomic_store(&p->quit, 1);
	poller_cancel(p);
	pthread_mutex_lock(&p->lock);
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
	if (p->started)
		pthread_join(p->thread, NULL);
	close(p->rfd);
	if (p->wfd != -1)
		close(p->wfd);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	poller_free(p);
}

/* ---- one URL into the parser, for akhbar --parse URL ---- */

struct poller_one {
	struct parse		*parse;
	struct fetch_result	*r;
	int			 failed;
};

static int
poller_one_data(void *arg, const struct fetch_head *h, const char *buf,
    size_t len, int *reason, char **detail)
{
	struct poller_one	*one = arg;

	(void)detail;
	if (one->parse == NULL)
		one->parse = parse_new(h->url, h->content_type, NULL, NULL);
	if (parse_push(one->parse, buf, len) != 0) {
		one->failed = 1;
		*reason = REASON_NOT_FEED;
		return (FETCH_ABORT);
	}
	return (FETCH_CONTINUE);
}

static void
poller_one_done(void *arg, struct fetch_result *r)
{
	struct poller_one	*one = arg;

	one->r = r;
}

/*
 * Fetch one URL and parse it, items included (for akhbar --parse URL).
 * Returns NULL when it cannot be fetched or is not a feed, with the
 * reason's kind, its number and a detail (the parser's words, a command's;
 * allocated, or NULL); the feeds a web page announces are added to links
 * (when not NULL).
 */
struct feed *
poller_fetch_parse(const char *url, const struct fetch_opts *o, int *reason,
    long *code, char **detail, struct strv *links)
{
	const struct strv	*fl;
	size_t			 i;
	struct fetch		*f;
	struct poller_one	 one;
	struct feed		*feed = NULL;
	char			*why = NULL;

	*reason = REASON_NONE;
	*code = 0;
	*detail = NULL;
	if ((f = fetch_new(o, &why)) == NULL) {
		*reason = REASON_START;
		*detail = why;
		return (NULL);
	}
	memset(&one, 0, sizeof one);
	fetch_add(f, url, NULL, NULL, poller_one_data, poller_one_done, &one);
	while (fetch_run(f, 1000) > 0)
		;
	fetch_free(f);
	if (one.r->status == FETCH_OK || one.failed) {
		if (one.parse == NULL)
			one.parse = parse_new(url, NULL, NULL, NULL);
		if ((feed = parse_finish(one.parse, &why)) == NULL) {
			*reason = REASON_NOT_FEED;
			*detail = why;
		}
		fl = parse_feed_links(one.parse);
		for (i = 0; links != NULL && i < fl->n; i++)
			strv_add(links, fl->v[i]);
	} else {
		*reason = one.r->reason != REASON_NONE ? one.r->reason :
		    REASON_FAILED;
		*code = one.r->code;
		if (one.r->detail != NULL)
			*detail = xstrdup(one.r->detail);
	}
	parse_free(one.parse);
	fetch_result_free(one.r);
	return (feed);
}
