/*
 * Tests for poller-article.c: full articles fetched from
 * tests/feedserver.py. A reload of a feed with full-article=yes fetches
 * its items' pages after it and stores each article, or why there is
 * none (no article on the page, not a web page, a 404, too large,
 * endless redirects, a file: link), while a summary-only feed's items are
 * left alone; the next reload fetches nothing again. An item is fetched
 * on demand, with progress, then conditionally (a 304 keeps the article);
 * the per-host limit holds; a host's 429 holds its other pages back; a
 * cancel drops an asked-for fetch. Everything is read back through a
 * connection of the test's own.
 */
#include "config.h"

#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "feed.h"
#include "poller.h"
#include "reason.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

#include "server.h"

static struct server	srv;
static int		srv_started;

struct fixture {
	char			 cache[256];
	struct urls_list	 subs;
	struct poller_opts	 o;
	struct db		*db;
	struct poller		*p;
};

static void
fx_begin(struct fixture *fx, const char *name)
{
	char	*cause = NULL;

	if (!srv_started) {
		server_start(&srv);
		srv_started = 1;
	}
	memset(fx, 0, sizeof *fx);
	snprintf(fx->cache, sizeof fx->cache, "%s/akhbar-test-article.%ld.%s.db",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), name);
	unlink(fx->cache);
	if ((fx->db = db_open(fx->cache, 0, &cause)) == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	poller_opts_default(&fx->o);
	fx->o.fetch.connect_timeout = 5;
	fx->o.fetch.low_speed_time = 10;
	fx->o.fetch.low_speed_limit = 1;
	fx->o.reload_on_start = true;
}

/* Subscribe to a URL (printf-like) with one option word (or NULL). */
static void __attribute__((format(printf, 3, 4)))
fx_add(struct fixture *fx, const char *option, const char *fmt, ...)
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
	/* As urls.c reads a urls line's full-article= word. */
	sub->full_article = -1;
	if (option != NULL && strcmp(option, "full-article=yes") == 0)
		sub->full_article = 1;
	else if (option != NULL && strcmp(option, "full-article=no") == 0)
		sub->full_article = 0;
	else if (option != NULL)
		strv_add(&sub->options, option);
	sub->line = (int)fx->subs.n;
}

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

static void
fx_end(struct fixture *fx)
{
	char	side[300];

	poller_stop(fx->p);
	db_close(fx->db);
	urls_list_free(&fx->subs);
	unlink(fx->cache);
	snprintf(side, sizeof side, "%s-wal", fx->cache);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", fx->cache);
	unlink(side);
	snprintf(side, sizeof side, "%s.lock", fx->cache);
	unlink(side);
}

