/*
 * Feeds in the cache: the rows the urls file names with its titles and
 * tags (db_feed_sync), their fetch state, the one transaction each feed's
 * update happens in (with retention at its end), user overrides, and the
 * paged feed list with its counts.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db-priv.h"
#include "xmalloc.h"

#define DB_FEED_ROW \
	"SELECT id, position, url," \
	" COALESCE(title_override, title, url)," \
	" unread_count, dir, dir_override, http_status, error, last_fetch," \
	" error_kind, error_code, total" \
	" FROM feed "

static const char *db_feed_page_sql[] = {
	DB_FEED_ROW "ORDER BY position, id LIMIT :limit",
	DB_FEED_ROW "WHERE (position, id) > (:pos, :id)"
	    " ORDER BY position, id LIMIT :limit",
	DB_FEED_ROW "WHERE (position, id) < (:pos, :id)"
	    " ORDER BY position DESC, id DESC LIMIT :limit",
	DB_FEED_ROW "ORDER BY position DESC, id DESC LIMIT :limit",
};

#define DB_FEED_STATE \
	"SELECT id, url, COALESCE(moved_to, url), etag, last_modified," \
	" next_fetch, failures, unread_count, error_kind, error_code, error" \
	" FROM feed "

static int
db_feed_cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return ((x > y) - (x < y));
}

/* A subscription's line in the urls file. */
struct db_feed_line {
	const char	*url;
	size_t		 line;
};

/* Order lines by URL, then by line. */
static int
db_feed_cmp_line(const void *a, const void *b)
{
	const struct db_feed_line	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->url, y->url)) != 0)
		return (c);
	return ((x->line > y->line) - (x->line < y->line));
}

static bool
db_feed_same(const char *a, const char *b)
{
	return (a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0);
}

/* Whether the subscription lists tag (a tag listed twice counts once). */
static bool
db_feed_sub_has(const struct db_sub *sub, const char *tag, size_t before)
{
	size_t	i;

	for (i = 0; i < before; i++) {
		if (strcmp(sub->tags[i], tag) == 0)
			return (true);
	}
	return (false);
}

/*
 * The row of one subscription: inserted, or moved and retitled if need
 * be; its id in *id.
 */
