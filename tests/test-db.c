/*
 * Tests for the cache (db*.c): opening, the single-writer lock, schema
 * migrations, upserts that keep user data, retention, unread counts,
 * every paged list's order and ends, query plans, search, a crash in the
 * middle of a feed transaction, a full disk and damaged files.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "reason.h"
#include "xmalloc.h"

#include "tap.h"
#include "fixture-db.h"

static void	is_search(struct db *, const char *, const char *);

static void
test_open(void)
{
	struct db		*db, *ro, *db2;
	struct db_feed_state	*fs;
	struct db_fetch_result	 r;
	struct strv		 urls = { NULL, 0 };
	char			*path, *cause = NULL;
	size_t			 n;
	pid_t			 pid;
	int			 status;

	db = fx_open("open.db", &path);
	is_int(fx_sql_int(db, "PRAGMA user_version"), DB_SCHEMA_VERSION,
	    "a new cache has the current schema version");
	is_int(fx_sql_int(db, "SELECT journal_mode = 'wal' FROM "
	    "pragma_journal_mode"), 1, "the cache is in WAL mode");
	is_int(fx_sql_int(db, "PRAGMA foreign_keys"), 1, "foreign keys are on");
	is_int(fx_sql_int(db, "PRAGMA synchronous"), 1, "synchronous is NORMAL");
	is_int(fx_sql_int(db, "PRAGMA page_size"), 32768,
	    "a new cache has 32 KB pages (fewer WAL writes)");

	ok(db_feed_states(db, NULL, &fs, &n, &cause) == 0 && n == 3,
	    "three feeds after sync");
	ok(n == 3 && strcmp(fs[1].url, "https://b.example/feed") == 0 &&
	    fs[1].etag == NULL && fs[1].next_fetch == 0,
	    "states come in urls order with no validators yet");
	db_feed_states_free(fs, n);

	strv_add(&urls, "https://b.example/feed");
	strv_add(&urls, "https://d.example/feed");
	ok(fx_sync(db, (const char *const *)urls.v, urls.n) == 0, "sync again");
	ok(db_feed_states(db, NULL, &fs, &n, &cause) == 0 && n == 4,
	    "sync adds new URLs and keeps the others");
	db_feed_states_free(fs, n);

	memset(&r, 0, sizeof r);
	r.http_status = 200;
	r.etag = "\"abc\"";
	r.last_modified = "Sat, 28 Nov 2026 10:00:00 GMT";
	r.next_fetch = 12345;
	ok(db_feed_set_result(db, fx_feed(db, FX_B), &r, &cause) == 0,
	    "store a fetch result");
	r.http_status = 304;
	r.etag = NULL;
	r.last_modified = NULL;
	r.error = NULL;
	r.failures = 0;
	r.new_url = "https://b2.example/feed";
	db_feed_set_result(db, fx_feed(db, FX_B), &r, &cause);
	ok(db_feed_states(db, &urls, &fs, &n, &cause) == 0 && n == 2,
	    "states of the URLs asked for");
	if (n == 2) {
		is_str(fs[0].etag, "\"abc\"", "NULL validators keep the old");
		is_str(fs[0].last_modified, "Sat, 28 Nov 2026 10:00:00 GMT",
		    "Last-Modified stored");
		is_int(fs[0].next_fetch, 12345, "next fetch stored");
		is_str(fs[0].url, "https://b2.example/feed",
		    "a permanent redirect changes where to fetch");
	}
	db_feed_states_free(fs, n);
	ok(fx_feed(db, FX_B) > 0, "the feed is still found by its urls-file URL");
	strv_free(&urls);

	/* A second writer in another process is refused, with our pid. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		db2 = db_open(path, 0, &cause);
		if (db2 != NULL)
			_exit(1);
		if (!fx_contains(cause, "in use by another akhbar"))
			_exit(2);
		xasprintf(&path, "pid %ld", (long)getppid());
		if (!fx_contains(cause, path))
			_exit(3);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	    "a second akhbar process is refused with the holder's pid");

	ro = db_open(path, DB_READONLY, &cause);
	ok(ro != NULL, "a read-only open works alongside the writer");
	if (ro == NULL)
		diag("%s", cause);
	db2 = db_open(path, 0, &cause);
	ok(db2 != NULL, "a second writer in the same process shares the lock");
	db_close(db2);
	if (ro != NULL) {
		ok(db_feed_begin(ro, 1, &cause) != 0 &&
		    fx_contains(cause, "read-only"),
		    "a read-only connection cannot write");
		free(cause);
		cause = NULL;
	}
	db_close(ro);
	db_close(db);

	db = db_open(path, 0, &cause);
	ok(db != NULL, "the lock is released at close");
	db_close(db);
	free(path);
}

static void
test_upsert(void)
{
	struct db		*db;
	struct feed		*f;
	struct item		*it;
	struct db_item_row	*rows;
	char			*cause = NULL;
	size_t			 n;
	bool			 ins;
	int64_t			 a, unread;

	db = fx_open("upsert.db", NULL);
	a = fx_feed(db, FX_A);

	ok(db_item_upsert(db, a, (it = fx_item("x", "x", 1, NULL)), &ins,
	    &cause) != 0, "an upsert outside a feed transaction fails");
	item_free(it);
	free(cause);
	cause = NULL;

	fx_put(db, a, fx_item("g1", "first", 1000, "<p>one</p>"), &ins);
	ok(ins, "a new item is inserted");
	fx_put(db, a, fx_item("g2", "second", 2000, NULL), &ins);
	fx_put(db, a, fx_item("g3", "third", FEED_TIME_UNKNOWN, NULL), &ins);
	db_item_count_unread(db, &unread, &cause);
	is_int(unread, 3, "three unread items");
	is_int(fx_sql_int(db, "SELECT count(*) FROM fts_pending JOIN item ON "
	    "item.id = item_id"), 3, "new items wait to be indexed");
	/*
	 * A trigger on inserting items makes SQLite keep a statement journal
	 * (a copy of every page each insert touches) inside the feed's
	 * transaction; db_item_upsert lists new items itself.
	 */
	is_int(fx_sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE "
	    "type = 'trigger' AND tbl_name = 'item' AND "
	    "sql LIKE '%INSERT ON item%'"), 0,
	    "no trigger runs on inserting an item");
	is_int(fx_sql_int(db, "SELECT published IS NULL AND first_seen > 0 "
	    "AND sort_date = first_seen FROM item WHERE guid = 'g3'"), 1,
	    "an unknown date stays unknown; first-seen orders it");

	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_FIRST, NULL, 10, &rows, &n,
	    &cause);
	is_int(n, 3, "the feed lists its three items");
	if (n == 3) {
		is_str(rows[0].title, "third", "unknown date first (seen now)");
		is_str(rows[2].title, "first", "oldest last");
		ok(rows[0].published == FEED_TIME_UNKNOWN,
		    "an unknown date reads back as FEED_TIME_UNKNOWN");
		db_item_set_unread(db, rows[2].id, false, &cause);
		db_item_set_starred(db, rows[2].id, true, &cause);
	}
	db_item_rows_free(rows, n);

	fx_put(db, a, fx_item("g1", "first", 1000, "<p>one</p>"), &ins);
	ok(!ins, "an item seen again is not inserted");
	is_int(fx_sql_int(db, "SELECT count(*) FROM item"), 3,
	    "no duplicate rows");
	is_int(fx_sql_int(db, "SELECT unread = 0 AND starred = 1 FROM item "
	    "WHERE guid = 'g1'"), 1, "unchanged item keeps read and starred");

	db_search_index_pending(db, 100, NULL, &cause);
	it = fx_item("g2", "second", 2000, NULL);
	fx_put(db, a, it, &ins);
	is_int(fx_sql_int(db, "SELECT count(*) FROM fts_pending"), 0,
	    "unchanged content is not queued for indexing again");

	it = fx_item("g1", "first, corrected", 1000, "<p>one more</p>");
	item_add_enclosure(it, "https://a.example/a.mp3", "audio/mpeg", 42);
	fx_put(db, a, it, &ins);
	ok(!ins, "a changed item is updated, not inserted");
	is_int(fx_sql_int(db, "SELECT count(*) FROM fts_pending JOIN item ON "
	    "item.id = item_id WHERE guid = 'g1'"), 1,
	    "a changed item waits to be indexed again");
	is_int(fx_sql_int(db, "SELECT title = 'first, corrected' AND unread = 0 "
	    "AND starred = 1 FROM item WHERE guid = 'g1'"), 1,
	    "a changed item is updated in place keeping its read state");

	it = NULL;
	db_item_get(db, fx_sql_int(db, "SELECT id FROM item WHERE guid = 'g1'"),
	    &it, &cause);
	ok(it != NULL && it->nenclosures == 1 && it->enclosures[0].length ==
	    42 && strcmp(it->summary, "<p>one more</p>") == 0,
	    "db_item_get reads the whole item with its enclosure");
	item_free(it);

	/* A feed update that no longer carries g2 and g3. */
	db_feed_begin(db, a, &cause);
	db_item_upsert(db, a, (it = fx_item("g4", "fourth", 3000, NULL)), NULL,
	    &cause);
	item_free(it);
	db_feed_commit(db, a, NULL, &cause);
	is_int(fx_sql_int(db, "SELECT count(*) FROM item"), 4,
	    "items gone from the feed stay cached");

	/* Authors and categories survive the round trip. */
	it = fx_item("g5", "five", 5000, NULL);
	strv_add(&it->authors, "أحمد");
	strv_add(&it->authors, "Sara");
	strv_add(&it->categories, "سياسة");
	fx_put(db, a, it, NULL);
	it = NULL;
	db_item_get(db, fx_sql_int(db, "SELECT id FROM item WHERE guid = 'g5'"),
	    &it, &cause);
	ok(it != NULL && it->authors.n == 2 &&
	    strcmp(it->authors.v[1], "Sara") == 0 && it->categories.n == 1,
	    "authors and categories read back");
	item_free(it);

	/* Rollback stores nothing. */
	db_feed_begin(db, a, &cause);
	db_item_upsert(db, a, (it = fx_item("g6", "six", 6000, NULL)), NULL,
	    &cause);
	item_free(it);
	db_feed_rollback(db);
	is_int(fx_sql_int(db, "SELECT count(*) FROM item WHERE guid = 'g6'"), 0,
	    "a rolled back feed transaction stores nothing");
	db_item_count_unread(db, &unread, &cause);
	is_int(unread, fx_sql_int(db, "SELECT count(*) FROM item WHERE unread"),
	    "unread count right after a rollback");

	ok(db_feed_begin(db, 9999, &cause) != 0 && fx_contains(cause, "no feed"),
	    "a transaction for an unknown feed is refused");
	free(cause);
	cause = NULL;

	/* Feed metadata: stored at commit; what a fetch lacks is kept. */
	f = feed_new();
	f->title = xstrdup("أخبار اليوم");
	f->language = xstrdup("ar");
	f->dir = FEED_DIR_RTL;
	db_feed_begin(db, a, &cause);
	ok(db_feed_commit(db, a, f, &cause) == 0, "commit with metadata");
	free(f->title);
	f->title = NULL;
	f->link = xstrdup("https://a.example/");
	db_feed_begin(db, a, &cause);
	db_feed_commit(db, a, f, &cause);
	feed_free(f);
	fx_is_sql(db, "SELECT title || ' ' || link || ' ' || language || ' ' || "
	    "dir FROM feed WHERE id = 1", "أخبار اليوم https://a.example/ ar 2",
	    "feed metadata stored, a missing title keeps the old one");
	free(cause);
	db_close(db);
}

