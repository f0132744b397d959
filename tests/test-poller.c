/*
 * Tests for poller.c: the thread, its events, the hand-over of the cache
 * between feeds that arrive at once (with tiny buffers, so that pausing
 * and resuming are exercised), manual reloads, one feed's reload, cancel
 * and stop, the signals its thread leaves to the caller. Each test builds
 * its set-up with the fixture below (a fresh cache, subscriptions, the
 * feed server); the periodic reloads run on a clock the test moves, so
 * that no check depends on how fast the machine is.
 */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "poller.h"
#include "reason.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

#include "server.h"

static struct server	srv;
static int		srv_started;

/* ---- the fixture: a fresh cache, subscriptions, the server ---- */

struct fixture {
	char			 cache[256];
	struct urls_list	 subs;
	struct poller_opts	 o;
	struct db		*db;
	struct poller		*p;
};

/* The test's clock (epoch seconds), for fixtures that use fx_clock. */
static _Atomic int64_t	fake_now;

static int64_t
fake_clock(void *arg)
{
	(void)arg;
	return (atomic_load(&fake_now));
}

/*
 * Begin a test: the feed server (started once for all), an empty cache
 * of its own, no subscription yet, options for a loopback server.
 */
static void
fx_begin(struct fixture *fx, const char *name)
{
	char	*cause = NULL;

	if (!srv_started) {
		server_start(&srv);
		srv_started = 1;
	}
	memset(fx, 0, sizeof *fx);
	snprintf(fx->cache, sizeof fx->cache, "%s/akhbar-test-poller.%ld.%s.db",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), name);
	unlink(fx->cache);
	if ((fx->db = db_open(fx->cache, 0, &cause)) == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	poller_opts_default(&fx->o);
	fx->o.fetch.connect_timeout = 5;
	fx->o.fetch.low_speed_time = 30;
	fx->o.fetch.low_speed_limit = 1;
	fx->o.once = false;
	fx->o.reload_on_start = true;
}

/* Subscribe to a URL (printf-like) with its own interval in seconds (0: none). */
static void __attribute__((format(printf, 3, 4)))
fx_add(struct fixture *fx, long reload, const char *fmt, ...)
{
	struct urls_sub	*sub;
	va_list		 ap;

	fx->subs.v = xreallocarray(fx->subs.v, fx->subs.n + 1,
	    sizeof *fx->subs.v);
	sub = &fx->subs.v[fx->subs.n++];
	memset(sub, 0, sizeof *sub);
	va_start(ap, fmt);
	xvasprintf(&sub->url, fmt, ap);
	va_end(ap);
	sub->reload = reload;
	sub->line = (int)fx->subs.n;
}

/* Run the periodic schedule on fake_now, starting at the real time. */
static void
fx_clock(struct fixture *fx)
{
	atomic_store(&fake_now, (int64_t)time(NULL));
	fx->o.clock = fake_clock;
	fx->o.clock_arg = NULL;
}

/* Start the poller on the fixture's subscriptions and options. */
static struct poller *
fx_start(struct fixture *fx)
{
	char	*cause = NULL;

	fx->p = poller_start(fx->db, &fx->subs, &fx->o, &cause);
	if (fx->p == NULL) {
		printf("Bail out! poller_start: %s\n", cause);
		exit(1);
	}
	return (fx->p);
}

/* Stop the poller and close the cache (what finished stays in it). */
static void
fx_stop(struct fixture *fx)
{
	poller_stop(fx->p);
	fx->p = NULL;
	db_close(fx->db);
	fx->db = NULL;
}

/* End a test: stop what runs, free the subscriptions, remove the cache. */
static void
fx_end(struct fixture *fx)
{
	char	side[300];

	fx_stop(fx);
	urls_list_free(&fx->subs);
	unlink(fx->cache);
	snprintf(side, sizeof side, "%s-wal", fx->cache);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", fx->cache);
	unlink(side);
	snprintf(side, sizeof side, "%s.lock", fx->cache);
	unlink(side);
}

/* The unread items of the fixture's cache, read by a connection of its own. */
static int64_t
fx_unread(struct fixture *fx)
{
	struct db	*db;
	char		*cause = NULL;
	int64_t		 n = -1;

	if ((db = db_open(fx->cache, DB_READONLY, &cause)) == NULL) {
		diag("%s", cause);
		free(cause);
		return (-1);
	}
	if (db_item_count_unread(db, &n, &cause) != 0) {
		diag("%s", cause);
		free(cause);
	}
	db_close(db);
	return (n);
}

