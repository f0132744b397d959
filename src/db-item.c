/*
 * Items in the cache: the upsert a feed's update is made of, read and
 * starred states, whole items for the article view, and keyset-paged
 * lists ordered by (sort_date, id) descending, each served by an index
 * (a tag's by tag_item), with their counts (from the feeds' kept counts)
 * and ranks (rows before a cursor).
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db-priv.h"
#include "xmalloc.h"

#define DB_ITEM_SEP	"\x1f"	/* joins authors and categories */

/*
 * The keyset pages of a list: rows from "from" where "where", ordered by
 * (d, i), which an index of the list orders; (:date, :id) is the cursor.
 */
#define DB_ITEM_DESC(d, i)	" ORDER BY " d " DESC, " i " DESC LIMIT :limit"
#define DB_ITEM_ASC(d, i)	" ORDER BY " d ", " i " LIMIT :limit"
#define DB_ITEM_AFTER(d, i)	" AND (" d ", " i ") < (:date, :id)"
#define DB_ITEM_BEFORE(d, i)	" AND (" d ", " i ") > (:date, :id)"
#define DB_ITEM_KEYSET(from, where, d, i) \
	DB_ITEM_ROW from where DB_ITEM_DESC(d, i), \
	DB_ITEM_ROW from where DB_ITEM_AFTER(d, i) DB_ITEM_DESC(d, i), \
	DB_ITEM_ROW from where DB_ITEM_BEFORE(d, i) DB_ITEM_ASC(d, i), \
	DB_ITEM_ROW from where DB_ITEM_ASC(d, i)

#define DB_ITEM_FROM	" FROM item i CROSS JOIN feed f ON f.id = i.feed_id "
#define DB_ITEM_PAGES(where) \
	DB_ITEM_KEYSET(DB_ITEM_FROM, where, "i.sort_date", "i.id")
/* A tag's items are listed in tag_item, keyed like a feed's index. */
#define DB_ITEM_TAG_FROM \
	" FROM tag_item t CROSS JOIN item i ON i.id = t.item_id" \
	" CROSS JOIN feed f ON f.id = i.feed_id "
#define DB_ITEM_TAG_WHERE	"WHERE t.tag_id = :feed"

/* Indexed by list * 4 + page. */
static const char *db_item_page_sql[] = {
	DB_ITEM_PAGES("WHERE i.feed_id = :feed"),
	DB_ITEM_PAGES("WHERE i.unread = 1"),
	DB_ITEM_PAGES("WHERE i.starred = 1"),
	DB_ITEM_PAGES("WHERE 1"),
	DB_ITEM_KEYSET(DB_ITEM_TAG_FROM, DB_ITEM_TAG_WHERE, "t.sort_date",
	    "t.item_id"),
};
#define DB_ITEM_LISTS \
	(sizeof db_item_page_sql / sizeof db_item_page_sql[0] / 4)
_Static_assert(DB_ITEM_LISTS == DB_LIST_TAG + 1, "four pages per list");
_Static_assert(DB_STMT_ITEM_PAGE + 4 * DB_ITEM_LISTS == DB_STMT_ITEM_PAGE_END,
    "a statement slot per page");

/*
 * Counting rows before (newer than) and after (older than, or at) a
 * cursor, at most :max of them, walking the index a page query walks.
 * Indexed by list * 2 + (0 before, 1 after).
 */
#define DB_ITEM_RANK(from, where, d, i) \
	"SELECT count(*) FROM (SELECT 1" from where \
	    " AND (" d ", " i ") > (:date, :id)" \
	    " ORDER BY " d ", " i " LIMIT :max)", \
	"SELECT count(*) FROM (SELECT 1" from where \
	    " AND (" d ", " i ") <= (:date, :id)" \
	    " ORDER BY " d " DESC, " i " DESC LIMIT :max)"