/* Unread counts kept by triggers equal COUNT(*) after random work. */
static void
test_counts(void)
{
	struct db	*db;
	struct item	*it;
	char		 guid[32], *cause = NULL;
	int64_t		 feeds[3], id, maxid;
	int		 i, bad;

	db = fx_open("counts.db", NULL);
	feeds[0] = fx_feed(db, FX_A);
	feeds[1] = fx_feed(db, FX_B);
	feeds[2] = fx_feed(db, FX_C);
	srandom(42);
	for (i = 0; i < 600; i++) {
		switch (random() % 6) {
		case 0:
		case 1:
			snprintf(guid, sizeof guid, "r%ld", random() % 200);
			it = fx_item(guid, guid, random() % 100000, NULL);
			fx_put(db, feeds[random() % 3], it, NULL);
			break;
		case 2:
			maxid = fx_sql_int(db, "SELECT COALESCE(max(id), 0) "
			    "FROM item");
			if (maxid > 0) {
				id = 1 + random() % maxid;
				db_item_set_unread(db, id, random() % 2, &cause);
			}
			break;
		case 3:
			if (random() % 10 == 0)
				db_feed_mark_read(db, feeds[random() % 3],
				    &cause);
			break;
		case 4:
			db_feed_set_retention(db, feeds[random() % 3],
			    5 + random() % 20, 0, &cause);
			break;
		case 5:
			maxid = fx_sql_int(db, "SELECT COALESCE(max(id), 0) "
			    "FROM item");
			if (maxid > 0)
				db_item_set_starred(db, 1 + random() % maxid,
				    random() % 2, &cause);
			break;
		}
	}
	bad = (int)fx_sql_int(db, "SELECT count(*) FROM feed WHERE unread_count "
	    "<> (SELECT count(*) FROM item WHERE feed_id = feed.id AND "
	    "unread = 1)");
	is_int(bad, 0, "unread counts equal COUNT(*) after random operations");
	ok(fx_sql_int(db, "SELECT count(*) FROM item") > 10,
	    "the random run left items to count");
	db_feed_mark_read(db, 0, &cause);
	is_int(fx_sql_int(db, "SELECT sum(unread_count) FROM feed"), 0,
	    "marking everything read zeroes every count");
	free(cause);
	db_close(db);
}

