/*
 * Tests for db-article.c and schema 9: full articles stored beside the
 * feed's summary, compressed when it pays, read back byte for byte;
 * failures kept with their reasons without losing an article stored
 * before; the items the poller should fetch; search through the
 * articles' text, with FTS5's own integrity check after every change
 * that takes words out of the index (a new article, a changed item,
 * retention, a feed's removal); the upgrade of a version 8 cache.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "fixture-db.h"

#include "reason.h"
#include "str.h"

/* An article's HTML: paragraphs of Arabic with a word to search for. */
static char *
article_html(const char *word, int paragraphs)
{
	struct str	s;
	int		i;

	str_init(&s);
	str_appends(&s, "<div dir=\"rtl\" lang=\"ar\">");
	for (i = 0; i < paragraphs; i++)
		str_printf(&s, "<p>قال المتحدث باسم البلدية إن أعمال الصيانة "
		    "ستستمر أسبوعين، وإن %s سيعود إلى العمل بعدها، %d.</p>",
		    word, i);
	str_appends(&s, "</div>");
	return (str_steal(&s));
}

/* Store an article (html) for an item with a few fields set. */
static int
put_article(struct db *db, int64_t item, const char *html)
{
	struct db_article	a;
	char			*cause = NULL;
	int			 rc;

	memset(&a, 0, sizeof a);
	a.item_id = item;
	a.fetched = 1700000000;
	a.html = (char *)html;
	a.len = strlen(html);
	a.chars = 100;
	a.url = (char *)"https://news.example/a";
	a.title = (char *)"عنوان الصفحة";
	a.author = (char *)"سلمى";
	a.site = (char *)"أخبار";
	a.published = 1699999000;
	a.lang = (char *)"ar";
	a.dir = FEED_DIR_RTL;
	a.etag = (char *)"\"v1\"";
	rc = db_article_store(db, &a, &cause);
	if (rc != 0)
		diag("store: %s", cause);
	free(cause);
	return (rc);
}

/* Store a failure for an item. */
static int
put_failure(struct db *db, int64_t item, int kind, long code, int64_t next)
{
	struct db_article	a;
	char			*cause = NULL;
	int			 rc;

	memset(&a, 0, sizeof a);
	a.item_id = item;
	a.fetched = 1700000100;
	a.error_kind = kind;
	a.error_code = code;
	a.error = (char *)"details";
	a.attempts = 1;
	a.next_try = next;
	rc = db_article_store(db, &a, &cause);
	if (rc != 0)
		diag("store failure: %s", cause);
	free(cause);
	return (rc);
}

/* The ids the search finds, in order, as "1 2 3". */
static char *
found(struct db *db, const char *q)
{
	struct db_item_row	*rows;
	struct str		 s;
	size_t			 n, i;
	char			*cause = NULL;

	str_init(&s);
	str_append(&s, "", 0);
	if (db_search_page(db, q, DB_PAGE_FIRST, NULL, 50, &rows, &n,
	    &cause) != 0) {
		diag("search: %s", cause);
		free(cause);
		return (str_steal(&s));
	}
	for (i = 0; i < n; i++)
		str_printf(&s, "%s%lld", i ? " " : "", (long long)rows[i].id);
	db_item_rows_free(rows, n);
	return (str_steal(&s));
}

static void
found_is(struct db *db, const char *q, const char *want, const char *what)
{
	char	*got = found(db, q);

	is_str(got, want, "%s", what);
	free(got);
}

static void
index_all(struct db *db)
{
	int64_t	 left = 0;
	char	*cause = NULL;

	if (db_search_index_pending(db, 1000, &left, &cause) != 0) {
		diag("index: %s", cause);
		free(cause);
	}
}

/*
 * FTS5's check that the index holds the words of what it indexes, once
 * everything is indexed: words a wrong delete left behind stay wrong.
 */
static void
integrity_ok(struct db *db, const char *what)
{
	char	*err = NULL;
	int	 rc;

	index_all(db);

	rc = sqlite3_exec(db->sq, "INSERT INTO item_fts(item_fts, rank)"
	    " VALUES ('integrity-check', 1)", NULL, NULL, &err);
	ok(rc == SQLITE_OK, "%s: the search index is sound%s%s", what,
	    err ? ": " : "", err ? err : "");
	sqlite3_free(err);
}

