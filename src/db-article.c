/*
 * Full articles in the cache: the table "article" holds, for an item
 * whose web page was fetched, the article found in it (clean HTML) with
 * what the page said of itself, or the reason none was found, and the
 * page's validators for the next conditional fetch. An article is stored
 * compact: its HTML compressed with zlib (a BLOB: four bytes of length,
 * little-endian, then the zlib stream) when that saves a tenth, else as
 * TEXT; Arabic HTML comes out at about 40%.
 *
 * An article goes with its item (the item's delete trigger removes it, so
 * retention counts it like the rest of the item), and is searched with
 * it: the body item_fts indexes is akhbar_body(), the item's summary and
 * content and, when it has one, the article's text. Storing an article
 * takes the item's old words out of the index (unless it is still
 * waiting to be indexed) and lists it in fts_pending again, as a changed
 * item's trigger does.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "db-priv.h"
#include "reason.h"
#include "xmalloc.h"

#define DB_ARTICLE_MAX		(64 * 1024 * 1024)	/* bytes inflated */
#define DB_ARTICLE_HEADER	4

/* The columns db_article_get reads, in order. */
#define DB_ARTICLE_COLUMNS \
	"item_id, fetched, error_kind, error_code, error, attempts," \
	" next_try, chars, url, title, author, site, image, excerpt," \
	" published, lang, dir, etag, last_modified, body"

/* Compress len bytes of HTML for the body column; NULL when it does not pay. */
static unsigned char *
db_article_deflate(const char *html, size_t len, size_t *outlen)
{
	unsigned char	*out;
	uLongf		 n;

	if (len < 256 || len > DB_ARTICLE_MAX)
		return (NULL);
	n = compressBound((uLong)len);
	out = xmalloc(DB_ARTICLE_HEADER + n);
	if (compress2(out + DB_ARTICLE_HEADER, &n, (const Bytef *)html,
	    (uLong)len, 6) != Z_OK ||
	    DB_ARTICLE_HEADER + n > len - len / 10) {
		free(out);
		return (NULL);
	}
	out[0] = len & 0xff;
	out[1] = (len >> 8) & 0xff;
	out[2] = (len >> 16) & 0xff;
	out[3] = (len >> 24) & 0xff;
	*outlen = DB_ARTICLE_HEADER + n;
	return (out);
}

/* The HTML of a compressed body (NUL-terminated, *len bytes), or NULL when damaged. */
static char *
db_article_inflate(const unsigned char *p, size_t n, size_t *len)
{
	char	*out;
	uLongf	 size, got;

	if (n < DB_ARTICLE_HEADER)
		return (NULL);
	size = (uLongf)p[0] | (uLongf)p[1] << 8 | (uLongf)p[2] << 16 |
	    (uLongf)p[3] << 24;
	if (size > DB_ARTICLE_MAX)
		return (NULL);
	out = xmalloc(size + 1);
	got = size;
	if (uncompress((Bytef *)out, &got, p + DB_ARTICLE_HEADER,
	    (uLong)(n - DB_ARTICLE_HEADER)) != Z_OK || got != size) {
		free(out);
		return (NULL);
	}
	out[size] = '\0';
	*len = size;
	return (out);
}

/* The HTML of a body column's value (TEXT or a compressed BLOB), or NULL. */
static char *
db_article_html(sqlite3_value *v, size_t *len)
{
	const unsigned char	*p;
	int			 n;

	switch (sqlite3_value_type(v)) {
	case SQLITE_TEXT:
		p = sqlite3_value_text(v);
		n = sqlite3_value_bytes(v);
		*len = (size_t)n;
		return (xstrndup((const char *)p, (size_t)n));
	case SQLITE_BLOB:
		p = sqlite3_value_blob(v);
		n = sqlite3_value_bytes(v);
		return (p != NULL ? db_article_inflate(p, (size_t)n, len) :
		    NULL);
	default:
		return (NULL);
	}
}

/*
 * Append a stored article body to s, turned into text by plain (the
 * search's HTML reader): for akhbar_body(). Nothing for NULL or a body
 * that cannot be read: the same value always gives the same text, which
 * is what deleting its words from the index later needs.
 */
void
db_article_body(sqlite3_value *v, void (*plain)(struct str *, const char *,
    bool), struct str *s)
{
	char	*html;
	size_t	 len;

	if ((html = db_article_html(v, &len)) == NULL)
		return;
	if (s->len != 0)
		str_appendc(s, '\n');
	plain(s, html, true);
	free(html);
}