static int
db_feed_sync_row(struct db *db, const struct db_sub *sub, int64_t pos,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*st;
	const char	*title;
	bool		 same;
	int		 rc;

	st = db_prepare(db, DB_STMT_FEED_SYNC_FIND,
	    "SELECT id, position, title_file FROM feed WHERE url = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, sub->url, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		title = (const char *)sqlite3_column_text(st, 2);
		same = sqlite3_column_int64(st, 1) == pos &&
		    db_feed_same(title, sub->title);
		sqlite3_reset(st);
		if (same)
			return (0);
		st = db_prepare(db, DB_STMT_FEED_SYNC_UPDATE,
		    "UPDATE feed SET position = ?2, title_file = ?3,"
		    " title_override = CASE WHEN title_user"
		    "  THEN title_override ELSE ?3 END"
		    " WHERE id = ?1", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, *id);
	} else {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return (db_fail(db, rc, "add feed", cause));
		st = db_prepare(db, DB_STMT_FEED_INSERT,
		    "INSERT INTO feed (url, position, title_file,"
		    " title_override) VALUES (?1, ?2, ?3, ?3)", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_text(st, 1, sub->url, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 2, pos);
	if (sub->title != NULL)
		sqlite3_bind_text(st, 3, sub->title, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	if (db_step_done(db, st, "add feed", cause) != 0)
		return (-1);
	if (rc != SQLITE_ROW)
		*id = sqlite3_last_insert_rowid(db->sq);
	return (0);
}

/* Give a feed the tag named name. */
static int
db_feed_sync_tag(struct db *db, int64_t feed, const char *name,
    char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 tag;
	int		 rc;

	st = db_prepare(db, DB_STMT_FEED_SYNC_TAG_NEW,
	    "INSERT OR IGNORE INTO tag (name) VALUES (?1)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (db_step_done(db, st, "add tag", cause) != 0)
		return (-1);
	st = db_prepare(db, DB_STMT_FEED_SYNC_TAG_ID,
	    "SELECT id FROM tag WHERE name = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	tag = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return (db_fail(db, rc, "add tag", cause));
	st = db_prepare(db, DB_STMT_FEED_SYNC_TAG_ADD,
	    "INSERT OR IGNORE INTO feed_tag (tag_id, feed_id, unread, total)"
	    " SELECT ?2, id, unread_count, total FROM feed WHERE id = ?1",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	sqlite3_bind_int64(st, 2, tag);
	if (db_step_done(db, st, "tag feed", cause) != 0)
		return (-1);
	if (sqlite3_changes(db->sq) == 0)
		return (0);
	/* The feed's items join the tag's list. */
	st = db_prepare(db, DB_STMT_FEED_SYNC_TAG_ITEMS,
	    "INSERT OR IGNORE INTO tag_item (tag_id, sort_date, item_id)"
	    " SELECT ?2, sort_date, id FROM item WHERE feed_id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	sqlite3_bind_int64(st, 2, tag);
	return (db_step_done(db, st, "tag feed", cause));
}

/* Take a tag from a feed, and the feed's items out of the tag's list. */
static int
db_feed_sync_untag(struct db *db, int64_t feed, int64_t tag, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_FEED_SYNC_UNTAG_ITEMS,
	    "DELETE FROM tag_item WHERE tag_id = ?2 AND (sort_date, item_id)"
	    " IN (SELECT sort_date, id FROM item WHERE feed_id = ?1)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	sqlite3_bind_int64(st, 2, tag);
	if (db_step_done(db, st, "untag feed", cause) != 0)
		return (-1);
	st = db_prepare(db, DB_STMT_FEED_SYNC_TAG_DEL,
	    "DELETE FROM feed_tag WHERE feed_id = ?1 AND tag_id = ?2", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	sqlite3_bind_int64(st, 2, tag);
	return (db_step_done(db, st, "untag feed", cause));
}

/*
 * Make a feed's tags those of its subscription; *changed is set when any
 * was added or taken. Nothing is written when they are the same.
 */
static int
db_feed_sync_tags(struct db *db, int64_t feed, const struct db_sub *sub,
    bool *changed, char **cause)
{
	sqlite3_stmt	*st;
	struct strv	 have = { NULL, 0 };
	int64_t		*drop = NULL;
	const char	*name;
	size_t		 i, ndrop = 0;
	int		 rc, ret = -1;

	st = db_prepare(db, DB_STMT_FEED_SYNC_TAGS,
	    "SELECT t.id, t.name FROM feed_tag ft CROSS JOIN tag t"
	    " ON t.id = ft.tag_id WHERE ft.feed_id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 1);
		if (db_feed_sub_has(sub, name, sub->ntags))
			strv_add(&have, name);
		else {
			drop = xreallocarray(drop, ndrop + 1, sizeof *drop);
			drop[ndrop++] = sqlite3_column_int64(st, 0);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, "read tags", cause);
		goto out;
	}
	for (i = 0; i < ndrop; i++) {
		if (db_feed_sync_untag(db, feed, drop[i], cause) != 0)
			goto out;
		*changed = true;
	}
	for (i = 0; i < sub->ntags; i++) {
		name = sub->tags[i];
		if (*name == '\0' || db_feed_sub_has(sub, name, i))
			continue;
		if (strv_contains(&have, name))
			continue;
		if (db_feed_sync_tag(db, feed, name, cause) != 0)
			goto out;
		*changed = true;
	}
	ret = 0;
out:
	strv_free(&have);
	free(drop);
	return (ret);
}

/*
 * Take their tags from the feeds that are not in listed (n ids, sorted),
 * then forget the tags no feed has.
 */
static int
db_feed_sync_unlisted(struct db *db, const int64_t *listed, size_t n,
    bool changed, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		*drop = NULL, *tags = NULL, id;
	size_t		 ndrop = 0, i;
	int		 rc, ret = -1;

	st = db_prepare(db, DB_STMT_FEED_SYNC_TAGGED,
	    "SELECT feed_id, tag_id FROM feed_tag", cause);
	if (st == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (bsearch(&id, listed, n, sizeof *listed,
		    db_feed_cmp_id) != NULL)
			continue;
		drop = xreallocarray(drop, ndrop + 1, sizeof *drop);
		tags = xreallocarray(tags, ndrop + 1, sizeof *tags);
		drop[ndrop] = id;
		tags[ndrop++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, "read tags", cause);
		goto out;
	}
	for (i = 0; i < ndrop; i++) {
		if (db_feed_sync_untag(db, drop[i], tags[i], cause) != 0)
			goto out;
	}
	if (changed || ndrop != 0) {
		st = db_prepare(db, DB_STMT_FEED_SYNC_TAG_GC,
		    "DELETE FROM tag WHERE NOT EXISTS"
		    " (SELECT 1 FROM feed_tag WHERE tag_id = tag.id)", cause);
		if (st == NULL || db_step_done(db, st, "forget tags",
		    cause) != 0)
			goto out;
	}
	ret = 0;
out:
	free(drop);
	free(tags);
	return (ret);
}

/*
 * Make the cache's feeds follow the urls file's subscriptions, in one
 * transaction: a row for each (existing rows keep their items and user
 * data) at its position in the file, with the file's title (title_file)
 * and tags. A feed the file no longer names keeps its row and items and
 * loses its tags. When nothing changed, nothing is written.
 *
 * Titles: the user's rename (db_feed_set_title) wins over the file's
 * "~Title", which wins over the feed's own title; the sync never touches
 * the user's, so removing it (NULL) shows the file's again. The title
 * shown over the feed's own is in title_override either way (see
 * db-schema.c, version 8).
 */
int
db_feed_sync(struct db *db, const struct db_sub *subs, size_t n,
    char **cause)
{
	struct db_feed_line	*v;
	int64_t			*ids;
	size_t			 i, nids = 0;
	bool			*last, changed = false;

	for (i = 0; i < n; i++) {
		if (subs[i].url == NULL) {
			xasprintf(cause, "subscription %zu has no URL", i + 1);
			return (-1);
		}
	}
	/* A URL listed twice takes the place, title and tags of its last line. */
	v = xcalloc(n > 0 ? n : 1, sizeof *v);
	last = xcalloc(n > 0 ? n : 1, sizeof *last);
	ids = xcalloc(n > 0 ? n : 1, sizeof *ids);
	for (i = 0; i < n; i++) {
		v[i].url = subs[i].url;
		v[i].line = i;
	}
	qsort(v, n, sizeof *v, db_feed_cmp_line);
	for (i = 0; i < n; i++) {
		if (i + 1 == n || strcmp(v[i].url, v[i + 1].url) != 0)
			last[v[i].line] = true;
	}
	if (db_begin(db, cause) != 0)
		goto out;
	/* In the file's order: a new cache numbers its feeds as the file does. */
	for (i = 0; i < n; i++) {
		if (!last[i])
			continue;
		if (db_feed_sync_row(db, &subs[i], (int64_t)i + 1, &ids[nids],
		    cause) != 0 || db_feed_sync_tags(db, ids[nids], &subs[i],
		    &changed, cause) != 0)
			goto fail;
		nids++;
	}
	qsort(ids, nids, sizeof *ids, db_feed_cmp_id);
	if (db_feed_sync_unlisted(db, ids, nids, changed, cause) != 0)
		goto fail;
	free(v);
	free(last);
	free(ids);
	return (db_commit(db, cause));

fail:
	db_rollback(db);
out:
	free(v);
	free(last);
	free(ids);
	return (-1);
}

static void
db_feed_state_read(sqlite3_stmt *st, struct db_feed_state *fs)
{
	fs->id = sqlite3_column_int64(st, 0);
	fs->url = db_column_strdup(st, 2);
	fs->etag = db_column_strdup(st, 3);
	fs->last_modified = db_column_strdup(st, 4);
	fs->next_fetch = sqlite3_column_int64(st, 5);
	fs->failures = sqlite3_column_int(st, 6);
	fs->unread = sqlite3_column_int64(st, 7);
	fs->error_kind = sqlite3_column_int(st, 8);
	fs->error_code = (long)sqlite3_column_int64(st, 9);
	fs->error = db_column_strdup(st, 10);
}

/*
 * The fetch state of every feed whose URL is in urls (all when NULL). The
 * URL returned is where to fetch: a permanent redirect's target if any.
 */
int
db_feed_states(struct db *db, const struct strv *urls,
    struct db_feed_state **out, size_t *nout, char **cause)
{
	struct db_feed_state	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, i, want;
	int			 rc;
	bool			 began;

	/*
	 * One read transaction for all the lookups: one snapshot, and not
	 * a WAL lock taken and dropped for each of hundreds of URLs.
	 */
	began = sqlite3_get_autocommit(db->sq) != 0 &&
	    sqlite3_exec(db->sq, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	want = urls != NULL ? urls->n : 1;
	for (i = 0; i < want; i++) {
		if (urls == NULL)
			st = db_prepare(db, DB_STMT_FEED_STATE_ALL,
			    DB_FEED_STATE "ORDER BY position, id", cause);
		else
			st = db_prepare(db, DB_STMT_FEED_STATE_URL,
			    DB_FEED_STATE "WHERE url = :url", cause);
		if (st == NULL)
			goto fail;
		if (urls != NULL)
			db_bind_text(st, ":url", urls->v[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			v = xreallocarray(v, n + 1, sizeof *v);
			db_feed_state_read(st, &v[n++]);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_fail(db, rc, "read feeds", cause);
			goto fail;
		}
	}
	if (began)
		sqlite3_exec(db->sq, "COMMIT", NULL, NULL, NULL);
	*out = v;
	*nout = n;
	return (0);

fail:
	if (began)
		sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
	db_feed_states_free(v, n);
	return (-1);
}

/* Free what db_feed_states returned. */
void
db_feed_states_free(struct db_feed_state *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].etag);
		free(v[i].last_modified);
		free(v[i].error);
	}
	free(v);
}

/*
 * Begin a batch: one transaction that the feed transactions begun until
 * db_batch_commit join, so that many small feeds cost one commit (each
 * commit writes again the pages every feed touches: the ends of the item
 * table and its indexes). A feed that fails in a batch rolls all of it
 * back; callers keep what they need to say so.
 */
int
db_batch_begin(struct db *db, char **cause)
{
	if (db->flags & DB_READONLY) {
		xasprintf(cause, "%s is open read-only", db->path);
		return (-1);
	}
	if (db->in_feed || db_batch_open(db)) {
		xasprintf(cause, "a transaction is already open");
		return (-1);
	}
	db->in_batch = false;
	if (db_begin(db, cause) != 0)
		return (-1);
	db->in_batch = true;
	return (0);
}

/* Commit the batch and the feeds in it; on failure none of it is stored. */
int
db_batch_commit(struct db *db, char **cause)
{
	if (!db_batch_open(db) || db->in_feed) {
		xasprintf(cause, db->in_feed ? "a feed transaction is open" :
		    "no batch is open");
		db->in_batch = false;
		return (-1);
	}
	db->in_batch = false;
	return (db_commit(db, cause));
}

/* Abandon the batch: nothing of any feed in it is stored. */
void
db_batch_rollback(struct db *db)
{
	db_rollback(db);
	db->in_batch = false;
	db->in_feed = false;
}

/*
 * Whether a batch is open. SQLite rolls a transaction back by itself on
 * some errors (I/O, a full disk): then the batch is gone too.
 */
bool
db_batch_open(const struct db *db)
{
	return (db->in_batch && !sqlite3_get_autocommit(db->sq));
}

/* Begin the one transaction a feed's update happens in (or join the batch). */
int
db_feed_begin(struct db *db, int64_t feed, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 n;
	int		 rc;

	if (db->flags & DB_READONLY) {
		xasprintf(cause, "%s is open read-only", db->path);
		return (-1);
	}
	if (db->in_feed) {
		xasprintf(cause, "a feed transaction is already open");
		return (-1);
	}
	if (db->in_batch && !db_batch_open(db)) {
		db->in_batch = false;
		xasprintf(cause, "the batch was rolled back");
		return (-1);
	}
	if (!db->in_batch && db_begin(db, cause) != 0)
		return (-1);
	db->checkpointer = true;
	db->nseen = 0;
	db->new_items = 0;
	db->first_new = 0;
	db->ntags = 0;
	/* Whether the feed is there, and its tags (the new items' lists). */
	st = db_prepare(db, DB_STMT_FEED_EXISTS,
	    "SELECT ft.tag_id FROM feed f LEFT JOIN feed_tag ft"
	    " ON ft.feed_id = f.id WHERE f.id = ?1", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, feed);
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;
		if (db->ntags == db->tagcap) {
			db->tagcap = db->tagcap ? db->tagcap * 2 : 8;
			db->tags = xreallocarray(db->tags, db->tagcap,
			    sizeof *db->tags);
		}
		db->tags[db->ntags++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || n == 0) {
		if (rc == SQLITE_DONE)
			xasprintf(cause, "no feed %lld in the cache",
			    (long long)feed);
		else
			db_fail(db, rc, "begin feed", cause);
		goto fail;
	}
	db->in_feed = true;
	return (0);

fail:
	/* Nothing was written: a batch goes on without this feed. */
	if (!db->in_batch)
		db_rollback(db);
	return (-1);
}

/*
 * List the items the feed's transaction inserted in its tags' lists, one
 * statement a tag: their ids are the highest, from db->first_new on
 * (SQLite gives a new row the highest id yet), so the rowid range finds
 * them ("+feed_id": not the feed's index, which walks all its items).
 * An item's date changed later in the transaction is read as it is now.
 */
static int
db_feed_tag_new(struct db *db, int64_t feed, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < db->ntags; i++) {
		st = db_prepare(db, DB_STMT_FEED_TAG_NEW,
		    "INSERT OR IGNORE INTO tag_item (tag_id, sort_date, item_id)"
		    " SELECT ?1, sort_date, id FROM item"
		    " WHERE id >= ?2 AND +feed_id = ?3", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, db->tags[i]);
		sqlite3_bind_int64(st, 2, db->first_new);
		sqlite3_bind_int64(st, 3, feed);
		if (db_step_done(db, st, "store items", cause) != 0)
			return (-1);
	}
	return (0);
}

/* Delete the items st selects (id, starred) unless starred or seen. */
static int
db_feed_retain(struct db *db, sqlite3_stmt *st, char **cause)
{
	int64_t	*del = NULL, id;
	size_t	 n = 0, i;
	int	 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1) != 0 ||
		    bsearch(&id, db->seen, db->nseen, sizeof *db->seen,
		    db_feed_cmp_id) != NULL)
			continue;
		del = xreallocarray(del, n + 1, sizeof *del);
		del[n++] = id;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(del);
		return (db_fail(db, rc, "retention", cause));
	}
	for (i = 0; i < n; i++) {
		st = db_prepare(db, DB_STMT_RETAIN_DELETE,
		    "DELETE FROM item WHERE id = ?1", cause);
		if (st == NULL)
			break;
		sqlite3_bind_int64(st, 1, del[i]);
		if (db_step_done(db, st, "retention", cause) != 0)
			break;
	}
	free(del);
	return (i == n ? 0 : -1);
}

/*
 * Remove what retention no longer keeps: read items only, never starred
 * ones, never items the feed still carries.
 */
static int
db_feed_retention(struct db *db, int64_t feed, char **cause)
{
	sqlite3_stmt	*st;
	int		 max_items, keep_days, rc;

	st = db_prepare(db, DB_STMT_FEED_GET_RETENTION,
	    "SELECT max_items, keep_days FROM feed WHERE id = :id", cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":id", feed);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return (db_fail(db, rc, "read retention", cause));
	}
	max_items = sqlite3_column_int(st, 0);
	keep_days = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	if (max_items <= 0)
		max_items = db->max_items;
	if (keep_days <= 0)
		keep_days = db->keep_days;
	if (max_items <= 0 && keep_days <= 0)
		return (0);
	qsort(db->seen, db->nseen, sizeof *db->seen, db_feed_cmp_id);

	if (keep_days > 0) {
		st = db_prepare(db, DB_STMT_RETAIN_DAYS,
		    "SELECT id, starred <> 0 OR unread <> 0 FROM item"
		    " WHERE feed_id = ?1 AND sort_date < ?2", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, feed);
		sqlite3_bind_int64(st, 2, db_now() - (int64_t)keep_days *
		    86400);
		if (db_feed_retain(db, st, cause) != 0)
			return (-1);
	}
	if (max_items > 0) {
		st = db_prepare(db, DB_STMT_RETAIN_MAX,
		    "SELECT id, starred <> 0 OR unread <> 0 FROM item"
		    " WHERE feed_id = ?1"
		    " ORDER BY sort_date DESC, id DESC LIMIT -1 OFFSET ?2",
		    cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, feed);
		sqlite3_bind_int64(st, 2, max_items);
		if (db_feed_retain(db, st, cause) != 0)
			return (-1);
	}
	return (0);
}

/*
 * Store the feed's metadata (f may be NULL, and its NULL fields, to keep
 * what is stored), apply retention and commit the feed's transaction (in
 * a batch, the batch's commit does); on failure nothing of the
 * transaction, or of its batch, is stored.
 */
int
db_feed_commit(struct db *db, int64_t feed, const struct feed *f,
    char **cause)
{
	struct db_count	 c;
	sqlite3_stmt	*st;

	if (!db->in_feed) {
		xasprintf(cause, "no feed transaction is open");
		return (-1);
	}
	if (f != NULL) {
		st = db_prepare(db, DB_STMT_FEED_META,
		    "UPDATE feed SET title = COALESCE(:title, title),"
		    " link = COALESCE(:link, link),"
		    " description = COALESCE(:description, description),"
		    " language = COALESCE(:language, language),"
		    " format = COALESCE(:format, format), dir = :dir, ttl = :ttl"
		    " WHERE id = :id", cause);
		if (st == NULL)
			goto fail;
		db_bind_text(st, ":title", f->title);
		db_bind_text(st, ":link", f->link);
		db_bind_text(st, ":description", f->description);
		db_bind_text(st, ":language", f->language);
		db_bind_text(st, ":format", f->format);
		db_bind_int(st, ":dir", f->dir);
		db_bind_int(st, ":ttl", f->ttl);
		db_bind_int(st, ":id", feed);
		if (db_step_done(db, st, "store feed", cause) != 0)
			goto fail;
	}
	if (db->new_items != 0) {
		memset(&c, 0, sizeof c);
		c.total = c.unread = db->new_items;
		c.tags = db->ntags != 0;
		if (db_count_add(db, feed, &c, cause) != 0)
			goto fail;
	}
	if (db->ntags != 0 && db->first_new != 0 &&
	    db_feed_tag_new(db, feed, cause) != 0)
		goto fail;
	if (db_feed_retention(db, feed, cause) != 0)
		goto fail;
	db->in_feed = false;
	if (db->in_batch)
		return (0);
	return (db_commit(db, cause));

fail:
	db_feed_rollback(db);
	return (-1);
}

/*
 * Abandon the feed's transaction: nothing of it is stored, nor of the
 * batch it is in.
 */
void
db_feed_rollback(struct db *db)
{
	db_rollback(db);
	db->in_feed = false;
	db->in_batch = false;
}

/* Store the outcome of a fetch (its own small transaction). */
int
db_feed_set_result(struct db *db, int64_t feed,
    const struct db_fetch_result *r, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_FEED_RESULT,
	    "UPDATE feed SET http_status = :status,"
	    " etag = COALESCE(:etag, etag),"
	    " last_modified = COALESCE(:lm, last_modified),"
	    " error = :error, error_kind = :kind, error_code = :code,"
	    " last_fetch = :now, next_fetch = :next,"
	    " failures = :failures, moved_to = COALESCE(:moved, moved_to)"
	    " WHERE id = :id", cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":status", r->http_status);
	db_bind_text(st, ":etag", r->etag);
	db_bind_text(st, ":lm", r->last_modified);
	db_bind_text(st, ":error", r->error);
	db_bind_int(st, ":kind", r->error_kind);
	db_bind_int(st, ":code", r->error_code);
	db_bind_int(st, ":now", db_now());
	db_bind_int(st, ":next", r->next_fetch);
	db_bind_int(st, ":failures", r->failures);
	db_bind_text(st, ":moved", r->new_url);
	db_bind_int(st, ":id", feed);
	return (db_step_done(db, st, "store fetch result", cause));
}

static int
db_feed_update(struct db *db, enum db_stmt_id id, const char *sql,
    int64_t feed, const char *name, const char *text, int64_t value,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = db_prepare(db, id, sql, cause)) == NULL)
		return (-1);
	db_bind_int(st, ":id", feed);
	if (text != NULL)
		db_bind_text(st, name, text);
	else if (value != INT64_MIN)
		db_bind_int(st, name, value);
	return (db_step_done(db, st, "update feed", cause));
}