static void
test_retention(void)
{
	struct db	*db;
	struct item	*it;
	char		 guid[16], *cause = NULL;
	int64_t		 a, b, now = (int64_t)time(NULL);
	int		 i;

	db = fx_open("retain.db", NULL);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	for (i = 0; i < 10; i++) {
		snprintf(guid, sizeof guid, "d%d", i);
		fx_put(db, a, fx_item(guid, guid, now - i * 86400 - 3600, NULL),
		    NULL);
		fx_put(db, b, fx_item(guid, guid, now - i * 86400 - 3600, NULL),
		    NULL);
	}
	fx_sql_int(db, "UPDATE item SET starred = 1 WHERE guid = 'd9'");
	/* Retention removes read items only: every one is read but a's d8. */
	db_feed_mark_read(db, 0, &cause);
	db_item_set_unread(db, fx_sql_int(db, "SELECT id FROM item WHERE "
	    "feed_id = 1 AND guid = 'd8'"), true, &cause);

	/* keep-days 5 on feed a: d7 is still in the feed, d8 unread, d9 starred. */
	db_feed_set_retention(db, a, 0, 5, &cause);
	db_feed_begin(db, a, &cause);
	db_item_upsert(db, a, (it = fx_item("d7", "d7", now - 7 * 86400 -
	    3600, NULL)), NULL, &cause);
	item_free(it);
	db_feed_commit(db, a, NULL, &cause);
	fx_is_sql(db, "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM "
	    "item WHERE feed_id = 1 ORDER BY guid)", "d0 d1 d2 d3 d4 d7 d8 d9",
	    "keep-days removes old read items, never unread, starred or still "
	    "carried ones");
	fx_is_sql(db, "SELECT count(*) FROM item WHERE feed_id = 2", "10",
	    "another feed's items are untouched");

	/* Global max-items 3 applies to feed b, which has no own setting. */
	db_set_retention(db, 3, 0);
	db_feed_begin(db, b, &cause);
	db_feed_commit(db, b, NULL, &cause);
	fx_is_sql(db, "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM "
	    "item WHERE feed_id = 2 ORDER BY guid)", "d0 d1 d2 d9",
	    "global max-items keeps the newest, and starred items");
	fx_is_sql(db, "SELECT count(*) FROM feed WHERE unread_count <> (SELECT "
	    "count(*) FROM item WHERE feed_id = feed.id AND unread = 1)", "0",
	    "retention keeps unread counts right");
	/* The feed's own max-items wins over the global one. */
	db_feed_set_retention(db, a, 2, 0, &cause);
	db_feed_begin(db, a, &cause);
	db_feed_commit(db, a, NULL, &cause);
	fx_is_sql(db, "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM "
	    "item WHERE feed_id = 1 ORDER BY guid)", "d0 d1 d8 d9",
	    "per-feed max-items overrides the global setting");
	free(cause);
	db_close(db);
}

