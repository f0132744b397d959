/*
 * Set-up shared by the cache's tests: a scratch directory of caches, a
 * new cache with three feeds, items made and stored the way the poller
 * stores them, and SQL run on the connection to check what landed. It is
 * header-only like tap.h (whose counters it shares); include it after
 * tap.h. Everything here bails out or says why in a diagnostic, so a
 * test reads as the checks it makes.
 */
#ifndef AKHBAR_FIXTURE_DB_H
#define AKHBAR_FIXTURE_DB_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "xmalloc.h"

/* The feeds of a cache made by fx_open, in this order (ids 1, 2, 3). */
#define FX_A	"https://a.example/feed"
#define FX_B	"https://b.example/feed"
#define FX_C	"https://c.example/feed"

static char	fx_dir[64];

/* Make the scratch directory /tmp/akhbar-NAME.XXXXXX, or bail out. */
static __attribute__((unused)) void
fx_init(const char *name)
{
	snprintf(fx_dir, sizeof fx_dir, "/tmp/akhbar-%s.XXXXXX", name);
	if (mkdtemp(fx_dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		exit(1);
	}
}

/* Remove the scratch directory if every check passed; the TAP status. */
static __attribute__((unused)) int
fx_done(void)
{
	char	*cmd;

	if (tap_failed == 0) {
		xasprintf(&cmd, "rm -rf '%s'", fx_dir);
		if (system(cmd) != 0)
			diag("could not remove %s", fx_dir);
		free(cmd);
	} else
		diag("files kept in %s", fx_dir);
	return (tap_done());
}

/* A path in the scratch directory; caller frees. */
static __attribute__((unused)) char *
fx_path(const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", fx_dir, name);
	return (p);
}

/* Remove a cache and the files SQLite and akhbar keep beside it. */
static __attribute__((unused)) void
fx_rm(const char *path)
{
	static const char	*ext[] = { "", "-wal", "-shm", ".lock" };
	char			*p;
	size_t			 i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		xasprintf(&p, "%s%s", path, ext[i]);
		unlink(p);
		free(p);
	}
}

/* Make the urls file's feeds of a cache these (titles and tags none). */
static __attribute__((unused)) int
fx_sync(struct db *db, const char *const *urls, size_t n)
{
	struct db_sub	*subs;
	char		*cause = NULL;
	size_t		 i;
	int		 rc;

	subs = xcalloc(n > 0 ? n : 1, sizeof *subs);
	for (i = 0; i < n; i++)
		subs[i].url = urls[i];
	rc = db_feed_sync(db, subs, n, &cause);
	if (rc != 0)
		diag("sync: %s", cause);
	free(cause);
	free(subs);
	return (rc);
}

/*
 * A new cache NAME in the scratch directory with the feeds FX_A, FX_B and
 * FX_C, or bail out; its path in *pathp when asked for (caller frees).
 */
static __attribute__((unused)) struct db *
fx_open(const char *name, char **pathp)
{
	static const char *const urls[] = { FX_A, FX_B, FX_C };
	struct db	*db;
	char		*cause = NULL, *path;

	path = fx_path(name);
	fx_rm(path);
	if ((db = db_open(path, 0, &cause)) == NULL) {
		printf("Bail out! open %s: %s\n", path, cause);
		exit(1);
	}
	if (fx_sync(db, urls, 3) != 0) {
		printf("Bail out! sync %s\n", path);
		exit(1);
	}
	if (pathp != NULL)
		*pathp = path;
	else
		free(path);
	return (db);
}

/* The id of the feed with this urls-file URL, -1 when there is none. */
static __attribute__((unused)) int64_t
fx_feed(struct db *db, const char *url)
{
	struct db_feed_state	*fs;
	struct strv		 urls = { NULL, 0 };
	size_t			 n;
	int64_t			 id = -1;
	char			*cause = NULL;

	strv_add(&urls, url);
	if (db_feed_states(db, &urls, &fs, &n, &cause) == 0) {
		if (n == 1)
			id = fs[0].id;
		db_feed_states_free(fs, n);
	} else {
		diag("%s", cause);
		free(cause);
	}
	strv_free(&urls);
	return (id);
}

/* An item with a guid, a title (or NULL), a date and an HTML summary (or NULL). */
static __attribute__((unused)) struct item *
fx_item(const char *guid, const char *title, int64_t published,
    const char *summary)
{
	struct item	*it;

	it = item_new();
	it->guid = xstrdup(guid);
	it->title = title != NULL ? xstrdup(title) : NULL;
	it->published = published;
	if (summary != NULL) {
		it->summary = xstrdup(summary);
		it->summary_type = FEED_TEXT_HTML;
	}
	return (it);
}

