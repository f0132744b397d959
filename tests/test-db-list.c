/*
 * Tests for the cache's lists (db-item.c, db-feed.c, db-tag.c): every
 * paged list's order and ends, their query plans, the urls file's titles
 * and tags (db_feed_sync), the per-tag lists, the counts kept for "k of
 * n" against COUNT(*) after random work, ranks and one feed's row.
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

/* Collect ids of a whole list walking forward, then backward. */
static int
walk(struct db *db, enum db_list list, int64_t feed, int step,
    struct str *fwd, struct str *back)
{
	struct db_item_row	*rows;
	struct db_item_cursor	 cur;
	char			*cause = NULL;
	size_t			 n, i;
	int			 pages = 0;

	str_clear(fwd);
	str_clear(back);
	if (db_item_page(db, list, feed, DB_PAGE_FIRST, NULL, step, &rows, &n,
	    &cause) != 0) {
		diag("%s", cause);
		free(cause);
		return (-1);
	}
	while (n > 0) {
		pages++;
		for (i = 0; i < n; i++)
			str_printf(fwd, "%lld ", (long long)rows[i].id);
		db_item_row_cursor(&rows[n - 1], &cur);
		db_item_rows_free(rows, n);
		db_item_page(db, list, feed, DB_PAGE_NEXT, &cur, step, &rows,
		    &n, &cause);
	}
	db_item_rows_free(rows, n);

	db_item_page(db, list, feed, DB_PAGE_LAST, NULL, step, &rows, &n,
	    &cause);
	while (n > 0) {
		for (i = n; i > 0; i--)
			str_printf(back, "%lld ", (long long)rows[i - 1].id);
		db_item_row_cursor(&rows[0], &cur);
		db_item_rows_free(rows, n);
		db_item_page(db, list, feed, DB_PAGE_PREV, &cur, step, &rows,
		    &n, &cause);
	}
	db_item_rows_free(rows, n);
	return (pages);
}

/* Reverse a list of space-terminated ids. */
static char *
reverse_ids(const char *s)
{
	struct str	 out;
	const char	*p, *e;

	str_init(&out);
	str_append(&out, "", 0);
	e = s + strlen(s);
	while (e > s) {
		p = e - 1;
		while (p > s && p[-1] != ' ')
			p--;
		str_append(&out, p, e - p);
		e = p;
	}
	return (str_steal(&out));
}

static int64_t
paging_date_a(int i)
{
	return (1000 + (i * 7) % 5);
}

static int64_t
paging_date_b(int i)
{
	return (1000 + i % 3);
}