static void
test_migrate(void)
{
	struct db		*db;
	struct db_item_row	*rows;
	struct db_feed_row	*frows;
	char			*path, *sql, *cause = NULL;
	size_t			 len, n;
	int64_t			 left;

	path = fx_path("v1.db");
	fx_rm(path);
	sql = fx_read_file(tap_data("cache-v1.sql"), &len);
	ok(sql != NULL, "read the version 1 fixture");
	if (sql == NULL)
		return;
	ok(fx_raw_exec(path, sql) == 0, "made a version 1 cache");
	free(sql);

	db = db_open(path, 0, &cause);
	ok(db != NULL, "a version 1 cache opens");
	if (db == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	is_int(fx_sql_int(db, "PRAGMA user_version"), DB_SCHEMA_VERSION,
	    "it is migrated to the current version");
	fx_is_sql(db, "SELECT group_concat(guid || ':' || unread || starred, ' ') "
	    "FROM (SELECT * FROM item ORDER BY id)",
	    "a1:01 a2:10 a3:00 e1:11", "read and starred states survive");
	fx_is_sql(db, "SELECT dir_override || ' ' || etag FROM feed WHERE id = 1",
	    "2 \"v1-etag\"", "direction override and validators survive");
	fx_is_sql(db, "SELECT group_concat(unread_count, ' ') FROM feed", "1 1",
	    "unread counts computed by the migration");
	fx_is_sql(db, "SELECT group_concat(total || ',' || starred_count || "
	    "',' || starred_unread, ' ') FROM feed", "3,1,0 1,1,1",
	    "totals and starred counts computed by the migration");
	fx_is_sql(db, "SELECT sort_date FROM item WHERE guid = 'a1'", "1700000000",
	    "old items are ordered by their date");
	db_feed_page(db, DB_PAGE_FIRST, NULL, 10, &frows, &n, &cause);
	ok(n == 2 && frows[0].dir == FEED_DIR_RTL, "migrated feeds list");
	db_feed_rows_free(frows, n);
	db_search_index_pending(db, 100, &left, &cause);
	is_int(left, 0, "migrated items are indexed for search");
	db_search_page(db, "جيش", DB_PAGE_FIRST, NULL, 10, &rows, &n, &cause);
	ok(n == 1 && rows[0].id == 1, "and found by search, HTML stripped");
	db_item_rows_free(rows, n);
	db_close(db);

	db = db_open(path, 0, &cause);
	ok(db != NULL, "a migrated cache reopens");
	db_close(db);
	free(path);

	/* An empty file is a new cache. */
	path = fx_path("empty.db");
	fx_rm(path);
	fx_write_file(path, "", 0);
	db = db_open(path, 0, &cause);
	ok(db != NULL, "an empty file becomes a new cache");
	db_close(db);
	free(path);
}

/*
 * A cache of version 7, as main had it before the interface's counts
 * and tags: read and starred states, user overrides and a fetch's error
 * survive, the new counts are computed, tags work on it.
 */
static void
test_migrate_v7(void)
{
	static const char *const t[] = { "t" };
	struct db		*db, *raw;
	struct db_feed_row	*r;
	struct db_item_row	*rows;
	struct db_sub		 subs[2];
	struct str		 ids;
	char			*path, *cause = NULL, *got;
	int64_t			 total, unread;
	size_t			 n, i;

	path = fx_path("v7.db");
	if ((raw = fx_open_version(path, 7)) == NULL) {
		ok(0, "make a version 7 cache");
		free(path);
		return;
	}
	is_int(fx_sql_int(raw, "PRAGMA user_version"), 7, "made a version 7 cache");
	sqlite3_exec(raw->sq,
	    "INSERT INTO feed (id, url, position, title, title_override,"
	    " dir_override, unread_count, error, error_kind, error_code) VALUES"
	    " (1, 'https://a.example/', 1, 'A', 'My A', 2, 2, 'gone', 3, 404),"
	    " (2, 'https://b.example/', 2, 'B', NULL, NULL, 1, NULL, 0, 0);"
	    "INSERT INTO item (id, feed_id, guid, title, sort_date, unread,"
	    " starred, hash) VALUES (1, 1, 'a1', 'x', 10, 1, 1, 1),"
	    " (2, 1, 'a2', 'y', 20, 0, 1, 2), (3, 1, 'a3', 'z', 30, 1, 0, 3),"
	    " (4, 2, 'b1', 'w', 40, 1, 0, 4), (5, 2, 'b2', 'v', 50, 0, 0, 5);"
	    "INSERT INTO fts_pending (item_id) SELECT id FROM item;",
	    NULL, NULL, NULL);
	db_close(raw);

	db = db_open(path, 0, &cause);
	ok(db != NULL, "a version 7 cache opens and is upgraded");
	if (db == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	is_int(fx_sql_int(db, "PRAGMA user_version"), DB_SCHEMA_VERSION,
	    "it is at the current version");
	fx_is_sql(db, "SELECT group_concat(guid || ':' || unread || starred, "
	    "' ') FROM (SELECT * FROM item ORDER BY id)",
	    "a1:11 a2:01 a3:10 b1:10 b2:00", "read and starred states survive");
	fx_is_sql(db, "SELECT group_concat(total || ',' || unread_count || ','"
	    " || starred_count || ',' || starred_unread, ' ') FROM feed",
	    "3,2,2,1 2,1,0,0", "totals, unread and starred counts are right");
	r = NULL;
	db_feed_get(db, 1, &r, &cause);
	ok(r != NULL && strcmp(r->title, "My A") == 0 && r->dir_override &&
	    r->dir == FEED_DIR_RTL && r->error_kind == 3 &&
	    r->error_code == 404 && r->total == 3 && r->unread == 2,
	    "title and direction overrides, the last error and the counts "
	    "survive in the feed's row");
	db_feed_rows_free(r, 1);
	db_item_count(db, DB_LIST_STARRED, 0, &total, &unread, &cause);
	ok(total == 2 && unread == 1, "the starred list counts its items");
	db_item_count(db, DB_LIST_ALL, 0, &total, &unread, &cause);
	ok(total == 5 && unread == 3, "every item counted");

	/* Tags on an upgraded cache. */
	memset(subs, 0, sizeof subs);
	subs[0] = (struct db_sub){ "https://a.example/", "File A", t, 1 };
	subs[1] = (struct db_sub){ "https://b.example/", "File B", NULL, 0 };
	ok(db_feed_sync(db, subs, 2, &cause) == 0, "titles and tags sync on it");
	fx_is_sql(db, "SELECT group_concat(COALESCE(title_override, title), "
	    "' ') FROM feed", "My A File B", "a title the user set before the "
	    "upgrade stays over the urls file's");
	db_item_page(db, DB_LIST_TAG, fx_sql_int(db, "SELECT id FROM tag"),
	    DB_PAGE_FIRST, NULL, 10, &rows, &n, &cause);
	str_init(&ids);
	str_append(&ids, "", 0);
	for (i = 0; i < n; i++)
		str_printf(&ids, "%s%lld", i ? " " : "", (long long)rows[i].id);
	db_item_rows_free(rows, n);
	is_str(str_cstr(&ids), "3 2 1", "the tag lists the old items, newest "
	    "first");
	str_free(&ids);
	db_item_set_starred(db, 3, true, &cause);
	fx_is_sql(db, "SELECT starred_count || ',' || starred_unread FROM feed "
	    "WHERE id = 1", "3,2", "starring keeps the counts on it");
	got = fx_sql_text(db, "PRAGMA integrity_check");
	is_str(got, "ok", "integrity check passes");
	free(got);
	db_close(db);
	db = db_open(path, 0, &cause);
	ok(db != NULL, "an upgraded cache reopens");
	db_close(db);
	free(cause);
	free(path);
}

/*
 * A cache of version 3, as main had it for a while: indexed items were
 * flagged in item.fts_indexed. After the upgrade, deleting or changing
 * an indexed item must still take its words out of the index.
 */
static void
test_migrate_v3(void)
{
	struct db	*db, *raw;
	char		*path, *cause = NULL;
	int64_t		 left;

	path = fx_path("v3.db");
	if ((raw = fx_open_version(path, 3)) == NULL) {
		ok(0, "make a version 3 cache");
		free(path);
		return;
	}
	is_int(fx_sql_int(raw, "PRAGMA user_version"), 3, "made a version 3 cache");
	sqlite3_exec(raw->sq,
	    "INSERT INTO feed (id, url, position) VALUES (1, 'u', 1);"
	    "INSERT INTO item (id, feed_id, guid, title, summary, summary_type,"
	    " sort_date, hash) VALUES"
	    " (1, 1, 'a', 'الجيش', 'اليوم', 0, 10, 1),"
	    " (2, 1, 'b', 'جيش', 'أمس', 0, 20, 2),"
	    " (3, 1, 'c', 'سلام', 'غدا', 0, 30, 3);"
	    "UPDATE feed SET unread_count = 3;"
	    "INSERT INTO item_fts (rowid, title, body) SELECT id, title,"
	    " akhbar_text(summary, summary_type, content, content_type)"
	    " FROM item WHERE id <= 2;"
	    "UPDATE item SET fts_indexed = 1 WHERE id <= 2;", NULL, NULL,
	    NULL);
	/* Version 4's step, before version 11 puts every item back. */
	if (db_schema_migrate_to(raw, 10, &cause) != 0) {
		diag("%s", cause);
		free(cause);
		cause = NULL;
	}
	is_int(fx_sql_int(raw, "SELECT count(*) FROM fts_pending"), 1,
	    "only the unindexed item is pending");
	db_close(raw);

	db = db_open(path, 0, &cause);
	ok(db != NULL, "a version 3 cache opens and is upgraded");
	if (db == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	is_int(fx_sql_int(db, "SELECT count(*) FROM fts_pending"), 3,
	    "every item is pending once the stems changed (version 11)");
	db_search_index_pending(db, 10, &left, &cause);
	is_search(db, "جيش", "جيش الجيش");
	fx_sql_int(db, "DELETE FROM item WHERE id = 1");
	fx_put(db, 1, fx_item("b", "سلام", 20, NULL), NULL);
	db_search_index_pending(db, 10, &left, &cause);
	is_search(db, "جيش", "");
	ok(sqlite3_exec(db->sq, "INSERT INTO item_fts(item_fts) "
	    "VALUES('integrity-check')", NULL, NULL, NULL) == SQLITE_OK,
	    "the upgraded index still matches the items");
	is_int(fx_sql_int(db, "SELECT unread_count FROM feed"), 2,
	    "unread counts recounted");
	db_close(db);
	free(path);
}

static void
test_refuse(void)
{
	struct db	*db;
	char		*path, *before, *after, *cause = NULL;
	size_t		 lb, la;

	/* Newer schema. */
	db = fx_open("newer.db", &path);
	db_close(db);
	fx_raw_exec(path, "PRAGMA user_version = 99");
	fx_raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
	before = fx_read_file(path, &lb);
	db = db_open(path, 0, &cause);
	ok(db == NULL && fx_contains(cause, "newer akhbar") &&
	    fx_contains(cause, "version 99"),
	    "a newer schema is refused with a clear reason");
	diag("%s", cause);
	free(cause);
	cause = NULL;
	after = fx_read_file(path, &la);
	ok(lb == la && memcmp(before, after, lb) == 0,
	    "and the file is left untouched");
	free(before);
	free(after);
	free(path);

	/* Not a database at all. */
	path = fx_path("garbage.db");
	fx_rm(path);
	fx_write_file(path, "this is not a database, it is a text file\n", 42);
	db = db_open(path, 0, &cause);
	ok(db == NULL && fx_contains(cause, "damaged") &&
	    fx_contains(cause, "move it aside"),
	    "a file that is not a database is refused, saying how to recover");
	free(cause);
	cause = NULL;
	before = fx_read_file(path, &lb);
	ok(lb == 42 && memcmp(before, "this is", 7) == 0,
	    "and akhbar does not overwrite it");
	free(before);
	free(path);

	/* Another application's SQLite database. */
	path = fx_path("other.db");
	fx_rm(path);
	fx_raw_exec(path, "CREATE TABLE t (x)");
	db = db_open(path, 0, &cause);
	ok(db == NULL && fx_contains(cause, "not an akhbar cache"),
	    "another program's database is refused");
	free(cause);
	cause = NULL;
	free(path);

	/* A damaged schema page. */
	db = fx_open("corrupt.db", &path);
	db_close(db);
	fx_raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE); "
	    "PRAGMA journal_mode = DELETE");
	before = fx_read_file(path, &lb);
	memset(before + 100, 0x5a, 3000);
	fx_write_file(path, before, lb);
	free(before);
	db = db_open(path, 0, &cause);
	ok(db == NULL && fx_contains(cause, "damaged") &&
	    fx_contains(cause, ".recover"),
	    "a damaged cache is detected at open with how to recover");
	diag("%s", cause);
	free(cause);
	cause = NULL;
	db_close(db);
	free(path);

	/* Read-only open of a cache that is not there. */
	path = fx_path("missing.db");
	fx_rm(path);
	db = db_open(path, DB_READONLY, &cause);
	ok(db == NULL && access(path, F_OK) != 0,
	    "a read-only open never creates a cache");
	free(cause);
	free(path);
}

/* kill -9 in the middle of a feed transaction. */
static void
test_crash(void)
{
	struct db	*db;
	struct item	*it;
	char		*path, guid[16], *cause = NULL;
	pid_t		 pid;
	int64_t		 a, b, unread;
	int		 status, i;

	db = fx_open("crash.db", &path);
	db_close(db);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		db = db_open(path, 0, &cause);
		if (db == NULL)
			_exit(1);
		a = fx_feed(db, FX_A);
		b = fx_feed(db, FX_B);
		for (i = 0; i < 20; i++) {
			snprintf(guid, sizeof guid, "c%d", i);
			fx_put(db, a, fx_item(guid, guid, 1000 + i, NULL), NULL);
		}
		fx_sql_int(db, "SELECT 1");
		for (i = 0; i < 20; i += 2)
			db_item_set_unread(db, i + 1, false, &cause);
		db_item_set_starred(db, 5, true, &cause);
		db_feed_begin(db, b, &cause);
		for (i = 0; i < 500; i++) {
			snprintf(guid, sizeof guid, "k%d", i);
			it = fx_item(guid, guid, 2000 + i, "<p>half</p>");
			db_item_upsert(db, b, it, NULL, &cause);
			item_free(it);
		}
		db_item_set_unread(db, 2, false, &cause);
		raise(SIGKILL);
		_exit(2);
	}
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "the writer was killed mid-transaction");

	db = db_open(path, 0, &cause);
	ok(db != NULL, "the cache opens after kill -9 (the lock died too)");
	if (db == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	is_int(fx_sql_int(db, "SELECT count(*) FROM item"), 20,
	    "the half transaction did not land");
	is_int(fx_sql_int(db, "SELECT count(*) FROM item WHERE unread = 0"), 10,
	    "every read state committed before the crash survived");
	is_int(fx_sql_int(db, "SELECT unread FROM item WHERE id = 2"), 1,
	    "a change inside the killed transaction is gone");
	is_int(fx_sql_int(db, "SELECT starred FROM item WHERE id = 5"), 1,
	    "a star committed before the crash survived");
	db_item_count_unread(db, &unread, &cause);
	is_int(unread, 10, "unread count consistent after the crash");
	fx_is_sql(db, "PRAGMA integrity_check", "ok", "integrity check passes");
	db_close(db);
	free(path);
}

