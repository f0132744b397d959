/*
 * Upkeep of the cache file: --vacuum rebuilds it without its free pages
 * and empties the write-ahead log, so that what the file weighs is what
 * it holds.
 */
#include "config.h"

#include <sqlite3.h>

#include "db.h"
#include "db-priv.h"

/* Compact the cache: VACUUM, then a truncating checkpoint of the log. */
int
db_maint_vacuum(struct db *db, char **cause)
{
	int	rc;

	if (db->in_feed || db->in_batch)
		return (db_fail(db, SQLITE_BUSY, "vacuum", cause));
	/*
	 * VACUUM copies the whole cache into a temporary database first:
	 * with temp_store = MEMORY that copy was in memory (1.7 GB of peak
	 * RSS for a 1.8 GB cache of a million items); in a file it is not.
	 */
	if (db_exec(db, "PRAGMA temp_store = FILE", cause) != 0)
		return (-1);
	rc = db_exec(db, "VACUUM", cause);
	sqlite3_exec(db->sq, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (rc != 0)
		return (-1);
	rc = sqlite3_wal_checkpoint_v2(db->sq, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "checkpoint", cause));
	return (0);
}

/*
 * A feed's settings from the urls file: keep= (its own max_items, 0 for
 * the global one) and, when dir= is given (dir >= 0, an enum feed_dir),
 * its direction, as the interface's d key sets it (FEED_DIR_AUTO: none).
 */
int
db_maint_feed_options(struct db *db, const char *url, int max_items,
    int dir, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(db->sq, dir >= 0 ?
	    "UPDATE feed SET max_items = ?2, dir_override = NULLIF(?3, 0)"
	    " WHERE url = ?1 AND (max_items <> ?2 OR"
	    " dir_override IS NOT NULLIF(?3, 0))" :
	    "UPDATE feed SET max_items = ?2 WHERE url = ?1 AND max_items <> ?2",
	    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "feed options", cause));
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max_items > 0 ? max_items : 0);
	if (dir >= 0)
		sqlite3_bind_int(st, 3, dir);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return (db_fail(db, rc, "feed options", cause));
	return (0);
}