/* The cache id of a subscribed URL, read by a connection of its own. */
static int64_t
fx_feed_id(struct fixture *fx, const char *url)
{
	struct db_feed_state	*st = NULL;
	struct db		*db;
	size_t			 n = 0, i;
	char			*cause = NULL;
	int64_t			 id = -1;

	if ((db = db_open(fx->cache, DB_READONLY, &cause)) == NULL) {
		diag("%s", cause);
		free(cause);
		return (-1);
	}
	if (db_feed_states(db, NULL, &st, &n, &cause) != 0) {
		diag("%s", cause);
		free(cause);
	}
	for (i = 0; i < n; i++) {
		if (strcmp(st[i].url, url) == 0)
			id = st[i].id;
	}
	db_feed_states_free(st, n);
	db_close(db);
	return (id);
}

/* Milliseconds since t0 (CLOCK_MONOTONIC). */
static long
ms_since(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000);
}

/* ---- reading events ---- */

struct tally {
	int	started, done, failed, moved, finished, indexed, errors;
	int	new_items, cancelled, total, order_ok;
	int	last_kind;
	int64_t	bytes;
	char	last_reason[1024];	/* the last failure in words (C locale) */
};

/* Read events until FINISHED and INDEXED arrived, the pipe closed or timeout. */
static void
drain(struct poller *p, struct tally *t, int timeout_s, int want_indexed)
{
	struct poller_event	 ev;
	struct pollfd		 pfd;
	struct timespec		 t0;
	char			*text;
	int			 n;

	memset(t, 0, sizeof *t);
	t->order_ok = 1;
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < timeout_s * 1000L) {
		poll(&pfd, 1, 200);
		while ((n = poller_read_event(p, &ev)) == 1) {
			switch (ev.type) {
			case POLLER_EV_STARTED:
				t->started++;
				t->total = ev.total;
				break;
			case POLLER_EV_FEED_DONE:
				if (!t->started)
					t->order_ok = 0;
				t->done++;
				break;
			case POLLER_EV_FEED_FAILED:
				t->failed++;
				t->last_kind = ev.reason;
				text = reason_text(ev.reason, ev.code, ev.text);
				snprintf(t->last_reason, sizeof t->last_reason,
				    "%s", text);
				free(text);
				break;
			case POLLER_EV_FEED_MOVED:
				t->moved++;
				break;
			case POLLER_EV_FINISHED:
				t->finished++;
				t->new_items = ev.new_items;
				t->cancelled = ev.cancelled;
				t->bytes = ev.bytes;
				if (ev.done != t->done + t->failed &&
				    !ev.cancelled)
					t->order_ok = 0;
				break;
			case POLLER_EV_INDEXED:
				t->indexed++;
				break;
			case POLLER_EV_ERROR:
				t->errors++;
				break;
			}
		}
		if (n == -1)
			return;
		if (t->finished && (t->indexed || !want_indexed))
			return;
	}
}

/* Whether any event comes within ms milliseconds. */
static int
quiet_for(struct poller *p, long ms)
{
	struct poller_event	 ev;
	struct pollfd		 pfd;
	struct timespec		 t0;

	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < ms) {
		poll(&pfd, 1, 100);
		if (poller_read_event(p, &ev) == 1) {
			diag("event %d came", ev.type);
			return (0);
		}
	}
	return (1);
}

/* ---- the tests ---- */