/* A batch: several feeds' transactions, one commit; a failure loses all of it. */
static void
test_batch(void)
{
	struct db	*db, *ro;
	char		*cause = NULL;
	int64_t		 a, b;

	db = fx_open("batch.db", NULL);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	if ((ro = db_open(db->path, DB_READONLY, &cause)) == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}

	ok(db_batch_begin(db, &cause) == 0 && db_batch_open(db),
	    "a batch begins");
	fx_put(db, a, fx_item("a1", "a1", 1, NULL), NULL);
	fx_put(db, b, fx_item("b1", "b1", 2, NULL), NULL);
	ok(db_batch_open(db), "... and stays open across feeds");
	is_int(fx_sql_int(ro, "SELECT count(*) FROM item"), 0,
	    "a reader sees nothing of it before its commit");
	ok(db_search_index_pending(db, 10, NULL, &cause) != 0,
	    "indexing refuses to run inside a batch");
	free(cause);
	cause = NULL;
	ok(db_batch_commit(db, &cause) == 0 && !db_batch_open(db),
	    "the batch commits");
	is_int(fx_sql_int(ro, "SELECT count(*) FROM item"), 2,
	    "... and a reader sees both feeds' items");

	db_batch_begin(db, &cause);
	fx_put(db, a, fx_item("a2", "a2", 3, NULL), NULL);
	ok(db_feed_begin(db, 424242, &cause) != 0,
	    "a feed that is not in the cache fails to begin in a batch");
	free(cause);
	cause = NULL;
	ok(db_batch_open(db), "... and the batch goes on without it");
	db_batch_commit(db, &cause);
	fx_is_sql(db, "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM item "
	    "ORDER BY id)", "a1 b1 a2", "... storing the others");

	db_batch_begin(db, &cause);
	fx_put(db, a, fx_item("a3", "a3", 4, NULL), NULL);
	db_feed_begin(db, b, &cause);
	db_feed_rollback(db);
	ok(!db_batch_open(db), "a feed rolled back in a batch ends the batch");
	ok(db_batch_commit(db, &cause) != 0, "... which has nothing to commit");
	free(cause);
	cause = NULL;
	fx_is_sql(db, "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM item "
	    "ORDER BY id)", "a1 b1 a2", "... and none of its feeds is stored");
	is_int(fx_sql_int(db, "SELECT unread_count FROM feed WHERE id = 1"), 2,
	    "... nor their unread counts");
	db_close(ro);
	db_close(db);
}

/* A full disk fails one transaction, not the session. */
static void
test_full(void)
{
	struct db	*db;
	struct item	*it;
	struct str	 big;
	char		*cause = NULL, guid[16], *q;
	int64_t		 a, pages;
	int		 i, rc = 0;

	db = fx_open("full.db", NULL);
	a = fx_feed(db, FX_A);
	fx_put(db, a, fx_item("before", "before", 1, NULL), NULL);
	pages = fx_sql_int(db, "PRAGMA page_count");
	xasprintf(&q, "PRAGMA max_page_count = %lld", (long long)pages + 3);
	fx_sql_int(db, q);
	free(q);
	str_init(&big);
	for (i = 0; i < 2000; i++)
		str_appends(&big, "خبر ");
	db_feed_begin(db, a, &cause);
	for (i = 0; i < 200 && rc == 0; i++) {
		snprintf(guid, sizeof guid, "f%d", i);
		it = fx_item(guid, guid, 10 + i, big.ptr);
		rc = db_item_upsert(db, a, it, NULL, &cause);
		item_free(it);
	}
	ok(rc != 0 && fx_contains(cause, "disk is full"),
	    "a full disk is reported");
	diag("%s", cause);
	free(cause);
	cause = NULL;
	db_feed_rollback(db);
	fx_sql_int(db, "PRAGMA max_page_count = 1073741823");
	ok(fx_put(db, a, fx_item("after", "after", 2, NULL), NULL) == 0,
	    "the session goes on once there is room");
	fx_is_sql(db, "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM item "
	    "ORDER BY id)", "before after",
	    "nothing of the failed transaction was stored");
	str_free(&big);
	db_close(db);
}

