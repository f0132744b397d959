/*
 * newsboat's cache.db, read once to import it: its articles and their
 * read and flagged states, matched to akhbar's by feed URL and guid.
 * newsboat's file is opened read-only on a connection of its own and
 * never written. Its guid is the feed's <guid> or <id>, else the link
 * (with the date appended when there is one): the link then is akhbar's
 * guid, as akhbar's parser makes it. An article akhbar does not have yet
 * is added with what newsboat kept of it; one it has keeps its text.
 * States merge: read if either says read, starred if newsboat flagged it
 * or akhbar starred it. Everything happens in one batch: a failure
 * stores nothing.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db-priv.h"
#include "feed.h"
#include "html.h"
#include "str.h"
#include "xmalloc.h"

/* The newsboat cache schema versions read: 2.x (newsboat 2.10 to today). */
#define DB_NEWSBOAT_MAJOR	2

/* Open newsboat's cache read-only and check its version; NULL with *cause. */
static sqlite3 *
db_newsboat_open(const char *path, char **cause)
{
	sqlite3		*nb;
	sqlite3_stmt	*st;
	int		 rc, major = -1, minor = -1;

	rc = sqlite3_open_v2(path, &nb, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		xasprintf(cause, "%s: %s", path, nb != NULL ?
		    sqlite3_errmsg(nb) : sqlite3_errstr(rc));
		sqlite3_close(nb);
		return (NULL);
	}
	sqlite3_busy_timeout(nb, 2000);
	rc = sqlite3_prepare_v2(nb, "SELECT db_schema_version_major,"
	    " db_schema_version_minor FROM metadata", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			major = sqlite3_column_int(st, 0);
			minor = sqlite3_column_int(st, 1);
		}
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_OK || major == -1) {
		xasprintf(cause, "%s: not a newsboat cache akhbar knows (no "
		    "schema version: %s)", path, rc != SQLITE_OK ?
		    sqlite3_errmsg(nb) : "metadata is empty");
		sqlite3_close(nb);
		return (NULL);
	}
	if (major != DB_NEWSBOAT_MAJOR) {
		xasprintf(cause, "%s: newsboat cache version %d.%d is one akhbar "
		    "does not know (it reads %d.x)", path, major, minor,
		    DB_NEWSBOAT_MAJOR);
		sqlite3_close(nb);
		return (NULL);
	}
	/* The columns read below, all there since newsboat 2.10. */
	rc = sqlite3_prepare_v2(nb, "SELECT guid, title, author, url, feedurl,"
	    " pubDate, content, unread, flags, deleted FROM rss_item LIMIT 0",
	    -1, &st, NULL);
	if (rc != SQLITE_OK) {
		xasprintf(cause, "%s: newsboat cache version %d.%d without the "
		    "articles akhbar reads (%s)", path, major, minor,
		    sqlite3_errmsg(nb));
		sqlite3_close(nb);
		return (NULL);
	}
	sqlite3_finalize(st);
	return (nb);
}

/* Whether newsboat's cache at path can be imported; -1 with *cause (naming it). */
int
db_newsboat_check(const char *path, char **cause)
{
	sqlite3	*nb;

	if ((nb = db_newsboat_open(path, cause)) == NULL)
		return (-1);
	sqlite3_close(nb);
	return (0);
}

/* A text column, or NULL when empty. */
static const char *
db_newsboat_text(sqlite3_stmt *st, int col)
{
	const char	*s = (const char *)sqlite3_column_text(st, col);

	return (s != NULL && *s != '\0' ? s : NULL);
}

/* One newsboat article, for the states after its feed's commit. */
struct db_newsboat_state {
	char	*guid;
	bool	 read;
	bool	 flagged;
};

/* akhbar's guid for a newsboat article, or NULL when it has none to match. */
static char *
db_newsboat_guid(const char *guid, const char *link)
{
	if (guid == NULL)
		return (link != NULL ? xstrdup(link) : NULL);
	if (link != NULL && strncmp(guid, link, strlen(link)) == 0)
		return (xstrdup(link));
	return (xstrdup(guid));
}

/* Copy one feed's articles: those missing added, then the states. */
static int
db_newsboat_feed(struct db *db, sqlite3 *nb, int64_t feed, const char *url,
    struct db_newsboat_counts *c, char **cause)
{
	struct db_newsboat_state *sv = NULL;
	sqlite3_stmt		*st, *find = NULL;
	struct item		*it;
	const char		*guid, *link, *flags;
	char			*g;
	size_t			 n = 0, i;
	int			 rc, unread, starred;
	int64_t			 id;
	bool			 began = false;

