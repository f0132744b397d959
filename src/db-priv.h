/*
 * Declarations shared by the cache's files (db.c, db-open.c, db-schema.c,
 * db-feed.c, db-item.c, db-tag.c, db-search.c, db-article.c, db-pack.c)
 * and nothing
 * else: the
 * connection structure, the prepared statement cache, the error helpers,
 * the counts a feed keeps.
 *
 * Calls inside the family point one way, down this graph (drawn from the
 * objects' symbols, nm -u; each file includes db.h and this header only):
 *
 *	db-sync.c		an aggregator server's side: sources, remote
 *	 |			ids, marks, the queue's reading end, remote
 *	 |			states applied (calls db-item.c, db-feed.c,
 *	 |			db-queue.c; nothing calls it but callers of db.h)
 *	db-open.c		db_open: connect, register, migrate
 *	 |-> db-schema.c	migrations
 *	 |-> db-search.c	tokenizer, indexing, search pages and counts
 *	 |    |-> db-search-stream.c	--search's streams, a page's plan
 *	 |    |    (calls db-search-query.c, db-item.c)
 *	 |    |-> db-search-query.c	the search language, snippets
 *	 |    |-> db-article.c	full articles (the text akhbar_body indexes)
 *	 |    `-> db-item.c	upserts, item pages, counts, ranks
 *	 |         |
 *	 |         |   db-feed.c	feeds, urls-file sync, feed transactions
 *	 |         |    |   db-tag.c	the tag list
 *	 |         v    v    |
 *	 |      db-queue.c   |		the queue of changes for a sync source,
 *	 |         |         |		filled in the change's transaction
 *	 v         v         v
 *	db.c	connection, statements, errors, transactions, db_count_add,
 *	 |	page reading: every file above calls it, it calls none of them
 *	 v
 *	db-pack.c	item bodies packed and unpacked (zstd, the cache's
 *			dictionary): db-item.c, db-search.c, db-open.c and
 *			db.c (commit, rollback, close) call it; it calls
 *			nothing of the family
 *
 * db-item.c and db-feed.c call each other in neither direction: what both
 * change (a feed's counts) goes through db_count_add in db.c, and the tags
 * of the feed being written (db_feed_begin reads them, db_item_upsert
 * lists new items under them) are data in struct db.
 */