static char *
search_ids(struct db *db, const char *q)
{
	struct db_item_row	*rows;
	struct str		 s;
	char			*cause = NULL;
	size_t			 n, i;

	str_init(&s);
	str_append(&s, "", 0);
	if (db_search_page(db, q, DB_PAGE_FIRST, NULL, 100, &rows, &n,
	    &cause) != 0) {
		diag("%s", cause);
		free(cause);
		return (str_steal(&s));
	}
	for (i = 0; i < n; i++)
		str_printf(&s, "%s%s", i ? " " : "", rows[i].title);
	db_item_rows_free(rows, n);
	return (str_steal(&s));
}

static void
is_search(struct db *db, const char *q, const char *want)
{
	char	*got;

	got = search_ids(db, q);
	is_str(got, want, "search %s", q);
	free(got);
}

static void
is_search_error(struct db *db, const char *q, int kind, long col)
{
	struct db_item_row	*rows = NULL;
	char			*cause = NULL;
	size_t			 n = 0;
	long			 c = -1;
	int			 k = -1, rc;

	rc = db_search_query_check(q, &k, &c);
	ok(rc == -1 && k == kind && c == col,
	    "search '%s' is a problem (kind %d, column %ld)", q, k, c);
	rc = db_search_page(db, q, DB_PAGE_FIRST, NULL, 10, &rows, &n, &cause);
	ok(rc == -1 && n == 0 && cause != NULL,
	    "... and db_search_page refuses it: %s", cause ? cause : "");
	free(cause);
	db_item_rows_free(rows, n);
}

static int64_t
search_date(int i)
{
	return (1000 + i % 700);
}

static const char *
search_body(int i)
{
	return (i % 2 ? "الخبر العاجل" : "خبر عاجل");
}

/*
 * Version 11 re-indexes every item: words a stemmer of before indexed
 * ("لبنان" as لبن) are gone, and each item is found by today's stems.
 */
static void
test_migrate_stems(void)
{
	struct db	*db;
	char		*path, *cause = NULL, *got;
	int64_t		 a, left;

	db = fx_open("stems.db", &path);
	a = fx_feed(db, FX_A);
	fx_put(db, a, fx_item("1", "t1", 100, "أخبار لبنان"), NULL);
	fx_put(db, a, fx_item("2", "t2", 200, "الحليب واللبن"), NULL);
	db_search_index_pending(db, 100, &left, &cause);
	/* What an older stemmer left in the index: لبنان under لبن. */
	fx_sql_int(db, "INSERT INTO item_fts (rowid, title, body) VALUES"
	    " (1, '', 'لبن')");
	fx_sql_int(db, "PRAGMA user_version = 10");
	got = search_ids(db, "لبن");
	is_str(got, "t2 t1", "a version 10 index has the old stems");
	free(got);
	db_close(db);

	if ((db = db_open(path, 0, &cause)) == NULL) {
		ok(0, "reopen: %s", cause);
		free(cause);
		free(path);
		return;
	}
	db_search_index_pending(db, 0, &left, &cause);
	is_int(left, 2, "version 11 puts every item back to be indexed");
	db_search_index_pending(db, 100, &left, &cause);
	got = search_ids(db, "لبن");
	is_str(got, "t2", "... and the old stems are gone");
	free(got);
	got = search_ids(db, "اللبنانية");
	is_str(got, "t1", "... while today's find the item");
	free(got);
	db_close(db);
	free(path);
}

/*
 * Version 12 (issue 20) rebuilds the index, body first and each word that
 * is its own stem once: a version 11 cache keeps every read and starred
 * state, and its items are found again, by stem and by exact phrase.
 */
static void
test_migrate_v11(void)
{
	struct db	*raw, *db;
	char		*path, *cause = NULL;
	int64_t		 left;

	path = fx_path("v11.db");
	if ((raw = fx_open_version(path, 11)) == NULL) {
		ok(0, "make a version 11 cache");
		free(path);
		return;
	}
	sqlite3_exec(raw->sq,
	    "INSERT INTO feed (id, url, position) VALUES (1, 'u', 1);"
	    "INSERT INTO item (id, feed_id, guid, title, summary, summary_type,"
	    " sort_date, hash, unread, starred) VALUES"
	    " (1, 1, 'a', 'one', '<p>قال الجيش السوري</p>', 1, 10, 1, 0, 1),"
	    " (2, 1, 'b', 'two', 'جيش كبير', 0, 20, 2, 1, 1),"
	    " (3, 1, 'c', 'three', 'سلام', 0, 30, 3, 0, 0);"
	    "UPDATE feed SET total = 3, unread_count = 1, starred_count = 2,"
	    " starred_unread = 1;"
	    "INSERT INTO item_fts (rowid, title, body) SELECT id, title,"
	    " akhbar_text(summary, summary_type, content, content_type)"
	    " FROM item;", NULL, NULL, NULL);
	is_int(fx_sql_int(raw, "SELECT count(*) FROM fts_pending"), 0,
	    "a version 11 cache, indexed");
	db_close(raw);

	if ((db = db_open(path, 0, &cause)) == NULL) {
		ok(0, "a version 11 cache opens: %s", cause);
		free(cause);
		free(path);
		return;
	}
	fx_is_sql(db, "SELECT group_concat(guid || unread || starred, ' ')"
	    " FROM (SELECT * FROM item ORDER BY id)", "a01 b11 c00",
	    "version 12 keeps every read and starred state");
	fx_is_sql(db, "SELECT total || unread_count || starred_count ||"
	    " starred_unread FROM feed", "3121", "... and the counts");
	is_int(fx_sql_int(db, "SELECT count(*) FROM fts_pending"), 3,
	    "every item waits to be indexed again");
	db_search_index_pending(db, 10, &left, &cause);
	is_search(db, "جيش", "two one");
	is_search(db, "\"جيش\"", "two");
	is_search(db, "\"الجيش السوري\"", "one");
	is_search(db, "\"السوري الجيش\"", "");
	is_search(db, "سوري جيش", "one");
	is_search(db, "three", "three");
	ok(sqlite3_exec(db->sq, "INSERT INTO item_fts(item_fts) "
	    "VALUES('integrity-check')", NULL, NULL, NULL) == SQLITE_OK,
	    "the rebuilt index matches the items");
	fx_sql_int(db, "CREATE VIRTUAL TABLE temp.v12 USING"
	    " fts5vocab(main, item_fts, instance)");
	fx_is_sql(db, "SELECT group_concat(term || ':' || doc || ':' || col,"
	    " ' ') FROM (SELECT * FROM v12 WHERE term IN ('جيش', '=جيش',"
	    " '=الجيش') ORDER BY term, doc)", "=الجيش:1:body =جيش:2:body"
	    " جيش:1:body", "a word that is its own stem is indexed once, "
	    "the others twice");
	fx_sql_int(db, "DROP TABLE temp.v12");
	db_close(db);
	free(path);
}

