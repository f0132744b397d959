/*
 * The cache's schema and its forward migrations, keyed by PRAGMA
 * user_version. Step n takes a cache from version n to n + 1; a new cache
 * runs every step, so new and upgraded caches end up identical. A cache
 * written by a newer akhbar (a higher version) is refused, never altered.
 *
 * The current schema (version 2, and the changes of 3 to 12 below):
 *  feed	one row per subscribed URL: metadata from the feed, HTTP
 *		validators, the last fetch's outcome, the urls file's
 *		title (title_file, shown through title_override unless
 *		the user renamed the feed: title_user), user data (title
 *		and direction overrides, retention) and the counts of its
 *		items (total, unread_count, starred_count,
 *		starred_unread), kept right in the transaction that
 *		changes them (db_feed_commit, db_item_set_unread,
 *		db_item_set_starred, db_feed_mark_read, a trigger on
 *		deletes): never an UPDATE of item.unread or item.starred
 *		elsewhere. moved_to is where a permanent redirect pointed:
 *		the poller fetches it while the urls file keeps naming url.
 *  item	unique on (feed_id, guid). sort_date is the date lists are
 *		ordered by: published, else updated, else first_seen (the
 *		item's own dates stay NULL when the feed gave none). hash
 *		detects changed content.
 *  enclosure	an item's attachments.
 *  item_fts	FTS5 over item_text (plain body, then title: version
 *		12), external content, so the text is stored once;
 *		tokenizer "akhbar".
 *  fts_pending	items not yet in item_fts (new or changed): db_item_upsert
 *		lists new items, a trigger changed ones.
 *  tag		the urls file's tags; feed_tag says which feeds have them
 *		(db_feed_sync), tag_item lists their items by date.
 *  article	an item's full article, fetched from its link, or why
 *		there is none (db-article.c); searched with the item.
 *  sync_*	an aggregator server's side (version 10): the sources, their
 *		feeds' and items' remote ids, and the queue of changes to
 *		send (db-sync.c, db-queue.c).
 */
#include "config.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-priv.h"
#include "xmalloc.h"

/* Keep identical to tests/data/cache-v1.sql. */
static const char db_schema_v1[] =
	"CREATE TABLE feed ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" title TEXT,"
	" link TEXT,"
	" etag TEXT,"
	" last_modified TEXT,"
	" dir_override INTEGER"
	");"
	"CREATE TABLE item ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL,"
	" title TEXT,"
	" link TEXT,"
	" published INTEGER,"
	" summary TEXT,"
	" content TEXT,"
	" unread INTEGER NOT NULL DEFAULT 1,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (feed_id, guid)"
	");"
	"CREATE INDEX item_feed ON item(feed_id, published);";

