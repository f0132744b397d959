/*
 * The writing end of the queue of changes for a sync source (sync_change,
 * db-schema.c version 9). db_item_set_unread, db_item_set_starred and
 * db_feed_mark_read call it inside the transaction that changes the item,
 * so a change is queued exactly when it is stored: a crash keeps both or
 * neither. Only items that came from a source (they have a sync_item row)
 * are queued; for any other item the statement finds nothing to insert.
 * States that a sync applies from the server (db->sync_remote) are not
 * queued: they are the server's already. The reading end is db-sync.c.
 */
#include "config.h"

#include "db.h"

#include "db-priv.h"

/*
 * Queue a change of one item's field to value, replacing an older change
 * of the same field not sent yet (in the caller's transaction).
 */
int
db_queue_item(struct db *db, int64_t item, enum db_sync_field field,
    bool value, char **cause)
{
	sqlite3_stmt	*st;

	if (db->sync_remote)
		return (0);
	st = db_prepare(db, DB_STMT_QUEUE_ITEM,
	    "INSERT OR REPLACE INTO sync_change"
	    " (source_id, remote_id, field, value, changed)"
	    " SELECT source_id, remote_id, ?2, ?3, ?4 FROM sync_item"
	    " WHERE item_id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int(st, 2, (int)field);
	sqlite3_bind_int(st, 3, value ? 1 : 0);
	sqlite3_bind_int64(st, 4, db_now());
	return (db_step_done(db, st, "queue a change", cause));
}

/*
 * Queue "read" for every unread item of a feed that came from a source
 * (feed 0: of every feed), before db_feed_mark_read marks them, in its
 * transaction.
 */
int
db_queue_feed_read(struct db *db, int64_t feed, char **cause)
{
	sqlite3_stmt	*st;

	if (db->sync_remote)
		return (0);
	if (feed == 0) {
		st = db_prepare(db, DB_STMT_QUEUE_ALL,
		    "INSERT OR REPLACE INTO sync_change"
		    " (source_id, remote_id, field, value, changed)"
		    " SELECT s.source_id, s.remote_id, 0, 0, ?1"
		    " FROM sync_item s CROSS JOIN item i ON i.id = s.item_id"
		    " WHERE i.unread = 1", cause);
	} else {
		/* Nothing to look at for a feed that is not a source's. */
		st = db_prepare(db, DB_STMT_QUEUE_FEED,
		    "INSERT OR REPLACE INTO sync_change"
		    " (source_id, remote_id, field, value, changed)"
		    " SELECT s.source_id, s.remote_id, 0, 0, ?1"
		    " FROM item i CROSS JOIN sync_item s ON s.item_id = i.id"
		    " WHERE i.feed_id = ?2 AND i.unread = 1"
		    " AND EXISTS (SELECT 1 FROM sync_feed WHERE feed_id = ?2)",
		    cause);
	}
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, db_now());
	if (feed != 0)
		sqlite3_bind_int64(st, 2, feed);
	return (db_step_done(db, st, "queue a change", cause));
}
