/*
 * The cache: an SQLite database in WAL mode. The poller thread owns one
 * read-write connection, the interface one read-only connection. Every SQL
 * string lives in db*.c. Functions return 0 on success and -1 with an
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

#define DB_READONLY	0x1	/* open for reading only (the interface) */

/* What the poller needs to know to fetch one feed. */
struct db_feed_state {
	int64_t		 id;
	char		*url;
	char		*etag;		/* last ETag, or NULL */
	char		*last_modified;	/* last Last-Modified, or NULL */
	int64_t		 next_fetch;	/* not before this epoch time (0: now) */
	int		 failures;	/* consecutive failed fetches */
};

/* The outcome of one fetch, stored with the feed. */
struct db_fetch_result {
	int		 http_status;	/* 0 when no HTTP answer */
	const char	*etag;		/* new validators, or NULL to keep */
	const char	*last_modified;
	const char	*error;		/* short reason, NULL on success */
	int64_t		 next_fetch;	/* earliest next fetch (backoff, max-age, ttl) */
	int		 failures;	/* consecutive failures after this fetch */
	const char	*new_url;	/* permanent redirect target, or NULL */
};

struct db	*db_open(const char *path, int flags, char **cause);
void		 db_close(struct db *);

/* Make sure a feed row exists for each URL (existing rows are kept). */
int		 db_feed_sync_urls(struct db *, const struct strv *, char **);
/* The fetch state of every feed whose URL is in urls (all when NULL). */
int		 db_feed_states(struct db *, const struct strv *urls,
		     struct db_feed_state **, size_t *, char **);
void		 db_feed_states_free(struct db_feed_state *, size_t);

/* Begin the one transaction a feed's update happens in. */
int		 db_feed_begin(struct db *, int64_t, char **);
/* Insert or update an item of the feed in the open transaction. */
int		 db_item_upsert(struct db *, int64_t, const struct item *,
		     bool *inserted, char **);
/* Store the feed's metadata and commit its transaction. */
int		 db_feed_commit(struct db *, int64_t, const struct feed *,
		     char **);
/* Abandon the feed's transaction: nothing of it is stored. */
void		 db_feed_rollback(struct db *);
/* Store the outcome of a fetch (its own small transaction). */
int		 db_feed_set_result(struct db *, int64_t,
		     const struct db_fetch_result *, char **);

/* Index for full-text search up to max items not yet indexed; *left says how many remain. */
int		 db_search_index_pending(struct db *, int max, int64_t *left,
		     char **);

/* The number of unread items in the cache. */
int		 db_item_count_unread(struct db *, int64_t *, char **);

#endif
