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
	if (db_exec(db, "VACUUM", cause) != 0)
		return (-1);
	rc = sqlite3_wal_checkpoint_v2(db->sq, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "checkpoint", cause));
	return (0);
}
