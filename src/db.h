/*
 * The cache: an SQLite database in WAL mode. Each thread opens its own
 * connection: the poller a read-write one for its feed transactions, the
 * interface its own for reading lists and for the user's read and starred
 * states (read-write too: connections of one process share the writer
 * lock, a second akhbar process is refused). DB_READONLY connections
 * (headless --search, --unread-count) work alongside any writer. Every
 * SQL string lives in db*.c. Functions return 0 on success and -1 with an
 * allocated reason in *cause (caller frees) on failure; nothing prints.
 */
#ifndef AKHBAR_DB_H
#define AKHBAR_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "str.h"

struct db;

#define DB_READONLY	0x1	/* open for reading only; never creates, never upgrades */

/* What the poller needs to know to fetch one feed. */
struct db_feed_state {
	int64_t		 id;
	char		*url;
	char		*etag;		/* last ETag, or NULL */
	char		*last_modified;	/* last Last-Modified, or NULL */
	int64_t		 next_fetch;	/* not before this epoch time (0: now) */
	int		 failures;	/* consecutive failed fetches */
	int64_t		 unread;	/* its unread items */
	int		 error_kind;	/* the last failure (enum reason_kind) */
	long		 error_code;	/* ... its number */
	char		*error;		/* ... its detail, or NULL */
};

/* The outcome of one fetch, stored with the feed. */
struct db_fetch_result {
	int		 http_status;	/* 0 when no HTTP answer */
	const char	*etag;		/* new validators, or NULL to keep */
	const char	*last_modified;
	const char	*error;		/* short reason, NULL on success */
	int		 error_kind;	/* enum reason_kind, REASON_NONE on success */
	long		 error_code;	/* its number (HTTP status, exit status) */
	int64_t		 next_fetch;	/* earliest next fetch (backoff, max-age, ttl) */
	int		 failures;	/* consecutive failures after this fetch */
	const char	*new_url;	/* permanent redirect target, or NULL */
};

/* The schema version this build reads and writes (PRAGMA user_version). */
#define DB_SCHEMA_VERSION	11

/* Which ordered list of items a page is read from. */
enum db_list {
	DB_LIST_FEED = 0,	/* the items of one feed */
	DB_LIST_UNREAD,		/* every unread item */
	DB_LIST_STARRED,	/* every starred item */
	DB_LIST_ALL,		/* every item */
	DB_LIST_TAG		/* the items of the feeds with one tag */
};

/* Which page of a list, relative to a cursor. */
enum db_page {
	DB_PAGE_FIRST = 0,	/* the newest rows */
	DB_PAGE_NEXT,		/* the rows after (older than) the cursor */
	DB_PAGE_PREV,		/* the rows before (newer than) the cursor */
	DB_PAGE_LAST		/* the oldest rows */
};

/* A position in an item list: lists are ordered by (date, id) descending. */
struct db_item_cursor {
	int64_t		 date;
	int64_t		 id;
};

/* A position in the feed list, ordered by (position, id) ascending. */
struct db_feed_cursor {
	int64_t		 position;
	int64_t		 id;
};

/* A highlighted match in a snippet: byte offsets [start, end). */
struct db_match {
	size_t		 start;
	size_t		 end;
};

/* One row of an item list, as the interface shows it. */
struct db_item_row {
	int64_t		 id;
	int64_t		 feed_id;
	char		*feed_title;	/* as db_feed_row.title */
	char		*title;		/* or NULL */
	char		*link;		/* or NULL */
	int64_t		 date;		/* the date the list is ordered by */
	int64_t		 published;	/* or FEED_TIME_UNKNOWN */
	int64_t		 updated;	/* or FEED_TIME_UNKNOWN */
	bool		 unread;
	bool		 starred;
	enum feed_dir	 dir;		/* feed override, else item hint */
	char		*snippet;	/* search only: plain text around the match */
	struct db_match	*matches;	/* search only: matches in snippet */
	size_t		 nmatches;
};

/*
 * One subscription of the urls file, as db_feed_sync stores it (borrowed
 * strings): its title ("~Title", or NULL) and its tags, ntags of them.
 */