/*
 * Mark every item of a feed read (feed 0: every item), and zero its
 * unread counts in the same transaction.
 */
int
db_feed_mark_read(struct db *db, int64_t feed, char **cause)
{
	sqlite3_stmt	*st;
	bool		 began;

	if (db_begin_nested(db, &began, cause) != 0)
		return (-1);
	/* A sync source's items: "read" queued for each (db-queue.c). */
	if (db_queue_feed_read(db, feed, cause) != 0)
		goto fail;
	if (feed == 0) {
		st = db_prepare(db, DB_STMT_ITEM_MARK_ALL_READ,
		    "UPDATE item SET unread = 0 WHERE unread = 1", cause);
	} else {
		st = db_prepare(db, DB_STMT_FEED_MARK_READ,
		    "UPDATE item SET unread = 0 WHERE feed_id = ?1"
		    " AND unread = 1", cause);
	}
	if (st == NULL)
		goto fail;
	if (feed != 0)
		sqlite3_bind_int64(st, 1, feed);
	if (db_step_done(db, st, "mark read", cause) != 0)
		goto fail;
	st = db_prepare(db, DB_STMT_FEED_ZERO_UNREAD,
	    "UPDATE feed SET unread_count = 0, starred_unread = 0"
	    " WHERE (?1 = 0 OR id = ?1)"
	    " AND (unread_count <> 0 OR starred_unread <> 0)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, feed);
	if (db_step_done(db, st, "count unread items", cause) != 0)
		goto fail;
	if (feed == 0)
		st = db_prepare(db, DB_STMT_TAG_ZERO_UNREAD, "UPDATE feed_tag"
		    " SET unread = 0 WHERE unread <> 0", cause);
	else
		st = db_prepare(db, DB_STMT_FEED_TAG_ZERO_UNREAD, "UPDATE"
		    " feed_tag SET unread = 0 WHERE feed_id = ?1", cause);
	if (st == NULL)
		goto fail;
	if (feed != 0)
		sqlite3_bind_int64(st, 1, feed);
	if (db_step_done(db, st, "count unread items", cause) != 0)
		goto fail;
	return (db_commit_nested(db, began, cause));

fail:
	if (began)
		db_rollback(db);
	return (-1);
}

/* Override a feed's direction; FEED_DIR_AUTO removes the override. */
int
db_feed_set_dir(struct db *db, int64_t feed, enum feed_dir dir,
    char **cause)
{
	return (db_feed_update(db, DB_STMT_FEED_SET_DIR,
	    "UPDATE feed SET dir_override = NULLIF(:dir, 0) WHERE id = :id",
	    feed, ":dir", NULL, dir, cause));
}

/*
 * Rename a feed (over the urls file's title and the feed's own); NULL
 * takes the rename away, and the file's title, if any, shows again.
 */
int
db_feed_set_title(struct db *db, int64_t feed, const char *title,
    char **cause)
{
	return (db_feed_update(db, DB_STMT_FEED_SET_TITLE,
	    "UPDATE feed SET title_override = COALESCE(:title, title_file),"
	    " title_user = :title IS NOT NULL WHERE id = :id",
	    feed, ":title", title, INT64_MIN, cause));
}

/* Set a feed's own retention (0: use the global setting). */
int
db_feed_set_retention(struct db *db, int64_t feed, int max_items,
    int keep_days, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_FEED_SET_RETENTION,
	    "UPDATE feed SET max_items = :max, keep_days = :days"
	    " WHERE id = :id", cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":max", max_items > 0 ? max_items : 0);
	db_bind_int(st, ":days", keep_days > 0 ? keep_days : 0);
	db_bind_int(st, ":id", feed);
	return (db_step_done(db, st, "update feed", cause));
}