#define DB_ITEM_RANK_FROM	" FROM item i "
static const char *db_item_rank_sql[] = {
	DB_ITEM_RANK(DB_ITEM_RANK_FROM, "WHERE i.feed_id = :feed",
	    "i.sort_date", "i.id"),
	DB_ITEM_RANK(DB_ITEM_RANK_FROM, "WHERE i.unread = 1", "i.sort_date",
	    "i.id"),
	DB_ITEM_RANK(DB_ITEM_RANK_FROM, "WHERE i.starred = 1", "i.sort_date",
	    "i.id"),
	DB_ITEM_RANK(DB_ITEM_RANK_FROM, "WHERE 1", "i.sort_date", "i.id"),
	DB_ITEM_RANK(" FROM tag_item t ", DB_ITEM_TAG_WHERE, "t.sort_date",
	    "t.item_id"),
};
_Static_assert(sizeof db_item_rank_sql / sizeof db_item_rank_sql[0] ==
    2 * DB_ITEM_LISTS, "two rank queries per list");
_Static_assert(DB_STMT_ITEM_RANK + 2 * DB_ITEM_LISTS == DB_STMT_ITEM_RANK_END,
    "a statement slot per rank query");

/* The counts of each list, from the feeds' counts: (total, unread). */
static const char *db_item_count_sql[] = {
	"SELECT total, unread_count FROM feed WHERE id = :id",
	"SELECT COALESCE(sum(unread_count), 0), COALESCE(sum(unread_count), 0)"
	    " FROM feed",
	"SELECT COALESCE(sum(starred_count), 0),"
	    " COALESCE(sum(starred_unread), 0) FROM feed",
	"SELECT COALESCE(sum(total), 0), COALESCE(sum(unread_count), 0)"
	    " FROM feed",
	"SELECT COALESCE(sum(total), 0), COALESCE(sum(unread), 0)"
	    " FROM feed_tag WHERE tag_id = :id",
};
_Static_assert(sizeof db_item_count_sql / sizeof db_item_count_sql[0] ==
    DB_ITEM_LISTS, "a count query per list");
_Static_assert(DB_STMT_ITEM_COUNT + DB_ITEM_LISTS == DB_STMT_ITEM_COUNT_END,
    "a statement slot per count query");

static uint64_t
db_item_hash_bytes(uint64_t h, const void *p, size_t len)
{
	const unsigned char	*s = p;
	uint64_t		 w;

	/*
	 * Eight bytes a step, multiplied and folded: FNV-1a's byte a step
	 * was 5% of a reload's CPU. (Hashes of caches written before differ
	 * once: their items are rewritten, not marked unread, at the next
	 * fetch.)
	 */
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w ^ ((uint64_t)len << 56)) * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (h);
}

static uint64_t
db_item_hash_str(uint64_t h, const char *s)
{
	if (s == NULL)
		return (db_item_hash_bytes(h, "\0\1", 2));
	return (db_item_hash_bytes(h, s, strlen(s) + 1));
}

static uint64_t
db_item_hash_int(uint64_t h, int64_t v)
{
	return (db_item_hash_bytes(h, &v, sizeof v));
}

/* A hash of everything stored from an item, to tell when it changed. */
static int64_t
db_item_hash(const struct item *it)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	h = db_item_hash_str(h, it->title);
	h = db_item_hash_str(h, it->link);
	for (i = 0; i < it->authors.n; i++)
		h = db_item_hash_str(h, it->authors.v[i]);
	h = db_item_hash_str(h, NULL);
	for (i = 0; i < it->categories.n; i++)
		h = db_item_hash_str(h, it->categories.v[i]);
	h = db_item_hash_str(h, NULL);
	h = db_item_hash_int(h, it->published);
	h = db_item_hash_int(h, it->updated);
	h = db_item_hash_str(h, it->summary);
	h = db_item_hash_int(h, it->summary_type);
	h = db_item_hash_str(h, it->content);
	h = db_item_hash_int(h, it->content_type);
	for (i = 0; i < it->nenclosures; i++) {
		h = db_item_hash_str(h, it->enclosures[i].url);
		h = db_item_hash_str(h, it->enclosures[i].type);
		h = db_item_hash_int(h, it->enclosures[i].length);
	}
	h = db_item_hash_str(h, it->language);
	h = db_item_hash_int(h, it->dir);
	return ((int64_t)h);
}

static char *
db_item_join(const struct strv *v)
{
	struct str	s;
	size_t		i;

	if (v->n == 0)
		return (NULL);
	str_init(&s);
	for (i = 0; i < v->n; i++) {
		if (i != 0)
			str_appends(&s, DB_ITEM_SEP);
		str_appends(&s, v->v[i]);
	}
	return (str_steal(&s));
}