struct db_sub {
	const char		 *url;
	const char		 *title;
	const char *const	 *tags;
	size_t			  ntags;
};

/* One row of the tag list. */
struct db_tag_row {
	int64_t		 id;
	char		*name;
	int64_t		 feeds;		/* feeds with the tag */
	int64_t		 unread;	/* their unread items */
	int64_t		 total;		/* their items */
};

/* One row of the feed list. */
struct db_feed_row {
	int64_t		 id;
	int64_t		 position;	/* order in the urls file */
	char		*url;
	char		*title;		/* user's, urls file's, feed's title or URL */
	int64_t		 unread;	/* unread items */
	int64_t		 total;		/* items */
	enum feed_dir	 dir;		/* override, else the feed's hint */
	bool		 dir_override;	/* dir was set by the user */
	int		 http_status;	/* of the last fetch, 0 none */
	char		*error;		/* of the last fetch, NULL if it worked */
	int		 error_kind;	/* enum reason_kind of the last fetch */
	long		 error_code;	/* its number (HTTP status, exit status) */
	int64_t		 last_fetch;	/* epoch time, 0 never */
};

/* Open (and create or upgrade) the cache at path; NULL with a reason. */
struct db	*db_open(const char *path, int flags, char **cause);
void		 db_close(struct db *);
/* Set the global retention: keep at most max_items per feed, items younger than keep_days (0: no limit). */
void		 db_set_retention(struct db *, int max_items, int keep_days);
/* Check the whole file for damage (slow: reads every page). */
int		 db_check(struct db *, char **);

/*
 * Make the cache's feeds follow the urls file: a row for each
 * subscription (existing rows and their items are kept), in its order,
 * with the file's title and tags; feeds the file no longer names keep
 * their rows and items but lose their tags. The file's title shows
 * unless the user renamed the feed with db_feed_set_title.
 */
int		 db_feed_sync(struct db *, const struct db_sub *, size_t,
		     char **);
/* The fetch state of every feed whose URL is in urls (all when NULL). */
int		 db_feed_states(struct db *, const struct strv *urls,
		     struct db_feed_state **, size_t *, char **);
void		 db_feed_states_free(struct db_feed_state *, size_t);

/* Begin one transaction that the next feeds' updates join (one commit). */
int		 db_batch_begin(struct db *, char **);
/* Commit the batch; on failure nothing of it is stored. */
int		 db_batch_commit(struct db *, char **);
/* Abandon the batch: nothing of it is stored. */
void		 db_batch_rollback(struct db *);
/* Whether a batch is open (a failed feed in it rolls all of it back). */
bool		 db_batch_open(const struct db *);
/* Begin the one transaction a feed's update happens in. */
int		 db_feed_begin(struct db *, int64_t, char **);
/* Insert or update an item of the feed in the open transaction. */
int		 db_item_upsert(struct db *, int64_t, const struct item *,
		     bool *inserted, char **);
/* Store the feed's metadata and commit its transaction (or keep it in the batch). */
int		 db_feed_commit(struct db *, int64_t, const struct feed *,
		     char **);
/* Abandon the feed's transaction (and the batch it is in): nothing of it is stored. */
void		 db_feed_rollback(struct db *);
/* Store the outcome of a fetch (its own small transaction). */
int		 db_feed_set_result(struct db *, int64_t,
		     const struct db_fetch_result *, char **);

/* Index for full-text search up to max items not yet indexed; *left says how many remain. */
int		 db_search_index_pending(struct db *, int max, int64_t *left,
		     char **);

/* The number of unread items in the cache. */
int		 db_item_count_unread(struct db *, int64_t *, char **);
/* Total and unread items of a list (feed/tag id where the list needs one). */
int		 db_item_count(struct db *, enum db_list, int64_t id,
		     int64_t *total, int64_t *unread, char **);
/* How many rows of the list come before the cursor (the row's 0-based position). */
int		 db_item_rank(struct db *, enum db_list, int64_t id,
		     const struct db_item_cursor *, int64_t *, char **);

