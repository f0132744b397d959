/*
 * Tags in the cache: the urls file's tags with their feeds' counts, for
 * the interface's tag list. Which feeds have a tag is set by
 * db_feed_sync (db-feed.c); the items of a tag are DB_LIST_TAG pages
 * (db-item.c), read from tag_item.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>

#include "db-priv.h"
#include "xmalloc.h"

/* Read one tag row. */
static void
db_tag_row_read(sqlite3_stmt *st, struct db_tag_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->name = db_column_strdup(st, 1);
	r->feeds = sqlite3_column_int64(st, 2);
	r->unread = sqlite3_column_int64(st, 3);
	r->total = sqlite3_column_int64(st, 4);
}

/*
 * Every tag of the urls file, by name, with how many feeds have it and
 * their unread and total items: a sum over the copies of the tagged
 * feeds' counts in feed_tag, one scan of it whatever the number of items
 * (*rows is NULL when there is none).
 */
int
db_tag_list(struct db *db, struct db_tag_row **out, size_t *nout,
    char **cause)
{
	struct db_tag_row	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*nout = 0;
	st = db_prepare(db, DB_STMT_TAG_LIST,
	    "SELECT t.id, t.name, s.feeds, s.unread, s.total FROM"
	    " (SELECT tag_id, count(*) AS feeds, sum(unread) AS unread,"
	    "  sum(total) AS total FROM feed_tag GROUP BY tag_id) s"
	    " CROSS JOIN tag t ON t.id = s.tag_id ORDER BY t.name, t.id",
	    cause);
	if (st == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap != 0 ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		db_tag_row_read(st, &v[n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_tag_rows_free(v, n);
		return (db_fail(db, rc, "read tags", cause));
	}
	*out = v;
	*nout = n;
	return (0);
}

/* Free rows from db_tag_list. */
void
db_tag_rows_free(struct db_tag_row *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}