static void
test_paging(void)
{
	static const char *expect[] = {
		"SELECT group_concat(id || ' ', '') FROM (SELECT id FROM item "
		"WHERE feed_id = 1 ORDER BY sort_date DESC, id DESC)",
		"SELECT group_concat(id || ' ', '') FROM (SELECT id FROM item "
		"WHERE unread = 1 ORDER BY sort_date DESC, id DESC)",
		"SELECT group_concat(id || ' ', '') FROM (SELECT id FROM item "
		"WHERE starred = 1 ORDER BY sort_date DESC, id DESC)",
		"SELECT group_concat(id || ' ', '') FROM (SELECT id FROM item "
		"ORDER BY sort_date DESC, id DESC)",
	};
	static const char *names[] = { "feed", "unread", "starred", "all" };
	struct db		*db;
	struct db_item_row	*rows;
	struct db_item_cursor	 cur;
	struct db_feed_row	*frows;
	struct db_feed_cursor	 fcur;
	struct str		 fwd, back;
	char			*want, *rev, *cause = NULL;
	size_t			 n;
	int64_t			 a, b;
	int			 i, l, pages;

	db = fx_open("paging.db", NULL);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	/* 57 items in a, many sharing a date, so ties need the id. */
	fx_fill(db, a, "p", 57, paging_date_a, NULL);
	fx_fill(db, b, "q", 23, paging_date_b, NULL);
	for (i = 3; i <= 80; i += 3)
		db_item_set_unread(db, i, false, &cause);
	fx_sql_int(db, "UPDATE item SET starred = 1 WHERE id % 4 = 1");

	str_init(&fwd);
	str_init(&back);
	for (l = 0; l < 4; l++) {
		want = fx_sql_text(db, expect[l]);
		pages = walk(db, l, a, 10, &fwd, &back);
		is_str(str_cstr(&fwd), want,
		    "%s list: next pages walk the whole list in order",
		    names[l]);
		rev = reverse_ids(str_cstr(&back));
		is_str(rev, want, "%s list: last then previous pages walk it "
		    "back", names[l]);
		free(rev);
		free(want);
		ok(pages > 1, "%s list: several pages (%d)", names[l], pages);
		walk(db, l, a, 1, &fwd, &back);
		want = fx_sql_text(db, expect[l]);
		is_str(str_cstr(&fwd), want, "%s list: pages of one row",
		    names[l]);
		free(want);
	}
	str_free(&fwd);
	str_free(&back);

	/* Boundaries. */
	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_FIRST, NULL, 10, &rows, &n,
	    &cause);
	db_item_row_cursor(&rows[0], &cur);
	db_item_rows_free(rows, n);
	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_PREV, &cur, 10, &rows, &n,
	    &cause);
	is_int(n, 0, "nothing before the first row");
	db_item_rows_free(rows, n);
	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_LAST, NULL, 10, &rows, &n,
	    &cause);
	is_int(n, 10, "the last page is full");
	db_item_row_cursor(&rows[n - 1], &cur);
	db_item_rows_free(rows, n);
	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_NEXT, &cur, 10, &rows, &n,
	    &cause);
	is_int(n, 0, "nothing after the last row");
	db_item_rows_free(rows, n);
	db_item_page(db, DB_LIST_FEED, 99, DB_PAGE_FIRST, NULL, 10, &rows, &n,
	    &cause);
	is_int(n, 0, "an unknown feed has an empty list");
	db_item_rows_free(rows, n);
	ok(db_item_page(db, DB_LIST_FEED, a, DB_PAGE_NEXT, NULL, 10, &rows,
	    &n, &cause) != 0, "a next page needs a cursor");
	free(cause);
	cause = NULL;

	/* The feed list, with unread counts. */
	db_feed_set_title(db, b, "بي", &cause);
	db_feed_page(db, DB_PAGE_FIRST, NULL, 2, &frows, &n, &cause);
	ok(n == 2 && frows[0].id == a && frows[1].id == b,
	    "the feed list comes in urls order");
	if (n == 2) {
		is_int(frows[0].unread, fx_sql_int(db, "SELECT count(*) FROM item "
		    "WHERE feed_id = 1 AND unread"), "feed a's unread count");
		is_str(frows[1].title, "بي", "a title override is shown");
		db_feed_row_cursor(&frows[1], &fcur);
	}
	db_feed_rows_free(frows, n);
	db_feed_page(db, DB_PAGE_NEXT, &fcur, 2, &frows, &n, &cause);
	ok(n == 1 && strcmp(frows[0].url, "https://c.example/feed") == 0 &&
	    frows[0].unread == 0 && strcmp(frows[0].title, frows[0].url) == 0,
	    "next page of feeds: an unfetched feed shows its URL");
	db_feed_rows_free(frows, n);
	db_feed_page(db, DB_PAGE_LAST, NULL, 2, &frows, &n, &cause);
	ok(n == 2 && frows[0].id == b, "last page of feeds");
	if (n == 2)
		db_feed_row_cursor(&frows[0], &fcur);
	db_feed_rows_free(frows, n);
	db_feed_page(db, DB_PAGE_PREV, &fcur, 2, &frows, &n, &cause);
	ok(n == 1 && frows[0].id == a, "previous page of feeds");
	db_feed_rows_free(frows, n);

	db_feed_set_dir(db, a, FEED_DIR_RTL, &cause);
	db_feed_page(db, DB_PAGE_FIRST, NULL, 1, &frows, &n, &cause);
	ok(n == 1 && frows[0].dir == FEED_DIR_RTL && frows[0].dir_override,
	    "a direction override is shown");
	db_feed_rows_free(frows, n);
	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_FIRST, NULL, 1, &rows, &n,
	    &cause);
	ok(n == 1 && rows[0].dir == FEED_DIR_RTL,
	    "items take their feed's direction override");
	db_item_rows_free(rows, n);
	db_feed_set_dir(db, a, FEED_DIR_AUTO, &cause);
	db_feed_page(db, DB_PAGE_FIRST, NULL, 1, &frows, &n, &cause);
	ok(n == 1 && !frows[0].dir_override, "the override can be removed");
	db_feed_rows_free(frows, n);
	free(cause);
	db_close(db);
}

/* The plan of sql, "; "-joined, in plan; whether it scans or sorts. */
static bool
plan_bad(struct db *db, const char *sql, struct str *plan)
{
	sqlite3_stmt	*st;
	const char	*d;
	char		*q;
	bool		 bad = false;

	xasprintf(&q, "EXPLAIN QUERY PLAN %s", sql);
	str_clear(plan);
	if (sqlite3_prepare_v2(db->sq, q, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			d = (const char *)sqlite3_column_text(st, 3);
			str_printf(plan, "%s; ", d);
			/* A scan of a table, not of a subquery's rows. */
			if ((strncmp(d, "SCAN", 4) == 0 &&
			    strstr(d, "USING") == NULL &&
			    strncmp(d, "SCAN (subquery", 14) != 0) ||
			    strstr(d, "TEMP B-TREE") != NULL)
				bad = true;
		}
		sqlite3_finalize(st);
	} else {
		diag("%s: %s", sql, sqlite3_errmsg(db->sq));
		bad = true;
	}
	free(q);
	return (bad || plan->len == 0);
}

