/*
 * Item bodies stored compressed (db-pack.c, issue 20): they read back
 * exactly, through db_item_get, search and filters; the cache's
 * dictionary is made from its first bodies and stored with them, and a
 * rolled back transaction takes its dictionary away with its items.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "fixture-db.h"

#include "str.h"

/* Body i: a couple of kilobytes of Arabic HTML, different for each i. */
static char *
body(int i)
{
	static const char *words[] = {
		"الجيش", "البرلمان", "دمشق", "الاقتصاد", "المدارس", "قال",
		"الحكومة", "Linux", "العاصمة", "الأمطار", "<b>الطاقة</b>",
	};
	struct str	 s;
	int		 k;

	str_init(&s);
	str_printf(&s, "<p>خبر %d: ", i);
	for (k = 0; k < 180; k++)
		str_printf(&s, "%s ", words[(i * 7 + k * k) % 11]);
	str_printf(&s, "%d</p>", i * 31);
	return (str_steal(&s));
}

/* Store items first..first+n-1 in one feed transaction; commit or not. */
static int
put_items(struct db *db, int64_t feed, int first, int n, bool commit)
{
	struct item	*it;
	char		 guid[32], *b, *cause = NULL;
	int		 i, rc;

	if ((rc = db_feed_begin(db, feed, &cause)) != 0)
		goto out;
	for (i = first; i < first + n && rc == 0; i++) {
		snprintf(guid, sizeof guid, "g%d", i);
		b = body(i);
		it = fx_item(guid, guid, 1000 + i, b);
		free(b);
		rc = db_item_upsert(db, feed, it, NULL, &cause);
		item_free(it);
	}
	if (rc == 0 && commit)
		rc = db_feed_commit(db, feed, NULL, &cause);
	else
		db_feed_rollback(db);
out:
	if (rc != 0)
		diag("put: %s", cause);
	free(cause);
	return (rc);
}

/* How many of items first..first+n-1 read back as they were written. */
static int
read_back(struct db *db, int first, int n)
{
	struct item	*it;
	char		 sql[96], *b, *cause = NULL;
	int		 i, same = 0;
	int64_t		 id;

	for (i = first; i < first + n; i++) {
		snprintf(sql, sizeof sql,
		    "SELECT id FROM item WHERE guid = 'g%d'", i);
		id = fx_sql_int(db, sql);
		it = NULL;
		if (db_item_get(db, id, &it, &cause) != 0) {
			diag("%s", cause);
			free(cause);
			cause = NULL;
		}
		b = body(i);
		if (it != NULL && it->summary != NULL &&
		    strcmp(it->summary, b) == 0)
			same++;
		free(b);
		item_free(it);
	}
	return (same);
}

static void
test_pack(void)
{
	struct db		*db, *ro;
	struct db_item_row	*rows;
	char			*path, *cause = NULL;
	size_t			 n;
	int64_t			 a, left, bytes, blobs;

	db = fx_open("pack.db", &path);
	a = fx_feed(db, FX_A);
	ok(put_items(db, a, 0, 300, true) == 0, "300 items of 2 kB stored");
	is_int(fx_sql_int(db, "SELECT count(*) FROM pack_dict"), 1,
	    "the cache made one dictionary of its first bodies");
	blobs = fx_sql_int(db, "SELECT count(*) FROM item"
	    " WHERE typeof(summary) = 'blob'");
	ok(blobs > 200 && blobs < 300, "most bodies are packed (%lld), the "
	    "first ones, which made the dictionary, are not",
	    (long long)blobs);
	bytes = fx_sql_int(db, "SELECT sum(length(summary)) FROM item"
	    " WHERE typeof(summary) = 'blob'");
	ok(blobs > 0 && bytes / blobs < 600,
	    "a packed body takes %lld bytes on average",
	    (long long)(blobs ? bytes / blobs : 0));
	is_int(read_back(db, 0, 300), 300, "every body reads back exactly");
	fx_is_sql(db, "SELECT count(*) FROM item WHERE"
	    " akhbar_unpack(summary) = akhbar_text(summary, 0, NULL, 0)"
	    " AND akhbar_unpack(summary) LIKE '<p>خبر %'", "300",
	    "akhbar_unpack and akhbar_text read packed bodies");
	db_search_index_pending(db, 1000, &left, &cause);
	db_search_page(db, "\"خبر 299\"", DB_PAGE_FIRST, NULL, 10, &rows, &n,
	    &cause);
	ok(n == 1 && strcmp(rows[0].title, "g299") == 0,
	    "a phrase of a packed body is found");
	db_item_rows_free(rows, n);
	ok(sqlite3_exec(db->sq, "INSERT INTO item_fts(item_fts) "
	    "VALUES('integrity-check')", NULL, NULL, NULL) == SQLITE_OK,
	    "the index over packed bodies is sound");

	/* Another connection reads them with the stored dictionary. */
	ro = db_open(path, DB_READONLY, &cause);
	ok(ro != NULL && read_back(ro, 0, 300) == 300,
	    "a read-only connection reads them back too");
	db_close(ro);

	/* A changed item: its old words leave the index (a trigger unpacks). */
	fx_put(db, a, fx_item("g5", "g5", 1005, "<p>سلام</p>"), NULL);
	db_search_index_pending(db, 1000, &left, &cause);
	db_search_page(db, "\"خبر 5\"", DB_PAGE_FIRST, NULL, 10, &rows, &n,
	    &cause);
	is_int((int64_t)n, 0, "a changed packed body's words are gone");
	db_item_rows_free(rows, n);
	ok(sqlite3_exec(db->sq, "INSERT INTO item_fts(item_fts) "
	    "VALUES('integrity-check')", NULL, NULL, NULL) == SQLITE_OK,
	    "... and the index is sound");
	db_close(db);
	free(path);
}

static void
test_rollback(void)
{
	struct db	*db;
	char		*path;
	int64_t		 a;

	db = fx_open("pack-rollback.db", &path);
	a = fx_feed(db, FX_A);
	put_items(db, a, 0, 200, false);
	is_int(fx_sql_int(db, "SELECT count(*) FROM pack_dict"), 0,
	    "a rolled back transaction takes its dictionary with it");
	ok(put_items(db, a, 200, 200, true) == 0, "the next one stores");
	is_int(fx_sql_int(db, "SELECT count(*) FROM item WHERE"
	    " typeof(summary) = 'blob' AND unicode(summary) NOT IN"
	    " (SELECT id FROM pack_dict)"), 0,
	    "... naming only a dictionary that is stored");
	is_int(read_back(db, 200, 200), 200, "... and reads back exactly");
	db_close(db);

	/* Reopened, the writer packs with the stored dictionary. */
	if ((db = db_open(path, 0, NULL)) == NULL) {
		ok(0, "reopen");
		free(path);
		return;
	}
	put_items(db, a, 400, 50, true);
	is_int(fx_sql_int(db, "SELECT count(*) FROM pack_dict"), 1,
	    "a reopened cache keeps its one dictionary");
	is_int(fx_sql_int(db, "SELECT count(*) FROM item WHERE"
	    " typeof(summary) = 'blob' AND guid >= 'g400'"), 50,
	    "... and packs every body with it at once");
	is_int(read_back(db, 0, 450) - read_back(db, 0, 200), 250,
	    "every stored body reads back");
	db_close(db);
	free(path);
}

int
main(void)
{
	fx_init("db-pack");
	test_pack();
	test_rollback();
	return (fx_done());
}