/*
 * Make an item (from db_item_get) show its full article, as the article
 * view and --article do: the article (a->html, which must be set) in place
 * of the feed's summary and content, the page's title, link, author, date
 * and direction where the feed gave none. The item is then rendered as
 * any other (html_item_render).
 */
void
db_article_to_item(const struct db_article *a, struct item *it)
{
	free(it->summary);
	free(it->content);
	it->summary = NULL;
	it->content = xstrndup(a->html, a->len);
	it->content_type = FEED_TEXT_HTML;
	if (it->title == NULL && a->title != NULL)
		it->title = xstrdup(a->title);
	if (it->link == NULL && a->url != NULL)
		it->link = xstrdup(a->url);
	if (a->dir != FEED_DIR_AUTO)
		it->dir = a->dir;
	if (it->authors.n == 0 && a->author != NULL)
		strv_add(&it->authors, a->author);
	if (it->published == FEED_TIME_UNKNOWN)
		it->published = a->published;
}

/* Free an article from db_article_get. */
void
db_article_free(struct db_article *a)
{
	if (a == NULL)
		return;
	free(a->error);
	free(a->html);
	free(a->url);
	free(a->title);
	free(a->author);
	free(a->site);
	free(a->image);
	free(a->excerpt);
	free(a->lang);
	free(a->etag);
	free(a->last_modified);
	free(a);
}

/* An item's full article (*ap NULL when its page was never fetched). */
int
db_article_get(struct db *db, int64_t item, struct db_article **ap,
    char **cause)
{
	struct db_article	*a;
	sqlite3_stmt		*st;
	int			 rc;

	*ap = NULL;
	st = db_prepare(db, DB_STMT_ARTICLE_GET, "SELECT " DB_ARTICLE_COLUMNS
	    " FROM article WHERE item_id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return (0);
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return (db_fail(db, rc, "read article", cause));
	}
	a = xcalloc(1, sizeof *a);
	a->item_id = sqlite3_column_int64(st, 0);
	a->fetched = sqlite3_column_int64(st, 1);
	a->error_kind = sqlite3_column_int(st, 2);
	a->error_code = (long)sqlite3_column_int64(st, 3);
	a->error = db_column_strdup(st, 4);
	a->attempts = sqlite3_column_int(st, 5);
	a->next_try = sqlite3_column_int64(st, 6);
	a->chars = sqlite3_column_int64(st, 7);
	a->url = db_column_strdup(st, 8);
	a->title = db_column_strdup(st, 9);
	a->author = db_column_strdup(st, 10);
	a->site = db_column_strdup(st, 11);
	a->image = db_column_strdup(st, 12);
	a->excerpt = db_column_strdup(st, 13);
	a->published = sqlite3_column_type(st, 14) == SQLITE_NULL ?
	    FEED_TIME_UNKNOWN : sqlite3_column_int64(st, 14);
	a->lang = db_column_strdup(st, 15);
	a->dir = sqlite3_column_int(st, 16);
	a->etag = db_column_strdup(st, 17);
	a->last_modified = db_column_strdup(st, 18);
	a->html = db_article_html(sqlite3_column_value(st, 19), &a->len);
	if (a->html == NULL && sqlite3_column_type(st, 19) != SQLITE_NULL) {
		/* A body that cannot be read: say so rather than show nothing. */
		a->error_kind = REASON_CACHE;
		free(a->error);
		a->error = xstrdup("the stored article cannot be read");
	}
	sqlite3_reset(st);
	*ap = a;
	return (0);
}

static void
db_article_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/*
 * Take an item's words out of the index and list it to be indexed again,
 * before its article changes: the words of a deleted body must be those
 * that were indexed, so the old article is read before it goes.
 */