/*
 * Every paged query is served by an index: no scan, no sort. Ranks walk
 * the list's index too, on it alone where it holds the list's condition
 * (SQLite reads the rows to check a partial index's own: the unread and
 * starred lists); counts read no item at all.
 */
static void
test_plans(void)
{
	static const char *names[] = {
		"feed", "unread", "starred", "all", "tag", "feeds",
	};
	static const char *pages[] = { "first", "next", "prev", "last" };
	struct db	*db;
	struct str	 plan;
	const char	*sql;
	bool		 bad, partial;
	int		 l, p;

	db = fx_open("plans.db", NULL);
	str_init(&plan);
	for (l = 0; l <= DB_LIST_TAG + 1; l++) {
		for (p = 0; p < 4; p++) {
			sql = l <= DB_LIST_TAG ? db_item_page_query(l, p) :
			    db_feed_page_query(p);
			bad = plan_bad(db, sql, &plan);
			ok(!bad, "%s list, %s page: %s", names[l], pages[p],
			    str_cstr(&plan));
		}
	}
	for (l = 0; l <= DB_LIST_TAG; l++) {
		for (p = 0; p < 2; p++) {
			bad = plan_bad(db, db_item_rank_query(l, p), &plan);
			partial = l == DB_LIST_UNREAD || l == DB_LIST_STARRED;
			ok(!bad && (partial || strstr(str_cstr(&plan),
			    "COVERING INDEX") || strstr(str_cstr(&plan),
			    "USING PRIMARY KEY")), "%s list, rows %s a cursor "
			    "counted on its index%s: %s", names[l], p == 0 ?
			    "before" : "after", partial ? "" : " alone",
			    str_cstr(&plan));
		}
		plan_bad(db, db_item_count_query(l), &plan);
		ok(plan.len > 0 && strstr(str_cstr(&plan), "item") == NULL,
		    "%s list's counts read no item: %s", names[l],
		    str_cstr(&plan));
	}
	str_free(&plan);
	db_close(db);
}

/* The ids of a list in order, as one string (what walk collects). */
static char *
list_want(struct db *db, const char *where)
{
	char	*sql, *want;

	xasprintf(&sql, "SELECT group_concat(id || ' ', '') FROM (SELECT i.id "
	    "FROM item i %s ORDER BY i.sort_date DESC, i.id DESC)", where);
	want = fx_sql_text(db, sql);
	free(sql);
	return (want);
}

/* Check that a list pages, both ways, as the SQL where selects. */
static void
is_list(struct db *db, enum db_list list, int64_t id, const char *where,
    const char *what)
{
	struct str	 fwd, back;
	char		*want, *rev;

	str_init(&fwd);
	str_init(&back);
	want = list_want(db, where);
	walk(db, list, id, 7, &fwd, &back);
	rev = reverse_ids(str_cstr(&back));
	ok(strcmp(str_cstr(&fwd), want) == 0 && strcmp(rev, want) == 0 &&
	    *want != '\0', "%s", what);
	if (strcmp(str_cstr(&fwd), want) != 0 || strcmp(rev, want) != 0)
		diag("want %s, next pages %s, previous pages %s", want,
		    str_cstr(&fwd), rev);
	free(want);
	free(rev);
	str_free(&fwd);
	str_free(&back);
}

/* The id of the tag named name, -1 when there is none. */
static int64_t
tag_id(struct db *db, const char *name)
{
	struct db_tag_row	*v;
	size_t			 n, i;
	int64_t			 id = -1;
	char			*cause = NULL;

	if (db_tag_list(db, &v, &n, &cause) != 0) {
		diag("%s", cause);
		free(cause);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].name, name) == 0)
			id = v[i].id;
	}
	db_tag_rows_free(v, n);
	return (id);
}

/* The tag list as "name:feeds:unread:total ..." */
static char *
tag_list(struct db *db)
{
	struct db_tag_row	*v;
	struct str		 s;
	size_t			 n, i;
	char			*cause = NULL;

	str_init(&s);
	str_append(&s, "", 0);
	if (db_tag_list(db, &v, &n, &cause) != 0) {
		diag("%s", cause);
		free(cause);
		return (str_steal(&s));
	}
	for (i = 0; i < n; i++) {
		str_printf(&s, "%s%s:%lld:%lld:%lld", i ? " " : "", v[i].name,
		    (long long)v[i].feeds, (long long)v[i].unread,
		    (long long)v[i].total);
	}
	db_tag_rows_free(v, n);
	return (str_steal(&s));
}