static void
test_many(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;
	int		 i;

	/* 16 copies of a 300-item feed at once through 4 kB buffers. */
	fx_begin(&fx, "many");
	for (i = 0; i < 16; i++)
		fx_add(&fx, 0, "%s/%s/poller/big.xml?copy=%d", srv.base,
		    i % 3 == 0 ? "gzip" : i % 3 == 1 ? "chunked" : "plain", i);
	fx_add(&fx, 0, "%s/poller/akhbar.xml", srv.base);
	fx.o.buffer_max = 4096;
	fx.o.fetch.max_connections = 8;
	p = fx_start(&fx);
	ok(p != NULL, "the poller starts");
	drain(p, &t, 60, 1);
	is_int(t.started, 1, "one STARTED event");
	is_int(t.total, 17, "... for 17 feeds");
	is_int(t.done, 17, "17 FEED_DONE events");
	is_int(t.failed, 0, "no failures (%s)", t.last_reason);
	is_int(t.finished, 1, "one FINISHED event");
	is_int(t.new_items, 16 * 300 + 3, "FINISHED counts the new items");
	ok(t.bytes > 16 * 140000, "... and the bytes");
	ok(t.order_ok, "events come in order");
	is_int(t.indexed, 1, "INDEXED follows");

	/* A manual reload: nothing new, akhbar.xml (ttl 90) is not due. */
	poller_reload(p);
	drain(p, &t, 60, 1);
	is_int(t.total, 16, "a manual reload skips the feed within its <ttl>");
	is_int(t.done, 16, "... and fetches the others");
	is_int(t.new_items, 0, "nothing new the second time");
	fx_stop(&fx);
	is_int(fx_unread(&fx), 16 * 300 + 3,
	    "every item of feeds that arrived at once is stored");
	fx_end(&fx);
}

static void
test_no_index(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;
	int64_t		 left = -1;

	fx_begin(&fx, "noindex");
	fx_add(&fx, 0, "%s/poller/akhbar.xml", srv.base);
	fx.o.index_batch = 0;
	p = fx_start(&fx);
	ok(p != NULL, "a poller that does not index starts");
	drain(p, &t, 3, 1);
	is_int(t.finished, 1, "... its reload finishes");
	is_int(t.indexed, 0, "... and no INDEXED event follows");
	poller_stop(p);
	fx.p = NULL;
	if (db_search_index_pending(fx.db, 0, &left, NULL) != 0)
		left = -1;
	is_int(left, 3, "... its 3 items wait for indexing");
	fx_end(&fx);
}

static void
test_failures(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;

	fx_begin(&fx, "failures");
	fx_add(&fx, 0, "%s/html", srv.base);
	fx_add(&fx, 0, "%s/redirect/308/poller/atom.xml", srv.base);
	fx_add(&fx, 0, "exec:cat '%s'", tap_data("poller/akhbar.xml"));
	fx.o.once = true;
	p = fx_start(&fx);
	drain(p, &t, 30, 1);
	is_int(t.failed, 1, "an HTML page fails");
	is_str(t.last_reason, "not a feed: an HTML page",
	    "... as not a feed, with the parser's words");
	is_int(t.last_kind, REASON_NOT_FEED, "... said as a kind");
	is_int(t.done, 2, "a redirected feed and an exec: feed work");
	is_int(t.moved, 1, "the 308 is announced");
	fx_stop(&fx);
	is_int(fx_unread(&fx), 5, "their items are stored");
	fx_end(&fx);
}

static void
test_cancel(void)
{
	struct fixture		 fx;
	struct poller		*p;
	struct tally		 t;
	struct pollfd		 pfd;
	struct poller_event	 ev;
	struct timespec		 t0;
	int			 i, done = 0;

	fx_begin(&fx, "cancel");
	fx_add(&fx, 0, "%s/poller/akhbar.xml", srv.base);
	for (i = 0; i < 4; i++)
		fx_add(&fx, 0, "%s/stall/poller/big.xml?bytes=5000&n=%d",
		    srv.base, i);
	p = fx_start(&fx);
	/* Wait for the good feed, then cancel the stalled ones. */
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!done && ms_since(&t0) < 10000) {
		poll(&pfd, 1, 200);
		while (poller_read_event(p, &ev) == 1)
			if (ev.type == POLLER_EV_FEED_DONE)
				done = 1;
	}
	ok(done, "the good feed is stored while others stall");
	/*
	 * Promptness is measured against the stall: the stalled feeds would
	 * hold the reload for the 30 s of the low-speed limit.
	 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	poller_cancel(p);
	drain(p, &t, 10, 1);
	ok(ms_since(&t0) < 5000, "a cancel is prompt (%ld ms)", ms_since(&t0));
	is_int(t.finished, 1, "FINISHED follows a cancel");
	ok(t.cancelled, "... and says it was cancelled");
	is_int(t.failed, 0, "cancelled feeds are not failures");

	/*
	 * A cancel asked for between reloads (a Ctrl-C while the thread
	 * starts) cancels the next one instead of being lost.
	 */
	poller_cancel(p);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	poller_reload(p);
	drain(p, &t, 10, 0);
	ok(t.finished == 1 && t.cancelled && ms_since(&t0) < 5000,
	    "a cancel that came before the reload cancels it at once");
	poller_reload(p);
	drain(p, &t, 1, 0);
	ok(t.started == 1 && !t.finished,
	    "... and only that one: the next reload runs (into the stalls)");

	/* Reload and quit in the middle. */
	usleep(500 * 1000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	poller_stop(p);
	fx.p = NULL;
	ok(ms_since(&t0) < 5000, "quitting during a reload is prompt (%ld ms)",
	    ms_since(&t0));
	fx_stop(&fx);
	is_int(fx_unread(&fx), 3, "what finished is committed");
	fx_end(&fx);
}