/* A connection of the test's own, read-only. */
static struct db *
fx_reader(struct fixture *fx)
{
	struct db	*db;
	char		*cause = NULL;

	if ((db = db_open(fx->cache, DB_READONLY, &cause)) == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	return (db);
}

/* One integer from SQL on a plain connection to the cache (-1: none). */
static int64_t
fx_sql_int(struct fixture *fx, const char *sql)
{
	sqlite3		*sq;
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_open_v2(fx->cache, &sq, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		return (-1);
	if (sqlite3_prepare_v2(sq, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	} else
		diag("%s: %s", sql, sqlite3_errmsg(sq));
	sqlite3_close(sq);
	return (v);
}

/* The item id of a guid. */
static int64_t
fx_item(struct fixture *fx, const char *guid)
{
	char	sql[256];

	snprintf(sql, sizeof sql, "SELECT id FROM item WHERE guid = '%s'", guid);
	return (fx_sql_int(fx, sql));
}

/* The article of a guid's item (NULL: none), read by the test's connection. */
static struct db_article *
fx_article(struct fixture *fx, const char *guid)
{
	struct db_article	*a = NULL;
	struct db		*db;
	char			*cause = NULL;

	db = fx_reader(fx);
	if (db_article_get(db, fx_item(fx, guid), &a, &cause) != 0) {
		diag("%s", cause);
		free(cause);
	}
	db_close(db);
	return (a);
}

/* How many requests for paths containing what the server answered. */
static int
fx_requests(const char *what, int *max_active)
{
	FILE	*f;
	char	 line[8192], *p;
	int	 n = 0, active;

	if (max_active != NULL)
		*max_active = 0;
	if ((f = fopen(srv.log, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if ((p = strstr(line, "\"path\": \"")) == NULL ||
		    strstr(p, what) == NULL)
			continue;
		n++;
		if (max_active != NULL &&
		    (p = strstr(line, "\"active\": ")) != NULL) {
			active = atoi(p + 10);
			if (active > *max_active)
				*max_active = active;
		}
	}
	fclose(f);
	return (n);
}

static bool
fx_request_has(const char *what, const char *header)
{
	FILE	*f;
	char	 line[8192];
	bool	 found = false;

	if ((f = fopen(srv.log, "r")) == NULL)
		return (false);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, what) != NULL && strstr(line, header) != NULL)
			found = true;
	}
	fclose(f);
	return (found);
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000);
}

struct tally {
	int	finished, indexed, feeds_done;
	int	done, failed, progress, unchanged;
	int	after_finished;		/* article events after FINISHED */
	int	last_reason;
	int64_t	last_item;
	int64_t	last_bytes;
};

/*
 * Read events for timeout_s seconds at most: until FINISHED (and
 * INDEXED) with until_finished, else until `articles` ARTICLE_DONE or
 * _FAILED events came.
 */
static void
drain(struct poller *p, struct tally *t, int timeout_s, bool until_finished,
    int articles)
{
	struct poller_event	 ev;
	struct pollfd		 pfd;
	struct timespec		 t0;
	int			 n;

	memset(t, 0, sizeof *t);
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < timeout_s * 1000L) {
		poll(&pfd, 1, 200);
		while ((n = poller_read_event(p, &ev)) == 1) {
			switch (ev.type) {
			case POLLER_EV_FEED_DONE:
				t->feeds_done++;
				break;
			case POLLER_EV_FINISHED:
				t->finished++;
				break;
			case POLLER_EV_INDEXED:
				t->indexed++;
				break;
			case POLLER_EV_ARTICLE_PROGRESS:
				t->progress++;
				t->last_bytes = ev.bytes;
				break;
			case POLLER_EV_ARTICLE_DONE:
				t->done++;
				t->unchanged += ev.new_items == 0;
				t->last_item = ev.item_id;
				t->after_finished += t->finished > 0;
				break;
			case POLLER_EV_ARTICLE_FAILED:
				t->failed++;
				t->last_reason = ev.reason;
				t->last_item = ev.item_id;
				t->after_finished += t->finished > 0;
				break;
			}
		}
		if (n == -1)
			return;
		if (until_finished && t->finished && t->indexed)
			return;
		if (!until_finished && t->done + t->failed >= articles)
			return;
	}
}

/* Check an item's stored failure. */
static void
failure_is(struct fixture *fx, const char *guid, int kind, long code,
    const char *what)
{
	struct db_article	*a = fx_article(fx, guid);

	ok(a != NULL && a->html == NULL, "%s: %s: no article", guid, what);
	if (a != NULL) {
		is_int(a->error_kind, kind, "%s: ... the reason", guid);
		if (code != 0)
			is_int(a->error_code, code, "%s: ... its number", guid);
	}
	db_article_free(a);
}