/* A feed's title as the feed list shows it. */
static char *
feed_title(struct db *db, int64_t feed)
{
	struct db_feed_row	*r;
	char			*cause = NULL, *t;

	if (db_feed_get(db, feed, &r, &cause) != 0 || r == NULL) {
		diag("no feed %lld: %s", (long long)feed, cause);
		free(cause);
		return (xstrdup("(none)"));
	}
	t = xstrdup(r->title);
	db_feed_rows_free(r, 1);
	return (t);
}

static void
is_title(struct db *db, int64_t feed, const char *want, const char *what)
{
	char	*got;

	got = feed_title(db, feed);
	is_str(got, want, "%s", what);
	free(got);
}

/* The urls file's titles and tags, and how they meet the user's. */
static void
test_sync(void)
{
	static const char *const news[] = { "أخبار", "عاجل" };
	static const char *const world[] = { "عالم", "أخبار", "أخبار", "" };
	static const char *const sport[] = { "رياضة" };
	struct db		*db;
	struct db_sub		 subs[4];
	struct db_item_row	*rows;
	struct feed		*f;
	char			*cause = NULL, *got;
	size_t			 n;
	int64_t			 a, b, c, changes;

	db = fx_open("sync.db", NULL);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	c = fx_feed(db, FX_C);
	fx_put(db, a, fx_item("a1", "a1", 100, NULL), NULL);
	fx_put(db, b, fx_item("b1", "b1", 200, NULL), NULL);
	fx_put(db, b, fx_item("b2", "b2", 300, NULL), NULL);
	memset(subs, 0, sizeof subs);
	subs[0] = (struct db_sub){ FX_A, "عنوان الملف", news, 2 };
	subs[1] = (struct db_sub){ FX_B, NULL, world, 4 };
	subs[2] = (struct db_sub){ FX_C, NULL, NULL, 0 };
	ok(db_feed_sync(db, subs, 3, &cause) == 0, "sync titles and tags");

	/* Titles: the user's, else the file's, else the feed's, else the URL. */
	is_title(db, a, "عنوان الملف", "the urls file's title is shown");
	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_FIRST, NULL, 1, &rows, &n,
	    &cause);
	ok(n == 1 && strcmp(rows[0].feed_title, "عنوان الملف") == 0,
	    "... in the item rows too");
	db_item_rows_free(rows, n);
	is_title(db, c, FX_C, "a feed with no title shows its URL");
	f = feed_new();
	f->title = xstrdup("Own title");
	db_feed_begin(db, a, &cause);
	db_feed_commit(db, a, f, &cause);
	db_feed_begin(db, c, &cause);
	db_feed_commit(db, c, f, &cause);
	feed_free(f);
	is_title(db, a, "عنوان الملف", "the file's title wins over the feed's");
	is_title(db, c, "Own title", "the feed's title shows when the file "
	    "has none");
	db_feed_set_title(db, a, "اسمي", &cause);
	is_title(db, a, "اسمي", "the user's rename wins over the file's title");
	subs[0].title = "عنوان جديد";
	db_feed_sync(db, subs, 3, &cause);
	is_title(db, a, "اسمي", "a sync never touches the user's rename");
	db_item_page(db, DB_LIST_FEED, a, DB_PAGE_FIRST, NULL, 1, &rows, &n,
	    &cause);
	ok(n == 1 && strcmp(rows[0].feed_title, "اسمي") == 0,
	    "item rows show the same title");
	db_item_rows_free(rows, n);
	db_feed_set_title(db, a, NULL, &cause);
	is_title(db, a, "عنوان جديد", "removing the rename shows the file's "
	    "title, as it is now");
	subs[0].title = NULL;
	db_feed_sync(db, subs, 3, &cause);
	is_title(db, a, "Own title", "a title taken out of the file shows "
	    "the feed's own");

	/* Tags. */
	got = tag_list(db);
	is_str(got, "أخبار:2:3:3 عاجل:1:1:1 عالم:1:2:2", "tags come by name "
	    "with their feeds and counts; a tag listed twice counts once, an "
	    "empty one not at all");
	free(got);
	changes = sqlite3_total_changes(db->sq);
	db_feed_sync(db, subs, 3, &cause);
	is_int(sqlite3_total_changes(db->sq) - changes, 0,
	    "a sync that changes nothing writes nothing");
	subs[1].tags = sport;
	subs[1].ntags = 1;
	subs[2].tags = news;
	subs[2].ntags = 1;
	db_feed_sync(db, subs, 3, &cause);
	got = tag_list(db);
	is_str(got, "أخبار:2:1:1 رياضة:1:2:2 عاجل:1:1:1", "tags follow the "
	    "file; a tag no feed has is forgotten");
	free(got);
	ok(tag_id(db, "عالم") == -1 && fx_sql_int(db, "SELECT count(*) FROM "
	    "tag WHERE name = 'عالم'") == 0, "... and gone from the cache");

	/* A feed taken out of the file keeps its items, loses its tags. */
	subs[1] = subs[2];
	db_feed_sync(db, subs, 2, &cause);
	got = tag_list(db);
	is_str(got, "أخبار:2:1:1 عاجل:1:1:1", "a feed taken out of the file "
	    "loses its tags");
	free(got);
	is_int(fx_sql_int(db, "SELECT total FROM feed WHERE id = 2"), 2,
	    "... and keeps its items");

	/* A URL listed twice: its last line's place, title and tags. */
	subs[0] = (struct db_sub){ FX_B, "first", news, 2 };
	subs[1] = (struct db_sub){ FX_A, NULL, NULL, 0 };
	subs[2] = (struct db_sub){ FX_B, "last", sport, 1 };
	db_feed_sync(db, subs, 3, &cause);
	got = tag_list(db);
	is_str(got, "رياضة:1:2:2", "a URL listed twice takes the tags of its "
	    "last line");
	free(got);
	is_title(db, b, "last", "... and its title");
	is_int(fx_sql_int(db, "SELECT position FROM feed WHERE id = 2"), 3,
	    "... and its place");
	changes = sqlite3_total_changes(db->sq);
	db_feed_sync(db, subs, 3, &cause);
	is_int(sqlite3_total_changes(db->sq) - changes, 0,
	    "... and syncing it again writes nothing");
	subs[1].url = NULL;
	ok(db_feed_sync(db, subs, 3, &cause) != 0 && fx_contains(cause,
	    "no URL"), "a subscription without a URL is refused");
	free(cause);
	db_close(db);
}

