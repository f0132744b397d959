/*
 * Tests for query: feeds: the filter language's parser (filter.c) and its
 * evaluation as SQL in the cache (db-query.c): each attribute and
 * operator against a small cache, and/or/parentheses, paging in both
 * directions, counts, and the problems of bad expressions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "filter.h"
#include "str.h"
#include "xmalloc.h"

#include "tap.h"
#include "fixture-db.h"

static struct db	*db;

/* The guids a filter matches, newest first, joined by ' '; "ERROR: ..." on failure. */
static char *
matches(const char *expr)
{
	struct filter_problem	 pr;
	struct filter		*f;
	struct db_item_row	*rows;
	struct db_item_cursor	 cur;
	struct str		 out;
	enum db_page		 page = DB_PAGE_FIRST;
	char			*cause = NULL;
	size_t			 n, i;

	if ((f = filter_parse(expr, &pr)) == NULL) {
		free(pr.near);
		return (xstrdup("PARSE"));
	}
	str_init(&out);
	for (;;) {
		/* Pages of two rows: the keyset pages are walked too. */
		if (db_query_page(db, f, page, &cur, 2, &rows, &n,
		    &cause) != 0) {
			str_printf(&out, "ERROR: %s", cause);
			free(cause);
			break;
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			str_printf(&out, "%s%s", out.len > 0 ? " " : "",
			    rows[i].title != NULL ? rows[i].title : "?");
		}
		db_item_row_cursor(&rows[n - 1], &cur);
		db_item_rows_free(rows, n);
		page = DB_PAGE_NEXT;
	}
	filter_free(f);
	return (str_steal(&out));
}

static void
match_is(const char *expr, const char *want)
{
	char	*got = matches(expr);

	is_str(got, want, "%s", expr);
	free(got);
}

/* The kind and column of the problem an expression has. */
static void
problem_is(const char *expr, enum filter_error kind, int col,
    const char *near)
{
	struct filter_problem	 pr;
	struct filter		*f;

	f = filter_parse(expr, &pr);
	ok(f == NULL && pr.kind == kind && pr.col == col &&
	    ((near == NULL && pr.near == NULL) || (near != NULL &&
	    pr.near != NULL && strcmp(near, pr.near) == 0)),
	    "bad: %s (kind %d col %d near %s)", expr, (int)pr.kind, pr.col,
	    pr.near != NULL ? pr.near : "-");
	filter_free(f);
	free(pr.near);
}

/* A cache: feed A "sport" tagged, B "news", C untagged; items of known age. */
static void
fill(void)
{
	static const char *const sport[] = { "sport" };
	static const char *const news[] = { "news", "world" };
	struct db_sub	 subs[3];
	struct item	*it;
	char		*cause = NULL;
	int64_t		 now = (int64_t)time(NULL), a, b, c;

	db = fx_open("filter.db", NULL);
	memset(subs, 0, sizeof subs);
	subs[0] = (struct db_sub){ FX_A, "Sport", sport, 1 };
	subs[1] = (struct db_sub){ FX_B, "Akhbar", news, 2 };
	subs[2] = (struct db_sub){ FX_C, NULL, NULL, 0 };
	if (db_feed_sync(db, subs, 3, &cause) != 0)
		diag("sync: %s", cause);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	c = fx_feed(db, FX_C);
	/* Ages in days: a1 0, a2 3, b1 1, b2 10, c1 30. */
	it = fx_item("a1", "Goal in Gaza", now - 3600, "<p>Football</p>");
	strv_add(&it->authors, "Omar Khalid");
	fx_put(db, a, it, NULL);
	fx_put(db, a, fx_item("a2", "هدف في غزة", now - 3 * 86400 - 60,
	    "<p>كرة القدم</p>"), NULL);
	it = fx_item("b1", "أخبار غزة", now - 86400 - 60, NULL);
	it->content = xstrdup("<p>قصف على غزة اليوم</p>");
	it->content_type = FEED_TEXT_HTML;
	strv_add(&it->authors, "سارة أحمد");
	fx_put(db, b, it, NULL);
	fx_put(db, b, fx_item("b2", "Weather", now - 10 * 86400 - 60,
	    "Sunny"), NULL);
	fx_put(db, c, fx_item("c1", "Old news", now - 30 * 86400 - 60,
	    NULL), NULL);
	/* Read: a2 and c1. */
	db_item_set_unread(db, fx_sql_int(db, "SELECT id FROM item WHERE "
	    "guid = 'a2'"), false, &cause);
	db_item_set_unread(db, fx_sql_int(db, "SELECT id FROM item WHERE "
	    "guid = 'c1'"), false, &cause);
	free(cause);
}