static const char db_schema_v2[] =
	/* feed: what the parser extracts, fetch state, user data */
	"ALTER TABLE feed ADD COLUMN description TEXT;"
	"ALTER TABLE feed ADD COLUMN language TEXT;"
	"ALTER TABLE feed ADD COLUMN format TEXT;"
	"ALTER TABLE feed ADD COLUMN dir INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN ttl INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN http_status INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN error TEXT;"
	"ALTER TABLE feed ADD COLUMN last_fetch INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN next_fetch INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN title_override TEXT;"
	"ALTER TABLE feed ADD COLUMN max_items INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN keep_days INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN moved_to TEXT;"
	"UPDATE feed SET position = id;"
	"CREATE INDEX feed_order ON feed(position);"

	/* item: everything else the parser extracts, ordering, search */
	"ALTER TABLE item ADD COLUMN authors TEXT;"
	"ALTER TABLE item ADD COLUMN categories TEXT;"
	"ALTER TABLE item ADD COLUMN updated INTEGER;"
	"ALTER TABLE item ADD COLUMN summary_type INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE item ADD COLUMN content_type INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE item ADD COLUMN language TEXT;"
	"ALTER TABLE item ADD COLUMN dir INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE item ADD COLUMN first_seen INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE item ADD COLUMN sort_date INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE item ADD COLUMN hash INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE item ADD COLUMN fts_indexed INTEGER NOT NULL DEFAULT 0;"
	"UPDATE item SET first_seen = CAST(strftime('%s', 'now') AS INTEGER);"
	"UPDATE item SET sort_date = COALESCE(published, first_seen);"
	"DROP INDEX item_feed;"
	"CREATE INDEX item_feed_date ON item(feed_id, sort_date);"
	"CREATE INDEX item_date ON item(sort_date);"
	"CREATE INDEX item_unread_date ON item(sort_date) WHERE unread = 1;"
	"CREATE INDEX item_starred_date ON item(sort_date) WHERE starred = 1;"
	"CREATE INDEX item_fts_pending ON item(fts_indexed) WHERE fts_indexed = 0;"

	"CREATE TABLE enclosure ("
	" item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
	" url TEXT NOT NULL,"
	" type TEXT,"
	" length INTEGER NOT NULL DEFAULT -1"
	");"
	"CREATE INDEX enclosure_item ON enclosure(item_id);"

	/* unread counts, maintained in the same transaction as the items */
	"UPDATE feed SET unread_count ="
	" (SELECT count(*) FROM item WHERE feed_id = feed.id AND unread = 1);"
	"CREATE TRIGGER item_unread_insert AFTER INSERT ON item"
	" WHEN new.unread = 1 BEGIN"
	"  UPDATE feed SET unread_count = unread_count + 1"
	"   WHERE id = new.feed_id;"
	" END;"
	"CREATE TRIGGER item_unread_delete AFTER DELETE ON item"
	" WHEN old.unread = 1 BEGIN"
	"  UPDATE feed SET unread_count = unread_count - 1"
	"   WHERE id = old.feed_id;"
	" END;"
	"CREATE TRIGGER item_unread_update AFTER UPDATE OF unread ON item"
	" WHEN old.unread <> new.unread BEGIN"
	"  UPDATE feed SET unread_count = unread_count + new.unread - old.unread"
	"   WHERE id = new.feed_id;"
	" END;"

	/* full-text search over the plain text, stored once */
	"CREATE VIEW item_text AS SELECT id, title,"
	" akhbar_text(summary, summary_type, content, content_type) AS body"
	" FROM item;"
	"CREATE VIRTUAL TABLE item_fts USING fts5(title, body,"
	" content = 'item_text', content_rowid = 'id', tokenize = 'akhbar');"
	"CREATE TRIGGER item_fts_delete AFTER DELETE ON item"
	" WHEN old.fts_indexed = 1 BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, title, body)"
	"   VALUES ('delete', old.id, old.title, akhbar_text(old.summary,"
	"    old.summary_type, old.content, old.content_type));"
	" END;"
	"CREATE TRIGGER item_fts_update AFTER UPDATE OF fts_indexed ON item"
	" WHEN old.fts_indexed = 1 AND new.fts_indexed = 0 BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, title, body)"
	"   VALUES ('delete', old.id, old.title, akhbar_text(old.summary,"
	"    old.summary_type, old.content, old.content_type));"
	" END;";

/*
 * Version 3: new items are counted once per feed transaction by the code
 * that inserts them (db_feed_commit), not by a trigger per row, which
 * made bulk inserts a third slower.
 */
static const char db_schema_v3[] =
	"DROP TRIGGER item_unread_insert;"
	"UPDATE feed SET unread_count ="
	" (SELECT count(*) FROM item WHERE feed_id = feed.id AND unread = 1);";

/*
 * Version 4: the items waiting to be indexed for search are listed in
 * fts_pending instead of flagged in item, so indexing a million items no
 * longer rewrites a million item rows. item.fts_indexed stays, unused.
 * An item that is not pending is in item_fts: changing or deleting it
 * takes its old words out first.
 */