static int64_t
tags_date(int i)
{
	return (1000 + (i * 11) % 13);
}

/* A tag's list, and everything that changes which items are in it. */
static void
test_tags(void)
{
	static const char *const t[] = { "t" };
	struct db	*db;
	struct db_sub	 subs[3];
	struct item	*it;
	char		*cause = NULL, *where;
	int64_t		 a, b, c, tag, total, unread;

	db = fx_open("tags.db", NULL);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	c = fx_feed(db, FX_C);
	fx_fill(db, a, "a", 57, tags_date, NULL);
	fx_fill(db, c, "c", 10, NULL, NULL);
	memset(subs, 0, sizeof subs);
	subs[0] = (struct db_sub){ FX_A, NULL, t, 1 };
	subs[1] = (struct db_sub){ FX_B, NULL, t, 1 };
	subs[2] = (struct db_sub){ FX_C, NULL, NULL, 0 };
	db_feed_sync(db, subs, 3, &cause);
	tag = tag_id(db, "t");
	ok(tag > 0, "the tag is there");
	xasprintf(&where, "JOIN feed_tag ft ON ft.feed_id = i.feed_id "
	    "WHERE ft.tag_id = %lld", (long long)tag);
	is_list(db, DB_LIST_TAG, tag, where, "a feed given a tag brings its "
	    "items into the tag's list");
	fx_fill(db, b, "b", 23, tags_date, NULL);
	is_list(db, DB_LIST_TAG, tag, where, "new items of a tagged feed are "
	    "in it");
	is_int(fx_sql_int(db, "SELECT count(*) FROM tag_item"), 80,
	    "... once each");

	/* An item changed in the transaction that inserts it, and batches. */
	db_feed_begin(db, b, &cause);
	it = fx_item("twice", "twice", 100, NULL);
	db_item_upsert(db, b, it, NULL, &cause);
	item_free(it);
	it = fx_item("twice", "twice, later", 200, NULL);
	db_item_upsert(db, b, it, NULL, &cause);
	item_free(it);
	db_feed_commit(db, b, NULL, &cause);
	is_int(fx_sql_int(db, "SELECT sort_date FROM tag_item WHERE item_id = "
	    "(SELECT id FROM item WHERE guid = 'twice')"), 200,
	    "an item changed before its commit is listed once, as it is then");
	db_batch_begin(db, &cause);
	fx_put(db, a, fx_item("x1", "x1", 3000, NULL), NULL);
	fx_put(db, c, fx_item("x2", "x2", 3001, NULL), NULL);
	fx_put(db, b, fx_item("x3", "x3", 3002, NULL), NULL);
	db_batch_commit(db, &cause);
	is_list(db, DB_LIST_TAG, tag, where, "feeds of a batch list their new "
	    "items in their own tags only");
	sqlite3_exec(db->sq, "DELETE FROM item WHERE guid IN ('twice', 'x1', "
	    "'x2', 'x3')", NULL, NULL, NULL);

	/* A changed date moves the item in the list. */
	it = fx_item("a3", "a3", 5000, NULL);
	fx_put(db, a, it, NULL);
	is_int(fx_sql_int(db, "SELECT count(*) FROM tag_item WHERE sort_date "
	    "= 5000"), 1, "an item whose date changed moves in the list");
	is_list(db, DB_LIST_TAG, tag, where, "... and the list pages in order");

	/* Deletes: retention (of read items only), and a feed's removal. */
	db_feed_mark_read(db, a, &cause);
	db_feed_set_retention(db, a, 20, 0, &cause);
	db_feed_begin(db, a, &cause);
	db_feed_commit(db, a, NULL, &cause);
	is_int(fx_sql_int(db, "SELECT count(*) FROM tag_item"), 43,
	    "retention takes its items out of the list");
	is_list(db, DB_LIST_TAG, tag, where, "... which still pages in order");
	db_item_count(db, DB_LIST_TAG, tag, &total, &unread, &cause);
	ok(total == 43 && unread == 23, "a tag's counts are its feeds' "
	    "(%lld, %lld)", (long long)total, (long long)unread);

	/* A feed losing the tag takes its items with it. */
	subs[1].tags = NULL;
	subs[1].ntags = 0;
	subs[2].tags = t;
	subs[2].ntags = 1;
	db_feed_sync(db, subs, 3, &cause);
	is_list(db, DB_LIST_TAG, tag, where, "a feed that loses the tag takes "
	    "its items out, one that gains it brings them");
	is_int(fx_sql_int(db, "SELECT count(*) FROM tag_item"), 30,
	    "... and nothing else is left in it");
	sqlite3_exec(db->sq, "DELETE FROM feed WHERE id = 1", NULL, NULL, NULL);
	is_int(fx_sql_int(db, "SELECT count(*) FROM tag_item"), 10,
	    "a feed's removal takes its items out of its tags' lists");
	is_int(fx_sql_int(db, "SELECT count(*) FROM tag_item WHERE item_id "
	    "NOT IN (SELECT id FROM item)"), 0, "... leaving none behind");
	free(where);
	free(cause);
	db_close(db);
}

