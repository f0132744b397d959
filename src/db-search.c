/*
 * Full-text search: the "akhbar" FTS5 tokenizer (arabic.c's normaliser
 * and light10 stemmer behind the fts5_tokenizer interface), the
 * akhbar_text() SQL function that turns an item's summary and content
 * into plain text and akhbar_body(), that text and its full article's
 * (db-article.c), which is what is indexed, background indexing of new and
 * changed items, and date-ordered, keyset-paged search results, with
 * snippets made for the rows that are shown. What the user types is read
 * by db-search-query.c (the search language, as FTS5's syntax).
 *
 * Every word is indexed twice at one position: its stem (what a bare word
 * in a query matches) and, colocated, "=" and its normalised form (what a
 * quoted phrase or a prefix query matches), so "الجيش" finds "والجيش" while
 * "\"الجيش\"" finds only "الجيش", "الجيشَ" and "الجيش" typed with other
 * variants.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "arabic.h"
#include "db-priv.h"
#include "utf8.h"
#include "xmalloc.h"

/* Plan 0 looks each match up and sorts; plan 1 walks the date index. */
#define DB_SEARCH_FROM(hint) \
	DB_ITEM_ROW " FROM item i " hint \
	" CROSS JOIN feed f ON f.id = i.feed_id" \
	" WHERE i.id IN (SELECT rowid FROM item_fts WHERE item_fts MATCH :q)"
#define DB_SEARCH_DESC	" ORDER BY i.sort_date DESC, i.id DESC LIMIT :limit"
#define DB_SEARCH_ASC	" ORDER BY i.sort_date, i.id LIMIT :limit"
#define DB_SEARCH_PAGES(hint) \
	DB_SEARCH_FROM(hint) DB_SEARCH_DESC, \
	DB_SEARCH_FROM(hint) " AND (i.sort_date, i.id) < (:date, :id)" \
	    DB_SEARCH_DESC, \
	DB_SEARCH_FROM(hint) " AND (i.sort_date, i.id) > (:date, :id)" \
	    DB_SEARCH_ASC, \
	DB_SEARCH_FROM(hint) DB_SEARCH_ASC

static const char *db_search_page_sql[] = {
	DB_SEARCH_PAGES("NOT INDEXED"),
	DB_SEARCH_PAGES("INDEXED BY item_date"),
};

struct db_search_tokenize {
	void		*ctx;
	int		 (*token)(void *, int, const char *, int, int, int);
	int		 mode;		/* DB_SEARCH_* below */
	char		 buf[1 + ARABIC_MAXBYTES]; /* "=" and a word */
};
#define DB_SEARCH_INDEX	0	/* stem, and "=" normalised colocated */
#define DB_SEARCH_QUERY	1	/* stem */
#define DB_SEARCH_EXACT_QUERY 2	/* "=" normalised */

static int
db_search_xcreate(void *ctx, const char **argv, int argc,
    Fts5Tokenizer **out)
{
	static int	tok;

	(void)ctx;
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)&tok;
	return (SQLITE_OK);
}

static void
db_search_xdelete(Fts5Tokenizer *t)
{
	(void)t;
}

static int
db_search_token(void *arg, const struct arabic_token *t)
{
	struct db_search_tokenize	*tz = arg;
	int				 rc;

	if (tz->mode != DB_SEARCH_EXACT_QUERY) {
		rc = tz->token(tz->ctx, 0, t->stem, (int)t->stemlen,
		    (int)t->start, (int)t->end);
		if (rc != SQLITE_OK || tz->mode == DB_SEARCH_QUERY)
			return (rc);
	}
	tz->buf[0] = '=';
	memcpy(tz->buf + 1, t->norm, t->normlen);
	return (tz->token(tz->ctx, tz->mode == DB_SEARCH_INDEX ?
	    FTS5_TOKEN_COLOCATED : 0, tz->buf, 1 + (int)t->normlen,
	    (int)t->start, (int)t->end));
}

static int
db_search_xtokenize(Fts5Tokenizer *t, void *ctx, int flags,
    const char *text, int len,
    int (*token)(void *, int, const char *, int, int, int))
{
	struct db_search_tokenize	tz;

	(void)t;
	tz.ctx = ctx;
	tz.token = token;
	tz.mode = DB_SEARCH_INDEX;
	if (flags & FTS5_TOKENIZE_QUERY) {
		tz.mode = DB_SEARCH_QUERY;
		if (len > 0 && text[0] == DB_SEARCH_QUERY_EXACT)
			tz.mode = DB_SEARCH_EXACT_QUERY;
		if (flags & FTS5_TOKENIZE_PREFIX)
			tz.mode = DB_SEARCH_EXACT_QUERY;
	}
	return (arabic_tokenize(text, len > 0 ? (size_t)len : 0,
	    db_search_token, &tz));
}