static void
db_item_split(struct strv *v, const char *s)
{
	size_t	n;

	if (s == NULL)
		return;
	for (;;) {
		n = strcspn(s, DB_ITEM_SEP);
		strv_add_owned(v, xstrndup(s, n));
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
}

/*
 * The upsert runs for every item of every fetch, so its statements bind
 * by number (a name is looked up by a linear scan): the SQL below uses
 * ?1 to ?17 in this order.
 */
enum db_item_param {
	DB_ITEM_P_TITLE = 1,
	DB_ITEM_P_LINK,
	DB_ITEM_P_AUTHORS,
	DB_ITEM_P_CATEGORIES,
	DB_ITEM_P_PUBLISHED,
	DB_ITEM_P_UPDATED,
	DB_ITEM_P_SUMMARY,
	DB_ITEM_P_SUMMARY_TYPE,
	DB_ITEM_P_CONTENT,
	DB_ITEM_P_CONTENT_TYPE,
	DB_ITEM_P_LANGUAGE,
	DB_ITEM_P_DIR,
	DB_ITEM_P_HASH,		/* 13 */
	DB_ITEM_P_FEED,		/* 14 */
	DB_ITEM_P_GUID,		/* 15 */
	DB_ITEM_P_NOW,		/* 16 */
	DB_ITEM_P_ID		/* 17 */
};

static void
db_item_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static void
db_item_bind_date(sqlite3_stmt *st, int i, int64_t t)
{
	if (t == FEED_TIME_UNKNOWN)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}

/* Bind the columns the insert and the update share, bodies packed. */
static int
db_item_bind(struct db *db, sqlite3_stmt *st, const struct item *it,
    char *authors, char *categories, int64_t hash, char **cause)
{
	int	rc;

	db_item_bind_text(st, DB_ITEM_P_TITLE, it->title);
	db_item_bind_text(st, DB_ITEM_P_LINK, it->link);
	db_item_bind_text(st, DB_ITEM_P_AUTHORS, authors);
	db_item_bind_text(st, DB_ITEM_P_CATEGORIES, categories);
	db_item_bind_date(st, DB_ITEM_P_PUBLISHED, it->published);
	db_item_bind_date(st, DB_ITEM_P_UPDATED, it->updated);
	sqlite3_bind_int(st, DB_ITEM_P_SUMMARY_TYPE, it->summary_type);
	sqlite3_bind_int(st, DB_ITEM_P_CONTENT_TYPE, it->content_type);
	db_item_bind_text(st, DB_ITEM_P_LANGUAGE, it->language);
	sqlite3_bind_int(st, DB_ITEM_P_DIR, it->dir);
	sqlite3_bind_int64(st, DB_ITEM_P_HASH, hash);
	if ((rc = db_pack_bind(db, st, DB_ITEM_P_SUMMARY,
	    it->summary)) != SQLITE_OK ||
	    (rc = db_pack_bind(db, st, DB_ITEM_P_CONTENT,
	    it->content)) != SQLITE_OK)
		return (db_fail(db, rc, "store the bodies' dictionary", cause));
	return (0);
}

static int
db_item_enclosures(struct db *db, int64_t id, const struct item *it,
    bool replace, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (replace) {
		st = db_prepare(db, DB_STMT_ITEM_ENC_DELETE,
		    "DELETE FROM enclosure WHERE item_id = :id", cause);
		if (st == NULL)
			return (-1);
		db_bind_int(st, ":id", id);
		if (db_step_done(db, st, "store enclosures", cause) != 0)
			return (-1);
	}
	for (i = 0; i < it->nenclosures; i++) {
		if (it->enclosures[i].url == NULL)
			continue;
		st = db_prepare(db, DB_STMT_ITEM_ENC_INSERT,
		    "INSERT INTO enclosure (item_id, url, type, length)"
		    " VALUES (:id, :url, :type, :length)", cause);
		if (st == NULL)
			return (-1);
		db_bind_int(st, ":id", id);
		db_bind_text(st, ":url", it->enclosures[i].url);
		db_bind_text(st, ":type", it->enclosures[i].type);
		db_bind_int(st, ":length", it->enclosures[i].length);
		if (db_step_done(db, st, "store enclosures", cause) != 0)
			return (-1);
	}
	return (0);
}

/* The date an item is listed by: published, else updated, else seen. */
static int64_t
db_item_date(const struct item *it, int64_t seen)
{
	if (it->published != FEED_TIME_UNKNOWN)
		return (it->published);
	if (it->updated != FEED_TIME_UNKNOWN)
		return (it->updated);
	return (seen);
}

/* Move an item whose date changed in its feed's tags' lists. */
static int
db_item_retag(struct db *db, int64_t id, int64_t old, int64_t date,
    char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < db->ntags; i++) {
		st = db_prepare(db, DB_STMT_ITEM_TAG_DATE,
		    "UPDATE tag_item SET sort_date = ?4"
		    " WHERE tag_id = ?1 AND sort_date = ?2 AND item_id = ?3",
		    cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, db->tags[i]);
		sqlite3_bind_int64(st, 2, old);
		sqlite3_bind_int64(st, 3, id);
		sqlite3_bind_int64(st, 4, date);
		if (db_step_done(db, st, "update item", cause) != 0)
			return (-1);
	}
	return (0);
}