/* The lists' counts, as the kept counts give them and as COUNT(*) does. */
static void
is_counts(struct db *db, int64_t tag, const char *what)
{
	static const char *where[] = {
		"feed_id = 1", "unread = 1", "starred = 1", "1",
	};
	char	*cause = NULL, *w, *sql;
	int64_t	 total, unread, id;
	int	 l, bad = 0;

	for (l = 0; l <= DB_LIST_TAG; l++) {
		id = l == DB_LIST_TAG ? tag : 1;
		if (db_item_count(db, l, id, &total, &unread, &cause) != 0) {
			diag("%s", cause);
			free(cause);
			bad++;
			continue;
		}
		if (l == DB_LIST_TAG)
			xasprintf(&w, "feed_id IN (SELECT feed_id FROM "
			    "feed_tag WHERE tag_id = %lld)", (long long)tag);
		else
			w = xstrdup(where[l]);
		xasprintf(&sql, "SELECT count(*) * 1000000 + "
		    "COALESCE(sum(unread = 1), 0) FROM item WHERE %s", w);
		if (fx_sql_int(db, sql) != total * 1000000 + unread) {
			diag("list %d: %lld %lld, COUNT(*): %lld", l,
			    (long long)total, (long long)unread,
			    (long long)fx_sql_int(db, sql));
			bad++;
		}
		free(sql);
		free(w);
	}
	is_int(bad, 0, "%s", what);
}