static const char db_schema_v4[] =
	"CREATE TABLE fts_pending (item_id INTEGER PRIMARY KEY);"
	"INSERT INTO fts_pending (item_id)"
	" SELECT id FROM item WHERE fts_indexed = 0;"
	"DROP TRIGGER item_fts_update;"
	"DROP TRIGGER item_fts_delete;"
	"DROP INDEX item_fts_pending;"
	"CREATE TRIGGER item_fts_insert AFTER INSERT ON item BEGIN"
	"  INSERT INTO fts_pending (item_id) VALUES (new.id);"
	" END;"
	"CREATE TRIGGER item_fts_change AFTER UPDATE OF hash ON item"
	" WHEN old.hash <> new.hash BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, title, body)"
	"   SELECT 'delete', old.id, old.title, akhbar_text(old.summary,"
	"    old.summary_type, old.content, old.content_type)"
	"   WHERE NOT EXISTS (SELECT 1 FROM fts_pending"
	"    WHERE item_id = old.id);"
	"  INSERT OR IGNORE INTO fts_pending (item_id) VALUES (new.id);"
	" END;"
	"CREATE TRIGGER item_fts_delete AFTER DELETE ON item BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, title, body)"
	"   SELECT 'delete', old.id, old.title, akhbar_text(old.summary,"
	"    old.summary_type, old.content, old.content_type)"
	"   WHERE NOT EXISTS (SELECT 1 FROM fts_pending"
	"    WHERE item_id = old.id);"
	"  DELETE FROM fts_pending WHERE item_id = old.id;"
	" END;";

/*
 * Version 5: read states change through db_item_set_unread and
 * db_feed_mark_read, which keep the counts themselves; the per-row
 * trigger made marking a feed of 10 000 items read 15% slower. Deleting
 * items still counts by trigger (retention, a feed's removal).
 */
static const char db_schema_v5[] =
	"DROP TRIGGER item_unread_update;"
	"UPDATE feed SET unread_count ="
	" (SELECT count(*) FROM item WHERE feed_id = feed.id AND unread = 1);";

/*
 * Version 6: a new item is listed in fts_pending by db_item_upsert, not by
 * a trigger. A trigger makes every INSERT INTO item a statement of several
 * writes, and inside the feed's transaction SQLite then keeps a statement
 * journal for it: each page the insert touched was first copied into
 * memory, about a tenth of a reload's instructions.
 */
static const char db_schema_v6[] =
	"DROP TRIGGER item_fts_insert;";

/*
 * Version 7: the last fetch's failure as data (enum reason_kind and its
 * number, e.g. REASON_HTTP and 404); error keeps the detail. Older rows
 * keep their text and get REASON_FAILED when they failed.
 */
static const char db_schema_v7[] =
	"ALTER TABLE feed ADD COLUMN error_kind INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN error_code INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feed SET error_kind = 1 WHERE error IS NOT NULL;";

/*
 * Version 8: what the interface shows without counting. A feed keeps its
 * number of items (total) and of starred and starred unread items beside
 * unread_count, in the transactions that change them (db_feed_commit,
 * db_item_set_unread, db_item_set_starred, db_feed_mark_read) and, for
 * deletes, in one trigger that replaces item_unread_delete.
 *
 * title_file is the urls file's "~Title" (db_feed_sync). title_override
 * stays the title shown over the feed's own: the user's rename
 * (db_feed_set_title) when title_user says so, else the file's title,
 * copied there so that every list reads the one column it read before
 * (title_file is the row's last: reading it walks the whole record, 5% of
 * an item page).
 *
 * Tags: the urls file's tags (tag), which feeds have them (feed_tag) and
 * tag_item, every item of a tagged feed once per tag, keyed like a feed's
 * index (tag, sort_date, item) so a tag's list pages as fast as a feed's.
 * The code that changes them keeps it (db_feed_sync: a feed gaining or
 * losing a tag; db_feed_commit: new items; db_item_upsert: a changed
 * date), not triggers: every connection parses each trigger at open, and
 * an open of the feed list costs ~0.2 ms. Deleting an item takes it out
 * in the delete trigger. feed_tag holds a copy of each tagged feed's
 * unread and total counts, changed where the feed's are (db_count_add,
 * db_feed_mark_read, the delete trigger), so the tag list is one scan of
 * it. It has no foreign keys: a feed's removal deletes its items (and so
 * their tag_item rows, through feed_tag) and leaves its feed_tag rows,
 * which the next sync drops with the other feeds the urls file no longer
 * names (code that removes a feed should delete them with it).
 */
