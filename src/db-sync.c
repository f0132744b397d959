/*
 * The cache's side of a sync with an aggregator server (db-schema.c,
 * version 9): sources and their marks, the server's ids of feeds and
 * items, the reading end of the queue of changes (db-queue.c writes it),
 * the server's states applied to the cache's items, and a sync's outcome
 * stored on the source's feeds. The sync itself (sync.c) drives these
 * between its requests; items themselves go in through the ordinary feed
 * transactions (db_feed_begin, db_item_upsert, db_feed_commit).
 *
 * States from the server are set with db_item_set_unread and
 * db_item_set_starred, which keep the counts, with db->sync_remote set so
 * that db-queue.c does not queue them back; an item with a change of the
 * same field waiting in the queue keeps its state: akhbar's change is
 * newer than what the server said before it was sent.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db-priv.h"
#include "xmalloc.h"

/* The source for (kind, url, login), made when new: its id and mark. */
int
db_sync_source(struct db *db, const char *kind, const char *url,
    const char *login, int64_t *id, int64_t *mark, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, tries;

	for (tries = 0; tries < 2; tries++) {
		st = db_prepare(db, DB_STMT_SYNC_SOURCE_FIND,
		    "SELECT id, mark FROM sync_source"
		    " WHERE kind = ?1 AND url = ?2 AND login = ?3", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, url, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*id = sqlite3_column_int64(st, 0);
			*mark = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return (0);
		if (rc != SQLITE_DONE)
			return (db_fail(db, rc, "read the sync source", cause));
		if (db->flags & DB_READONLY) {
			*id = *mark = 0;
			return (0);
		}
		st = db_prepare(db, DB_STMT_SYNC_SOURCE_NEW,
		    "INSERT OR IGNORE INTO sync_source (kind, url, login)"
		    " VALUES (?1, ?2, ?3)", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, url, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
		if (db_step_done(db, st, "add the sync source", cause) != 0)
			return (-1);
	}
	xasprintf(cause, "the sync source cannot be stored");
	return (-1);
}

/* The source's feeds as last synced, in the server's order (source 0: every source's). */
int
db_sync_feeds(struct db *db, int64_t source, struct db_sync_feed **out,
    size_t *nout, char **cause)
{
	struct db_sync_feed	*v = NULL, *f;
	sqlite3_stmt		*st;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*nout = 0;
	st = db_prepare(db, DB_STMT_SYNC_FEEDS,
	    "SELECT s.feed_id, s.remote_id, f.url, f.title_file, s.category,"
	    " f.unread_count FROM sync_feed s CROSS JOIN feed f"
	    " ON f.id = s.feed_id WHERE (?1 = 0 OR s.source_id = ?1)"
	    " ORDER BY s.position, s.feed_id", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, source);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		f = &v[n++];
		f->feed_id = sqlite3_column_int64(st, 0);
		f->remote_id = db_column_strdup(st, 1);
		f->url = db_column_strdup(st, 2);
		f->title = db_column_strdup(st, 3);
		f->category = db_column_strdup(st, 4);
		f->unread = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_sync_feeds_free(v, n);
		return (db_fail(db, rc, "read the sync feeds", cause));
	}
	*out = v;
	*nout = n;
	return (0);
}

/* Free what db_sync_feeds returned. */
void
db_sync_feeds_free(struct db_sync_feed *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].remote_id);
		free(v[i].url);
		free(v[i].title);
		free(v[i].category);
	}
	free(v);
}

/*
 * Make the source's feeds those of v (n, in the server's order; their
 * rows made by db_feed_sync, found by url): each mapped to its remote id
 * and category; a feed the server no longer lists leaves the source (its
 * row and items stay, as a feed the urls file no longer names).
 */