/*
 * Insert or update an item of the feed in the open transaction. An item
 * seen before is rewritten only when its content changed, keeping its
 * read and starred states; either way retention spares it this time.
 */
int
db_item_upsert(struct db *db, int64_t feed, const struct item *it,
    bool *inserted, char **cause)
{
	sqlite3_stmt	*st;
	char		*authors = NULL, *categories = NULL;
	int64_t		 hash, id = 0, old, date, seen;
	int		 rc, ret = -1;
	bool		 found;

	if (inserted != NULL)
		*inserted = false;
	if (!db->in_feed) {
		xasprintf(cause, "no feed transaction is open");
		return (-1);
	}
	if (it->guid == NULL) {
		xasprintf(cause, "an item without a guid cannot be stored");
		return (-1);
	}
	hash = db_item_hash(it);

	/* The dates too when a changed date must move the item in its tags. */
	if (db->ntags == 0)
		st = db_prepare(db, DB_STMT_ITEM_FIND, "SELECT id, hash"
		    " FROM item WHERE feed_id = ?1 AND guid = ?2", cause);
	else
		st = db_prepare(db, DB_STMT_ITEM_FIND_DATES, "SELECT id, hash,"
		    " sort_date, first_seen FROM item"
		    " WHERE feed_id = ?1 AND guid = ?2", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	db_item_bind_text(st, 2, it->guid);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return (db_fail(db, rc, "find item", cause));
	}
	found = (rc == SQLITE_ROW);
	old = date = seen = 0;
	if (found) {
		id = sqlite3_column_int64(st, 0);
		old = sqlite3_column_int64(st, 1);
		if (db->ntags != 0) {
			date = sqlite3_column_int64(st, 2);
			seen = sqlite3_column_int64(st, 3);
		}
	}
	sqlite3_reset(st);

	if (!found || old != hash) {
		authors = db_item_join(&it->authors);
		categories = db_item_join(&it->categories);
	}
	if (!found) {
		st = db_prepare(db, DB_STMT_ITEM_INSERT,
		    "INSERT INTO item (feed_id, guid, title, link, authors,"
		    " categories, published, updated, summary, summary_type,"
		    " content, content_type, language, dir, first_seen,"
		    " sort_date, hash)"
		    " VALUES (?14, ?15, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		    " ?10, ?11, ?12, ?16, COALESCE(?5, ?6, ?16), ?13)",
		    cause);
		if (st == NULL)
			goto out;
		if (db_item_bind(db, st, it, authors, categories, hash,
		    cause) != 0)
			goto out;
		sqlite3_bind_int64(st, DB_ITEM_P_FEED, feed);
		db_item_bind_text(st, DB_ITEM_P_GUID, it->guid);
		sqlite3_bind_int64(st, DB_ITEM_P_NOW, db_now());
		if (db_step_done(db, st, "store item", cause) != 0)
			goto out;
		id = sqlite3_last_insert_rowid(db->sq);
		/* Listed in its feed's tags at the commit, all at once. */
		if (db->first_new == 0)
			db->first_new = id;
		/* To be indexed for search (not a trigger: see db-schema.c). */
		st = db_prepare(db, DB_STMT_ITEM_PENDING,
		    "INSERT INTO fts_pending (item_id) VALUES (?1)", cause);
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, id);
		if (db_step_done(db, st, "store item", cause) != 0)
			goto out;
		if (db_item_enclosures(db, id, it, false, cause) != 0)
			goto out;
		db->new_items++;
		if (inserted != NULL)
			*inserted = true;
	} else if (old != hash) {
		st = db_prepare(db, DB_STMT_ITEM_UPDATE,
		    "UPDATE item SET title = ?1, link = ?2, authors = ?3,"
		    " categories = ?4, published = ?5, updated = ?6,"
		    " summary = ?7, summary_type = ?8, content = ?9,"
		    " content_type = ?10, language = ?11, dir = ?12,"
		    " hash = ?13, sort_date = COALESCE(?5, ?6, first_seen)"
		    " WHERE id = ?17", cause);
		if (st == NULL)
			goto out;
		if (db_item_bind(db, st, it, authors, categories, hash,
		    cause) != 0)
			goto out;
		sqlite3_bind_int64(st, DB_ITEM_P_ID, id);
		if (db_step_done(db, st, "update item", cause) != 0)
			goto out;
		if (db->ntags != 0 && db_item_date(it, seen) != date &&
		    db_item_retag(db, id, date, db_item_date(it, seen),
		    cause) != 0)
			goto out;
		if (db_item_enclosures(db, id, it, true, cause) != 0)
			goto out;
	}

	if (db->nseen == db->seencap) {
		db->seencap = db->seencap ? db->seencap * 2 : 256;
		db->seen = xreallocarray(db->seen, db->seencap,
		    sizeof *db->seen);
	}
	db->seen[db->nseen++] = id;
	ret = 0;