static const char db_schema_v8[] =
	"ALTER TABLE feed ADD COLUMN total INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN starred_count INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN starred_unread INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN title_file TEXT;"
	"ALTER TABLE feed ADD COLUMN title_user INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feed SET title_user = 1 WHERE title_override IS NOT NULL;"
	"UPDATE feed SET (total, unread_count, starred_count, starred_unread) ="
	" (SELECT count(*), COALESCE(sum(unread = 1), 0),"
	"  COALESCE(sum(starred <> 0), 0),"
	"  COALESCE(sum(starred <> 0 AND unread = 1), 0)"
	"  FROM item WHERE feed_id = feed.id);"
	"DROP TRIGGER item_unread_delete;"

	"CREATE TABLE tag ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE feed_tag ("
	" tag_id INTEGER NOT NULL,"
	" feed_id INTEGER NOT NULL,"
	" unread INTEGER NOT NULL DEFAULT 0,"
	" total INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (tag_id, feed_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX feed_tag_feed ON feed_tag(feed_id);"
	"CREATE TABLE tag_item ("
	" tag_id INTEGER NOT NULL,"
	" sort_date INTEGER NOT NULL,"
	" item_id INTEGER NOT NULL,"
	" PRIMARY KEY (tag_id, sort_date, item_id)"
	") WITHOUT ROWID;"

	"CREATE TRIGGER item_delete AFTER DELETE ON item BEGIN"
	"  UPDATE feed SET total = total - 1,"
	"   unread_count = unread_count - (old.unread = 1),"
	"   starred_count = starred_count - (old.starred <> 0),"
	"   starred_unread = starred_unread -"
	"    (old.starred <> 0 AND old.unread = 1)"
	"   WHERE id = old.feed_id;"
	"  UPDATE feed_tag SET total = total - 1,"
	"   unread = unread - (old.unread = 1) WHERE feed_id = old.feed_id;"
	"  DELETE FROM tag_item WHERE tag_id IN"
	"   (SELECT tag_id FROM feed_tag WHERE feed_id = old.feed_id)"
	"   AND sort_date = old.sort_date AND item_id = old.id;"
	" END;";

/*
 * Version 9: full articles (db-article.c). An item's web page gives an
 * article row: the article as clean HTML in body (TEXT, or a compressed
 * BLOB), what the page says of itself, the page's validators, or the
 * failure's reason (error_kind, error_code, error) with when to try
 * again (next_try; 0: only when asked). It goes with its item, in the
 * item's delete trigger, after the item's words left the index: those
 * words were akhbar_body(), which reads the article too, so the index's
 * view and both triggers that delete words read it now. Until an item
 * has an article akhbar_body() is akhbar_text(), so an upgraded cache's
 * index stays right.
 */
static const char db_schema_v9[] =
	"CREATE TABLE article ("
	" item_id INTEGER PRIMARY KEY,"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" error_kind INTEGER NOT NULL DEFAULT 0,"
	" error_code INTEGER NOT NULL DEFAULT 0,"
	" error TEXT,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_try INTEGER NOT NULL DEFAULT 0,"
	" chars INTEGER NOT NULL DEFAULT 0,"
	" url TEXT,"
	" title TEXT,"
	" author TEXT,"
	" site TEXT,"
	" image TEXT,"
	" excerpt TEXT,"
	" published INTEGER,"
	" lang TEXT,"
	" dir INTEGER NOT NULL DEFAULT 0,"
	" etag TEXT,"
	" last_modified TEXT,"
	" body"
	");"
	"DROP VIEW item_text;"
	"CREATE VIEW item_text AS SELECT i.id AS id, i.title AS title,"
	" akhbar_body(i.summary, i.summary_type, i.content, i.content_type,"
	"  a.body) AS body"
	" FROM item i LEFT JOIN article a ON a.item_id = i.id;"
	"DROP TRIGGER item_fts_change;"
	"CREATE TRIGGER item_fts_change AFTER UPDATE OF hash ON item"
	" WHEN old.hash <> new.hash BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, title, body)"
	"   SELECT 'delete', old.id, old.title, akhbar_body(old.summary,"
	"    old.summary_type, old.content, old.content_type,"
	"    (SELECT body FROM article WHERE item_id = old.id))"
	"   WHERE NOT EXISTS (SELECT 1 FROM fts_pending"
	"    WHERE item_id = old.id);"
	"  INSERT OR IGNORE INTO fts_pending (item_id) VALUES (new.id);"
	" END;"
	"DROP TRIGGER item_fts_delete;"
	"CREATE TRIGGER item_fts_delete AFTER DELETE ON item BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, title, body)"
	"   SELECT 'delete', old.id, old.title, akhbar_body(old.summary,"
	"    old.summary_type, old.content, old.content_type,"
	"    (SELECT body FROM article WHERE item_id = old.id))"
	"   WHERE NOT EXISTS (SELECT 1 FROM fts_pending"
	"    WHERE item_id = old.id);"
	"  DELETE FROM fts_pending WHERE item_id = old.id;"
	"  DELETE FROM article WHERE item_id = old.id;"
	" END;";