/* Read one page of a list of items (feed: the feed's or tag's id); rows come newest first whatever the direction (none: *rows is NULL). */
int		 db_item_page(struct db *, enum db_list, int64_t feed,
		     enum db_page, const struct db_item_cursor *, int limit,
		     struct db_item_row **, size_t *, char **);
/* The cursor a row stands at. */
void		 db_item_row_cursor(const struct db_item_row *,
		     struct db_item_cursor *);
void		 db_item_rows_free(struct db_item_row *, size_t);
/* Read one whole item (for the article view); *itp is NULL when it is gone. */
int		 db_item_get(struct db *, int64_t, struct item **, char **);
/* Mark an item read or unread. */
int		 db_item_set_unread(struct db *, int64_t, bool, char **);
/* Star or unstar an item. */
int		 db_item_set_starred(struct db *, int64_t, bool, char **);

/* Read one page of the feed list with unread counts. */
int		 db_feed_page(struct db *, enum db_page,
		     const struct db_feed_cursor *, int limit,
		     struct db_feed_row **, size_t *, char **);
/* The cursor a feed row stands at. */
void		 db_feed_row_cursor(const struct db_feed_row *,
		     struct db_feed_cursor *);
void		 db_feed_rows_free(struct db_feed_row *, size_t);
/* One feed's row by id (*row NULL when gone; free with db_feed_rows_free(row, 1)). */
int		 db_feed_get(struct db *, int64_t, struct db_feed_row **,
		     char **);
/* The number of feeds in the feed list. */
int		 db_feed_count(struct db *, int64_t *, char **);
/* Mark every item of a feed read (feed 0: every item). */
int		 db_feed_mark_read(struct db *, int64_t, char **);
/* Override a feed's direction; FEED_DIR_AUTO removes the override. */
int		 db_feed_set_dir(struct db *, int64_t, enum feed_dir, char **);
/* Override a feed's title (over the urls file's and the feed's); NULL removes the override. */
int		 db_feed_set_title(struct db *, int64_t, const char *, char **);
/* Set a feed's own retention (0: use the global setting). */
int		 db_feed_set_retention(struct db *, int64_t, int max_items,
		     int keep_days, char **);

/*
 * Whether query reads in the search language (bare words match all their
 * forms, "quoted phrases" exactly, word* a prefix; AND, OR, NOT, -word
 * and parentheses as FTS5 has them): 0, or -1 with the problem's kind
 * (enum reason_kind: REASON_SEARCH_*, REASON_QUERY_DEPTH) and its column
 * (from 1; 0 when none) for reason_text.
 */
int		 db_search_query_check(const char *query, int *kind,
		     long *column);
/* Read one page of search results, newest first, without snippets; -1 for a query that does not read. */
int		 db_search_page(struct db *, const char *query, enum db_page,
		     const struct db_item_cursor *, int limit,
		     struct db_item_row **, size_t *, char **);
/* Make the snippets (and their matches) of the search results to be shown. */
int		 db_search_snippets(struct db *, const char *query,
		     struct db_item_row *, size_t, char **);
/* The order of a search's results. */
enum db_search_order {
	DB_SEARCH_BY_DATE = 0,	/* newest first, as every list */
	DB_SEARCH_BY_RANK	/* best match first (FTS5's bm25) */
};

/* What a search stream reads. */
struct db_search_spec {
	const char		*query;		/* the search language */
	enum db_search_order	 order;
	const int64_t		*feeds;		/* only these feeds' items; NULL: all */
	size_t			 nfeeds;
};

/* All the results of a search read page by page by one statement. */
struct db_search_stream;
/* Start reading a search's results; NULL with a reason when the query does not read (say why with db_search_query_check). */
struct db_search_stream *db_search_stream_open(struct db *,
		     const struct db_search_spec *, char **);
/* Read the next rows, at most limit, without snippets (none left: *n is 0). */
int		 db_search_stream_read(struct db_search_stream *, int limit,
		     struct db_item_row **, size_t *, char **);