/*
 * One 400 kB item repeating the word it is searched for: a page of
 * results and the snippets of its rows cost milliseconds (FTS5's
 * snippet() scored every window of every match: 19 s of CPU).
 */
static void
test_search_big(void)
{
	struct db		*db;
	struct db_item_row	*rows;
	struct str		 body;
	char			*cause = NULL;
	size_t			 n, i;
	int64_t			 a, left;
	clock_t			 t0;
	double			 cpu;

	db = fx_open("search-big.db", NULL);
	a = fx_feed(db, FX_A);
	str_init(&body);
	for (i = 0; i < 60000; i++)
		str_appends(&body, "الجيش ");
	fx_put(db, a, fx_item("big", "كبير", 100, body.ptr), NULL);
	fx_put(db, a, fx_item("small", "صغير", 200, "قال الجيش"), NULL);
	db_search_index_pending(db, 100, &left, &cause);
	t0 = clock();
	db_search_page(db, "جيش", DB_PAGE_FIRST, NULL, 50, &rows, &n, &cause);
	db_search_snippets(db, "جيش", rows, n, &cause);
	cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ok(n == 2 && cpu < 1.0, "a page with a 400 kB item and its snippets: "
	    "%zu rows in %.3f s of CPU", n, cpu);
	ok(n == 2 && rows[1].snippet != NULL && rows[1].nmatches == 16 &&
	    strlen(rows[1].snippet) < 200, "... the snippet is its first "
	    "words, each a match: %s", n == 2 && rows[1].snippet ?
	    rows[1].snippet : "");
	db_item_rows_free(rows, n);
	str_free(&body);
	db_close(db);
}

static void
test_search(void)
{
	struct db		*db;
	struct db_item_row	*rows;
	struct db_item_cursor	 cur;
	struct str		 all, got;
	char			*cause = NULL, *want;
	size_t			 n, i;
	int64_t			 a, left, count;

	db = fx_open("search.db", NULL);
	a = fx_feed(db, FX_A);
	fx_put(db, a, fx_item("1", "t1", 100, "<p>أعلن <b>الجيش</b> اليوم</p>"),
	    NULL);
	fx_put(db, a, fx_item("2", "t2", 200, "قال والجيش إن"), NULL);
	fx_put(db, a, fx_item("3", "t3", 300, "جيش كبير"), NULL);
	fx_put(db, a, fx_item("4", "t4", 400, "رأى الجيشَ يتقدم"), NULL);
	fx_put(db, a, fx_item("5", "t5", 500, "الجبش خطأ مطبعي"), NULL);
	fx_put(db, a, fx_item("6", "t6", 600, "The ARMY &amp; the Café"), NULL);
	fx_put(db, a, fx_item("7", "t7", 700, "المدرسة المصرية في مالي"), NULL);
	fx_put(db, a, fx_item("8", "t8", 800, "مال كثير ٢٠٢٤"), NULL);

	fx_is_sql(db, "SELECT akhbar_text('<p>a&amp;b</p>&#1575;&zz; &#x41;<i', 1,"
	    " 'x <b>', 0)", " a&b \xd8\xa7&zz; A \nx <b>",
	    "akhbar_text: tags become spaces, entities characters");
	fx_is_sql(db, "SELECT akhbar_text(NULL, 1, '&lt;&gt;&nbsp;&quot;&#39;', 1)",
	    "<> \"'", "akhbar_text: content alone");
	is_search(db, "الجيش", "");
	db_search_index_pending(db, 0, &left, &cause);
	is_int(left, 8, "items are listable before they are indexed");
	db_search_index_pending(db, 5, &left, &cause);
	is_int(left, 3, "indexing goes in batches");
	db_search_index_pending(db, 100, &left, &cause);
	is_int(left, 0, "and finishes");
	is_int(fx_sql_int(db, "SELECT count(DISTINCT id >> 37) FROM "
	    "item_fts_data WHERE id >> 37 > 0"), 2,
	    "each batch is written as one FTS5 segment");

	is_search(db, "الجيش", "t4 t3 t2 t1");
	db_search_count(db, "الجيش", &count, &cause);
	is_int(count, 4, "db_search_count counts every form found");
	is_search(db, "والجيش", "t4 t3 t2 t1");
	is_search(db, "جيش", "t4 t3 t2 t1");
	is_search(db, "الجيشَ", "t4 t3 t2 t1");
	is_search(db, "\"الجيش\"", "t4 t1");
	is_search(db, "\"جيش كبير\"", "t3");
	is_search(db, "\"كبير جيش\"", "");
	is_search(db, "الجبش", "t5");
	is_search(db, "army", "t6");
	is_search(db, "cafe", "t6");
	is_search(db, "amp", "");
	is_search(db, "مصرية مدرسه", "t7");
	is_search(db, "مال", "t8 t7");		/* documented collision */
	is_search(db, "\"مالي\"", "t7");
	is_search(db, "2024", "t8");
	is_search(db, "الجي*", "t4 t1");
	is_search(db, ": ^ - NEAR(x)", "");
	is_search(db, "and or not", "");

	/* The search language: FTS5's operators over the stemmed words. */
	is_search(db, "جيش OR army", "t6 t4 t3 t2 t1");
	is_search(db, "جيش AND كبير", "t3");
	is_search(db, "الجيش كبير", "t3");
	is_search(db, "جيش NOT كبير", "t4 t2 t1");
	is_search(db, "جيش -كبير", "t4 t2 t1");
	is_search(db, "(جيش OR army) -كبير -\"الجيش\"", "t6 t2");
	is_search(db, "army OR (جيش يتقدم)", "t6 t4");
	is_search(db, "army OR (جيش (يتقدم OR كبير))", "t6 t4 t3");
	is_search(db, "مال NOT \"مالي\"", "t8");
	is_search(db, "NOT NOT army", "t6");
	is_search(db, "جيش*", "t3");
	is_search(db, "\"جيش كب\"*", "t3");
	is_search(db, "army OR ؟", "t6");
	is_search(db, "covid-19 OR army", "t6");
	is_search_error(db, "", REASON_SEARCH_EMPTY, 0);
	is_search_error(db, "   ", REASON_SEARCH_EMPTY, 0);
	is_search_error(db, "\"", REASON_SEARCH_EMPTY, 0);
	is_search_error(db, "؟ . ()", REASON_SEARCH_EMPTY, 0);
	is_search_error(db, "-جيش", REASON_SEARCH_NOT_ONLY, 1);
	is_search_error(db, "جيش OR -كبير", REASON_SEARCH_NOT_ONLY, 8);
	is_search_error(db, "(جيش", REASON_SEARCH_PAREN, 1);
	is_search_error(db, "جيش) army", REASON_SEARCH_PAREN, 4);
	is_search_error(db, "OR جيش", REASON_SEARCH_OPERATOR, 1);
	is_search_error(db, "جيش OR", REASON_SEARCH_OPERATOR, 5);
	is_search_error(db, "جيش AND AND كبير", REASON_SEARCH_OPERATOR, 5);
	is_search_error(db, "جيش AND", REASON_SEARCH_OPERATOR, 5);
	is_search_error(db, "AND OR NOT ( ) : ^ -", REASON_SEARCH_OPERATOR, 1);
	is_search_error(db, "army NOT", REASON_SEARCH_OPERATOR, 6);
	is_search_error(db, "((((((((((((((((((((((((((((((((((جيش))))))))))"
	    "))))))))))))))))))))))))", REASON_QUERY_DEPTH, 33);

	db_search_page(db, "جيش", DB_PAGE_FIRST, NULL, 10, &rows, &n, &cause);
	ok(n == 0 || rows[0].snippet == NULL,
	    "a page of results has no snippets: only rows shown get them");
	db_search_snippets(db, "جيش", rows, n, &cause);
	if (n == 4) {
		diag("snippet: %s", rows[0].snippet);
		ok(rows[0].nmatches == 1 && strncmp(rows[0].snippet +
		    rows[0].matches[0].start, "الجيشَ", rows[0].matches[0].end -
		    rows[0].matches[0].start) == 0 &&
		    rows[0].matches[0].end - rows[0].matches[0].start ==
		    strlen("الجيشَ"),
		    "the match covers the original word with its vowel mark");
		ok(rows[3].snippet != NULL && strchr(rows[3].snippet, '<') ==
		    NULL, "snippets are plain text");
		for (i = 0; i < n; i++) {
			if (rows[i].snippet == NULL || rows[i].nmatches != 1)
				break;
		}
		ok(i == n, "every row shown has its snippet and match");
	} else
		ok(0, "four results for snippets (%zu)", n);
	db_item_rows_free(rows, n);

	/* A changed item is searchable by its new words only. */
	fx_put(db, a, fx_item("3", "t3", 300, "سلام دائم"), NULL);
	db_search_index_pending(db, 100, &left, &cause);
	is_search(db, "جيش", "t4 t2 t1");
	is_search(db, "سلام", "t3");
	/* Deleted items leave the index. */
	fx_sql_int(db, "DELETE FROM item WHERE guid = '4'");
	fx_is_sql(db, "SELECT count(*) FROM item_fts WHERE item_fts MATCH "
	    "'\"جيش\"'", "2", "a deleted item's words leave the index");
	ok(sqlite3_exec(db->sq, "INSERT INTO item_fts(item_fts) "
	    "VALUES('integrity-check')", NULL, NULL, NULL) == SQLITE_OK,
	    "the index matches the items");

	/* Many matches: the date-walk plan, paged. */
	fx_fill(db, a, "m", 4500, search_date, search_body);
	db_search_index_pending(db, 10000, &left, &cause);
	want = fx_sql_text(db, "SELECT group_concat(title, ' ') FROM (SELECT "
	    "title FROM item WHERE guid LIKE 'm%' ORDER BY sort_date DESC, "
	    "id DESC)");
	str_init(&all);
	str_init(&got);
	db_search_page(db, "خبر", DB_PAGE_FIRST, NULL, 50, &rows, &n, &cause);
	while (n > 0) {
		for (i = 0; i < n; i++)
			str_printf(&all, "%s%s", all.len ? " " : "",
			    rows[i].title);
		db_item_row_cursor(&rows[n - 1], &cur);
		db_item_rows_free(rows, n);
		db_search_page(db, "خبر", DB_PAGE_NEXT, &cur, 50, &rows, &n,
		    &cause);
	}
	db_item_rows_free(rows, n);
	ok(strcmp(str_cstr(&all), want) == 0,
	    "4500 results page in date order with the date-walk plan");
	ok(db_search_count(db, "خبر", &count, &cause) == 0 && count == 4500,
	    "the number of results is the number paged (%lld)",
	    (long long)count);
	db_search_count(db, "\"خبر عاجل\"", &count, &cause);
	is_int(count, 2250, "... for a phrase too");
	db_search_count(db, "AND OR ( )", &count, &cause);
	is_int(count, 0, "... and nothing to search is none");
	if (strcmp(str_cstr(&all), want) != 0)
		diag("got %zu bytes, expected %zu", all.len, strlen(want));
	db_search_page(db, "خبر", DB_PAGE_LAST, NULL, 50, &rows, &n, &cause);
	ok(n == 50 && strcmp(rows[49].title, "m0") == 0,
	    "the last page of results ends with the oldest");
	db_item_rows_free(rows, n);
	free(want);
	str_free(&all);
	str_free(&got);
	free(cause);
	db_close(db);
}