/* Store one item (then freed) in its own feed transaction. */
static __attribute__((unused)) int
fx_put(struct db *db, int64_t feed, struct item *it, bool *inserted)
{
	char	*cause = NULL;
	int	 rc;

	rc = db_feed_begin(db, feed, &cause);
	if (rc == 0)
		rc = db_item_upsert(db, feed, it, inserted, &cause);
	if (rc == 0)
		rc = db_feed_commit(db, feed, NULL, &cause);
	else
		db_feed_rollback(db);
	if (rc != 0)
		diag("put: %s", cause);
	free(cause);
	item_free(it);
	return (rc);
}

/*
 * Store n items in one feed transaction, as one fetch of the feed does:
 * item i has the guid and title prefix and i, the date date(i) (NULL:
 * 1000 + i) and the summary summary(i) (NULL: none).
 */
static __attribute__((unused)) int
fx_fill(struct db *db, int64_t feed, const char *prefix, int n,
    int64_t (*date)(int), const char *(*summary)(int))
{
	struct item	*it;
	char		 guid[64], *cause = NULL;
	int		 i, rc;

	if ((rc = db_feed_begin(db, feed, &cause)) != 0)
		goto out;
	for (i = 0; i < n && rc == 0; i++) {
		snprintf(guid, sizeof guid, "%s%d", prefix, i);
		it = fx_item(guid, guid, date != NULL ? date(i) : 1000 + i,
		    summary != NULL ? summary(i) : NULL);
		rc = db_item_upsert(db, feed, it, NULL, &cause);
		item_free(it);
	}
	if (rc == 0)
		rc = db_feed_commit(db, feed, NULL, &cause);
	else
		db_feed_rollback(db);
out:
	if (rc != 0)
		diag("fill: %s", cause);
	free(cause);
	return (rc);
}

/* One integer from SQL run on the connection (-999 when there is none). */
static __attribute__((unused)) int64_t
fx_sql_int(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -999;

	if (sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL) != SQLITE_OK) {
		diag("%s: %s", sql, sqlite3_errmsg(db->sq));
		return (v);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (v);
}

/* One text value from SQL ("" when there is none); caller frees. */
static __attribute__((unused)) char *
fx_sql_text(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	if (sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL) != SQLITE_OK) {
		diag("%s: %s", sql, sqlite3_errmsg(db->sq));
		return (xstrdup("(error)"));
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return (v != NULL ? v : xstrdup(""));
}

/* Check that SQL run on the connection gives want. */
static __attribute__((unused)) void
fx_is_sql(struct db *db, const char *sql, const char *want, const char *what)
{
	char	*got;

	got = fx_sql_text(db, sql);
	is_str(got, want, "%s", what);
	free(got);
}

/* A whole file, NUL-terminated, or NULL; caller frees. */
static __attribute__((unused)) char *
fx_read_file(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc(n + 1);
	*len = fread(buf, 1, n, f);
	buf[*len] = '\0';
	fclose(f);
	return (buf);
}

/* Replace a file's bytes. */
static __attribute__((unused)) void
fx_write_file(const char *path, const char *data, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL) {
		diag("%s: %s", path, strerror(errno));
		return;
	}
	fwrite(data, 1, len, f);
	fclose(f);
}

/* Run SQL on a file with plain SQLite (no akhbar functions). */
static __attribute__((unused)) int
fx_raw_exec(const char *path, const char *sql)
{
	sqlite3	*sq;
	int	 rc;

	if (sqlite3_open(path, &sq) != SQLITE_OK)
		return (-1);
	rc = sqlite3_exec(sq, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		diag("%s", sqlite3_errmsg(sq));
	sqlite3_close(sq);
	return (rc == SQLITE_OK ? 0 : -1);
}

/*
 * A cache at an older schema version: a bare connection with the search
 * functions, migrated up to version only (tests make old caches with it).
 */
static __attribute__((unused)) struct db *
fx_open_version(const char *path, int version)
{
	struct db	*db;
	char		*cause = NULL;

	fx_rm(path);
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->lockfd = -1;
	if (sqlite3_open(path, &db->sq) != SQLITE_OK ||
	    db_search_register(db, &cause) != 0 ||
	    db_schema_migrate_to(db, version, &cause) != 0) {
		diag("make a version %d cache: %s", version, cause);
		free(cause);
		db_close(db);
		return (NULL);
	}
	return (db);
}

/* Whether s contains what. */
static __attribute__((unused)) bool
fx_contains(const char *s, const char *what)
{
	return (s != NULL && strstr(s, what) != NULL);
}

#endif