#ifndef AKHBAR_DB_PRIV_H
#define AKHBAR_DB_PRIV_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* Every cached statement has a slot; its SQL lives next to its user. */
enum db_stmt_id {
	DB_STMT_BEGIN = 0,
	DB_STMT_COUNT_ADD,
	DB_STMT_COUNT_TAGS,
	DB_STMT_COMMIT,
	DB_STMT_ROLLBACK,
	DB_STMT_FEED_INSERT,
	DB_STMT_FEED_SYNC_FIND,
	DB_STMT_FEED_SYNC_UPDATE,
	DB_STMT_FEED_SYNC_TAGS,
	DB_STMT_FEED_SYNC_TAG_DEL,
	DB_STMT_FEED_SYNC_TAG_NEW,
	DB_STMT_FEED_SYNC_TAG_ID,
	DB_STMT_FEED_SYNC_TAG_ADD,
	DB_STMT_FEED_SYNC_TAG_ITEMS,
	DB_STMT_FEED_SYNC_UNTAG_ITEMS,
	DB_STMT_FEED_SYNC_TAGGED,
	DB_STMT_FEED_SYNC_UNTAG,
	DB_STMT_FEED_SYNC_TAG_GC,
	DB_STMT_FEED_COUNT,
	DB_STMT_FEED_STATE_ALL,
	DB_STMT_FEED_STATE_URL,
	DB_STMT_FEED_EXISTS,
	DB_STMT_FEED_META,
	DB_STMT_FEED_RESULT,
	DB_STMT_FEED_MARK_READ,
	DB_STMT_FEED_SET_DIR,
	DB_STMT_FEED_SET_TITLE,
	DB_STMT_FEED_SET_RETENTION,
	DB_STMT_FEED_GET_RETENTION,
	DB_STMT_FEED_GET,
	DB_STMT_FEED_PAGE_FIRST,
	DB_STMT_FEED_PAGE_NEXT,
	DB_STMT_FEED_PAGE_PREV,
	DB_STMT_FEED_PAGE_LAST,
	DB_STMT_RETAIN_DAYS,
	DB_STMT_RETAIN_MAX,
	DB_STMT_RETAIN_DELETE,
	DB_STMT_ITEM_FIND,
	DB_STMT_ITEM_FIND_DATES,
	DB_STMT_ITEM_INSERT,
	DB_STMT_ITEM_PENDING,
	DB_STMT_FEED_TAG_NEW,
	DB_STMT_ITEM_TAG_DATE,
	DB_STMT_ITEM_UPDATE,
	DB_STMT_ITEM_ENC_DELETE,
	DB_STMT_ITEM_ENC_INSERT,
	DB_STMT_ITEM_COUNT_UNREAD,
	DB_STMT_ITEM_SET_UNREAD,
	DB_STMT_ITEM_SET_STARRED,
	DB_STMT_ITEM_MARK_ALL_READ,
	DB_STMT_FEED_ZERO_UNREAD,
	DB_STMT_TAG_ZERO_UNREAD,
	DB_STMT_FEED_TAG_ZERO_UNREAD,
	DB_STMT_ITEM_GET,
	DB_STMT_ITEM_ENCLOSURES,
	DB_STMT_ITEM_PAGE,		/* 5 lists x 4 directions follow */
	DB_STMT_ITEM_PAGE_END = DB_STMT_ITEM_PAGE + 20,
	DB_STMT_ITEM_COUNT,		/* one per list follows */
	DB_STMT_ITEM_COUNT_END = DB_STMT_ITEM_COUNT + 5,
	DB_STMT_ITEM_RANK,		/* 5 lists x (before, after) follow */
	DB_STMT_ITEM_RANK_END = DB_STMT_ITEM_RANK + 10,
	DB_STMT_TAG_LIST,
	DB_STMT_SEARCH_TOTAL,
	DB_STMT_SEARCH_PAGE,		/* 2 plans x 4 directions follow */
	DB_STMT_SEARCH_PAGE_END = DB_STMT_SEARCH_PAGE + 8,
	DB_STMT_SEARCH_PENDING,
	DB_STMT_SEARCH_INSERT,
	DB_STMT_SEARCH_DONE,
	DB_STMT_SEARCH_LEFT,
	DB_STMT_SEARCH_SNIPPET,
	DB_STMT_ARTICLE_GET,
	DB_STMT_ARTICLE_HAS,
	DB_STMT_ARTICLE_UNINDEX,
	DB_STMT_ARTICLE_PUT,
	DB_STMT_ARTICLE_FAIL,
	DB_STMT_ARTICLE_PENDING,
	DB_STMT_ARTICLE_TOUCH,
	DB_STMT_ARTICLE_WANTED,
	DB_STMT_ARTICLE_WANT_ITEM,
	DB_STMT_ARTICLE_COUNT,
	DB_STMT_QUEUE_ITEM,
	DB_STMT_QUEUE_FEED,
	DB_STMT_QUEUE_ALL,
	DB_STMT_SYNC_SOURCE_FIND,
	DB_STMT_SYNC_SOURCE_NEW,
	DB_STMT_SYNC_FEEDS,
	DB_STMT_SYNC_FEED_FIND,
	DB_STMT_SYNC_FEED_SET,
	DB_STMT_SYNC_FEED_DROP,
	DB_STMT_SYNC_ITEM_MAP,
	DB_STMT_SYNC_ITEM_ID,
	DB_STMT_SYNC_MARK,
	DB_STMT_SYNC_CHANGES,
	DB_STMT_SYNC_CHANGE_DONE,
	DB_STMT_SYNC_PENDING,
	DB_STMT_SYNC_STATES,
	DB_STMT_SYNC_STATES_FEED,
	DB_STMT_SYNC_RESULT,
	DB_STMT_PACK_NEWEST,
	DB_STMT_PACK_INSERT,
	DB_STMT_PACK_READ,
	DB_STMT_COUNT
};

struct db {
	sqlite3		*sq;
	char		*path;
	int		 flags;		/* DB_READONLY */
	int		 lockfd;	/* <path>.lock held by a writer, or -1 */
	bool		 lock_shared;	/* another connection of this process holds it */
	bool		 in_feed;	/* a feed transaction is open */
	bool		 in_batch;	/* feed transactions join one batch */
	bool		 checkpointer;	/* has written feeds: checkpoints the WAL */
	bool		 damaged;	/* SQLite found it corrupt: no optimize */
	int64_t		*seen;		/* items the open feed transaction saw */
	size_t		 nseen;
	size_t		 seencap;
	int64_t		 new_items;	/* items it inserted (all unread) */
	int64_t		 first_new;	/* the first of them, 0: none */
	int64_t		*tags;		/* the tags of its feed */
	size_t		 ntags;
	size_t		 tagcap;
	int		 max_items;	/* global retention, 0: none */
	int		 keep_days;	/* global retention, 0: none */
	bool		 sync_remote;	/* states set now come from a sync
					   source's server: not queued */
	struct db_pack	*pack;		/* db-pack.c's, made on first use */
	sqlite3_stmt	*stmts[DB_STMT_COUNT];
};

sqlite3_stmt	*db_prepare(struct db *, enum db_stmt_id, const char *,
		     char **);
