/*
 * Tests for search streams (db-search-stream.c): every result of a query
 * once, in date order across read-ahead chunks and odd page sizes, or in
 * rank order; restricted to some feeds by each plan (feeds narrowed on
 * their index, each row's feed checked, every feed listed, none listed);
 * refused queries; the plan chosen for a page; and a read-only
 * connection's memory map off during a stream and back after it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "xmalloc.h"

#include "tap.h"
#include "fixture-db.h"

static int64_t
date_a(int i)
{
	return (1000 + i % 700);	/* ties: ordered by id */
}

static const char *
body_a(int i)
{
	return (i % 2 ? "الخبر العاجل" : "خبر عاجل");
}

static int64_t
date_b(int i)
{
	return (1350 + 7 * i);		/* among feed A's dates */
}

static const char *
body_b(int i)
{
	(void)i;
	return ("خبر عن الجيش");
}

/*
 * The titles of a stream's results read limit at a time, space-separated
 * (caller frees); NULL when it does not open, with the reason in *cause.
 */
static char *
stream(struct db *db, const char *query, enum db_search_order order,
    const int64_t *feeds, size_t nfeeds, int limit, char **cause)
{
	struct db_search_spec	 spec;
	struct db_search_stream	*s;
	struct db_item_row	*rows;
	struct str		 out;
	size_t			 n, i;

	memset(&spec, 0, sizeof spec);
	spec.query = query;
	spec.order = order;
	spec.feeds = feeds;
	spec.nfeeds = nfeeds;
	if ((s = db_search_stream_open(db, &spec, cause)) == NULL)
		return (NULL);
	str_init(&out);
	str_append(&out, "", 0);
	for (;;) {
		if (db_search_stream_read(s, limit, &rows, &n, cause) != 0) {
			diag("read: %s", *cause);
			break;
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++)
			str_printf(&out, "%s%s", out.len ? " " : "",
			    rows[i].title);
		db_item_rows_free(rows, n);
	}
	db_search_stream_close(s);
	return (str_steal(&out));
}

/* The titles SQL lists for where, newest first (caller frees). */
static char *
titles(struct db *db, const char *where)
{
	char	*sql, *v;

	xasprintf(&sql, "SELECT COALESCE(group_concat(title, ' '), '') FROM"
	    " (SELECT title FROM item WHERE %s ORDER BY sort_date DESC,"
	    " id DESC)", where);
	v = fx_sql_text(db, sql);
	free(sql);
	return (v);
}

/* The number of space-separated words of s (0 for NULL or ""). */
static size_t
words(const char *s)
{
	size_t	n;

	if (s == NULL || *s == '\0')
		return (0);
	for (n = 1; *s != '\0'; s++)
		n += *s == ' ';
	return (n);
}

static int64_t	fa, fb, fc;	/* the feeds' ids */