out:
	free(authors);
	free(categories);
	return (ret);
}

/* The number of unread items in the cache (from the per-feed counts). */
int
db_item_count_unread(struct db *db, int64_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, DB_STMT_ITEM_COUNT_UNREAD,
	    "SELECT COALESCE(sum(unread_count), 0) FROM feed", cause);
	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return (db_fail(db, rc, "count unread items", cause));
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return (0);
}

/* Refuse a list this build does not know. */
static int
db_item_list_check(enum db_list list, char **cause)
{
	if ((unsigned int)list >= DB_ITEM_LISTS) {
		xasprintf(cause, "no list %d", (int)list);
		return (-1);
	}
	return (0);
}

/*
 * Total and unread items of a list (id: the feed's or tag's), from the
 * counts the feeds keep: no item is read, so it costs the same for any
 * number of items (a sum over the feeds for the lists of several).
 */
int
db_item_count(struct db *db, enum db_list list, int64_t id, int64_t *total,
    int64_t *unread, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*total = *unread = 0;
	if (db_item_list_check(list, cause) != 0)
		return (-1);
	st = db_prepare(db, DB_STMT_ITEM_COUNT + list, db_item_count_sql[list],
	    cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 0);
		*unread = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (db_fail(db, rc, "count items", cause));
	return (0);
}

/*
 * Count at most max rows of a list before (side 0), or at and after
 * (side 1), a cursor.
 */
static int
db_item_rank_count(struct db *db, enum db_list list, int64_t id,
    const struct db_item_cursor *cur, int side, int64_t max, int64_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 k, rc;

	k = (int)list * 2 + side;
	st = db_prepare(db, DB_STMT_ITEM_RANK + k, db_item_rank_sql[k], cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":feed", id);
	db_bind_int(st, ":date", cur->date);
	db_bind_int(st, ":id", cur->id);
	db_bind_int(st, ":max", max);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return (db_fail(db, rc, "rank item", cause));
	return (0);
}

/*
 * How many rows of the list come before the cursor: the 0-based position
 * of the row it stands at, or of the row that would stand there. The
 * index is walked from the cursor towards the nearer end, in steps of
 * growing length on both sides, and the far side is the list's count
 * less the near side: it costs about three times the rows between the
 * cursor and the nearer end.
 */
