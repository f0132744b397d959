/*
 * The poller family's insides, shared by poller.c (the thread, reloads),
 * poller-feed.c (one feed's way into the cache), poller-sync.c (the sync
 * source), poller-article.c (items'
 * web pages for their full articles) and poller-event.c (the event
 * pipe's writing end). Calls go one way: poller.c to poller-feed.c,
 * poller-sync.c and poller-article.c, all to poller-event.c; poller-feed.c hands the
 * feeds whose articles are wanted to poller-article.c as data
 * (poller_article_note), not as a call. Nothing outside poller*.c
 * includes this.
 */
#ifndef AKHBAR_POLLER_PRIV_H
#define AKHBAR_POLLER_PRIV_H

#include <sys/queue.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "fetch.h"
#include "html.h"
#include "poller.h"
#include "str.h"
#include "xmalloc.h"

struct db_sub;
struct item;
struct parse;
struct sync;
struct sync_conf;

/* Why a feed failed: what the user is told, and the longer story. */
struct poller_fail {
	int		 kind;		/* enum reason_kind; REASON_NONE: it worked */
	long		 code;		/* its number (HTTP status, exit status) */
	char		*detail;	/* words shown with it (the event's text) */
	char		*cause;		/* the parser's, SQLite's or the system's
					   words, for the log and the cache */
};

struct poller_feed {
	struct poller	*p;
	int64_t		 id;
	char		*url;
	char		*etag;
	char		*last_modified;
	int		 failures;

	struct fetch_job *job;
	struct fetch_result *result;	/* set when the fetch ended */
	char		*head_url;	/* effective URL, base for links */
	char		*content_type;
	struct str	 buf;		/* bytes waiting for the cache */
	int		 paused;
	int		 queued;	/* in p->wantq */
	struct parse	*parse;		/* while it owns the cache */
	int		 parse_failed;
	char		*parse_cause;
	int		 db_failed;
	char		*db_cause;
	int		 new_items;
	bool		 full_article;	/* its items' articles are fetched */
	TAILQ_ENTRY(poller_feed) entry;

	/* A feed whose bytes all waited parses them first, then joins a batch. */
	struct item	**items;
	size_t		 nitems;
	size_t		 itemcap;
	int		 b_ok;		/* its outcome, told at the batch's commit */
	struct poller_fail b_fail;
	TAILQ_ENTRY(poller_feed) bentry;
};
TAILQ_HEAD(poller_feeds, poller_feed);

/* Where an item's article is on its way. */
enum poller_article_state {
	POLLER_ARTICLE_WAIT = 0,	/* queued: art_wait */
	POLLER_ARTICLE_RUN,		/* being fetched: art_run */
	POLLER_ARTICLE_DONE		/* read, waiting for the cache: art_done */
};

/* One item's article: its fetch, then what to store (poller-article.c). */
struct poller_article {
	struct poller	*p;
	int64_t		 item_id;
	int64_t		 feed_id;
	char		*url;		/* the item's link */
	char		*host;		/* its host; NULL: not http(s) */
	char		*title;		/* the item's, for the extractor */
	char		*etag;		/* a stored article's validators */
	char		*last_modified;
	int		 attempts;	/* failed fetches before this one */
	bool		 have;		/* an article is stored already */
	bool		 asked;		/* by the interface: events as it goes */
	enum poller_article_state state;
	struct fetch_job *job;
	struct str	 buf;		/* the page so far (freed once read) */
	size_t		 bytes;		/* ... its bytes */
	char		*head_url;
	char		*content_type;
	struct fetch_result *result;
	struct html_article page;	/* what the extractor found */
	bool		 touch;		/* a 304: the stored article stays */
	int		 kind;		/* enum reason_kind: REASON_NONE, or why not */
	long		 code;
	char		*detail;
	int64_t		 next_try;	/* a failure: when to try again, 0 never */
	TAILQ_ENTRY(poller_article) entry;
};
TAILQ_HEAD(poller_articles, poller_article);

/* A host that said to wait (429, 503): no article from it until then. */
struct poller_host {
	char		*host;
	int64_t		 until;
	long		 code;		/* what it answered */
};

/*
 * Full articles at once, from one host, waiting for the cache; bytes of a
 * page; a feed's newest items looked at after each of its fetches.
 */
#define POLLER_ARTICLE_JOBS	4
#define POLLER_ARTICLE_HOST	2
#define POLLER_ARTICLE_DONE_MAX	8
#define POLLER_ARTICLE_MAX	(4 * 1024 * 1024)
#define POLLER_ARTICLE_BACKLOG	20

/* When each feed was last tried, for the periodic interval. */
struct poller_seen {
	char		*url;
	int64_t		 when;
};

struct poller {
	struct poller_opts opts;
	struct db	*db;
	struct strv	 urls;		/* the subscriptions' URLs, in order */
	long		*intervals;	/* ... each one's own interval, 0: opts.interval */
	char		**titles;	/* ... "~Title" or NULL (for db_feed_sync) */
	struct strv	*tags;		/* ... their tags */
	int		*keeps;		/* ... keep= (0: the global max-items) */
	int		*dirs;		/* ... dir= (enum feed_dir), -1 not given */
	struct fetch	*fetch;
	pthread_t	 thread;
	int		 started;
	int		 rfd;		/* events: the interface's end */
	int		 wfd;		/* events: the poller's end */

	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	int		 want_reload;
	int64_t		*want_ids;	/* poller_reload_feed's feeds, under lock */
	size_t		 nwant_ids;
	atomic_int	 quit;
	/*
	 * Cancels are counted: poller_cancel adds one; the thread has acted
	 * on those up to cancel_done. A reload is cancelled while the count
	 * is ahead of cancel_done (cancel_hit: what it saw), so a cancel that
	 * comes between reloads cancels the next one instead of being lost.
	 */
	atomic_uint	 cancel;
	unsigned int	 cancel_done;
	unsigned int	 cancel_hit;
	atomic_int	 reloading;