/* Decode one HTML entity at s (after '&'); returns its length or 0. */
static size_t
db_search_entity(const char *s, struct str *out)
{
	static const struct {
		const char	*name;
		const char	*text;
	} names[] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" },
		{ "quot;", "\"" }, { "apos;", "'" }, { "nbsp;", " " },
		{ "#39;", "'" },
	};
	unsigned long	 c;
	char		*end;
	size_t		 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strncmp(s, names[i].name, strlen(names[i].name)) == 0) {
			str_appends(out, names[i].text);
			return (strlen(names[i].name));
		}
	}
	if (s[0] != '#')
		return (0);
	if (s[1] == 'x' || s[1] == 'X')
		c = strtoul(s + 2, &end, 16);
	else
		c = strtoul(s + 1, &end, 10);
	if (*end != ';' || end == s + 1 || c == 0 || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return (0);
	utf8_put(out, (unsigned int)c);
	return ((size_t)(end - s) + 1);
}

/* Append text, crudely turned from HTML to plain text when html. */
static void
db_search_plain(struct str *out, const char *s, bool html)
{
	size_t	n;

	if (!html) {
		str_appends(out, s);
		return;
	}
	while (*s != '\0') {
		if (*s == '<') {
			n = strcspn(s, ">");
			s += n + (s[n] == '>');
			str_appendc(out, ' ');
		} else if (*s == '&' && (n = db_search_entity(s + 1, out)) != 0)
			s += n + 1;
		else {
			/* Text up to the next tag or entity, in one copy. */
			n = 1 + strcspn(s + 1, "<&");
			str_append(out, s, n);
			s += n;
		}
	}
}

/* Append the plain text of an item's summary and content (argv[0..3]) to s. */
static void
db_search_text_into(struct str *s, sqlite3_value **argv)
{
	const char	*summary, *content;

	summary = (const char *)sqlite3_value_text(argv[0]);
	content = (const char *)sqlite3_value_text(argv[2]);
	/* Plain text is never longer than the two texts and a newline. */
	str_reserve(s, s->len + (size_t)sqlite3_value_bytes(argv[0]) +
	    (size_t)sqlite3_value_bytes(argv[2]) + 1);
	if (summary != NULL)
		db_search_plain(s, summary,
		    sqlite3_value_int(argv[1]) == FEED_TEXT_HTML);
	if (content != NULL && (summary == NULL ||
	    strcmp(summary, content) != 0)) {
		if (s->len != 0)
			str_appendc(s, '\n');
		db_search_plain(s, content,
		    sqlite3_value_int(argv[3]) == FEED_TEXT_HTML);
	}
}

/* akhbar_text(summary, summary_type, content, content_type): plain text. */
static void
db_search_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct str	 s;

	(void)argc;
	str_init(&s);
	str_append(&s, "", 0);
	db_search_text_into(&s, argv);
	sqlite3_result_text(ctx, s.ptr, (int)s.len, free);
}

/*
 * akhbar_body(summary, summary_type, content, content_type, article): the
 * text item_fts indexes for an item, akhbar_text()'s and then, when the
 * item has a full article (article.body), its text. With a NULL article
 * it is exactly akhbar_text(), so caches indexed before articles existed
 * delete the words they indexed.
 */
static void
db_search_body(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct str	 s;

	(void)argc;
	str_init(&s);
	str_append(&s, "", 0);
	db_search_text_into(&s, argv);
	if (sqlite3_value_type(argv[4]) != SQLITE_NULL)
		db_article_body(argv[4], db_search_plain, &s);
	sqlite3_result_text(ctx, s.ptr, (int)s.len, free);
}