int
db_item_rank(struct db *db, enum db_list list, int64_t id,
    const struct db_item_cursor *cur, int64_t *rank, char **cause)
{
	int64_t	 total, unread, max, n;
	bool	 began;
	int	 ret = -1;

	*rank = 0;
	if (db_item_list_check(list, cause) != 0)
		return (-1);
	if (cur == NULL) {
		xasprintf(cause, "a cursor is needed for a rank");
		return (-1);
	}
	/* The count and the walks see one snapshot. */
	db_read_begin(db, &began);
	if (db_item_count(db, list, id, &total, &unread, cause) != 0)
		goto out;
	for (max = 1024;; max *= 4) {
		if (db_item_rank_count(db, list, id, cur, 0, max, &n,
		    cause) != 0)
			goto out;
		if (n < max) {
			*rank = n;
			break;
		}
		if (db_item_rank_count(db, list, id, cur, 1, max, &n,
		    cause) != 0)
			goto out;
		if (n < max) {
			*rank = total - n;
			break;
		}
	}
	ret = 0;
out:
	db_read_end(db, began);
	return (ret);
}

static int64_t
db_item_column_date(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return (FEED_TIME_UNKNOWN);
	return (sqlite3_column_int64(st, col));
}

/* Fill a row from the DB_ITEM_ROW columns of st. */
void
db_item_row_read(sqlite3_stmt *st, struct db_item_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->feed_id = sqlite3_column_int64(st, 1);
	r->feed_title = db_column_strdup(st, 2);
	r->title = db_column_strdup(st, 3);
	r->link = db_column_strdup(st, 4);
	r->date = sqlite3_column_int64(st, 5);
	r->published = db_item_column_date(st, 6);
	r->updated = db_item_column_date(st, 7);
	r->unread = sqlite3_column_int(st, 8) != 0;
	r->starred = sqlite3_column_int(st, 9) != 0;
	r->dir = sqlite3_column_int(st, 10);
}

/* db_item_row_read for db_page_read. */
void
db_item_page_row(sqlite3_stmt *st, void *r)
{
	db_item_row_read(st, r);
}

/* db_item_rows_free for db_page_read. */
void
db_item_page_free(void *v, size_t n)
{
	db_item_rows_free(v, n);
}

/*
 * Read one page of a list of items (feed: the feed's id for DB_LIST_FEED,
 * the tag's for DB_LIST_TAG).
 * Rows come newest first whatever the direction; an empty page means the
 * cursor is at that end of the list.
 */
int
db_item_page(struct db *db, enum db_list list, int64_t feed,
    enum db_page page, const struct db_item_cursor *cur, int limit,
    struct db_item_row **out, size_t *nout, char **cause)
{
	sqlite3_stmt		*st;
	int			 k;

	*out = NULL;
	*nout = 0;
	if (limit <= 0)
		return (0);
	if ((page == DB_PAGE_NEXT || page == DB_PAGE_PREV) && cur == NULL) {
		xasprintf(cause, "a cursor is needed for that page");
		return (-1);
	}
	if (db_item_list_check(list, cause) != 0)
		return (-1);
	k = (int)list * 4 + (int)page;
	st = db_prepare(db, DB_STMT_ITEM_PAGE + k, db_item_page_sql[k], cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":feed", feed);
	db_bind_int(st, ":limit", limit);
	if (cur != NULL) {
		db_bind_int(st, ":date", cur->date);
		db_bind_int(st, ":id", cur->id);
	}
	return (db_page_read(db, st, limit, sizeof **out, page, db_item_page_row,
	    db_item_page_free, "read items", (void **)out, nout, cause));
}

/* The SQL of one paged item query. */
const char *
db_item_page_query(enum db_list list, enum db_page page)
{
	return (db_item_page_sql[(int)list * 4 + (int)page]);
}

/* The SQL that counts rows before (side 0) or at and after (1) a cursor. */
const char *
db_item_rank_query(enum db_list list, int side)
{
	return (db_item_rank_sql[(int)list * 2 + side]);
}

/* The SQL of one list's counts. */
const char *
db_item_count_query(enum db_list list)
{
	return (db_item_count_sql[list]);
}

/* The cursor an item row stands at. */
void
db_item_row_cursor(const struct db_item_row *r, struct db_item_cursor *cur)
{
	cur->date = r->date;
	cur->id = r->id;
}

/* Free rows from db_item_page or db_search_page. */
void
db_item_rows_free(struct db_item_row *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].feed_title);
		free(v[i].title);
		free(v[i].link);
		free(v[i].snippet);
		free(v[i].matches);
	}
	free(v);
}