/* The counts kept for "k of n" equal COUNT(*) after random work. */
static void
test_totals(void)
{
	static const char *names[] = { "x", "y", "z" };
	static const char *const urls[] = { FX_A, FX_B, FX_C };
	const char	*tags[3][3];
	struct db	*db;
	struct db_sub	 subs[3];
	char		 guid[32], *cause = NULL;
	int64_t		 feeds[3], id, maxid, bad_counts = 0, bad_tags = 0;
	int		 i, k;

	db = fx_open("totals.db", NULL);
	for (k = 0; k < 3; k++)
		feeds[k] = fx_feed(db, urls[k]);
	srandom(12);
	for (i = 0; i < 800; i++) {
		maxid = fx_sql_int(db, "SELECT COALESCE(max(id), 0) FROM item");
		id = maxid > 0 ? 1 + random() % maxid : 0;
		switch (random() % 10) {
		case 0:
		case 1:
		case 9:
			/* New items, and old ones with new dates. */
			snprintf(guid, sizeof guid, "r%ld", random() % 200);
			fx_put(db, feeds[random() % 3], fx_item(guid, guid,
			    random() % 100000, NULL), NULL);
			break;
		case 2:
			db_item_set_unread(db, id, random() % 2, &cause);
			break;
		case 3:
			db_item_set_starred(db, id, random() % 2, &cause);
			break;
		case 4:
			if (random() % 20 == 0)
				db_feed_mark_read(db, random() % 4, &cause);
			break;
		case 5:
			db_feed_set_retention(db, feeds[random() % 3],
			    20 + random() % 40, 0, &cause);
			break;
		case 6:
			if (random() % 4 == 0) {
				char	*sql;

				xasprintf(&sql, "DELETE FROM item WHERE id = "
				    "%lld", (long long)id);
				sqlite3_exec(db->sq, sql, NULL, NULL, NULL);
				free(sql);
			}
			break;
		case 7:
		case 8:
			if (random() % 5 != 0)
				break;
			for (k = 0; k < 3; k++) {
				subs[k].url = urls[k];
				subs[k].title = NULL;
				subs[k].ntags = random() % 3;
				tags[k][0] = names[random() % 3];
				tags[k][1] = names[random() % 3];
				subs[k].tags = tags[k];
			}
			db_feed_sync(db, subs, 3, &cause);
			break;
		}
		free(cause);
		cause = NULL;
		if (i % 20 != 19)
			continue;
		bad_counts += fx_sql_int(db, "SELECT count(*) FROM feed WHERE "
		    "(total, unread_count, starred_count, starred_unread) IS "
		    "NOT (SELECT count(*), COALESCE(sum(unread = 1), 0), "
		    "COALESCE(sum(starred = 1), 0), "
		    "COALESCE(sum(starred = 1 AND unread = 1), 0) "
		    "FROM item WHERE feed_id = feed.id)");
		bad_counts += fx_sql_int(db, "SELECT count(*) FROM feed_tag ft "
		    "JOIN feed f ON f.id = ft.feed_id WHERE (ft.unread, "
		    "ft.total) IS NOT (f.unread_count, f.total)");
		bad_tags += fx_sql_int(db, "SELECT count(*) FROM (SELECT "
		    "ft.tag_id, i.sort_date, i.id FROM feed_tag ft JOIN item i "
		    "ON i.feed_id = ft.feed_id EXCEPT SELECT tag_id, sort_date, "
		    "item_id FROM tag_item)");
		bad_tags += fx_sql_int(db, "SELECT count(*) FROM (SELECT tag_id, "
		    "sort_date, item_id FROM tag_item EXCEPT SELECT ft.tag_id, "
		    "i.sort_date, i.id FROM feed_tag ft JOIN item i ON "
		    "i.feed_id = ft.feed_id)");
	}
	ok(fx_sql_int(db, "SELECT count(*) FROM item") > 20 &&
	    fx_sql_int(db, "SELECT count(*) FROM item WHERE starred") > 3 &&
	    fx_sql_int(db, "SELECT count(*) FROM feed_tag") > 0,
	    "the random run left items, stars and tags to count");
	is_int(bad_counts, 0, "every feed's total, unread, starred and starred "
	    "unread counts equal COUNT(*), and its tags' copies its own, every "
	    "20 steps of the run");
	is_int(bad_tags, 0, "every item of a tagged feed is in its tags' "
	    "lists, and nothing else is, every 20 steps");
	is_counts(db, fx_sql_int(db, "SELECT COALESCE(min(tag_id), 0) FROM "
	    "feed_tag"), "db_item_count gives every list's COUNT(*)");
	db_feed_mark_read(db, 0, &cause);
	is_int(fx_sql_int(db, "SELECT sum(starred_unread) FROM feed"), 0,
	    "marking everything read zeroes the starred unread counts too");
	free(cause);
	db_close(db);
}

static int64_t
rank_date(int i)
{
	return (1000 + i / 3);
}