static void
test_store_get(void)
{
	struct db		*db;
	struct db_article	*a = NULL;
	struct item		*it;
	char			*cause = NULL, *big, *small = "<p>قصير</p>";
	int64_t			 feed, n, bytes;

	db = fx_open("store.db", NULL);
	feed = fx_feed(db, FX_A);
	fx_put(db, feed, fx_item("1", "t1", 100, "ملخص الخبر"), NULL);
	fx_put(db, feed, fx_item("2", "t2", 200, "ملخص آخر"), NULL);

	ok(db_article_get(db, 1, &a, &cause) == 0 && a == NULL,
	    "an item never fetched has no article");
	big = article_html("الجسر", 30);
	ok(put_article(db, 1, big) == 0, "an article is stored");
	fx_is_sql(db, "SELECT typeof(body) FROM article WHERE item_id = 1",
	    "blob", "... compressed");
	ok(fx_sql_int(db, "SELECT length(body) FROM article WHERE item_id = 1")
	    < (int64_t)strlen(big) / 2, "... to less than half (%lld of %zu)",
	    (long long)fx_sql_int(db, "SELECT length(body) FROM article"
	    " WHERE item_id = 1"), strlen(big));
	ok(db_article_get(db, 1, &a, &cause) == 0 && a != NULL,
	    "it is read back");
	if (a != NULL) {
		is_str(a->html, big, "... its HTML byte for byte");
		is_int(a->len, strlen(big), "... and its length");
		is_int(a->error_kind, REASON_NONE, "... no failure");
		is_str(a->title, "عنوان الصفحة", "... the page's title");
		is_str(a->etag, "\"v1\"", "... its validator");
		is_int(a->published, 1699999000, "... its date");
		is_int(a->dir, FEED_DIR_RTL, "... its direction");
		is_str(a->lang, "ar", "... its language");
	}
	db_article_free(a);

	/* What the article view renders: the item with its article. */
	ok(db_article_get(db, 1, &a, &cause) == 0 && a != NULL,
	    "the article read again");
	if (a != NULL) {
		it = item_new();
		it->summary = xstrdup("ملخص");
		db_article_to_item(a, it);
		ok(it->summary == NULL && it->content != NULL &&
		    strcmp(it->content, big) == 0 &&
		    it->content_type == FEED_TEXT_HTML,
		    "the article takes the feed's text's place");
		is_str(it->title, "عنوان الصفحة", "... the page's title where "
		    "the feed gave none");
		is_str(it->link, "https://news.example/a", "... its link");
		ok(it->authors.n == 1 && strcmp(it->authors.v[0], "سلمى") ==
		    0, "... its author");
		is_int(it->published, 1699999000, "... its date");
		is_int(it->dir, FEED_DIR_RTL, "... its direction");
		item_free(it);
	}
	db_article_free(a);

	ok(put_article(db, 2, small) == 0, "a short article is stored");
	fx_is_sql(db, "SELECT typeof(body) FROM article WHERE item_id = 2",
	    "text", "... as it is: compressing it does not pay");
	ok(db_article_get(db, 2, &a, &cause) == 0 && a != NULL &&
	    strcmp(a->html, small) == 0, "... and read back");
	db_article_free(a);

	ok(db_article_count(db, &n, &bytes, &cause) == 0 && n == 2 &&
	    bytes > 0 && bytes < (int64_t)strlen(big),
	    "two articles, their stored bytes counted (%lld)",
	    (long long)bytes);

	/* A failure after an article keeps the article. */
	ok(put_failure(db, 1, REASON_TIMEOUT, 0, 1700003700) == 0,
	    "a failure is stored for an item with an article");
	ok(db_article_get(db, 1, &a, &cause) == 0 && a != NULL &&
	    a->html != NULL && strcmp(a->html, big) == 0,
	    "... which keeps its article");
	if (a != NULL) {
		is_int(a->error_kind, REASON_TIMEOUT, "... with the failure");
		is_int(a->attempts, 1, "... counted");
	}
	db_article_free(a);
	ok(db_article_touch(db, 1, 1700009999, "\"v2\"", NULL, &cause) == 0,
	    "a 304 is noted");
	ok(db_article_get(db, 1, &a, &cause) == 0 && a != NULL &&
	    a->error_kind == REASON_NONE && a->fetched == 1700009999 &&
	    strcmp(a->etag, "\"v2\"") == 0 && a->attempts == 0,
	    "... clearing the failure, with the new validator");
	db_article_free(a);

	/* A failure for an item with nothing. */
	fx_put(db, feed, fx_item("3", "t3", 300, "ملخص"), NULL);
	ok(put_failure(db, 3, REASON_NO_ARTICLE, 0, 0) == 0,
	    "a failure of an item without an article");
	ok(db_article_get(db, 3, &a, &cause) == 0 && a != NULL &&
	    a->html == NULL && a->error_kind == REASON_NO_ARTICLE &&
	    strcmp(a->error, "details") == 0, "... is read back, no HTML");
	db_article_free(a);
	ok(put_failure(db, 999, REASON_TIMEOUT, 0, 0) == 0 &&
	    fx_sql_int(db, "SELECT count(*) FROM article WHERE item_id = 999")
	    == 0, "an item that is gone stores nothing");
	free(big);
	db_close(db);
}