static int
db_article_unindex(struct db *db, int64_t item, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_ARTICLE_UNINDEX,
	    "INSERT INTO item_fts(item_fts, rowid, title, body)"
	    " SELECT 'delete', i.id, i.title, akhbar_body(i.summary,"
	    "  i.summary_type, i.content, i.content_type, a.body)"
	    " FROM item i LEFT JOIN article a ON a.item_id = i.id"
	    " WHERE i.id = ?1 AND NOT EXISTS"
	    "  (SELECT 1 FROM fts_pending WHERE item_id = ?1)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	if (db_step_done(db, st, "store article", cause) != 0)
		return (-1);
	st = db_prepare(db, DB_STMT_ARTICLE_PENDING,
	    "INSERT OR IGNORE INTO fts_pending (item_id) VALUES (?1)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	return (db_step_done(db, st, "store article", cause));
}

/* Whether an item exists and has an article stored. */
static int
db_article_has(struct db *db, int64_t item, bool *exists, bool *body,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, DB_STMT_ARTICLE_HAS, "SELECT a.body IS NOT NULL"
	    " FROM item i LEFT JOIN article a ON a.item_id = i.id"
	    " WHERE i.id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	rc = sqlite3_step(st);
	*exists = rc == SQLITE_ROW;
	*body = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (db_fail(db, rc, "store article", cause));
	return (0);
}

/* Store an article (a->html set): the whole row, its body compressed when it pays. */
static int
db_article_put(struct db *db, const struct db_article *a, char **cause)
{
	sqlite3_stmt	*st;
	unsigned char	*z;
	size_t		 zlen = 0, len;

	st = db_prepare(db, DB_STMT_ARTICLE_PUT,
	    "INSERT OR REPLACE INTO article (" DB_ARTICLE_COLUMNS ")"
	    " VALUES (?1, ?2, 0, 0, NULL, 0, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " ?10, ?11, ?12, ?13, ?14, ?15)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, a->item_id);
	sqlite3_bind_int64(st, 2, a->fetched);
	sqlite3_bind_int64(st, 3, a->chars);
	db_article_bind_text(st, 4, a->url);
	db_article_bind_text(st, 5, a->title);
	db_article_bind_text(st, 6, a->author);
	db_article_bind_text(st, 7, a->site);
	db_article_bind_text(st, 8, a->image);
	db_article_bind_text(st, 9, a->excerpt);
	if (a->published == FEED_TIME_UNKNOWN)
		sqlite3_bind_null(st, 10);
	else
		sqlite3_bind_int64(st, 10, a->published);
	db_article_bind_text(st, 11, a->lang);
	sqlite3_bind_int(st, 12, a->dir);
	db_article_bind_text(st, 13, a->etag);
	db_article_bind_text(st, 14, a->last_modified);
	len = a->len != 0 ? a->len : strlen(a->html);
	if ((z = db_article_deflate(a->html, len, &zlen)) != NULL)
		sqlite3_bind_blob(st, 15, z, (int)zlen, free);
	else
		sqlite3_bind_text(st, 15, a->html, (int)len, SQLITE_STATIC);
	return (db_step_done(db, st, "store article", cause));
}

/*
 * Store a failure: as a row of its own when the item has no article,
 * else only the failure's fields, keeping the article.
 */
static int
db_article_fail(struct db *db, const struct db_article *a, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_ARTICLE_FAIL,
	    "INSERT INTO article (item_id, fetched, error_kind, error_code,"
	    " error, attempts, next_try, url, title, site, lang, dir)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
	    " ON CONFLICT (item_id) DO UPDATE SET fetched = excluded.fetched,"
	    " error_kind = excluded.error_kind,"
	    " error_code = excluded.error_code, error = excluded.error,"
	    " attempts = excluded.attempts, next_try = excluded.next_try",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, a->item_id);
	sqlite3_bind_int64(st, 2, a->fetched);
	sqlite3_bind_int(st, 3, a->error_kind != REASON_NONE ? a->error_kind :
	    REASON_FAILED);
	sqlite3_bind_int64(st, 4, a->error_code);
	db_article_bind_text(st, 5, a->error);
	sqlite3_bind_int(st, 6, a->attempts);
	sqlite3_bind_int64(st, 7, a->next_try);
	db_article_bind_text(st, 8, a->url);
	db_article_bind_text(st, 9, a->title);
	db_article_bind_text(st, 10, a->site);
	db_article_bind_text(st, 11, a->lang);
	sqlite3_bind_int(st, 12, a->dir);
	return (db_step_done(db, st, "store article", cause));
}

/*
 * Store what fetching an item's page gave, in its own transaction (or
 * the caller's): an article (a->html) replaces whatever was stored and
 * is indexed for search with its item; a failure (a->html NULL, its
 * reason in a->error_kind) is kept with it, and an article stored before
 * stays. An item that is gone stores nothing.
 */
int
db_article_store(struct db *db, const struct db_article *a, char **cause)
{
	bool	began, exists, body;

	if (db->in_feed) {
		xasprintf(cause, "cannot store an article inside a feed "
		    "transaction");
		return (-1);
	}
	if (db_begin_nested(db, &began, cause) != 0)
		return (-1);
	if (db_article_has(db, a->item_id, &exists, &body, cause) != 0)
		goto fail;
	if (!exists)
		return (db_commit_nested(db, began, cause));
	if (a->html != NULL) {
		if (db_article_unindex(db, a->item_id, cause) != 0 ||
		    db_article_put(db, a, cause) != 0)
			goto fail;
	} else if (db_article_fail(db, a, cause) != 0)
		goto fail;
	db->checkpointer = true;
	return (db_commit_nested(db, began, cause));

fail:
	if (began)
		db_rollback(db);
	return (-1);
}