int		 db_fail(struct db *, int, const char *, char **);
int		 db_exec(struct db *, const char *, char **);
int		 db_begin(struct db *, char **);
int		 db_begin_nested(struct db *, bool *, char **);
int		 db_commit_nested(struct db *, bool, char **);
int		 db_commit(struct db *, char **);
void		 db_rollback(struct db *);
int		 db_step_done(struct db *, sqlite3_stmt *, const char *,
		     char **);
void		 db_bind_text(sqlite3_stmt *, const char *, const char *);
void		 db_bind_int(sqlite3_stmt *, const char *, int64_t);
void		 db_bind_null(sqlite3_stmt *, const char *);
char		*db_column_strdup(sqlite3_stmt *, int);
int64_t		 db_now(void);

/* db-pack.c: item bodies stored compressed */
int		 db_pack_register(struct db *);
int		 db_pack_bind(struct db *, sqlite3_stmt *, int, const char *);
const char	*db_pack_text(struct db *, sqlite3_value *, char **);
char		*db_pack_column_strdup(struct db *, sqlite3_stmt *, int);
void		 db_pack_commit(struct db *);
void		 db_pack_rollback(struct db *);
void		 db_pack_free(struct db *);

/* The columns db_item_row_read reads, from item i joined with feed f. */
#define DB_ITEM_ROW \
	"SELECT i.id, i.feed_id," \
	" COALESCE(f.title_override, f.title, f.url), i.title," \
	" i.link, i.sort_date, i.published, i.updated, i.unread," \
	" i.starred, COALESCE(f.dir_override, NULLIF(i.dir, 0), f.dir)"
#define DB_ITEM_ROW_COLUMNS	11

struct db_item_row;
void		 db_item_row_read(sqlite3_stmt *, struct db_item_row *);
void		 db_item_page_row(sqlite3_stmt *, void *);
void		 db_item_page_free(void *, size_t);

/* The SQL of the paged, ranked and counted queries, for plan tests. */
const char	*db_item_page_query(enum db_list, enum db_page);
const char	*db_item_rank_query(enum db_list, int);
const char	*db_item_count_query(enum db_list);
const char	*db_feed_page_query(enum db_page);

/* Step a bound keyset page query into rows in display order. */
int		 db_page_read(struct db *, sqlite3_stmt *, int, size_t,
		     enum db_page, void (*)(sqlite3_stmt *, void *),
		     void (*)(void *, size_t), const char *, void **, size_t *,
		     char **);

/* A reader's page cache and memory map; during a walk (db_walk). */
#define DB_READER_PRAGMAS \
	"PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;"
#define DB_WALK_PRAGMAS \
	"PRAGMA cache_size = -2048; PRAGMA mmap_size = 0;"

struct db	*db_connect(const char *, int, char **);
int		 db_walk(struct db *, bool, char **);
void		 db_read_begin(struct db *, bool *);
void		 db_read_end(struct db *, bool);

/* Changes to the counts a feed row keeps of its items. */
struct db_count {
	int64_t		 total;
	int64_t		 unread;
	int64_t		 starred;
	int64_t		 starred_unread;
	bool		 tags;		/* the feed may have tags: copy to feed_tag */
};
int		 db_count_add(struct db *, int64_t, const struct db_count *,
		     char **);

/* db-queue.c: a change to an item of a sync source, queued to be sent. */
int		 db_queue_item(struct db *, int64_t, enum db_sync_field, bool,
		     char **);
int		 db_queue_feed_read(struct db *, int64_t, char **);

int		 db_schema_migrate(struct db *, char **);
int		 db_schema_migrate_to(struct db *, int, char **);
int		 db_search_register(struct db *, char **);

/* A phrase of a search query that starts with this is searched exactly. */
#define DB_SEARCH_QUERY_EXACT	'\x01'

/* A query read in the search language (db-search-query.c). */
struct db_search_query;
/* Read a query; NULL with the problem's kind (enum reason_kind) and column. */
struct db_search_query *db_search_query_parse(const char *, int *, long *);
/* A query's problem in a lower layer's words (English), for a cause. */
char		*db_search_query_cause(const char *, int, long);
/* The FTS5 MATCH expression of a query. */
const char	*db_search_query_match(const struct db_search_query *);
/* A search result's snippet and matches from its title and body. */
void		 db_search_query_snippet(const struct db_search_query *,
		     const char *, const char *, struct db_item_row *);
void		 db_search_query_free(struct db_search_query *);

/* db-search-stream.c: count matches, and whether looking them up beats walking the date index for a page of limit rows (0: all). */
int		 db_search_stream_plan(struct db *, const char *, int,
		     int64_t *, bool *, char **);

/* Append a stored article body (TEXT, or a compressed BLOB) to s through plain (its HTML as text). */
void		 db_article_body(sqlite3_value *, void (*)(struct str *,
		     const char *, bool), struct str *);

#endif