	rc = sqlite3_prepare_v2(nb, "SELECT guid, title, author, url, pubDate,"
	    " content, unread, flags FROM rss_item WHERE feedurl = ?1 AND"
	    " deleted = 0 ORDER BY pubDate, id", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		xasprintf(cause, "newsboat's cache: %s", sqlite3_errmsg(nb));
		return (-1);
	}
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_prepare_v2(db->sq, "SELECT id, unread, starred FROM item"
	    " WHERE feed_id = ?1 AND guid = ?2", -1, &find, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "import", cause);
		goto fail;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		link = db_newsboat_text(st, 3);
		if ((g = db_newsboat_guid(db_newsboat_text(st, 0), link)) ==
		    NULL)
			continue;	/* nothing to match it by */
		flags = db_newsboat_text(st, 7);
		sv = xreallocarray(sv, n + 1, sizeof *sv);
		sv[n].guid = g;
		sv[n].read = sqlite3_column_int(st, 6) == 0;
		sv[n].flagged = flags != NULL;
		n++;
		sqlite3_bind_int64(find, 1, feed);
		sqlite3_bind_text(find, 2, g, -1, SQLITE_STATIC);
		rc = sqlite3_step(find);
		sqlite3_reset(find);
		if (rc == SQLITE_ROW)
			continue;	/* akhbar has it: its text stays */
		if (rc != SQLITE_DONE) {
			db_fail(db, rc, "import", cause);
			goto fail;
		}
		if (!began && db_feed_begin(db, feed, cause) != 0)
			goto fail;
		began = true;
		it = item_new();
		it->guid = xstrdup(g);
		/* newsboat keeps a title's markup; akhbar keeps text. */
		if ((guid = db_newsboat_text(st, 1)) != NULL)
			it->title = html_strip(guid, strlen(guid));
		if (link != NULL)
			it->link = xstrdup(link);
		if ((guid = db_newsboat_text(st, 2)) != NULL)
			strv_add(&it->authors, guid);
		if (sqlite3_column_int64(st, 4) > 0)
			it->published = sqlite3_column_int64(st, 4);
		if ((guid = db_newsboat_text(st, 5)) != NULL) {
			it->content = xstrdup(guid);
			it->content_type = FEED_TEXT_HTML;
		}
		rc = db_item_upsert(db, feed, it, NULL, cause);
		item_free(it);
		if (rc != 0)
			goto fail;
		c->items++;
	}
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "newsboat's cache: %s", sqlite3_errmsg(nb));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (began && db_feed_commit(db, feed, NULL, cause) != 0) {
		began = false;
		goto fail;
	}
	began = false;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(find, 1, feed);
		sqlite3_bind_text(find, 2, sv[i].guid, -1, SQLITE_STATIC);
		rc = sqlite3_step(find);
		id = rc == SQLITE_ROW ? sqlite3_column_int64(find, 0) : 0;
		unread = rc == SQLITE_ROW ? sqlite3_column_int(find, 1) : 0;
		starred = rc == SQLITE_ROW ? sqlite3_column_int(find, 2) : 0;
		sqlite3_reset(find);
		if (id == 0)
			continue;	/* retention took it */
		if (sv[i].read && unread) {
			if (db_item_set_unread(db, id, false, cause) != 0)
				goto fail;
			c->read++;
		}
		if (sv[i].flagged && !starred) {
			if (db_item_set_starred(db, id, true, cause) != 0)
				goto fail;
			c->starred++;
		}
	}
	sqlite3_finalize(find);
	for (i = 0; i < n; i++)
		free(sv[i].guid);
	free(sv);
	return (0);

fail:
	if (began)
		db_feed_rollback(db);
	sqlite3_finalize(st);
	sqlite3_finalize(find);
	for (i = 0; i < n; i++)
		free(sv[i].guid);
	free(sv);
	return (-1);
}

/*
 * Import newsboat's cache at path into db for the feeds with these URLs
 * (their rows must be there: db_feed_sync first): the articles akhbar
 * does not have, and the read and flagged (starred) states, counted in
 * *c. All of it in one batch: on failure nothing is stored.
 */
int
db_newsboat_import(struct db *db, const char *path, const struct strv *urls,
    struct db_newsboat_counts *c, char **cause)
{
	struct db_feed_state	*fs;
	sqlite3			*nb;
	size_t			 n, i;
	int64_t			 left;

	memset(c, 0, sizeof *c);
	if ((nb = db_newsboat_open(path, cause)) == NULL)
		return (-1);
	if (db_feed_states(db, urls, &fs, &n, cause) != 0) {
		sqlite3_close(nb);
		return (-1);
	}
	if (db_batch_begin(db, cause) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (db_newsboat_feed(db, nb, fs[i].id, fs[i].url, c,
		    cause) != 0) {
			db_batch_rollback(db);
			goto fail;
		}
	}
	if (db_batch_commit(db, cause) != 0)
		goto fail;
	db_feed_states_free(fs, n);
	sqlite3_close(nb);
	/* Searchable at once, as after a reload. */
	do {
		if (db_search_index_pending(db, 1000, &left, cause) != 0)
			return (-1);
	} while (left > 0);
	return (0);

fail:
	db_feed_states_free(fs, n);
	sqlite3_close(nb);
	return (-1);
}