static void
test_eval(void)
{
	struct filter_problem	 pr;
	struct filter		*f;
	int64_t			 total, unread;
	char			*cause = NULL;

	match_is("tags # \"sport\"", "Goal in Gaza هدف في غزة");
	match_is("tags # \"world\"", "أخبار غزة Weather");
	match_is("tags !# \"sport\"", "أخبار غزة Weather Old news");
	match_is("tags = \"news\"", "أخبار غزة Weather");
	match_is("unread = \"yes\"", "Goal in Gaza أخبار غزة Weather");
	match_is("unread = \"no\"", "هدف في غزة Old news");
	match_is("unread != yes", "هدف في غزة Old news");
	match_is("title = \"Weather\"", "Weather");
	match_is("title != \"Weather\"",
	    "Goal in Gaza أخبار غزة هدف في غزة Old news");
	match_is("title # \"gaza\"", "Goal in Gaza");
	match_is("title # \"غزة\"", "أخبار غزة هدف في غزة");
	match_is("title =~ \"غزة|gaza\"", "Goal in Gaza أخبار غزة هدف في غزة");
	match_is("title =~ \"^(old|weather)\"", "Weather Old news");
	match_is("title !~ \"غزة|gaza\"", "Weather Old news");
	match_is("content # \"football\"", "Goal in Gaza");
	match_is("content # \"قصف\"", "أخبار غزة");
	match_is("author # \"omar\"", "Goal in Gaza");
	match_is("author =~ \"سارة\"", "أخبار غزة");
	match_is("feedtitle = \"Akhbar\"", "أخبار غزة Weather");
	match_is("feed = \"Sport\"", "Goal in Gaza هدف في غزة");
	match_is("feedurl # \"c.example\"", "Old news");
	match_is("age < 2", "Goal in Gaza أخبار غزة");
	match_is("age <= 3", "Goal in Gaza أخبار غزة هدف في غزة");
	match_is("age > 3", "Weather Old news");
	match_is("age >= 10", "Weather Old news");
	match_is("age = 1", "أخبار غزة");
	match_is("age != 1", "Goal in Gaza هدف في غزة Weather Old news");
	match_is("age between 1:10", "أخبار غزة هدف في غزة Weather");
	match_is("age between 10:1", "أخبار غزة هدف في غزة Weather");
	match_is("tags # \"sport\" and unread = \"yes\"", "Goal in Gaza");
	match_is("tags # \"sport\" or feedurl # \"c.example\"",
	    "Goal in Gaza هدف في غزة Old news");
	match_is("unread = yes and (title # \"gaza\" or title # \"غزة\")",
	    "Goal in Gaza أخبار غزة");
	match_is("unread = yes and title # \"gaza\" or title # \"غزة\"",
	    "Goal in Gaza أخبار غزة هدف في غزة");
	match_is("title = \"x'); DROP TABLE item; --\"", "");
	is_int(fx_sql_int(db, "SELECT count(*) FROM item"), 5,
	    "a value is bound, never SQL: the items are all there");

	f = filter_parse("tags # \"news\"", &pr);
	ok(db_query_count(db, f, &total, &unread, &cause) == 0 &&
	    total == 2 && unread == 2, "a query feed's counts: 2 of 2 unread");
	filter_free(f);
	f = filter_parse("age > 2", &pr);
	ok(db_query_count(db, f, &total, &unread, &cause) == 0 &&
	    total == 3 && unread == 1, "... 3 items, 1 unread");
	filter_free(f);
	free(cause);
}