/*
 * Version 10: sync with an aggregator server (urls-source ttrss). A source
 * (sync_source) is a server and a login, with its mark: the highest
 * remote item id stored, what the next sync asks for items after.
 * sync_feed maps the cache's feeds that come from a source to the
 * server's ids (the rest of the row is an ordinary feed: db_feed_sync
 * keeps its title and its category as a tag); sync_item does the same
 * for items. sync_change is the queue of read, unread, starred and
 * unstarred changes made in akhbar to items of a source, one row per
 * item and field (the last change wins: INSERT OR REPLACE gives the row a
 * new id, so a change made while an older one was being sent is not
 * taken off the queue with it). It is filled in the transaction of the
 * change itself (db_item_set_unread, db_item_set_starred,
 * db_feed_mark_read, through db-queue.c), names the item by its remote
 * id, and so outlives the item's removal; a row leaves only when the
 * server confirmed it (db_sync_changes_done).
 */
static const char db_schema_v10[] =
	"CREATE TABLE sync_source ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL,"
	" url TEXT NOT NULL,"
	" login TEXT NOT NULL,"
	" mark INTEGER NOT NULL DEFAULT 0,"
	" last_sync INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (kind, url, login)"
	");"
	"CREATE TABLE sync_feed ("
	" feed_id INTEGER PRIMARY KEY REFERENCES feed(id) ON DELETE CASCADE,"
	" source_id INTEGER NOT NULL REFERENCES sync_source(id)"
	"  ON DELETE CASCADE,"
	" remote_id TEXT NOT NULL,"
	" category TEXT,"
	" position INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE UNIQUE INDEX sync_feed_remote ON sync_feed(source_id, remote_id);"
	"CREATE TABLE sync_item ("
	" item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,"
	" source_id INTEGER NOT NULL,"
	" remote_id INTEGER NOT NULL"
	");"
	"CREATE UNIQUE INDEX sync_item_remote ON sync_item(source_id, remote_id);"
	"CREATE TABLE sync_change ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL,"
	" remote_id INTEGER NOT NULL,"
	" field INTEGER NOT NULL,"
	" value INTEGER NOT NULL,"
	" changed INTEGER NOT NULL,"
	" UNIQUE (source_id, remote_id, field)"
	");";

/*
 * Version 11: the search stemmer cuts a suffix only when it leaves three
 * letters that are not a stop stem (arabic.c), so the words indexed
 * before are not the words a query looks for now: the index is emptied
 * and every item waits to be indexed again, in the background as new
 * items are (a search says how many wait), not while the cache opens.
 */
static const char db_schema_v11[] =
	"INSERT INTO item_fts(item_fts) VALUES ('delete-all');"
	"INSERT OR IGNORE INTO fts_pending (item_id) SELECT id FROM item;";

/*
 * Version 12: a smaller index (issue 20). The body is item_fts's first
 * column: FTS5 marks every position list of another column with two bytes
 * per word and item, and nearly all words are the body's. A word that is
 * its own stem is indexed once ("=" and itself) instead of twice
 * (db-search.c). The index of the benchmark's 10 000 items went from
 * 15.5 MB to 10.6 MB with the body first, and to 8.3 MB with each word
 * once when it is its own stem. The old index is dropped and every item
 * waits to be indexed again in the background, as in version 11; read
 * and starred states are the items' own and do not move.
 *
 * Bodies are stored compressed from now on (db-pack.c): item.summary and
 * item.content hold TEXT as before or a BLOB, zstd with a dictionary of
 * pack_dict. Bodies stored before stay TEXT.
 */