/* Finish a stream. */
void		 db_search_stream_close(struct db_search_stream *);
/* The number of search results (same query language as db_search_page). */
int		 db_search_count(struct db *, const char *query, int64_t *,
		     char **);

/* Every tag of the urls file with its feeds' counts, by name. */
int		 db_tag_list(struct db *, struct db_tag_row **, size_t *,
		     char **);
void		 db_tag_rows_free(struct db_tag_row *, size_t);

/* db-query.c: query: feeds, the items a filter (filter.h) matches. */
struct filter;
/* Read one page of the items a filter matches, as db_item_page does. */
int		 db_query_page(struct db *, const struct filter *,
		     enum db_page, const struct db_item_cursor *, int,
		     struct db_item_row **, size_t *, char **);
/* Total and unread items a filter matches. */
int		 db_query_count(struct db *, const struct filter *, int64_t *,
		     int64_t *, char **);
/* The SQL condition a filter makes at time now, and how many values it binds. */
char		*db_query_sql(const struct filter *, int64_t, size_t *);

/* db-newsboat.c: newsboat's cache.db, imported. */
struct db_newsboat_counts {
	size_t		 items;		/* articles added */
	size_t		 read;		/* articles marked read */
	size_t		 starred;	/* articles starred (newsboat's flags) */
};
/* Whether newsboat's cache at path is one akhbar reads; -1 with *cause naming it. */
int		 db_newsboat_check(const char *, char **);
/* Import newsboat's articles and states for the feeds with these URLs (synced first); one batch. */
int		 db_newsboat_import(struct db *, const char *,
		     const struct strv *, struct db_newsboat_counts *,
		     char **);

/* db-maint.c: compact the cache (VACUUM, then empty the write-ahead log). */
int		 db_maint_vacuum(struct db *, char **);
/* The urls file's keep= (0: global) and dir= (an enum feed_dir, -1: not given) of the feed with this URL. */
int		 db_maint_feed_options(struct db *, const char *, int, int,
		     char **);
/*
 * An item's full article: its web page fetched and the article found in
 * it (html.h's html_article_extract), kept beside the feed's summary.
 * A failed fetch or extraction is kept too, with its reason; a failure
 * after an article was stored keeps the article.
 */
struct db_article {
	int64_t		 item_id;
	int64_t		 fetched;	/* when it was last fetched (epoch) */
	int		 error_kind;	/* enum reason_kind: REASON_NONE when
					   html is the article */
	long		 error_code;	/* its number (HTTP status) */
	char		*error;		/* the detail, or NULL */
	int		 attempts;	/* failed fetches in a row */
	int64_t		 next_try;	/* a failure: the poller tries again
					   from then on; 0: only when asked */
	char		*html;		/* the article as clean HTML, or NULL */
	size_t		 len;
	int64_t		 chars;		/* characters of its text */
	char		*url;		/* the page's canonical URL, or its own */
	char		*title;		/* what the page says: og:title ... */
	char		*author;
	char		*site;
	char		*image;
	char		*excerpt;
	int64_t		 published;	/* or FEED_TIME_UNKNOWN */
	char		*lang;
	enum feed_dir	 dir;
	char		*etag;		/* validators of the page */
	char		*last_modified;
};

/* An item whose article is to be fetched: where, and what is known. */
struct db_article_want {
	int64_t		 item_id;
	int64_t		 feed_id;
	char		*link;		/* the item's link */
	char		*title;		/* the item's title, or NULL */
	char		*etag;		/* the stored page's validators, or NULL */
	char		*last_modified;
	int		 attempts;	/* failed fetches so far */
	bool		 have;		/* an article is stored already */
};

/* An item's full article; *ap is NULL when none was ever fetched. */
int		 db_article_get(struct db *, int64_t, struct db_article **,
		     char **);
void		 db_article_free(struct db_article *);
/* Make an item show its full article (a->html set): what the article view renders. */
void		 db_article_to_item(const struct db_article *, struct item *);
/* Store what fetching an item's page gave (an article, or why not), indexed for search with the item. */
int		 db_article_store(struct db *, const struct db_article *,
		     char **);
