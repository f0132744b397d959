/*
 * A test helper for the sync tests: change and show read and starred
 * states in a cache as the interface does (db_item_set_unread,
 * db_item_set_starred, db_feed_mark_read, so the queue fills as it would).
 *
 *	sync-mark CACHE read|unread|star|unstar GUID...
 *	sync-mark CACHE feed-read FEED-URL
 *	sync-mark CACHE show		GUID UNREAD STARRED a line, then "queue N"
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/db.h"

static int64_t
find(const char *path, const char *sql, const char *key)
{
	sqlite3		*sq;
	sqlite3_stmt	*st;
	int64_t		 id = 0;

	if (sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return (0);
	if (sqlite3_prepare_v2(sq, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(sq);
	return (id);
}

static int
show(const char *path)
{
	sqlite3		*sq;
	sqlite3_stmt	*st;

	if (sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return (1);
	if (sqlite3_prepare_v2(sq, "SELECT guid, unread, starred <> 0 FROM item"
	    " ORDER BY guid", -1, &st, NULL) != SQLITE_OK)
		return (1);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s %d %d\n", sqlite3_column_text(st, 0),
		    sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(sq, "SELECT count(*) FROM sync_change", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		printf("queue %d\n", sqlite3_column_int(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(sq);
	return (0);
}

int
main(int argc, char **argv)
{
	struct db	*db;
	char		*cause = NULL;
	const char	*op;
	int64_t		 id;
	int		 i, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: sync-mark CACHE OP [ARG...]\n");
		return (2);
	}
	op = argv[2];
	if (strcmp(op, "show") == 0)
		return (show(argv[1]));
	if ((db = db_open(argv[1], 0, &cause)) == NULL) {
		fprintf(stderr, "sync-mark: %s\n", cause);
		return (1);
	}
	for (i = 3; i < argc && rc == 0; i++) {
		if (strcmp(op, "feed-read") == 0) {
			id = find(argv[1], "SELECT id FROM feed WHERE url = ?1",
			    argv[i]);
			rc = id == 0 ? -1 : db_feed_mark_read(db, id, &cause);
			continue;
		}
		id = find(argv[1], "SELECT id FROM item WHERE guid = ?1",
		    argv[i]);
		if (id == 0)
			rc = -1;
		else if (strcmp(op, "read") == 0)
			rc = db_item_set_unread(db, id, false, &cause);
		else if (strcmp(op, "unread") == 0)
			rc = db_item_set_unread(db, id, true, &cause);
		else if (strcmp(op, "star") == 0)
			rc = db_item_set_starred(db, id, true, &cause);
		else if (strcmp(op, "unstar") == 0)
			rc = db_item_set_starred(db, id, false, &cause);
		else
			rc = -1;
		if (rc != 0 && cause == NULL)
			fprintf(stderr, "sync-mark: %s: %s: no such item or "
			    "operation\n", op, argv[i]);
	}
	if (cause != NULL)
		fprintf(stderr, "sync-mark: %s\n", cause);
	free(cause);
	db_close(db);
	return (rc == 0 ? 0 : 1);
}