static void
test_reload(void)
{
	struct fixture		 fx;
	struct tally		 t;
	struct db_article	*a;
	struct db_item_row	*rows;
	struct db		*db;
	char			*cause = NULL;
	size_t			 n;
	int			 before;

	fx_begin(&fx, "reload");
	fx_add(&fx, "full-article=yes", "%s/article/feed.xml", srv.base);
	fx_add(&fx, NULL, "%s/article/summary.xml", srv.base);
	fx_start(&fx);
	drain(fx.p, &t, 60, true, 0);
	is_int(t.feeds_done, 2, "both feeds are stored");
	is_int(t.finished, 1, "the reload finishes");
	is_int(t.after_finished, 0, "... after its articles");
	is_int(t.done, 3, "three articles are stored");
	is_int(t.failed, 6, "six items have none");
	is_int(t.progress, 0, "no progress of pages nobody asked for");

	a = fx_article(&fx, "a1");
	ok(a != NULL && a->html != NULL && strstr(a->html,
	    "أعلنت بلدية مدينة الزهراء") != NULL, "a1: the article is stored");
	if (a != NULL && a->html != NULL) {
		ok(strstr(a->html, "الأكثر قراءة") == NULL &&
		    strstr(a->html, "أبو خالد") == NULL,
		    "a1: ... without the sidebar and the comments");
		is_str(a->url, "https://news.example/ar/2026/12/desalination",
		    "a1: ... its canonical URL");
		is_str(a->author, "سلمى الحداد", "a1: ... its author");
		ok(a->published != FEED_TIME_UNKNOWN, "a1: ... its date");
		is_int(a->dir, FEED_DIR_RTL, "a1: ... its direction");
		ok(a->etag != NULL, "a1: ... the page's validator");
	}
	db_article_free(a);
	a = fx_article(&fx, "a2");
	ok(a != NULL && a->html != NULL && strstr(a->html,
	    "افتُتح مساء أمس") != NULL,
	    "a2: a windows-1256 page served as UTF-8 is read right");
	db_article_free(a);
	a = fx_article(&fx, "a9");
	ok(a != NULL && a->html != NULL && strstr(a->html,
	    "کتابخانه ملی از هفته آینده") != NULL,
	    "a9: a page behind a redirect");
	db_article_free(a);

	failure_is(&fx, "a3", REASON_NO_ARTICLE, 0, "a front page");
	failure_is(&fx, "a4", REASON_NOT_HTML, 0, "an image");
	failure_is(&fx, "a5", REASON_HTTP, 404, "a 404");
	failure_is(&fx, "a6", REASON_TOO_LARGE, 0, "an endless page");
	failure_is(&fx, "a8", REASON_UNSUPPORTED_URL, 0, "a file: link");
	failure_is(&fx, "a10", REASON_REDIRECTS, 0, "a redirect loop");
	ok(fx_article(&fx, "a7") == NULL, "a7: an item without a link has "
	    "no row");
	ok(fx_article(&fx, "s1") == NULL,
	    "s1: a summary-only feed's item is not fetched");
	is_int(fx_sql_int(&fx, "SELECT next_try FROM article WHERE item_id ="
	    " (SELECT id FROM item WHERE guid = 'a3')"), 0,
	    "a3: no article on the page is not tried again by itself");

	/* The articles' words are found, the summaries' too. */
	db = fx_reader(&fx);
	ok(db_search_page(db, "الصهاريج", DB_PAGE_FIRST, NULL, 10, &rows, &n,
	    &cause) == 0 && n == 1 && rows[0].id == fx_item(&fx, "a1"),
	    "a word only the article has finds its item");
	if (cause == NULL)
		db_item_rows_free(rows, n);
	free(cause);
	db_close(db);

	/* Another reload: every page was fetched, none is again. */
	before = fx_requests("\"/article/nested-ar.html\"", NULL);
	is_int(before, 1, "nested-ar.html was fetched once");
	poller_reload(fx.p);
	drain(fx.p, &t, 60, true, 0);
	is_int(t.done + t.failed, 0, "the next reload fetches no page again");
	is_int(fx_requests("\"/article/nested-ar.html\"", NULL), before,
	    "... nested-ar.html included");
	fx_end(&fx);
}