static void
test_pages(void)
{
	struct filter_problem	 pr;
	struct filter		*f;
	struct db_item_row	*rows;
	struct db_item_cursor	 cur;
	char			*cause = NULL;
	size_t			 n;

	f = filter_parse("age >= 0", &pr);
	ok(db_query_page(db, f, DB_PAGE_LAST, NULL, 2, &rows, &n, &cause) ==
	    0 && n == 2 && strcmp(rows[0].title, "Weather") == 0 &&
	    strcmp(rows[1].title, "Old news") == 0,
	    "the last page: the oldest, newest first");
	if (n == 2) {
		db_item_row_cursor(&rows[0], &cur);
		db_item_rows_free(rows, n);
		ok(db_query_page(db, f, DB_PAGE_PREV, &cur, 2, &rows, &n,
		    &cause) == 0 && n == 2 &&
		    strcmp(rows[0].title, "أخبار غزة") == 0 &&
		    strcmp(rows[1].title, "هدف في غزة") == 0,
		    "the page before it, newest first");
		db_item_rows_free(rows, n);
	}
	ok(db_query_page(db, f, DB_PAGE_NEXT, NULL, 2, &rows, &n, &cause) ==
	    -1, "a next page without a cursor is an error");
	free(cause);
	filter_free(f);
}

static void
test_parse(void)
{
	struct filter_problem	 pr;
	struct filter		*f, *c;
	char			*sql;
	size_t			 nargs;

	f = filter_parse("(title # \"a\" or tags # \"b\") and age < 7", &pr);
	ok(f != NULL && f->root->type == FILTER_AND &&
	    f->root->left->type == FILTER_OR &&
	    f->root->right->attr == FILTER_AGE, "and binds tighter than or; "
	    "parentheses group");
	c = filter_copy(f);
	sql = db_query_sql(c, 1000000, &nargs);
	is_int(nargs, 3, "the SQL binds each value");
	ok(strstr(sql, "\"a\"") == NULL && strstr(sql, "?1") != NULL,
	    "... and writes none in it (%s)", sql);
	free(sql);
	filter_free(c);
	filter_free(f);

	problem_is("", FILTER_ERR_EMPTY, 1, NULL);
	problem_is("titel # \"a\"", FILTER_ERR_ATTRIBUTE, 1, "titel");
	problem_is("title ~ \"a\"", FILTER_ERR_SYNTAX, 7, "~");
	problem_is("title #", FILTER_ERR_SYNTAX, 8, NULL);
	problem_is("title # \"a", FILTER_ERR_SYNTAX, 9, "\"a");
	problem_is("title # \"a\" and", FILTER_ERR_SYNTAX, 16, NULL);
	problem_is("title # \"a\" extra", FILTER_ERR_SYNTAX, 13, "extra");
	problem_is("(title # \"a\"", FILTER_ERR_SYNTAX, 1, "(title");
	problem_is("age # 3", FILTER_ERR_OPERATOR, 5, "# ");
	problem_is("title < 3", FILTER_ERR_OPERATOR, 7, "< ");
	problem_is("unread =~ yes", FILTER_ERR_OPERATOR, 8, "=~ ");
	problem_is("age < soon", FILTER_ERR_VALUE, 7, "soon");
	problem_is("age between 3", FILTER_ERR_VALUE, 13, "3");
	problem_is("unread = maybe", FILTER_ERR_VALUE, 10, "maybe");
	problem_is("title =~ \"(\"", FILTER_ERR_REGEX, 10, "\"(\"");
	/* glibc's regcomp doubles at each stacked '+': refused up front. */
	problem_is("title =~ \"x+++++++++++++++++++++++++\"", FILTER_ERR_REGEX,
	    10, "\"x+++++++++++++++++++++++++\"");
	problem_is("title =~ \"((((((((((((x+)+)+)+)+)+)+)+)+)+)+)+)+\"",
	    FILTER_ERR_REGEX, 10,
	    "\"((((((((((((x+)+)+)+)+)+)+)+)+)+)+)+)+\"");
	f = filter_parse("title =~ \"a+b+(cd)+[+]+x\\\\++[]+++++++++++]\"", &pr);
	ok(f != NULL, "a pattern with pluses that do not stack reads");
	filter_free(f);
	f = filter_parse("titel # \"a\"", &pr);
	is_str(pr.hint, "title", "an unknown attribute: the nearest one");
	free(pr.near);
	{
		char	deep[200];
		int	i;

		for (i = 0; i < 40; i++)
			deep[i] = '(';
		strcpy(deep + 40, "age < 1");
		problem_is(deep, FILTER_ERR_DEPTH, 33, "(");
	}
}