/*
 * The global interval on the test's clock: nothing while the clock
 * stands still (the thread looks at it again every second or two, so a
 * poller that read the real time would reload here), a reload once it
 * has moved by the interval.
 */
static void
test_periodic(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;

	/* atom.xml has no <ttl>: only the interval spaces its reloads. */
	fx_begin(&fx, "periodic");
	fx_add(&fx, 0, "%s/poller/atom.xml?periodic", srv.base);
	fx_clock(&fx);
	fx.o.interval = 2;
	p = fx_start(&fx);
	drain(p, &t, 10, 1);
	is_int(t.done, 1, "reload on start");
	ok(quiet_for(p, 2500), "no reload while the clock has not moved");
	atomic_fetch_add(&fake_now, 1);
	ok(quiet_for(p, 2500), "... nor a second before the interval");
	atomic_fetch_add(&fake_now, 1);
	drain(p, &t, 20, 1);
	is_int(t.started, 1, "the interval brings another reload by itself");
	is_int(t.done, 1, "... of the feed");
	fx_stop(&fx);
	is_int(server_count(&srv, "/poller/atom.xml?periodic"), 2,
	    "two fetches in all");
	fx_end(&fx);
}

/* Not reloaded on start, the interval counts from the start. */
static void
test_no_start(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;

	fx_begin(&fx, "nostart");
	fx_add(&fx, 0, "%s/poller/atom.xml?nostart", srv.base);
	fx_clock(&fx);
	fx.o.interval = 2;
	fx.o.reload_on_start = false;
	p = fx_start(&fx);
	ok(quiet_for(p, 2500), "without reload_on_start, no reload at once");
	atomic_fetch_add(&fake_now, 2);
	drain(p, &t, 20, 1);
	ok(t.started == 1 && t.done == 1,
	    "... the first comes an interval after the start");
	fx_end(&fx);
	is_int(server_count(&srv, "/poller/atom.xml?nostart"), 1,
	    "one fetch in all");
}

static void
test_own_interval(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;

	/* No global interval; the first feed has its own of 2 s. */
	fx_begin(&fx, "own");
	fx_add(&fx, 2, "%s/poller/atom.xml?own=1", srv.base);
	fx_add(&fx, 0, "%s/poller/atom.xml?own=0", srv.base);
	fx_clock(&fx);
	fx.o.interval = 0;
	p = fx_start(&fx);
	drain(p, &t, 10, 1);
	is_int(t.done, 2, "both feeds on start");
	ok(quiet_for(p, 2500), "no reload while the clock stands still");
	atomic_fetch_add(&fake_now, 2);
	drain(p, &t, 20, 1);
	is_int(t.total, 1, "a feed's own interval brings it back alone");
	fx_stop(&fx);
	is_int(server_count(&srv, "/poller/atom.xml?own=0"), 1,
	    "the feed without one is left alone");
	ok(server_count(&srv, "/poller/atom.xml?own=1") >= 2,
	    "the feed with one is fetched again");
	fx_end(&fx);
}