static void
test_ondemand(void)
{
	struct fixture		 fx;
	struct tally		 t;
	struct db_article	*a;
	int64_t			 s1;

	fx_begin(&fx, "ondemand");
	fx_add(&fx, NULL, "%s/article/summary.xml", srv.base);
	fx_start(&fx);
	drain(fx.p, &t, 60, true, 0);
	s1 = fx_item(&fx, "s1");
	ok(s1 > 0 && fx_article(&fx, "s1") == NULL,
	    "a summary-only feed's item has no article");

	poller_fetch_article(fx.p, s1);
	drain(fx.p, &t, 30, false, 1);
	is_int(t.done, 1, "asked for, its article is fetched");
	is_int(t.last_item, s1, "... the event names the item");
	ok(t.progress >= 1 && t.last_bytes > 0, "... with progress (%d, "
	    "%lld bytes)", t.progress, (long long)t.last_bytes);
	a = fx_article(&fx, "s1");
	ok(a != NULL && a->html != NULL && strstr(a->html,
	    "ويرى خبراء في شؤون المياه") != NULL, "... and stored");
	db_article_free(a);

	poller_fetch_article(fx.p, s1);
	drain(fx.p, &t, 30, false, 1);
	is_int(t.done, 1, "asked again, it is fetched again");
	is_int(t.unchanged, 1, "... the page has not changed (304)");
	ok(fx_request_has("/article/nested-ar.html", "if-none-match"),
	    "... asked for conditionally");
	a = fx_article(&fx, "s1");
	ok(a != NULL && a->html != NULL, "... the article stays");
	db_article_free(a);

	poller_fetch_article(fx.p, 987654);
	drain(fx.p, &t, 30, false, 1);
	is_int(t.failed, 1, "an item that is not in the cache fails");

	/* A page written by scripts with the text in its JSON-LD. */
	poller_fetch_article(fx.p, fx_item(&fx, "s2"));
	drain(fx.p, &t, 30, false, 1);
	a = fx_article(&fx, "s2");
	ok(t.done == 1 && a != NULL && a->html != NULL &&
	    strstr(a->html, "صادرات التمور") != NULL,
	    "a page its scripts write, read from its JSON-LD");
	db_article_free(a);
	fx_end(&fx);
}

static void
test_politeness(void)
{
	struct fixture	 fx;
	struct tally	 t;
	int		 max_active, n;

	/* Six slow pages of one host: at most two at once. */
	fx_begin(&fx, "polite");
	fx_add(&fx, "full-article=yes", "%s/article/polite.xml", srv.base);
	fx_start(&fx);
	drain(fx.p, &t, 90, true, 0);
	is_int(t.done, 6, "six slow pages are fetched");
	n = fx_requests("group=polite", &max_active);
	is_int(n, 6, "... once each");
	ok(max_active >= 1 && max_active <= 2,
	    "... at most two of the host at once (%d)", max_active);
	fx_end(&fx);

	/* A 429 with Retry-After holds the host's other pages back. */
	fx_begin(&fx, "busy");
	fx_add(&fx, "full-article=yes", "%s/article/busy.xml", srv.base);
	fx_start(&fx);
	drain(fx.p, &t, 60, true, 0);
	n = fx_requests("busy=", NULL);
	ok(n >= 1 && n <= 2, "after a 429 the host is left alone (%d of 5 "
	    "pages asked for)", n);
	ok(fx_sql_int(&fx, "SELECT count(*) FROM article") == n,
	    "... only the pages asked for have a row");
	ok(fx_sql_int(&fx, "SELECT min(next_try) - max(fetched) FROM article")
	    >= 3600 - 5, "... tried again after its Retry-After");
	is_int(fx_sql_int(&fx, "SELECT error_code FROM article LIMIT 1"), 429,
	    "... the failure says 429");
	fx_end(&fx);
}

static void
test_cancel(void)
{
	struct fixture	 fx;
	struct tally	 t;

	fx_begin(&fx, "cancel");
	fx_add(&fx, NULL, "%s/article/stall.xml", srv.base);
	fx_start(&fx);
	drain(fx.p, &t, 60, true, 0);
	poller_fetch_article(fx.p, fx_item(&fx, "p0"));
	usleep(300 * 1000);
	poller_cancel(fx.p);
	drain(fx.p, &t, 20, false, 1);
	is_int(t.failed, 1, "a cancelled fetch of an article fails");
	is_int(t.last_reason, REASON_CANCELLED, "... as cancelled");
	ok(fx_article(&fx, "p0") == NULL, "... and stores nothing");
	fx_end(&fx);
}

int
main(void)
{
	test_reload();
	test_ondemand();
	test_politeness();
	test_cancel();
	if (srv_started)
		server_stop(&srv);
	return (tap_done());
}