/* The page had not changed (304): only its time and validators. */
int		 db_article_touch(struct db *, int64_t, int64_t, const char *,
		     const char *, char **);
/* The newest max items of a feed with no article yet, or whose failure may be tried again at now. */
int		 db_article_wanted(struct db *, int64_t, int, int64_t,
		     struct db_article_want **, size_t *, char **);
/* What fetching one item's article needs (*wp NULL when the item is gone). */
int		 db_article_want_item(struct db *, int64_t,
		     struct db_article_want **, char **);
void		 db_article_wants_free(struct db_article_want *, size_t);
/* How many articles the cache holds, and their stored bytes. */
int		 db_article_count(struct db *, int64_t *, int64_t *, char **);

/*
 * Sync with an aggregator server (db-sync.c). A source is a server and a
 * login; its feeds are ordinary feed rows (db_feed_sync gives them their
 * titles and their categories as tags) mapped to the server's ids, its
 * items too. Changes the user makes to its items are queued in the same
 * transaction (db_item_set_unread, db_item_set_starred, db_feed_mark_read)
 * and leave the queue when the server confirmed them.
 */

/* Which state of an item a change or a server's list is about. */
enum db_sync_field {
	DB_SYNC_UNREAD = 0,
	DB_SYNC_STARRED = 1
};

/* One feed of a source, as the server lists it or the cache keeps it. */
struct db_sync_feed {
	int64_t		 feed_id;	/* the cache's, 0: not there yet */
	char		*remote_id;	/* the server's */
	char		*url;		/* the cache's key for it */
	char		*title;		/* or NULL */
	char		*category;	/* its tag, or NULL */
	int64_t		 unread;	/* its unread items (cache or server) */
};

/* One queued change. */
struct db_sync_change {
	int64_t		 id;		/* its row in the queue */
	int64_t		 remote_id;	/* the item's id on the server */
	int		 field;		/* enum db_sync_field */
	bool		 value;
};

/* The source for kind, url and login, made when new; its id and mark. */
int		 db_sync_source(struct db *, const char *, const char *,
		     const char *, int64_t *, int64_t *, char **);
/* The source's feeds as last synced, in the server's order. */
int		 db_sync_feeds(struct db *, int64_t, struct db_sync_feed **,
		     size_t *, char **);
void		 db_sync_feeds_free(struct db_sync_feed *, size_t);
/* After db_feed_sync made their rows: the source's feeds are these (by url); any other leaves it. */
int		 db_sync_feeds_set(struct db *, int64_t,
		     const struct db_sync_feed *, size_t, char **);
/* The source a feed comes from (*source 0: none). */
int		 db_sync_feed_source(struct db *, int64_t, int64_t *, char **);
/* In the feed's transaction, after db_item_upsert: the item with guid is the source's remote item. */
int		 db_sync_item_map(struct db *, int64_t, int64_t, const char *,
		     int64_t, char **);
/* Set a remote item's state as the server has it: not queued, and left alone while a change of it waits to be sent. */
int		 db_sync_item_state(struct db *, int64_t, int64_t,
		     enum db_sync_field, bool, char **);
/* The remote ids (ascending) of the source's items (of one feed; 0: all) whose field is value. */
int		 db_sync_items_with(struct db *, int64_t, int64_t,
		     enum db_sync_field, bool, int64_t **, size_t *, char **);
/* Store the source's mark: the highest remote item id stored. */
int		 db_sync_set_mark(struct db *, int64_t, int64_t, char **);
/* Up to max queued changes of the source, oldest first. */
int		 db_sync_changes(struct db *, int64_t, size_t,
		     struct db_sync_change **, size_t *, char **);
/* Take the changes the server confirmed (their queue rows) off the queue. */
int		 db_sync_changes_done(struct db *, const int64_t *, size_t,
		     char **);
/* Store a sync's outcome on every feed of the source (as a fetch's). */
int		 db_sync_set_result(struct db *, int64_t,
		     const struct db_fetch_result *, char **);

#endif
