/*
 * Opening the cache, the top of the db family: a connection from db.c,
 * the SQL functions and the tokenizer the schema names (db-search.c,
 * db-pack.c),
 * then the schema brought up to date (db-schema.c). Nothing else of the
 * family calls into this file; see db-priv.h for the whole call graph.
 */
#include "config.h"

#include "db.h"

#include <stddef.h>

#include "db-priv.h"

/*
 * Open the cache at path (created when missing unless DB_READONLY),
 * bringing its schema up to date; NULL with a reason on failure.
 */
struct db *
db_open(const char *path, int flags, char **cause)
{
	struct db	*db;
	int		 rc;

	if ((db = db_connect(path, flags, cause)) == NULL)
		return (NULL);
	/* Before the schema: its view and index name what these register. */
	if ((rc = db_pack_register(db)) != SQLITE_OK) {
		db_fail(db, rc, "register akhbar_unpack", cause);
		db_close(db);
		return (NULL);
	}
	if (db_search_register(db, cause) != 0 ||
	    db_schema_migrate(db, cause) != 0) {
		db_close(db);
		return (NULL);
	}
	return (db);
}