/*
 * Indexing a big batch keeps SQLite's memory bounded: the items go in
 * one row per statement, so no statement journal holds a copy of every
 * page FTS5's flushes and merges rewrite (it did: tens of MB).
 */
static void
test_index_memory(void)
{
	static const char	*words[] = {
		"الجيش", "والحكومة", "المتحدة", "اليوم", "مدينة", "قال",
		"الرئيس", "بالمدرسة", "للأسواق", "news", "2024", "السيارات",
	};
	struct db	*db;
	struct item	*it;
	struct str	 body;
	sqlite3_int64	 cur, hi;
	char		*cause = NULL, guid[32], word[64];
	int64_t		 a, left = -1;
	int		 i, k;

	db = fx_open("index-memory.db", NULL);
	a = fx_feed(db, FX_A);
	str_init(&body);
	srandom(7);
	db_feed_begin(db, a, &cause);
	for (i = 0; i < 6000; i++) {
		str_clear(&body);
		for (k = 0; k < 400; k++) {
			/* Many distinct words, as in real text. */
			snprintf(word, sizeof word, "%s%ld ",
			    words[random() % 12], random() % 3000);
			str_appends(&body, word);
		}
		snprintf(guid, sizeof guid, "g%d", i);
		it = fx_item(guid, guid, 1000 + i, body.ptr);
		db_item_upsert(db, a, it, NULL, &cause);
		item_free(it);
	}
	db_feed_commit(db, a, NULL, &cause);
	str_free(&body);

	/* The second batch merges with, and so rewrites, the first's pages. */
	db_search_index_pending(db, 3000, &left, &cause);
	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hi, 1);
	db_search_index_pending(db, 3000, &left, &cause);
	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hi, 0);
	is_int(left, 0, "two batches of 3000 long items are indexed");
	diag("SQLite memory high-water while indexing: %lld KB",
	    (long long)hi / 1024);
	ok(hi < 8 * 1024 * 1024, "SQLite's memory stays bounded (%lld KB)",
	    (long long)hi / 1024);
	free(cause);
	db_close(db);
}

int
main(void)
{
	/*
	 * Before any cache is opened: db_connect turns SQLite's memory
	 * statistics off, and test_index_memory reads them.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1);
	sqlite3_initialize();
	fx_init("test-db");
	test_open();
	test_upsert();
	test_counts();
	test_retention();
	test_migrate();
	test_migrate_stems();
	test_search_big();
	test_migrate_v3();
	test_migrate_v7();
	test_migrate_v11();
	test_refuse();
	test_crash();
	test_full();
	test_batch();
	test_search();
	test_index_memory();
	return (fx_done());
}