/* How many rows before a cursor: db_item_rank against COUNT(*). */
static void
test_rank(void)
{
	static const char *names[] = { "feed", "unread", "starred", "all",
	    "tag" };
	static const char *where[] = {
		"feed_id = 1", "unread = 1", "starred = 1", "1",
		"feed_id IN (SELECT feed_id FROM feed_tag)",
	};
	static const char *const t[] = { "t" };
	struct db		*db;
	struct db_sub		 subs[3];
	struct db_item_cursor	 cur;
	char			*cause = NULL, *sql;
	int64_t			 a, b, tag, rank, want, k, ks[32];
	size_t			 nk, i;
	int			 l, bad, checks;

	db = fx_open("rank.db", NULL);
	a = fx_feed(db, FX_A);
	b = fx_feed(db, FX_B);
	/* Past 4 x 1024 rows, so that ranks walk in several steps each way. */
	fx_fill(db, a, "a", 6000, rank_date, NULL);
	fx_fill(db, b, "b", 300, NULL, NULL);
	memset(subs, 0, sizeof subs);
	subs[0] = (struct db_sub){ FX_A, NULL, t, 1 };
	subs[1] = (struct db_sub){ FX_B, NULL, t, 1 };
	subs[2] = (struct db_sub){ FX_C, NULL, NULL, 0 };
	db_feed_sync(db, subs, 3, &cause);
	tag = tag_id(db, "t");
	/* Behind the API's back, so the counts are made again. */
	sqlite3_exec(db->sq, "UPDATE item SET unread = 0 WHERE id % 3 = 0;"
	    "UPDATE item SET starred = 1 WHERE id % 7 = 0;"
	    "UPDATE feed SET (unread_count, starred_count, starred_unread) ="
	    " (SELECT COALESCE(sum(unread = 1), 0), COALESCE(sum(starred), 0),"
	    " COALESCE(sum(starred AND unread), 0) FROM item"
	    " WHERE feed_id = feed.id)", NULL, NULL, NULL);

	for (l = 0; l <= DB_LIST_TAG; l++) {
		/* Rows at these places, and cursors between or past rows. */
		nk = 0;
		for (k = 0; k < 6300; k += 433)
			ks[nk++] = k;
		ks[nk++] = 1023;
		ks[nk++] = 1024;
		ks[nk++] = 1025;
		ks[nk++] = 4096;
		bad = checks = 0;
		for (i = 0; i < nk + 3; i++) {
			if (i < nk) {
				xasprintf(&sql, "SELECT sort_date * 100000 + id "
				    "FROM item WHERE %s ORDER BY sort_date "
				    "DESC, id DESC LIMIT 1 OFFSET %lld",
				    where[l], (long long)ks[i]);
				k = fx_sql_int(db, sql);
				free(sql);
				if (k < 0)
					continue;
				cur.date = k / 100000;
				cur.id = k % 100000;
				if (i % 2)
					cur.id++;	/* between two rows */
			} else {
				cur.date = i == nk ? 0 : i == nk + 1 ? 999999 :
				    1500;
				cur.id = 5;
			}
			xasprintf(&sql, "SELECT count(*) FROM item WHERE %s AND "
			    "(sort_date, id) > (%lld, %lld)", where[l],
			    (long long)cur.date, (long long)cur.id);
			want = fx_sql_int(db, sql);
			free(sql);
			checks++;
			if (db_item_rank(db, l, l == DB_LIST_TAG ? tag : a, &cur,
			    &rank, &cause) != 0 || rank != want) {
				diag("%s list at (%lld, %lld): rank %lld, "
				    "want %lld %s", names[l],
				    (long long)cur.date, (long long)cur.id,
				    (long long)rank, (long long)want,
				    cause ? cause : "");
				bad++;
			}
		}
		ok(bad == 0 && checks >= 6, "%s list: %d ranks equal COUNT(*) of "
		    "the rows before the cursor", names[l], checks);
	}
	ok(db_item_rank(db, DB_LIST_FEED, a, NULL, &rank, &cause) != 0,
	    "a rank needs a cursor");
	free(cause);
	db_close(db);
}

/* One feed's row by id, the number of feeds, totals in the feed list. */
static void
test_feed_get(void)
{
	static const char *const urls[] = { FX_A, FX_B, FX_C, "https://d.example/" };
	struct db		*db;
	struct db_feed_row	*r, *page;
	char			*cause = NULL;
	size_t			 n;
	int64_t			 a, count;

	db = fx_open("feed-get.db", NULL);
	a = fx_feed(db, FX_A);
	fx_fill(db, a, "g", 12, NULL, NULL);
	db_item_set_unread(db, 3, false, &cause);
	db_feed_page(db, DB_PAGE_FIRST, NULL, 1, &page, &n, &cause);
	ok(db_feed_get(db, a, &r, &cause) == 0 && r != NULL && n == 1,
	    "a feed's row by id");
	if (r != NULL && n == 1) {
		ok(r->id == page[0].id && strcmp(r->url, page[0].url) == 0 &&
		    strcmp(r->title, page[0].title) == 0 &&
		    r->position == page[0].position, "... is its row of the "
		    "feed list");
		ok(r->total == 12 && r->unread == 11 && page[0].total == 12,
		    "feed rows carry the total and unread items (%lld, %lld)",
		    (long long)r->total, (long long)r->unread);
	}
	db_feed_rows_free(r, 1);
	db_feed_rows_free(page, n);
	ok(db_feed_get(db, 424242, &r, &cause) == 0 && r == NULL,
	    "a feed that is gone reads as NULL");
	ok(db_feed_count(db, &count, &cause) == 0 && count == 3,
	    "three feeds in the list");
	fx_sync(db, urls, 4);
	db_feed_count(db, &count, &cause);
	is_int(count, 4, "a feed added to the file is counted");
	free(cause);
	db_close(db);
}

int
main(void)
{
	fx_init("test-db-list");
	test_paging();
	test_plans();
	test_sync();
	test_tags();
	test_totals();
	test_rank();
	test_feed_get();
	return (fx_done());
}