/* Read one whole item (for the article view); *itp is NULL when it is gone. */
int
db_item_get(struct db *db, int64_t id, struct item **itp, char **cause)
{
	struct item	*it;
	sqlite3_stmt	*st;
	char		*url, *type;
	int		 rc;

	*itp = NULL;
	st = db_prepare(db, DB_STMT_ITEM_GET,
	    "SELECT guid, title, link, authors, categories, published,"
	    " updated, summary, summary_type, content, content_type,"
	    " language, dir FROM item WHERE id = :id", cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return (0);
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return (db_fail(db, rc, "read item", cause));
	}
	it = item_new();
	it->guid = db_column_strdup(st, 0);
	it->title = db_column_strdup(st, 1);
	it->link = db_column_strdup(st, 2);
	db_item_split(&it->authors, (const char *)sqlite3_column_text(st, 3));
	db_item_split(&it->categories,
	    (const char *)sqlite3_column_text(st, 4));
	it->published = db_item_column_date(st, 5);
	it->updated = db_item_column_date(st, 6);
	it->summary = db_pack_column_strdup(db, st, 7);
	it->summary_type = sqlite3_column_int(st, 8);
	it->content = db_pack_column_strdup(db, st, 9);
	it->content_type = sqlite3_column_int(st, 10);
	it->language = db_column_strdup(st, 11);
	it->dir = sqlite3_column_int(st, 12);
	sqlite3_reset(st);

	st = db_prepare(db, DB_STMT_ITEM_ENCLOSURES,
	    "SELECT url, type, length FROM enclosure WHERE item_id = :id"
	    " ORDER BY rowid", cause);
	if (st == NULL) {
		item_free(it);
		return (-1);
	}
	db_bind_int(st, ":id", id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		url = (char *)sqlite3_column_text(st, 0);
		type = (char *)sqlite3_column_text(st, 1);
		item_add_enclosure(it, url, type, sqlite3_column_int64(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		item_free(it);
		return (db_fail(db, rc, "read item", cause));
	}
	*itp = it;
	return (0);
}

/*
 * Set an item's unread or (starred true) starred flag with sql, which
 * returns the item's feed and its other flag when it changed, and count
 * the change in the feed's counts in the same transaction.
 */
static int
db_item_set(struct db *db, enum db_stmt_id id, const char *sql,
    int64_t item, bool value, bool starred, char **cause)
{
	struct db_count	 c;
	sqlite3_stmt	*st;
	int64_t		 feed, d;
	bool		 began, other;
	int		 rc;

	if (db_begin_nested(db, &began, cause) != 0)
		return (-1);
	if ((st = db_prepare(db, id, sql, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int(st, 2, value ? 1 : 0);
	rc = sqlite3_step(st);
	feed = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	other = rc == SQLITE_ROW && sqlite3_column_int(st, 1) != 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, "update item", cause);
		goto fail;
	}
	if (feed != 0) {
		d = value ? 1 : -1;
		memset(&c, 0, sizeof c);
		if (starred)
			c.starred = d;
		else
			c.unread = d;
		c.starred_unread = other ? d : 0;
		c.tags = true;
		if (db_count_add(db, feed, &c, cause) != 0)
			goto fail;
		/* For a sync source's item, the change to send (db-queue.c). */
		if (db_queue_item(db, item, starred ? DB_SYNC_STARRED :
		    DB_SYNC_UNREAD, value, cause) != 0)
			goto fail;
	}
	return (db_commit_nested(db, began, cause));

fail:
	if (began)
		db_rollback(db);
	return (-1);
}

/*
 * Mark an item read or unread, and its feed's unread counts with it (in
 * the caller's transaction, or in one of its own).
 */
int
db_item_set_unread(struct db *db, int64_t item, bool unread, char **cause)
{
	return (db_item_set(db, DB_STMT_ITEM_SET_UNREAD,
	    "UPDATE item SET unread = ?2 WHERE id = ?1 AND unread <> ?2"
	    " RETURNING feed_id, starred <> 0", item, unread, false, cause));
}

/* Star or unstar an item, and count it in its feed's starred counts. */
int
db_item_set_starred(struct db *db, int64_t item, bool starred,
    char **cause)
{
	return (db_item_set(db, DB_STMT_ITEM_SET_STARRED,
	    "UPDATE item SET starred = ?2 WHERE id = ?1 AND starred <> ?2"
	    " RETURNING feed_id, unread = 1", item, starred, true, cause));
}