/* Register akhbar_text(), akhbar_body() and the "akhbar" tokenizer. */
int
db_search_register(struct db *db, char **cause)
{
	static fts5_tokenizer	 tokenizer = {
		db_search_xcreate, db_search_xdelete, db_search_xtokenize
	};
	fts5_api		*api = NULL;
	sqlite3_stmt		*st;
	int			 rc;

	rc = sqlite3_create_function(db->sq, "akhbar_text", 4,
	    SQLITE_UTF8|SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS, NULL,
	    db_search_text, NULL, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "register akhbar_text", cause));
	rc = sqlite3_create_function(db->sq, "akhbar_body", 5,
	    SQLITE_UTF8|SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS, NULL,
	    db_search_body, NULL, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "register akhbar_body", cause));
	rc = sqlite3_prepare_v2(db->sq, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "find FTS5", cause));
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL) {
		xasprintf(cause, "SQLite has no FTS5; akhbar's search needs it");
		return (-1);
	}
	rc = api->xCreateTokenizer(api, "akhbar", NULL, &tokenizer, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "register the tokenizer", cause));
	return (0);
}

/*
 * Put the newest max items waiting to be indexed into item_fts, one
 * single-row INSERT each, in ascending rowid order.
 *
 * Ascending: FTS5 writes its in-memory terms out as a new segment
 * whenever a rowid is lower than the previous one, so descending order
 * made a segment per item and the merges of thousands of tiny segments
 * took most of the indexing time. One row per statement: an INSERT ...
 * SELECT of many rows inside the transaction runs with a statement
 * journal, which (temp_store is MEMORY) keeps in memory a copy of every
 * page FTS5's flushes and merges change until the statement ends; with
 * a thousand items at a time it grew to tens of MB.
 */
static int
db_search_index_batch(struct db *db, int max, char **cause)
{
	sqlite3_stmt	*sel, *ins;
	int		 rc;

	sel = db_prepare(db, DB_STMT_SEARCH_PENDING,
	    "SELECT i.id, i.title, akhbar_body(i.summary,"
	    "  i.summary_type, i.content, i.content_type, a.body)"
	    " FROM fts_pending p CROSS JOIN item i ON i.id = p.item_id"
	    " LEFT JOIN article a ON a.item_id = i.id"
	    " WHERE p.item_id >= (SELECT min(item_id) FROM"
	    "  (SELECT item_id FROM fts_pending"
	    "   ORDER BY item_id DESC LIMIT ?1))"
	    " ORDER BY p.item_id", cause);
	if (sel == NULL)
		return (-1);
	sqlite3_bind_int(sel, 1, max);
	ins = db_prepare(db, DB_STMT_SEARCH_INSERT,
	    "INSERT INTO item_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
	    cause);
	if (ins == NULL) {
		sqlite3_reset(sel);
		return (-1);
	}
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		sqlite3_bind_value(ins, 1, sqlite3_column_value(sel, 0));
		sqlite3_bind_value(ins, 2, sqlite3_column_value(sel, 1));
		sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 2));
		if (db_step_done(db, ins, "index items", cause) != 0) {
			sqlite3_reset(sel);
			return (-1);
		}
	}
	sqlite3_reset(sel);
	if (rc != SQLITE_DONE)
		return (db_fail(db, rc, "index items", cause));
	return (0);
}

/*
 * Index for full-text search up to max items not yet indexed, newest
 * first, in one transaction; *left says how many remain.
 */