/* Whether a stream gives the titles where gives (%1$lld..%3$lld: feeds). */
static void
is_stream(struct db *db, const char *query, const int64_t *feeds,
    size_t nfeeds, int limit, const char *wherefmt, const char *what)
{
	char	*got, *want, *cause = NULL, where[512];

	got = stream(db, query, DB_SEARCH_BY_DATE, feeds, nfeeds, limit,
	    &cause);
	/* The user's format: a test's own. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(where, sizeof where, wherefmt, (long long)fa, (long long)fb,
	    (long long)fc);
#pragma GCC diagnostic pop
	want = titles(db, where);
	ok(got != NULL && strcmp(got, want) == 0, "%s", what);
	if (got == NULL)
		diag("open: %s", cause);
	else if (strcmp(got, want) != 0)
		diag("got %zu bytes, expected %zu", strlen(got), strlen(want));
	free(got);
	free(want);
	free(cause);
}

static void
test_stream(void)
{
	struct db	*db, *ro;
	int64_t		 a, b, c, left, count, feeds[3], gone = 99999;
	size_t		 i;
	char		*path, *cause = NULL, *got;
	bool		 lookup;

	db = fx_open("stream.db", &path);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	c = fx_feed(db, FX_C);
	fa = a;
	fb = b;
	fc = c;
	fx_fill(db, a, "a", 4500, date_a, body_a);
	fx_fill(db, b, "b", 30, date_b, body_b);
	fx_put(db, c, fx_item("c1", "c1", 5000, "سلام على الجميع"), NULL);
	fx_put(db, c, fx_item("c2", "c2", 4000, "سلام سلام سلام"), NULL);
	fx_put(db, c, fx_item("c3", "c3", 3000, "<p>كلام طويل عن أشياء "
	    "كثيرة لا علاقة لها بشيء ثم سلام في آخره بعد كلام وكلام</p>"),
	    NULL);
	db_search_index_pending(db, 10000, &left, &cause);
	is_int(left, 0, "every item is indexed");

	/* Every feed: the date walk, chunks of 2000 read ahead. */
	is_stream(db, "خبر", NULL, 0, 97, "feed_id IN (%1$lld, %2$lld)",
	    "4530 results stream in date order, 97 at a time, across "
	    "read-ahead chunks");
	is_stream(db, "خبر", NULL, 0, 5000, "feed_id IN (%1$lld, %2$lld)",
	    "... and all in one read");
	is_stream(db, "\"خبر عاجل\"", NULL, 0, 200,
	    "feed_id = %1$lld AND CAST(substr(guid, 2) AS INTEGER) %% 2 = 0",
	    "a phrase finds its exact form only");
	/* Few matches: each looked up. */
	is_stream(db, "الجيش", NULL, 0, 7, "feed_id = %2$lld",
	    "30 results looked up, in date order");
	is_stream(db, "لا-شيء-هنا", NULL, 0, 50, "0", "nothing matches: none");

	/* Feeds: narrowed on their index (30 of 4533 items). */
	feeds[0] = b;
	is_stream(db, "خبر", feeds, 1, 13, "feed_id = %2$lld",
	    "restricted to a small feed: its results only, in date order");
	feeds[0] = c;
	is_stream(db, "خبر", feeds, 1, 50, "0",
	    "restricted to a feed without a match: none, however many "
	    "elsewhere");
	feeds[0] = a;
	is_stream(db, "الجيش", feeds, 1, 50, "0",
	    "... and the other way round");
	/* Each row's feed checked (the feeds hold most items). */
	feeds[0] = c;
	feeds[1] = a;
	is_stream(db, "خبر", feeds, 2, 333, "feed_id = %1$lld",
	    "restricted to feeds holding most items: each row's feed checked");
	/* Every feed listed, one that is not in the cache, none. */
	feeds[0] = a;
	feeds[1] = b;
	feeds[2] = c;
	is_stream(db, "خبر", feeds, 3, 500, "feed_id IN (%1$lld, %2$lld)",
	    "every feed listed: every result");
	is_stream(db, "خبر", &gone, 1, 50, "0",
	    "a feed that is not in the cache has no results");
	is_stream(db, "خبر", feeds, 0, 50, "0", "no feed listed: no results");

	/* Rank: the best match first, every result once. */
	got = stream(db, "سلام", DB_SEARCH_BY_RANK, NULL, 0, 2, &cause);
	is_str(got, "c2 c1 c3", "rank order: three matches in a short text "
	    "first, one in a long text last");
	free(got);
	got = stream(db, "خبر OR سلام", DB_SEARCH_BY_RANK, NULL, 0, 1000,
	    &cause);
	is_int(words(got), 4533, "rank order streams thousands of results, "
	    "each once");
	free(got);
	feeds[0] = b;
	got = stream(db, "خبر", DB_SEARCH_BY_RANK, feeds, 1, 50, &cause);
	for (i = 0; got != NULL && got[i] != '\0'; i++)
		if ((i == 0 || got[i - 1] == ' ') && got[i] != 'b')
			break;
	ok(got != NULL && got[i] == '\0' && words(got) == 30,
	    "rank order restricted to a feed: its 30 results only");
	free(got);

	/* A query that does not read is refused, as db_search_page does. */
	got = stream(db, "AND", DB_SEARCH_BY_DATE, NULL, 0, 50, &cause);
	ok(got == NULL && cause != NULL, "a query that does not read is "
	    "refused: %s", cause ? cause : "");
	free(cause);
	cause = NULL;

	/* The plan of a page: few matches looked up, many walked. */
	ok(db_search_stream_plan(db, "\"الجيش\"", 50, &count, &lookup,
	    &cause) == 0 && count == 30 && lookup,
	    "30 matches among 4533 items: looked up for a page");
	ok(db_search_stream_plan(db, "خبر", 50, &count, &lookup, &cause) == 0 &&
	    count == 4000 && !lookup,
	    "4000 or more: the date index walked (counted to 4000 only)");
	db_close(db);

	/* A read-only connection: no memory map while it streams. */
	if ((ro = db_open(path, DB_READONLY, &cause)) == NULL) {
		ok(0, "open read-only: %s", cause);
	} else {
		struct db_search_spec	 spec = { "خبر", DB_SEARCH_BY_DATE,
		    NULL, 0 };
		struct db_search_stream	*s;
		struct db_item_row	*rows;
		size_t			 n;

		s = db_search_stream_open(ro, &spec, &cause);
		db_search_stream_read(s, 10, &rows, &n, &cause);
		is_int(fx_sql_int(ro, "PRAGMA mmap_size"), 0,
		    "a read-only connection maps nothing while it streams");
		db_item_rows_free(rows, n);
		db_search_stream_close(s);
		ok(fx_sql_int(ro, "PRAGMA mmap_size") > 0,
		    "... and maps the cache again after");
		db_close(ro);
	}
	free(path);
}

int
main(void)
{
	fx_init("test-db-search");
	test_stream();
	return (fx_done());
}