static const char db_schema_v12[] =
	"DROP TABLE item_fts;"
	"CREATE VIRTUAL TABLE item_fts USING fts5(body, title,"
	" content = 'item_text', content_rowid = 'id', tokenize = 'akhbar');"
	"INSERT OR IGNORE INTO fts_pending (item_id) SELECT id FROM item;"
	"CREATE TABLE IF NOT EXISTS pack_dict (id INTEGER PRIMARY KEY, data BLOB NOT NULL);";

static const char *db_schema_steps[] = {
	db_schema_v1,	/* 0 -> 1 */
	db_schema_v2,	/* 1 -> 2 */
	db_schema_v3,	/* 2 -> 3 */
	db_schema_v4,	/* 3 -> 4 */
	db_schema_v5,	/* 4 -> 5 */
	db_schema_v6,	/* 5 -> 6 */
	db_schema_v7,	/* 6 -> 7 */
	db_schema_v8,	/* 7 -> 8 */
	db_schema_v9,	/* 8 -> 9 */
	db_schema_v10,	/* 9 -> 10 */
	db_schema_v11,	/* 10 -> 11 */
	db_schema_v12,	/* 11 -> 12 */
};
_Static_assert(sizeof db_schema_steps / sizeof db_schema_steps[0] ==
    DB_SCHEMA_VERSION, "one migration step per schema version");

static int
db_schema_version(struct db *db, int *version, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(db->sq, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "read the schema version", cause));
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return (db_fail(db, rc, "read the schema version", cause));
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (0);
}

static int
db_schema_tables(struct db *db, int *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(db->sq, "SELECT count(*) FROM sqlite_master",
	    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "read the schema", cause));
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return (db_fail(db, rc, "read the schema", cause));
	}
	*n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (0);
}

static int
db_schema_check(struct db *db, int version, char **cause)
{
	int	ntables = 0;

	if (version > DB_SCHEMA_VERSION) {
		xasprintf(cause, "%s was written by a newer akhbar (cache "
		    "version %d, this akhbar knows up to %d); it is left as "
		    "it is: use the newer akhbar, or move the file aside to "
		    "start a new cache", db->path, version, DB_SCHEMA_VERSION);
		return (-1);
	}
	if (version == 0) {
		if (db_schema_tables(db, &ntables, cause) != 0)
			return (-1);
		if (ntables != 0) {
			xasprintf(cause, "%s is an SQLite database but not an "
			    "akhbar cache; it is left as it is: name another "
			    "file with --cache", db->path);
			return (-1);
		}
	}
	return (0);
}

/* Bring the schema up to DB_SCHEMA_VERSION in one transaction. */
int
db_schema_migrate(struct db *db, char **cause)
{
	return (db_schema_migrate_to(db, DB_SCHEMA_VERSION, cause));
}

/* Bring the schema up to version target (tests make older caches with it). */
int
db_schema_migrate_to(struct db *db, int target, char **cause)
{
	char	sql[64];
	int	version, v;

	if (db_schema_version(db, &version, cause) != 0)
		return (-1);
	if (db_schema_check(db, version, cause) != 0)
		return (-1);
	if (version >= target)
		return (0);
	if (db->flags & DB_READONLY) {
		if (version == 0)
			xasprintf(cause, "%s is empty: no cache yet", db->path);
		else {
			xasprintf(cause, "%s is an older cache (version %d) "
			    "that must be upgraded; run akhbar once without "
			    "read-only options", db->path, version);
		}
		return (-1);
	}

	if (db_exec(db, "BEGIN IMMEDIATE", cause) != 0)
		return (-1);
	/* Another process may have migrated it while we waited. */
	if (db_schema_version(db, &version, cause) != 0 ||
	    db_schema_check(db, version, cause) != 0)
		goto fail;
	for (v = version; v < target; v++) {
		if (db_exec(db, db_schema_steps[v], cause) != 0)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", target);
	if (db_exec(db, sql, cause) != 0)
		goto fail;
	if (db_exec(db, "COMMIT", cause) != 0)
		goto fail;
	return (0);

fail:
	sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
	return (-1);
}