static void
test_slow(void)
{
	struct fixture		 fx;
	struct poller		*p;
	struct poller_event	 ev;
	struct pollfd		 pfd;
	struct timespec		 t0;
	int			 i, fast = 0, fast_before_slow = -1, slow = 0;

	/* A feed dripping for about 2 s first, then five quick ones. */
	fx_begin(&fx, "slow");
	fx_add(&fx, 0, "%s/drip/poller/akhbar.xml?chunk=20&delay=40", srv.base);
	for (i = 0; i < 5; i++)
		fx_add(&fx, 0, "%s/poller/atom.xml?fast=%d", srv.base, i);
	fx.o.once = true;
	p = fx_start(&fx);
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!slow && ms_since(&t0) < 20000) {
		poll(&pfd, 1, 200);
		while (poller_read_event(p, &ev) == 1) {
			if (ev.type != POLLER_EV_FEED_DONE)
				continue;
			if (strstr(ev.url, "/drip/") != NULL) {
				slow = 1;
				fast_before_slow = fast;
			} else
				fast++;
		}
	}
	ok(slow, "the dripping feed is stored");
	is_int(fast_before_slow, 5,
	    "a dripping server does not hold the cache from the others");
	fx_stop(&fx);
	is_int(fx_unread(&fx), 5 * 2 + 3, "every feed's items are stored");
	fx_end(&fx);
}

/* FEED_DONE means committed: a reader's connection already sees the feed's items. */
static void
test_visible(void)
{
	struct fixture		 fx;
	struct poller		*p;
	struct poller_event	 ev;
	struct pollfd		 pfd;
	struct timespec		 t0;
	struct db		*ro;
	struct db_item_row	*rows;
	size_t			 n;
	char			*cause = NULL;
	int			 i, done = 0, seen = 0, finished = 0;

	fx_begin(&fx, "visible");
	for (i = 0; i < 12; i++)
		fx_add(&fx, 0, "%s/plain/poller/big.xml?visible=%d", srv.base, i);
	if ((ro = db_open(fx.cache, DB_READONLY, &cause)) == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	fx.o.once = true;
	fx.o.index_batch = 0;
	p = fx_start(&fx);
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!finished && ms_since(&t0) < 30000) {
		poll(&pfd, 1, 200);
		while (poller_read_event(p, &ev) == 1) {
			if (ev.type == POLLER_EV_FINISHED)
				finished = 1;
			if (ev.type != POLLER_EV_FEED_DONE)
				continue;
			done++;
			if (db_item_page(ro, DB_LIST_FEED, ev.feed_id,
			    DB_PAGE_FIRST, NULL, 1000, &rows, &n, &cause) != 0) {
				diag("%s", cause);
				free(cause);
				cause = NULL;
				continue;
			}
			if (n == 300 && ev.new_items == 300)
				seen++;
			else
				diag("feed %lld: %zu items visible, %d new",
				    (long long)ev.feed_id, n, ev.new_items);
			db_item_rows_free(rows, n);
		}
	}
	is_int(done, 12, "12 feeds stored");
	is_int(seen, 12, "each FEED_DONE comes after its items are committed");
	db_close(ro);
	fx_end(&fx);
}

/*
 * The cache fills up during a reload (feeds are written in batches, and a
 * failure loses its whole batch): every feed is reported once, those
 * reported done are stored, and nothing of those reported failed is.
 */
