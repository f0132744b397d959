/*
 * Tests for poller.c: the thread, its events, the hand-over of the cache
 * between feeds that arrive at once (with tiny buffers, so that pausing
 * and resuming are exercised), manual reloads, cancel and stop.
 */
#include "config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "poller.h"
#include "str.h"
#include "xmalloc.h"

#include "server.h"

static struct server	srv;

struct tally {
	int	started, done, failed, moved, finished, indexed, errors;
	int	new_items, cancelled, total, order_ok;
	int64_t	bytes;
	char	last_reason[1024];
};

/* Read events until FINISHED and INDEXED arrived, the pipe closed or timeout. */
static void
drain(struct poller *p, struct tally *t, int timeout_s, int want_indexed)
{
	struct poller_event	 ev;
	struct pollfd		 pfd;
	time_t			 end = time(NULL) + timeout_s;
	int			 n;

	memset(t, 0, sizeof *t);
	t->order_ok = 1;
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	while (time(NULL) < end) {
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
				snprintf(t->last_reason, sizeof t->last_reason,
				    "%s", ev.text);
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

static struct db *
open_cache(const char *path)
{
	struct db	*db;
	char		*cause = NULL;

	unlink(path);
	if ((db = db_open(path, 0, &cause)) == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	return (db);
}

static int64_t
unread(const char *path)
{
	struct db	*db;
	char		*cause = NULL;
	int64_t		 n = -1;

	if ((db = db_open(path, DB_READONLY, &cause)) == NULL) {
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

static void
opts(struct poller_opts *o)
{
	poller_opts_default(o);
	o->fetch.connect_timeout = 5;
	o->fetch.low_speed_time = 30;
	o->fetch.low_speed_limit = 1;
	o->once = false;
	o->reload_on_start = true;
}

static void
test_many(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct tally		 t;
	char			*u, *cause = NULL;
	int			 i;

	/* 16 copies of a 300-item feed at once through 4 kB buffers. */
	for (i = 0; i < 16; i++) {
		xasprintf(&u, "%s/%s/poller/big.xml?copy=%d", srv.base,
		    i % 3 == 0 ? "gzip" : i % 3 == 1 ? "chunked" : "plain", i);
		strv_add_owned(&urls, u);
	}
	xasprintf(&u, "%s/poller/akhbar.xml", srv.base);
	strv_add_owned(&urls, u);
	db = open_cache(cache);
	opts(&o);
	o.buffer_max = 4096;
	o.fetch.max_connections = 8;
	p = poller_start(db, &urls, &o, &cause);
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
	poller_stop(p);
	db_close(db);
	is_int(unread(cache), 16 * 300 + 3,
	    "every item of feeds that arrived at once is stored");
	strv_free(&urls);
}

static void
test_no_index(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct tally		 t;
	char			*u, *cause = NULL;
	int64_t			 left = -1;

	xasprintf(&u, "%s/poller/akhbar.xml", srv.base);
	strv_add_owned(&urls, u);
	db = open_cache(cache);
	opts(&o);
	o.index_batch = 0;
	p = poller_start(db, &urls, &o, &cause);
	ok(p != NULL, "a poller that does not index starts");
	drain(p, &t, 3, 1);
	is_int(t.finished, 1, "... its reload finishes");
	is_int(t.indexed, 0, "... and no INDEXED event follows");
	poller_stop(p);
	if (db_search_index_pending(db, 0, &left, NULL) != 0)
		left = -1;
	is_int(left, 3, "... its 3 items wait for indexing");
	db_close(db);
	strv_free(&urls);
}

static void
test_failures(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct tally		 t;
	char			*u, *cause = NULL;

	xasprintf(&u, "%s/html", srv.base);
	strv_add_owned(&urls, u);
	xasprintf(&u, "%s/redirect/308/poller/atom.xml", srv.base);
	strv_add_owned(&urls, u);
	xasprintf(&u, "exec:cat '%s'", tap_data("poller/akhbar.xml"));
	strv_add_owned(&urls, u);
	db = open_cache(cache);
	opts(&o);
	o.once = true;
	p = poller_start(db, &urls, &o, &cause);
	drain(p, &t, 30, 1);
	is_int(t.failed, 1, "an HTML page fails");
	is_str(t.last_reason, "not a feed", "... as not a feed");
	is_int(t.done, 2, "a redirected feed and an exec: feed work");
	is_int(t.moved, 1, "the 308 is announced");
	poller_stop(p);
	db_close(db);
	is_int(unread(cache), 5, "their items are stored");
	strv_free(&urls);
}

static void
test_cancel(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct tally		 t;
	struct pollfd		 pfd;
	struct poller_event	 ev;
	char			*u, *cause = NULL;
	time_t			 t0;
	int			 i, done = 0;

	xasprintf(&u, "%s/poller/akhbar.xml", srv.base);
	strv_add_owned(&urls, u);
	for (i = 0; i < 4; i++) {
		xasprintf(&u, "%s/stall/poller/big.xml?bytes=5000&n=%d",
		    srv.base, i);
		strv_add_owned(&urls, u);
	}
	db = open_cache(cache);
	opts(&o);
	p = poller_start(db, &urls, &o, &cause);
	/* Wait for the good feed, then cancel the stalled ones. */
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	t0 = time(NULL);
	while (!done && time(NULL) - t0 < 10) {
		poll(&pfd, 1, 200);
		while (poller_read_event(p, &ev) == 1)
			if (ev.type == POLLER_EV_FEED_DONE)
				done = 1;
	}
	ok(done, "the good feed is stored while others stall");
	t0 = time(NULL);
	poller_cancel(p);
	drain(p, &t, 10, 1);
	ok(time(NULL) - t0 <= 2, "a cancel is prompt");
	is_int(t.finished, 1, "FINISHED follows a cancel");
	ok(t.cancelled, "... and says it was cancelled");
	is_int(t.failed, 0, "cancelled feeds are not failures");

	/*
	 * A cancel asked for between reloads (a Ctrl-C while the thread
	 * starts) cancels the next one instead of being lost.
	 */
	poller_cancel(p);
	t0 = time(NULL);
	poller_reload(p);
	drain(p, &t, 10, 0);
	ok(t.finished == 1 && t.cancelled && time(NULL) - t0 <= 2,
	    "a cancel that came before the reload cancels it at once");
	poller_reload(p);
	drain(p, &t, 1, 0);
	ok(t.started == 1 && !t.finished,
	    "... and only that one: the next reload runs (into the stalls)");

	/* Reload and quit in the middle. */
	usleep(500 * 1000);
	t0 = time(NULL);
	poller_stop(p);
	ok(time(NULL) - t0 <= 2, "quitting during a reload is prompt");
	db_close(db);
	is_int(unread(cache), 3, "what finished is committed");
	strv_free(&urls);
}

static void
test_periodic(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct tally		 t;
	char			*u, *cause = NULL;
	time_t			 t0;

	/* atom.xml has no <ttl>: only the interval spaces its reloads. */
	xasprintf(&u, "%s/poller/atom.xml?periodic", srv.base);
	strv_add_owned(&urls, u);
	db = open_cache(cache);
	opts(&o);
	o.interval = 2;
	p = poller_start(db, &urls, &o, &cause);
	drain(p, &t, 10, 1);
	is_int(t.done, 1, "reload on start");
	t0 = time(NULL);
	drain(p, &t, 10, 1);
	is_int(t.started, 1, "the interval brings another reload by itself");
	ok(time(NULL) - t0 >= 1 && time(NULL) - t0 <= 4,
	    "... after about the interval (%ld s)", (long)(time(NULL) - t0));
	is_int(t.done, 1, "... of the feed");
	poller_stop(p);
	db_close(db);
	is_int(server_count(&srv, "/poller/atom.xml?periodic"), 2,
	    "two fetches in all");
	strv_free(&urls);
}

static void
test_own_interval(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct tally		 t;
	long			 iv[2] = { 1, 0 };
	char			*u, *cause = NULL;

	/* No global interval; the first feed has its own of 1 s. */
	xasprintf(&u, "%s/poller/atom.xml?own=1", srv.base);
	strv_add_owned(&urls, u);
	xasprintf(&u, "%s/poller/atom.xml?own=0", srv.base);
	strv_add_owned(&urls, u);
	db = open_cache(cache);
	opts(&o);
	o.interval = 0;
	o.intervals = iv;
	p = poller_start(db, &urls, &o, &cause);
	drain(p, &t, 10, 1);
	is_int(t.done, 2, "both feeds on start");
	drain(p, &t, 10, 1);
	is_int(t.total, 1, "a feed's own interval brings it back alone");
	poller_stop(p);
	db_close(db);
	is_int(server_count(&srv, "/poller/atom.xml?own=0"), 1,
	    "the feed without one is left alone");
	ok(server_count(&srv, "/poller/atom.xml?own=1") >= 2,
	    "the feed with one is fetched again");
	strv_free(&urls);
}

static void
test_slow(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct poller_event	 ev;
	struct pollfd		 pfd;
	char			*u, *cause = NULL;
	time_t			 t0;
	int			 i, fast = 0, fast_before_slow = -1, slow = 0;

	/* A feed dripping for about 2 s first, then five quick ones. */
	xasprintf(&u, "%s/drip/poller/akhbar.xml?chunk=20&delay=40", srv.base);
	strv_add_owned(&urls, u);
	for (i = 0; i < 5; i++) {
		xasprintf(&u, "%s/poller/atom.xml?fast=%d", srv.base, i);
		strv_add_owned(&urls, u);
	}
	db = open_cache(cache);
	opts(&o);
	o.once = true;
	p = poller_start(db, &urls, &o, &cause);
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	t0 = time(NULL);
	while (!slow && time(NULL) - t0 < 20) {
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
	poller_stop(p);
	db_close(db);
	is_int(unread(cache), 5 * 2 + 3, "every feed's items are stored");
	strv_free(&urls);
}

/* FEED_DONE means committed: a reader's connection already sees the feed's items. */
static void
test_visible(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct poller_event	 ev;
	struct pollfd		 pfd;
	struct db		*db, *ro;
	struct db_item_row	*rows;
	size_t			 n;
	char			*u, *cause = NULL;
	int			 i, done = 0, seen = 0, finished = 0;
	time_t			 t0;

	for (i = 0; i < 12; i++) {
		xasprintf(&u, "%s/plain/poller/big.xml?visible=%d", srv.base,
		    i);
		strv_add_owned(&urls, u);
	}
	db = open_cache(cache);
	if ((ro = db_open(cache, DB_READONLY, &cause)) == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	opts(&o);
	o.once = true;
	o.index_batch = 0;
	p = poller_start(db, &urls, &o, &cause);
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	t0 = time(NULL);
	while (!finished && time(NULL) - t0 < 30) {
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
	poller_stop(p);
	db_close(ro);
	db_close(db);
	strv_free(&urls);
}

/*
 * The cache fills up during a reload (feeds are written in batches, and a
 * failure loses its whole batch): every feed is reported once, those
 * reported done are stored, and nothing of those reported failed is.
 */
static void
test_cache_full(const char *cache)
{
	struct strv		 urls = { NULL, 0 };
	struct poller_opts	 o;
	struct poller		*p;
	struct db		*db;
	struct tally		 t;
	char			*u, *cause = NULL, sql[64];
	int			 i;
	sqlite3_stmt		*st;
	long long		 pages = 0;

	for (i = 0; i < 12; i++) {
		xasprintf(&u, "%s/plain/poller/big.xml?full=%d", srv.base, i);
		strv_add_owned(&urls, u);
	}
	db = open_cache(cache);
	if (sqlite3_prepare_v2(db->sq, "PRAGMA page_count", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		pages = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages + 40);
	sqlite3_exec(db->sq, sql, NULL, NULL, NULL);
	opts(&o);
	o.once = true;
	o.index_batch = 0;
	p = poller_start(db, &urls, &o, &cause);
	drain(p, &t, 60, 0);
	is_int(t.finished, 1, "a reload into a full cache finishes");
	is_int(t.done + t.failed, 12, "... reporting every feed once");
	ok(t.failed > 0, "... some of them failed (%d of 12)", t.failed);
	is_str(t.last_reason, "cache error", "... as a cache error");
	poller_stop(p);
	db_close(db);
	is_int(unread(cache), t.new_items,
	    "what was reported done is stored, nothing else");
	strv_free(&urls);
}

int
main(void)
{
	char	cache[256];

	server_start(&srv);
	snprintf(cache, sizeof cache, "%s/akhbar-test-poller.%ld.db",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	test_many(cache);
	test_no_index(cache);
	test_failures(cache);
	test_cancel(cache);
	test_periodic(cache);
	test_slow(cache);
	test_own_interval(cache);
	test_visible(cache);
	test_cache_full(cache);
	server_stop(&srv);
	unlink(cache);
	{
		char	side[300];

		snprintf(side, sizeof side, "%s-wal", cache);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", cache);
		unlink(side);
		snprintf(side, sizeof side, "%s.lock", cache);
		unlink(side);
	}
	return (tap_done());
}