/*
 * The page had not changed since the article was stored (a 304): note
 * the time and the new validators (NULL keeps the old), clear a failure.
 */
int
db_article_touch(struct db *db, int64_t item, int64_t fetched,
    const char *etag, const char *last_modified, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_ARTICLE_TOUCH,
	    "UPDATE article SET fetched = ?2, etag = COALESCE(?3, etag),"
	    " last_modified = COALESCE(?4, last_modified),"
	    " error_kind = CASE WHEN body IS NULL THEN error_kind ELSE 0 END,"
	    " error_code = CASE WHEN body IS NULL THEN error_code ELSE 0 END,"
	    " error = CASE WHEN body IS NULL THEN error END,"
	    " attempts = CASE WHEN body IS NULL THEN attempts ELSE 0 END"
	    " WHERE item_id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int64(st, 2, fetched);
	db_article_bind_text(st, 3, etag);
	db_article_bind_text(st, 4, last_modified);
	return (db_step_done(db, st, "store article", cause));
}

/* Read wants from a statement's rows (the columns of db_article_wanted). */
static int
db_article_read_wants(struct db *db, sqlite3_stmt *st,
    struct db_article_want **out, size_t *nout, char **cause)
{
	struct db_article_want	*v = NULL, *w;
	size_t			 n = 0;
	int			 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		w = &v[n++];
		w->item_id = sqlite3_column_int64(st, 0);
		w->feed_id = sqlite3_column_int64(st, 1);
		w->link = db_column_strdup(st, 2);
		w->title = db_column_strdup(st, 3);
		w->etag = db_column_strdup(st, 4);
		w->last_modified = db_column_strdup(st, 5);
		w->attempts = sqlite3_column_int(st, 6);
		w->have = sqlite3_column_int(st, 7) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_article_wants_free(v, n);
		return (db_fail(db, rc, "read items", cause));
	}
	*out = v;
	*nout = n;
	return (0);
}

/*
 * The items of a feed whose articles the poller should fetch: among its
 * newest max, those with a link and no article row yet (new items, or
 * items of a feed that just asked for full articles), and those whose
 * last failure may pass and is due again at now. Newest first.
 */
int
db_article_wanted(struct db *db, int64_t feed, int max, int64_t now,
    struct db_article_want **out, size_t *nout, char **cause)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*nout = 0;
	st = db_prepare(db, DB_STMT_ARTICLE_WANTED,
	    "SELECT i.id, i.feed_id, i.link, i.title, a.etag,"
	    " a.last_modified, COALESCE(a.attempts, 0), 0"
	    " FROM (SELECT id, feed_id, link, title FROM item"
	    "  WHERE feed_id = ?1 ORDER BY sort_date DESC, id DESC"
	    "  LIMIT ?2) i"
	    " LEFT JOIN article a ON a.item_id = i.id"
	    " WHERE i.link IS NOT NULL AND (a.item_id IS NULL OR"
	    "  (a.body IS NULL AND a.next_try <> 0 AND a.next_try <= ?3))",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	sqlite3_bind_int(st, 2, max);
	sqlite3_bind_int64(st, 3, now);
	return (db_article_read_wants(db, st, out, nout, cause));
}

/* What fetching one item's article needs; *wp NULL when the item is gone. */
int
db_article_want_item(struct db *db, int64_t item,
    struct db_article_want **wp, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 n = 0;

	*wp = NULL;
	st = db_prepare(db, DB_STMT_ARTICLE_WANT_ITEM,
	    "SELECT i.id, i.feed_id, i.link, i.title, a.etag,"
	    " a.last_modified, COALESCE(a.attempts, 0), a.body IS NOT NULL"
	    " FROM item i LEFT JOIN article a ON a.item_id = i.id"
	    " WHERE i.id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	if (db_article_read_wants(db, st, wp, &n, cause) != 0)
		return (-1);
	return (0);
}

/* Free wants from db_article_wanted or db_article_want_item. */
void
db_article_wants_free(struct db_article_want *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].link);
		free(v[i].title);
		free(v[i].etag);
		free(v[i].last_modified);
	}
	free(v);
}

/* How many articles the cache holds (*n) and the bytes of their bodies as stored (*bytes). */
int
db_article_count(struct db *db, int64_t *n, int64_t *bytes, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, DB_STMT_ARTICLE_COUNT, "SELECT count(body),"
	    " COALESCE(sum(length(CAST(body AS BLOB))), 0) FROM article",
	    cause);
	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*bytes = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return (db_fail(db, rc, "count articles", cause));
	return (0);
}