	/* The reload in progress. */
	struct poller_feed *owner;
	struct poller_feeds wantq;
	int		 total;
	int		 done;
	int		 failed;
	int		 skipped;
	int		 waiting;	/* skipped: backing off after failing */
	int		 new_items;
	int64_t		 bytes;
	size_t		 buffered;	/* bytes held in all feeds' buffers */
	struct poller_feeds batch;	/* feeds in the open batch */
	int		 nbatch;
	int64_t		 batch_bytes;
	struct timespec	 batch_start;
	struct timespec	 last_progress;

	struct poller_seen *seen;
	size_t		 nseen;
	int64_t		 seen_default;	/* a feed not tried yet: 0, or the start */
	int		 any_interval;	/* some feed reloads by itself */
	int		 any_own_interval; /* ... with its own interval */
	int		 synced;	/* the cache has a row for each URL */

	/* Full articles (poller-article.c). */
	bool		*full;		/* ... each subscription's full-article */
	int		 any_full;	/* some subscription has it on */
	int64_t		*want_articles;	/* poller_fetch_article's items, under lock */
	size_t		 nwant_articles;
	atomic_int	 want_articles_n; /* ... how many, read without the lock */
	struct poller_articles art_wait;
	struct poller_articles art_run;
	struct poller_articles art_done;
	int		 nart_wait;
	int		 nart_run;
	int		 nart_done;
	int64_t		*art_feeds;	/* feeds stored whose articles to look for */
	size_t		 nart_feeds;
	size_t		 art_feeds_cap;
	struct poller_host *hosts;	/* hosts that said to wait */
	size_t		 nhosts;
	struct timespec	 art_progress;	/* the last ARTICLE_PROGRESS */
	struct db_sub	*local;		/* the subscriptions, for db_feed_sync */
	struct sync	*sync;		/* the sync source, or NULL (poller-sync.c) */
	int64_t		 sync_last;	/* when it last synced */
};

/*
 * A batch (db_batch_begin) commits after this long, this many feeds or
 * this many of their body bytes, whichever comes first: few commits, the
 * writer's 2 MB page cache not overrun, new items listed within 0.1 s.
 */
#define POLLER_BATCH_MS		100
#define POLLER_BATCH_FEEDS	64
#define POLLER_BATCH_BYTES	(1024 * 1024)

/* The time the schedule reads: opts.clock (tests move it) or time(). */
static inline int64_t
poller_now(struct poller *p)
{
	if (p->opts.clock != NULL)
		return (p->opts.clock(p->opts.clock_arg));
	return ((int64_t)time(NULL));
}

/* Whether the reload in progress is cancelled (the poller thread only). */
static inline bool
poller_cancelled(struct poller *p)
{
	unsigned int	n;

	n = atomic_load(&p->cancel);
	if (n == p->cancel_done)
		return (false);
	p->cancel_hit = n;	/* every cancel seen so far ends with it */
	return (true);
}

/* A stored feed whose items' articles are wanted: poller-article.c looks. */
static inline void
poller_article_note(struct poller *p, int64_t feed)
{
	if (p->nart_feeds == p->art_feeds_cap) {
		p->art_feeds_cap = p->art_feeds_cap ? p->art_feeds_cap * 2 : 16;
		p->art_feeds = xreallocarray(p->art_feeds, p->art_feeds_cap,
		    sizeof *p->art_feeds);
	}
	p->art_feeds[p->nart_feeds++] = feed;
}

/* poller-event.c */
void	poller_event_emit(struct poller *, int, const struct poller_feed *,
	    int, long, const char *);
void	poller_event_progress(struct poller *, int);
struct db_feed_state;
void	poller_event_waiting(struct poller *, const struct db_feed_state *,
	    int64_t);
void	poller_event_article(struct poller *, int, int64_t, int64_t,
	    const char *, bool, size_t, int, long, const char *);
void	poller_event_article_progress(struct poller *, int64_t, int64_t,
	    const char *, int64_t);

/* poller-article.c */
struct urls_sub;
int	poller_article_option(const struct urls_sub *);
bool	poller_article_advance(struct poller *);
void	poller_article_flush(struct poller *);
void	poller_article_cancel(struct poller *);
void	poller_article_refuse(struct poller *, int, const char *);
void	poller_article_free_all(struct poller *);

/* poller-sync.c */
int	poller_sync_start(struct poller *, const struct sync_conf *, char **);
void	poller_sync_free(struct poller *);
int	poller_sync_subs(struct poller *, const struct db_sub *, size_t,
	    struct db_sub **, size_t *, char **);
bool	poller_sync_due(struct poller *, int, const int64_t *, size_t, int64_t);
int64_t	poller_sync_next(struct poller *);
void	poller_sync_run(struct poller *, const struct db_sub *, size_t);

/* poller-feed.c */
int	poller_feed_data(void *, const struct fetch_head *, const char *,
	    size_t, int *, char **);
void	poller_feed_done(void *, struct fetch_result *);
void	poller_feed_advance(struct poller *);
void	poller_feed_reset(struct poller_feed *);
void	poller_feed_batch_commit(struct poller *);
long	poller_feed_batch_left(struct poller *);

#endif