int
db_search_index_pending(struct db *db, int max, int64_t *left, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (db->in_feed || db->in_batch) {
		xasprintf(cause, "cannot index inside a feed transaction");
		return (-1);
	}
	if (max > 0) {
		db->checkpointer = true;
		if (db_begin(db, cause) != 0)
			return (-1);
		if (db_search_index_batch(db, max, cause) != 0)
			goto fail;
		st = db_prepare(db, DB_STMT_SEARCH_DONE,
		    "DELETE FROM fts_pending WHERE item_id >="
		    " (SELECT min(item_id) FROM (SELECT item_id FROM fts_pending"
		    "  ORDER BY item_id DESC LIMIT ?1))", cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int(st, 1, max);
		if (db_step_done(db, st, "index items", cause) != 0)
			goto fail;
		if (db_commit(db, cause) != 0)
			return (-1);
	}
	if (left != NULL) {
		st = db_prepare(db, DB_STMT_SEARCH_LEFT,
		    "SELECT count(*) FROM fts_pending", cause);
		if (st == NULL)
			return (-1);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(st);
			return (db_fail(db, rc, "count items to index", cause));
		}
		*left = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return (0);

fail:
	db_rollback(db);
	return (-1);
}

/* Read a query for FTS5; NULL with *cause (English) when it does not read. */
static struct db_search_query *
db_search_read(const char *query, char **cause)
{
	struct db_search_query	*sq;
	long			 col;
	int			 kind;

	if ((sq = db_search_query_parse(query, &kind, &col)) == NULL)
		*cause = db_search_query_cause(query, kind, col);
	return (sq);
}

/*
 * Read one page of search results ordered like every item list (newest
 * first); a query the search language does not read is an error
 * (db_search_query_check says why, for the user). Rows have no snippets:
 * db_search_snippets makes those of the rows that are shown.
 */
int
db_search_page(struct db *db, const char *query, enum db_page page,
    const struct db_item_cursor *cur, int limit, struct db_item_row **out,
    size_t *nout, char **cause)
{
	struct db_search_query	*sq;
	struct db_item_row	*v = NULL;
	sqlite3_stmt		*st;
	const char		*match;
	size_t			 n = 0;
	int			 plan, k;
	int64_t			 count;
	bool			 lookup;

	*out = NULL;
	*nout = 0;
	if ((page == DB_PAGE_NEXT || page == DB_PAGE_PREV) && cur == NULL) {
		xasprintf(cause, "a cursor is needed for that page");
		return (-1);
	}
	if ((sq = db_search_read(query, cause)) == NULL)
		return (-1);
	if (limit <= 0) {
		db_search_query_free(sq);
		return (0);
	}
	match = db_search_query_match(sq);

	/*
	 * Few matches: look each up. Many: walk the date index until the
	 * page is full (db-search-stream.c weighs the two).
	 */
	if (db_search_stream_plan(db, match, limit, &count, &lookup,
	    cause) != 0)
		goto fail;
	if (count == 0) {
		db_search_query_free(sq);
		return (0);
	}
	plan = lookup ? 0 : 1;

	k = plan * 4 + (int)page;
	st = db_prepare(db, DB_STMT_SEARCH_PAGE + k, db_search_page_sql[k],
	    cause);
	if (st == NULL)
		goto fail;
	db_bind_text(st, ":q", match);
	db_bind_int(st, ":limit", limit);
	if (cur != NULL) {
		db_bind_int(st, ":date", cur->date);
		db_bind_int(st, ":id", cur->id);
	}
	if (db_page_read(db, st, limit, sizeof *v, page, db_item_page_row,
	    db_item_page_free, "search", (void **)&v, &n, cause) != 0) {
		v = NULL;
		n = 0;
		goto fail;
	}
	db_search_query_free(sq);
	*out = v;
	*nout = n;
	return (0);

fail:
	db_item_rows_free(v, n);
	db_search_query_free(sq);
	return (-1);
}

/*
 * Make the snippets of n search results for query (those to be shown):
 * each the words around its first match, with the matches marked. It
 * costs one read of each row's text, up to the snippet's end.
 */
int
db_search_snippets(struct db *db, const char *query, struct db_item_row *v,
    size_t n, char **cause)
{
	struct db_search_query	*sq;
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc;

	if (n == 0)
		return (0);
	if ((sq = db_search_read(query, cause)) == NULL)
		return (-1);
	for (i = 0; i < n; i++) {
		st = db_prepare(db, DB_STMT_SEARCH_SNIPPET,
		    "SELECT title, body FROM item_text WHERE id = :id", cause);
		if (st == NULL) {
			db_search_query_free(sq);
			return (-1);
		}
		db_bind_int(st, ":id", v[i].id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			db_search_query_snippet(sq,
			    (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1), &v[i]);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_search_query_free(sq);
			return (db_fail(db, rc, "read snippet", cause));
		}
	}
	db_search_query_free(sq);
	return (0);
}

/*
 * The number of search results for query (what db_search_page pages
 * through): the matches FTS5 finds, counted without reading any item.
 */
int
db_search_count(struct db *db, const char *query, int64_t *n, char **cause)
{
	struct db_search_query	*sq;
	sqlite3_stmt		*st;
	int			 rc;

	*n = 0;
	if ((sq = db_search_read(query, cause)) == NULL)
		return (-1);
	st = db_prepare(db, DB_STMT_SEARCH_TOTAL,
	    "SELECT count(*) FROM item_fts WHERE item_fts MATCH :q", cause);
	if (st == NULL) {
		db_search_query_free(sq);
		return (-1);
	}
	db_bind_text(st, ":q", db_search_query_match(sq));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	db_search_query_free(sq);
	if (rc != SQLITE_ROW)
		return (db_fail(db, rc, "search", cause));
	return (0);
}
