/*
 * Search results as a stream: one statement stepped page by page for all
 * the results of a query (akhbar --search), newest first or best match
 * first, restricted inside the query to some feeds' items, with memory
 * that does not grow with the rows read (no row is kept once handed
 * over; the statement holds a set of the matching ids, a few bytes each,
 * and DB_SS_CHUNK rows are read ahead); and the choice, for a stream or
 * for one page of db_search_page, between looking each match up and
 * walking the date index.
 *
 * What it costs (tests/bench, doc/performance.md): reading the FTS5
 * doclist of a word is some 0.15 us a match, walking an entry of an
 * index 0.4 us, but reading an item's row 10 us or more, because a row
 * holds its summary and content and shares its page with few others, so
 * every row read is a page read. Both plans read a row only for a match
 * that is returned; looking up reads every match's row and sorts them,
 * walking the date index skips the items that do not match on the index
 * alone. Restricted to a few feeds, the matching ids are first narrowed
 * to those feeds' on their (feed_id, sort_date) index, again without
 * reading a row, so that a search that matches nothing there answers in
 * a few milliseconds however much it matches elsewhere.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db-priv.h"
#include "str.h"
#include "xmalloc.h"

/* Matches counted at most before a plan is chosen. */
#define DB_SEARCH_STREAM_CAP	4000

/* Costs of one step, in hundredths of a microsecond (measured, above). */
#define DB_SEARCH_COST_ROW	1000	/* an item's row read */
#define DB_SEARCH_COST_ENTRY	40	/* an index entry walked */

/* The ids of what FTS5 matches. */
#define DB_SS_MATCH	"SELECT rowid FROM item_fts WHERE item_fts MATCH :q"
/* ... of the listed feeds' items, from their index alone. */
#define DB_SS_LISTED \
	"SELECT j.id FROM item j INDEXED BY item_feed_date" \
	" WHERE j.feed_id IN (SELECT id FROM temp.search_feed)" \
	" AND j.id IN (" DB_SS_MATCH ")"
#define DB_SS_FEED_CHECK \
	" AND i.feed_id IN (SELECT id FROM temp.search_feed)"
/* The ids of the results in order: newest first, or best match first. */
#define DB_SS_KEYS \
	"SELECT i.id FROM item i %s WHERE i.id IN (%s)" \
	" ORDER BY i.sort_date DESC, i.id DESC"
#define DB_SS_RANK \
	"SELECT rowid FROM item_fts WHERE item_fts MATCH :q%s ORDER BY rank"
/* A result's row. */
#define DB_SS_ROW \
	DB_ITEM_ROW " FROM item i CROSS JOIN feed f ON f.id = i.feed_id" \
	" WHERE i.id = :id"

/* Results read ahead: their rows are read in id order (see above). */
#define DB_SS_CHUNK	2000

/* How the stream finds the listed feeds' items. */
enum db_ss_feeds {
	DB_SS_ALL = 0,		/* every feed's */
	DB_SS_NARROW,		/* the listed feeds' ids, then the rows */
	DB_SS_CHECK		/* every match, each row's feed checked */
};

/* A result's id and its place in the chunk. */
struct db_ss_key {
	int64_t		 id;
	size_t		 place;
};

struct db_search_stream {
	struct db		*db;
	sqlite3_stmt		*keys;		/* the results' ids, in order */
	sqlite3_stmt		*row;		/* one result's row */
	struct db_item_row	*buf;		/* rows read ahead, in order */
	size_t			 nbuf;
	size_t			 at;		/* the next of buf to hand over */
	struct db_ss_key	*keyv;		/* DB_SS_CHUNK ids and places */
	bool			 done;		/* no more keys */
	bool			 walk;		/* the connection set for a walk */
	bool			 listed;	/* temp.search_feed filled */
};

/* Step a one-value query (bound :q, :cap) into *v. */
static int
db_ss_value(struct db *db, const char *sql, const char *match, int64_t *v,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, i;

	*v = 0;
	rc = sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "search", cause));
	if ((i = sqlite3_bind_parameter_index(st, ":q")) != 0)
		sqlite3_bind_text(st, i, match, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":cap")) != 0)
		sqlite3_bind_int(st, i, DB_SEARCH_STREAM_CAP);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return (db_fail(db, rc, "search", cause));
	return (0);
}

/*
 * Count the matches of an FTS5 expression, at most DB_SEARCH_STREAM_CAP,
 * and say whether a page of limit rows (0: all of them) is cheaper read
 * by looking each match up (*lookup) than by walking the date index.
 */