int
db_sync_feeds_set(struct db *db, int64_t source,
    const struct db_sync_feed *v, size_t n, char **cause)
{
	sqlite3_stmt	*st;
	bool		 began;
	size_t		 i;
	int64_t		 feed;
	int		 rc;

	if (db_begin_nested(db, &began, cause) != 0)
		return (-1);
	st = db_prepare(db, DB_STMT_SYNC_FEED_DROP,
	    "DELETE FROM sync_feed WHERE source_id = ?1", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, source);
	if (db_step_done(db, st, "store the sync feeds", cause) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		st = db_prepare(db, DB_STMT_SYNC_FEED_FIND,
		    "SELECT id FROM feed WHERE url = ?1", cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_text(st, 1, v[i].url, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		feed = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_fail(db, rc, "store the sync feeds", cause);
			goto fail;
		}
		if (feed == 0)
			continue;	/* not synced into the cache: skipped */
		st = db_prepare(db, DB_STMT_SYNC_FEED_SET,
		    "INSERT OR REPLACE INTO sync_feed"
		    " (feed_id, source_id, remote_id, category, position)"
		    " VALUES (?1, ?2, ?3, ?4, ?5)", cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, feed);
		sqlite3_bind_int64(st, 2, source);
		sqlite3_bind_text(st, 3, v[i].remote_id, -1, SQLITE_STATIC);
		if (v[i].category != NULL)
			sqlite3_bind_text(st, 4, v[i].category, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_int64(st, 5, (int64_t)i);
		if (db_step_done(db, st, "store the sync feeds", cause) != 0)
			goto fail;
	}
	return (db_commit_nested(db, began, cause));

fail:
	if (began)
		db_rollback(db);
	return (-1);
}

/* The source a feed comes from (*source 0: none). */
int
db_sync_feed_source(struct db *db, int64_t feed, int64_t *source,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*source = 0;
	st = db_prepare(db, DB_STMT_SYNC_ITEM_ID,
	    "SELECT source_id FROM sync_feed WHERE feed_id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*source = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (db_fail(db, rc, "read the sync feeds", cause));
	return (0);
}

/*
 * Map the feed's item with guid (stored by db_item_upsert in the open
 * feed transaction) to the source's remote item id; a mapping made
 * before stays.
 */
int
db_sync_item_map(struct db *db, int64_t source, int64_t feed,
    const char *guid, int64_t remote, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_SYNC_ITEM_MAP,
	    "INSERT OR IGNORE INTO sync_item (item_id, source_id, remote_id)"
	    " SELECT id, ?1, ?2 FROM item WHERE feed_id = ?3 AND guid = ?4",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_int64(st, 2, remote);
	sqlite3_bind_int64(st, 3, feed);
	sqlite3_bind_text(st, 4, guid, -1, SQLITE_STATIC);
	return (db_step_done(db, st, "map a sync item", cause));
}

/*
 * Set the state (field) of the source's remote item to value as the
 * server has it, unless a change of that field waits in the queue (it is
 * newer). Not queued. An item the cache does not have is skipped.
 */
int
db_sync_item_state(struct db *db, int64_t source, int64_t remote,
    enum db_sync_field field, bool value, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 item;
	int		 rc, ret;

	st = db_prepare(db, DB_STMT_SYNC_PENDING,
	    "SELECT s.item_id, EXISTS (SELECT 1 FROM sync_change c"
	    "  WHERE c.source_id = ?1 AND c.remote_id = ?2 AND c.field = ?3)"
	    " FROM sync_item s WHERE s.source_id = ?1 AND s.remote_id = ?2",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_int64(st, 2, remote);
	sqlite3_bind_int(st, 3, (int)field);
	rc = sqlite3_step(st);
	item = 0;
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 1) == 0)
		item = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (db_fail(db, rc, "read a sync item", cause));
	if (item == 0)
		return (0);
	db->sync_remote = true;
	if (field == DB_SYNC_STARRED)
		ret = db_item_set_starred(db, item, value, cause);
	else
		ret = db_item_set_unread(db, item, value, cause);
	db->sync_remote = false;
	return (ret);
}

/*
 * The remote ids, ascending, of the source's items (of one feed; 0: of
 * all) whose field is value (caller frees *out).
 */
int
db_sync_items_with(struct db *db, int64_t source, int64_t feed,
    enum db_sync_field field, bool value, int64_t **out, size_t *nout,
    char **cause)
{
	sqlite3_stmt	*st;
	int64_t		*v = NULL;
	size_t		 n = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*nout = 0;
	if (feed == 0)
		st = db_prepare(db, DB_STMT_SYNC_STATES,
		    "SELECT s.remote_id FROM sync_item s CROSS JOIN item i"
		    " ON i.id = s.item_id WHERE s.source_id = ?1"
		    " AND (CASE ?3 WHEN 0 THEN i.unread = 1 ELSE i.starred <> 0"
		    " END) = ?4 ORDER BY s.remote_id", cause);
	else
		st = db_prepare(db, DB_STMT_SYNC_STATES_FEED,
		    "SELECT s.remote_id FROM item i CROSS JOIN sync_item s"
		    " ON s.item_id = i.id WHERE i.feed_id = ?2"
		    " AND s.source_id = ?1"
		    " AND (CASE ?3 WHEN 0 THEN i.unread = 1 ELSE i.starred <> 0"
		    " END) = ?4 ORDER BY s.remote_id", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, source);
	if (feed != 0)
		sqlite3_bind_int64(st, 2, feed);
	sqlite3_bind_int(st, 3, (int)field);
	sqlite3_bind_int(st, 4, value ? 1 : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return (db_fail(db, rc, "read the sync items", cause));
	}
	*out = v;
	*nout = n;
	return (0);
}

/* Store the source's mark (the highest remote item id stored) and the time. */
int
db_sync_set_mark(struct db *db, int64_t source, int64_t mark, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_SYNC_MARK,
	    "UPDATE sync_source SET mark = max(mark, ?2), last_sync = ?3"
	    " WHERE id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_int64(st, 2, mark);
	sqlite3_bind_int64(st, 3, db_now());
	return (db_step_done(db, st, "store the sync mark", cause));
}

/* Up to max of the source's queued changes, oldest first (caller frees *out). */
int
db_sync_changes(struct db *db, int64_t source, size_t max,
    struct db_sync_change **out, size_t *nout, char **cause)
{
	struct db_sync_change	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*nout = 0;
	st = db_prepare(db, DB_STMT_SYNC_CHANGES,
	    "SELECT id, remote_id, field, value FROM sync_change"
	    " WHERE source_id = ?1 ORDER BY id LIMIT ?2", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].remote_id = sqlite3_column_int64(st, 1);
		v[n].field = sqlite3_column_int(st, 2);
		v[n].value = sqlite3_column_int(st, 3) != 0;
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return (db_fail(db, rc, "read the sync queue", cause));
	}
	*out = v;
	*nout = n;
	return (0);
}

/*
 * Take the changes the server confirmed off the queue, by their rows: a
 * change of the same item made since has a row of its own and stays.
 */
int
db_sync_changes_done(struct db *db, const int64_t *ids, size_t n,
    char **cause)
{
	sqlite3_stmt	*st;
	bool		 began;
	size_t		 i;

	if (n == 0)
		return (0);
	if (db_begin_nested(db, &began, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		st = db_prepare(db, DB_STMT_SYNC_CHANGE_DONE,
		    "DELETE FROM sync_change WHERE id = ?1", cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, ids[i]);
		if (db_step_done(db, st, "empty the sync queue", cause) != 0)
			goto fail;
	}
	return (db_commit_nested(db, began, cause));

fail:
	if (began)
		db_rollback(db);
	return (-1);
}

/*
 * Store a sync's outcome on every feed of the source, as a fetch's: the
 * feed list shows a failed source's feeds with "!" and the server's
 * words.
 */
int
db_sync_set_result(struct db *db, int64_t source,
    const struct db_fetch_result *r, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_SYNC_RESULT,
	    "UPDATE feed SET http_status = ?2, error = ?3, error_kind = ?4,"
	    " error_code = ?5, last_fetch = ?6, failures = ?7"
	    " WHERE id IN (SELECT feed_id FROM sync_feed WHERE source_id = ?1)",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_int(st, 2, r->http_status);
	if (r->error != NULL)
		sqlite3_bind_text(st, 3, r->error, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, r->error_kind);
	sqlite3_bind_int64(st, 5, r->error_code);
	sqlite3_bind_int64(st, 6, db_now());
	sqlite3_bind_int(st, 7, r->failures);
	return (db_step_done(db, st, "store the sync result", cause));
}