static unsigned	rnd_seed = 4242;

static unsigned
rnd(unsigned n)
{
	rnd_seed = rnd_seed * 1103515245u + 12345u;
	return ((rnd_seed >> 8) % n);
}

/* A random expression of the grammar, depth levels deep at most. */
static void
random_expr(struct str *e, int depth)
{
	static const char *const attrs[] = { "title", "content", "author",
	    "feed", "feedurl", "tags", "unread", "age" };
	static const char *const ops[] = { "=", "!=", "=~", "!~", "#", "!#",
	    "<", ">", "<=", ">=", "between" };
	static const char *const vals[] = { "\"x\"", "\"(\"", "'y'", "7",
	    "yes", "\"غزة\"", "1:3", "\"a\\\"b\"", "\"[[\"" };

	if (depth > 0 && rnd(3) == 0) {
		str_appends(e, "(");
		random_expr(e, depth - 1);
		str_appends(e, rnd(2) ? " and " : " or ");
		random_expr(e, depth - 1);
		str_appends(e, ")");
		return;
	}
	str_printf(e, "%s %s %s", attrs[rnd(8)], ops[rnd(11)], vals[rnd(9)]);
}

/* Random expressions, and each cut short: parsed and run, or refused at a column; never a crash. */
static void
test_random(void)
{
	struct filter_problem	 pr;
	struct filter		*f;
	struct db_item_row	*rows;
	struct str		 e;
	char			*cause = NULL;
	size_t			 i, n, cut;
	int			 parsed = 0, refused = 0, failed = 0, pass;

	str_init(&e);
	for (i = 0; i < 1000; i++) {
		str_clear(&e);
		random_expr(&e, 3);
		for (pass = 0; pass < 2; pass++) {
			if (pass == 1) {
				cut = rnd((unsigned)e.len);
				e.ptr[cut] = '\0';
				e.len = cut;
			}
			if ((f = filter_parse(str_cstr(&e), &pr)) == NULL) {
				if (pr.col < 1 || (size_t)pr.col > e.len + 1)
					failed++;
				free(pr.near);
				refused++;
				continue;
			}
			parsed++;
			if (db_query_page(db, f, DB_PAGE_FIRST, NULL, 5, &rows,
			    &n, &cause) != 0) {
				diag("%s: %s", str_cstr(&e), cause);
				free(cause);
				cause = NULL;
				failed++;
			} else
				db_item_rows_free(rows, n);
			filter_free(f);
		}
	}
	str_free(&e);
	ok(failed == 0 && parsed > 100 && refused > 100, "2 000 random "
	    "expressions: %d parsed and run, %d refused at a column", parsed,
	    refused);
}

int
main(void)
{
	fx_init("filter");
	fill();
	test_parse();
	test_eval();
	test_pages();
	test_random();
	db_close(db);
	return (fx_done());
}