static void
test_wanted(void)
{
	struct db		*db;
	struct db_article_want	*w = NULL;
	struct item		*it;
	char			*cause = NULL, guid[16];
	size_t			 n = 0;
	int64_t			 feed;
	int			 i;

	db = fx_open("wanted.db", NULL);
	feed = fx_feed(db, FX_A);
	for (i = 1; i <= 8; i++) {
		snprintf(guid, sizeof guid, "g%d", i);
		it = fx_item(guid, guid, 100 * i, "ملخص");
		if (i != 5)
			xasprintf(&it->link, "https://news.example/%d", i);
		fx_put(db, feed, it, NULL);
	}
	/* Items 1-8; 5 has no link. 8 has an article, 7 failed for good, 6 will be due. */
	put_article(db, 8, "<p>نص</p>");
	put_failure(db, 7, REASON_NOT_HTML, 0, 0);
	put_failure(db, 6, REASON_TIMEOUT, 0, 5000);
	ok(db_article_wanted(db, feed, 6, 4000, &w, &n, &cause) == 0,
	    "the items wanted");
	is_int(n, 2, "... of the newest 6: two (4 and 3 have links and "
	    "nothing; 6 is not due)");
	if (n == 2)
		ok(w[0].item_id == 4 && w[1].item_id == 3 &&
		    strcmp(w[0].link, "https://news.example/4") == 0,
		    "... newest first, with their links");
	db_article_wants_free(w, n);
	ok(db_article_wanted(db, feed, 6, 6000, &w, &n, &cause) == 0 &&
	    n == 3 && w[0].item_id == 6 && w[0].attempts == 1,
	    "a failure whose time came is wanted again, its attempts known");
	db_article_wants_free(w, n);
	ok(db_article_want_item(db, 8, &w, &cause) == 0 && w != NULL &&
	    w->have && w->etag != NULL, "one item: what a new fetch needs");
	db_article_wants_free(w, 1);
	ok(db_article_want_item(db, 77, &w, &cause) == 0 && w == NULL,
	    "... none for an item that is gone");
	db_close(db);
}