/* Read one row of a feed page. */
static void
db_feed_page_row(sqlite3_stmt *st, void *arg)
{
	struct db_feed_row	*r = arg;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->position = sqlite3_column_int64(st, 1);
	r->url = db_column_strdup(st, 2);
	r->title = db_column_strdup(st, 3);
	r->unread = sqlite3_column_int64(st, 4);
	r->dir = sqlite3_column_int(st, 5);
	if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
		r->dir = sqlite3_column_int(st, 6);
		r->dir_override = true;
	}
	r->http_status = sqlite3_column_int(st, 7);
	r->error = db_column_strdup(st, 8);
	r->last_fetch = sqlite3_column_int64(st, 9);
	r->error_kind = sqlite3_column_int(st, 10);
	r->error_code = sqlite3_column_int64(st, 11);
	r->total = sqlite3_column_int64(st, 12);
}

/* db_feed_rows_free for db_page_read. */
static void
db_feed_page_free(void *v, size_t n)
{
	db_feed_rows_free(v, n);
}

/* Read one page of the feed list with unread counts, in list order. */
int
db_feed_page(struct db *db, enum db_page page,
    const struct db_feed_cursor *cur, int limit, struct db_feed_row **out,
    size_t *nout, char **cause)
{
	sqlite3_stmt		*st;

	*out = NULL;
	*nout = 0;
	if (limit <= 0)
		return (0);
	if ((page == DB_PAGE_NEXT || page == DB_PAGE_PREV) && cur == NULL) {
		xasprintf(cause, "a cursor is needed for that page");
		return (-1);
	}
	st = db_prepare(db, DB_STMT_FEED_PAGE_FIRST + page,
	    db_feed_page_sql[page], cause);
	if (st == NULL)
		return (-1);
	db_bind_int(st, ":limit", limit);
	if (cur != NULL) {
		db_bind_int(st, ":pos", cur->position);
		db_bind_int(st, ":id", cur->id);
	}
	return (db_page_read(db, st, limit, sizeof **out, page, db_feed_page_row,
	    db_feed_page_free, "read feeds", (void **)out, nout, cause));
}

/*
 * One feed's row by id (*out NULL when gone; free with
 * db_feed_rows_free(*out, 1)).
 */
int
db_feed_get(struct db *db, int64_t feed, struct db_feed_row **out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	st = db_prepare(db, DB_STMT_FEED_GET, DB_FEED_ROW "WHERE id = ?1",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = xmalloc(sizeof **out);
		db_feed_page_row(st, *out);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (db_fail(db, rc, "read feed", cause));
	return (0);
}

/* The number of feeds in the feed list (every feed row). */
int
db_feed_count(struct db *db, int64_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, DB_STMT_FEED_COUNT, "SELECT count(*) FROM feed",
	    cause);
	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return (db_fail(db, rc, "count feeds", cause));
	return (0);
}

/* The SQL of one paged feed query. */
const char *
db_feed_page_query(enum db_page page)
{
	return (db_feed_page_sql[page]);
}

/* The cursor a feed row stands at. */
void
db_feed_row_cursor(const struct db_feed_row *r, struct db_feed_cursor *cur)
{
	cur->position = r->position;
	cur->id = r->id;
}

/* Free rows from db_feed_page. */
void
db_feed_rows_free(struct db_feed_row *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].title);
		free(v[i].error);
	}
	free(v);
}