int
db_search_stream_plan(struct db *db, const char *match, int limit,
    int64_t *count, bool *lookup, char **cause)
{
	int64_t	items, walked;

	*lookup = true;
	if (db_ss_value(db, "SELECT count(*) FROM (" DB_SS_MATCH
	    " LIMIT :cap)", match, count, cause) != 0)
		return (-1);
	if (*count == 0)
		return (0);
	if (*count >= DB_SEARCH_STREAM_CAP) {
		*lookup = false;
		return (0);
	}
	/* A whole stream: looking up reads no row more, and sorts few. */
	if (limit <= 0)
		return (0);
	if (db_ss_value(db, "SELECT COALESCE(sum(total), 0) FROM feed", NULL,
	    &items, cause) != 0)
		return (-1);
	/* The walk goes as far down the index as the page takes. */
	walked = items / *count * limit;
	if (walked > items)
		walked = items;
	*lookup = *count * DB_SEARCH_COST_ROW <= walked * DB_SEARCH_COST_ENTRY;
	return (0);
}

/* Put the feeds into temp.search_feed; how many items they hold. */
static int
db_ss_list(struct db_search_stream *s, const int64_t *feeds, size_t nfeeds,
    int64_t *items, char **cause)
{
	struct db	*db = s->db;
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS search_feed"
	    " (id INTEGER PRIMARY KEY); DELETE FROM temp.search_feed", cause) != 0)
		return (-1);
	s->listed = true;
	rc = sqlite3_prepare_v2(db->sq, "INSERT OR IGNORE INTO"
	    " temp.search_feed (id) VALUES (?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "search", cause));
	for (i = 0; i < nfeeds; i++) {
		sqlite3_bind_int64(st, 1, feeds[i]);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return (db_fail(db, rc, "search", cause));
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (db_ss_value(db, "SELECT COALESCE(sum(f.total), 0)"
	    " FROM temp.search_feed s CROSS JOIN feed f ON f.id = s.id", NULL,
	    items, cause));
}

/* Choose how to find the listed feeds' matches, and count them. */
static int
db_ss_feeds(struct db_search_stream *s, const struct db_search_spec *spec,
    const char *match, enum db_ss_feeds *how, int64_t *count, char **cause)
{
	int64_t	listed, items;

	*how = DB_SS_ALL;
	*count = DB_SEARCH_STREAM_CAP;
	if (spec->feeds == NULL)
		return (0);
	if (spec->nfeeds == 0) {
		*count = 0;
		return (0);
	}
	if (db_ss_list(s, spec->feeds, spec->nfeeds, &listed, cause) != 0 ||
	    db_ss_value(s->db, "SELECT COALESCE(sum(total), 0) FROM feed",
	    NULL, &items, cause) != 0)
		return (-1);
	if (listed == 0) {
		*count = 0;
		return (0);
	}
	if (listed >= items)
		return (0);	/* every item's feed is listed */
	if (listed * 2 > items) {
		*how = DB_SS_CHECK;
		return (0);
	}
	*how = DB_SS_NARROW;
	return (db_ss_value(s->db, "SELECT count(*) FROM (" DB_SS_LISTED
	    " LIMIT :cap)", match, count, cause));
}

/*
 * Start reading the results of a search; NULL with a reason (English)
 * when the query does not read or the cache fails. A search that matches
 * nothing costs no more than counting its matches.
 */
struct db_search_stream *
db_search_stream_open(struct db *db, const struct db_search_spec *spec,
    char **cause)
{
	struct db_search_stream	*s;
	struct db_search_query	*sq;
	enum db_ss_feeds	 how;
	const char		*match, *check;
	char			*sql = NULL;
	int64_t			 count, fts;
	long			 col;
	bool			 lookup;
	int			 kind, rc, i;

	if ((sq = db_search_query_parse(spec->query, &kind, &col)) == NULL) {
		*cause = db_search_query_cause(spec->query, kind, col);
		return (NULL);
	}
	match = db_search_query_match(sq);
	s = xcalloc(1, sizeof *s);
	s->db = db;
	/*
	 * A stream may read most of the item table once: through the memory
	 * map every page it touched would stay resident (the whole cache,
	 * hundreds of MB); read into a small page cache they do not.
	 */
	if (db_walk(db, true, cause) != 0)
		goto fail;
	s->walk = true;
	if (db_ss_feeds(s, spec, match, &how, &count, cause) != 0)
		goto fail;
	if (count != 0 && how != DB_SS_NARROW) {
		if (db_search_stream_plan(db, match, 0, &fts, &lookup,
		    cause) != 0)
			goto fail;
		count = fts;
	}
	if (count == 0) {
		/* Nothing matches: no statement, the stream is empty. */
		db_search_query_free(sq);
		return (s);
	}
	lookup = count < DB_SEARCH_STREAM_CAP;
	check = how == DB_SS_CHECK ? DB_SS_FEED_CHECK : "";
	if (spec->order == DB_SEARCH_BY_RANK)
		xasprintf(&sql, DB_SS_RANK, how == DB_SS_NARROW ?
		    " AND +rowid IN (" DB_SS_LISTED ")" : "");
	else
		xasprintf(&sql, DB_SS_KEYS, lookup ? "NOT INDEXED" :
		    "INDEXED BY item_date", how == DB_SS_NARROW ? DB_SS_LISTED :
		    DB_SS_MATCH);
	rc = sqlite3_prepare_v2(db->sq, sql, -1, &s->keys, NULL);
	free(sql);
	xasprintf(&sql, "%s%s", DB_SS_ROW, check);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->sq, sql, -1, &s->row, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "search", cause);
		goto fail;
	}
	if ((i = sqlite3_bind_parameter_index(s->keys, ":q")) != 0)
		sqlite3_bind_text(s->keys, i, match, -1, SQLITE_TRANSIENT);
	s->keyv = xreallocarray(NULL, DB_SS_CHUNK, sizeof *s->keyv);
	s->buf = xreallocarray(NULL, DB_SS_CHUNK, sizeof *s->buf);
	db_search_query_free(sq);
	return (s);