static void
test_cache_full(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;
	char		 sql[64];
	sqlite3_stmt	*st;
	long long	 pages = 0;
	int		 i;

	fx_begin(&fx, "full");
	for (i = 0; i < 12; i++)
		fx_add(&fx, 0, "%s/plain/poller/big.xml?full=%d", srv.base, i);
	if (sqlite3_prepare_v2(fx.db->sq, "PRAGMA page_count", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		pages = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages + 12);
	sqlite3_exec(fx.db->sq, sql, NULL, NULL, NULL);
	fx.o.once = true;
	fx.o.index_batch = 0;
	p = fx_start(&fx);
	drain(p, &t, 60, 0);
	is_int(t.finished, 1, "a reload into a full cache finishes");
	is_int(t.done + t.failed, 12, "... reporting every feed once");
	ok(t.failed > 0, "... some of them failed (%d of 12)", t.failed);
	ok(strncmp(t.last_reason, "cache error: ", 13) == 0 &&
	    strstr(t.last_reason, "the disk is full") != NULL,
	    "... as a cache error, saying the disk is full (%s)",
	    t.last_reason);
	is_int(t.last_kind, REASON_CACHE, "... said as a kind");
	fx_stop(&fx);
	is_int(fx_unread(&fx), t.new_items,
	    "what was reported done is stored, nothing else");
	fx_end(&fx);
}

/* poller_reload_feed: one feed now, due or not, with a reload's events. */
static void
test_reload_feed(void)
{
	struct fixture	 fx;
	struct poller	*p;
	struct tally	 t;
	char		*ttl;
	int64_t		 id;

	fx_begin(&fx, "one");
	fx_add(&fx, 0, "%s/poller/akhbar.xml?one", srv.base);
	fx_add(&fx, 0, "%s/poller/atom.xml?one", srv.base);
	ttl = fx.subs.v[0].url;
	p = fx_start(&fx);
	drain(p, &t, 20, 1);
	is_int(t.done, 2, "both feeds on start");
	id = fx_feed_id(&fx, ttl);
	ok(id > 0, "the feed with a <ttl> has an id");

	poller_reload(p);
	drain(p, &t, 20, 1);
	is_int(t.total, 1, "a reload leaves the feed within its <ttl> alone");

	poller_reload_feed(p, id);
	drain(p, &t, 20, 1);
	ok(t.started == 1 && t.total == 1, "poller_reload_feed: a reload of one");
	ok(t.done == 1 && t.finished == 1 && t.indexed == 1,
	    "... with FEED_DONE, FINISHED and INDEXED");
	is_int(server_count(&srv, "/poller/akhbar.xml?one"), 2,
	    "... fetched though not due");
	is_int(server_count(&srv, "/poller/atom.xml?one"), 2,
	    "... and the other feed not again");

	poller_reload_feed(p, 987654321);
	drain(p, &t, 20, 0);
	ok(t.started == 1 && t.total == 0 && t.finished == 1,
	    "a feed that is not subscribed: a reload of none");
	fx_end(&fx);
}

static volatile sig_atomic_t	sig_caught, sig_elsewhere;
static pthread_t		main_thread;

static void
on_signal(int sig)
{
	(void)sig;
	sig_caught++;
	if (!pthread_equal(pthread_self(), main_thread))
		sig_elsewhere++;
}

/*
 * The poller's thread blocks the signals the caller handles: with them
 * blocked in this thread too, they stay pending (no other thread takes
 * them), and they reach this thread once it lets them in. SIGCONT goes
 * alone: it and a stop signal (SIGTSTP) discard each other when pending.
 */
static void
test_signals(void)
{
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH,
				    SIGTSTP, SIGCONT };
	struct fixture		 fx;
	struct poller		*p;
	struct tally		 t;
	struct sigaction	 sa, old[6];
	sigset_t		 set, pending;
	size_t			 i, first, last;
	int			 all, round;

	fx_begin(&fx, "signals");
	fx_add(&fx, 0, "%s/poller/atom.xml?signals", srv.base);
	p = fx_start(&fx);
	drain(p, &t, 20, 1);
	main_thread = pthread_self();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 6; i++)
		sigaction(sigs[i], &sa, &old[i]);
	for (round = 0; round < 2; round++) {
		first = round == 0 ? 0 : 5;
		last = round == 0 ? 5 : 6;
		sig_caught = sig_elsewhere = 0;
		sigemptyset(&set);
		for (i = first; i < last; i++)
			sigaddset(&set, sigs[i]);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
		for (i = first; i < last; i++)
			kill(getpid(), sigs[i]);
		usleep(200 * 1000);
		sigpending(&pending);
		for (all = 1, i = first; i < last; i++)
			all = all && sigismember(&pending, sigs[i]);
		ok(all && sig_caught == 0, "no thread of the poller takes %s "
		    "(%d caught)", round == 0 ? "SIGINT, SIGTERM, SIGHUP, "
		    "SIGWINCH or SIGTSTP" : "SIGCONT", (int)sig_caught);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		ok(sig_caught == (int)(last - first) && sig_elsewhere == 0,
		    "... they reach the thread that started it (%d, %d "
		    "elsewhere)", (int)sig_caught, (int)sig_elsewhere);
	}
	for (i = 0; i < 6; i++)
		sigaction(sigs[i], &old[i], NULL);
	fx_end(&fx);
}

int
main(void)
{
	test_many();
	test_no_index();
	test_failures();
	test_cancel();
	test_periodic();
	test_slow();
	test_own_interval();
	test_no_start();
	test_visible();
	test_cache_full();
	test_reload_feed();
	test_signals();
	if (srv_started)
		server_stop(&srv);
	return (tap_done());
}