static void
test_search(void)
{
	struct db	*db;
	struct item	*it;
	char		*html, *cause = NULL;
	int64_t		 feed;

	db = fx_open("search.db", NULL);
	feed = fx_feed(db, FX_A);
	fx_put(db, feed, fx_item("1", "عنوان", 100, "ملخص عن المطر"), NULL);
	fx_put(db, feed, fx_item("2", "عنوان", 200, "ملخص عن الريح"), NULL);
	index_all(db);
	found_is(db, "الجسر", "", "a word of no item is not found");

	html = article_html("الجسر", 3);
	put_article(db, 1, html);
	free(html);
	integrity_ok(db, "an article stored for an indexed item");
	index_all(db);
	found_is(db, "جسر", "1", "a word only the article has finds its item");
	found_is(db, "المطر", "1", "... and the summary's words still do");
	integrity_ok(db, "indexed");

	html = article_html("النفق", 3);
	put_article(db, 1, html);
	free(html);
	index_all(db);
	found_is(db, "الجسر", "", "a replaced article's words are gone");
	found_is(db, "النفق", "1", "... the new one's are found");
	integrity_ok(db, "replaced");

	/* A changed item (a new summary) with an article: the trigger's words. */
	it = fx_item("1", "عنوان", 100, "ملخص عن الثلج");
	fx_put(db, feed, it, NULL);
	integrity_ok(db, "an item with an article changed");
	index_all(db);
	found_is(db, "الثلج", "1", "... its new summary is found");
	found_is(db, "النفق", "1", "... and its article still");
	integrity_ok(db, "reindexed");

	/* An article stored before its item was indexed. */
	fx_put(db, feed, fx_item("3", "عنوان", 300, "ملخص"), NULL);
	html = article_html("القطار", 2);
	put_article(db, 3, html);
	free(html);
	index_all(db);
	found_is(db, "القطار", "3", "an article of an item not indexed yet");
	integrity_ok(db, "pending");

	/* Deleting: the item and its article go, and their words. */
	ok(sqlite3_exec(db->sq, "DELETE FROM item WHERE id = 1", NULL, NULL,
	    NULL) == SQLITE_OK, "an item with an article is deleted");
	is_int(fx_sql_int(db, "SELECT count(*) FROM article WHERE item_id = 1"),
	    0, "... its article with it");
	found_is(db, "النفق", "", "... and its words");
	integrity_ok(db, "deleted");

	/* Retention counts articles with their items (it removes read ones). */
	ok(db_feed_mark_read(db, feed, &cause) == 0, "the items are read");
	ok(db_feed_set_retention(db, feed, 1, 0, &cause) == 0,
	    "retention of one item");
	fx_put(db, feed, fx_item("4", "عنوان", 400, "ملخص"), NULL);
	is_int(fx_sql_int(db, "SELECT count(*) FROM article"), 0,
	    "... takes the older items' articles");
	integrity_ok(db, "retention");
	db_close(db);
}

static void
test_upgrade(void)
{
	struct db	*db;
	char		*path, *cause = NULL, *html;

	path = fx_path("v8.db");
	if ((db = fx_open_version(path, 8)) == NULL) {
		ok(false, "a version 8 cache");
		free(path);
		return;
	}
	ok(sqlite3_exec(db->sq,
	    "INSERT INTO feed (id, url, position) VALUES (1, 'u', 1);"
	    "INSERT INTO item (id, feed_id, guid, title, summary, summary_type,"
	    " sort_date, hash) VALUES (1, 1, 'a', 'الجيش', '<p>اليوم</p>', 1,"
	    " 10, 1), (2, 1, 'b', 'سلام', 'غدا', 0, 20, 2);"
	    "INSERT INTO item_fts (rowid, title, body) SELECT id, title,"
	    " akhbar_text(summary, summary_type, content, content_type)"
	    " FROM item;", NULL, NULL, NULL) == SQLITE_OK,
	    "a version 8 cache with items, indexed");
	db_close(db);

	if ((db = db_open(path, 0, &cause)) == NULL) {
		ok(false, "it opens and is upgraded: %s", cause);
		free(cause);
		free(path);
		return;
	}
	is_int(fx_sql_int(db, "PRAGMA user_version"), DB_SCHEMA_VERSION,
	    "a version 8 cache is upgraded");
	integrity_ok(db, "upgraded");
	found_is(db, "اليوم", "1", "... its index still finds its items");
	html = article_html("المطار", 2);
	put_article(db, 2, html);
	free(html);
	index_all(db);
	found_is(db, "المطار", "2", "... and an article stored after");
	ok(sqlite3_exec(db->sq, "DELETE FROM item", NULL, NULL, NULL) ==
	    SQLITE_OK, "every item deleted");
	integrity_ok(db, "emptied");
	db_close(db);
	free(path);
}

int
main(void)
{
	fx_init("db-article");
	test_store_get();
	test_wanted();
	test_search();
	test_upgrade();
	return (fx_done());
}