fail:
	db_search_query_free(sq);
	db_search_stream_close(s);
	return (NULL);
}

/* Free what a row read ahead holds. */
static void
db_ss_row_clear(struct db_item_row *r)
{
	free(r->feed_title);
	free(r->title);
	free(r->link);
	free(r->snippet);
	free(r->matches);
}

static int
db_ss_cmp(const void *a, const void *b)
{
	int64_t	x = ((const struct db_ss_key *)a)->id;
	int64_t	y = ((const struct db_ss_key *)b)->id;

	return ((x > y) - (x < y));
}

/*
 * Read ahead the next chunk of results: their ids in order, then their
 * rows in id order, which is the order of the table's pages (a feed's
 * items stand together there), so that each page is read once for all
 * its rows of the chunk rather than once for each.
 */
static int
db_ss_fill(struct db_search_stream *s, char **cause)
{
	struct db_item_row	*r;
	size_t			 n = 0, i, k;
	int			 rc = SQLITE_DONE;

	s->nbuf = s->at = 0;
	while (n < DB_SS_CHUNK && (rc = sqlite3_step(s->keys)) == SQLITE_ROW) {
		s->keyv[n].id = sqlite3_column_int64(s->keys, 0);
		s->keyv[n].place = n;
		n++;
	}
	if (n < DB_SS_CHUNK) {
		s->done = true;
		if (rc != SQLITE_DONE)
			return (db_fail(s->db, rc, "search", cause));
	}
	qsort(s->keyv, n, sizeof *s->keyv, db_ss_cmp);
	memset(s->buf, 0, n * sizeof *s->buf);
	for (i = 0; i < n; i++) {
		k = s->keyv[i].place;
		sqlite3_bind_int64(s->row, 1, s->keyv[i].id);
		rc = sqlite3_step(s->row);
		if (rc == SQLITE_ROW)
			db_item_row_read(s->row, &s->buf[k]);
		sqlite3_reset(s->row);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			for (k = 0; k < n; k++)
				db_ss_row_clear(&s->buf[k]);
			return (db_fail(s->db, rc, "search", cause));
		}
	}
	/* Gone since, or of a feed not listed: id 0, dropped. */
	for (i = k = 0; i < n; i++) {
		r = &s->buf[i];
		if (r->id != 0)
			s->buf[k++] = *r;
	}
	s->nbuf = k;
	return (0);
}

/*
 * Read the next rows of a stream, at most limit, without snippets
 * (db_search_snippets makes those of the rows to be shown); *n is 0 and
 * *out NULL at the end.
 */
int
db_search_stream_read(struct db_search_stream *s, int limit,
    struct db_item_row **out, size_t *n, char **cause)
{
	struct db_item_row	*v = NULL;
	size_t			 k = 0, m;

	*out = NULL;
	*n = 0;
	if (s->keys == NULL || limit <= 0)
		return (0);
	while (k < (size_t)limit) {
		if (s->at == s->nbuf) {
			if (s->done)
				break;
			if (db_ss_fill(s, cause) != 0) {
				db_item_rows_free(v, k);
				return (-1);
			}
			continue;
		}
		m = s->nbuf - s->at;
		if (m > (size_t)limit - k)
			m = (size_t)limit - k;
		v = xreallocarray(v, k + m, sizeof *v);
		memcpy(v + k, s->buf + s->at, m * sizeof *v);
		s->at += m;
		k += m;
	}
	*out = v;
	*n = k;
	return (0);
}

/* Finish a stream (NULL: nothing). */
void
db_search_stream_close(struct db_search_stream *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = s->at; i < s->nbuf; i++)
		db_ss_row_clear(&s->buf[i]);
	free(s->buf);
	free(s->keyv);
	sqlite3_finalize(s->keys);
	sqlite3_finalize(s->row);
	if (s->listed)
		db_exec(s->db, "DELETE FROM temp.search_feed", NULL);
	if (s->walk)
		db_walk(s->db, false, NULL);
	free(s);
}
