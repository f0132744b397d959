/*
 * The poller family's insides, shared by poller.c (the thread, reloads),
 * poller-feed.c (one feed's way into the cache) and poller-event.c (the
 * event pipe's writing end) and poller-sync.c (the sync source). Calls go
 * one way: poller.c to poller-feed.c and poller-sync.c, all to
 * poller-event.c. Nothing outside poller*.c includes this.
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
#include "poller.h"
#include "str.h"

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

/* poller-event.c */
void	poller_event_emit(struct poller *, int, const struct poller_feed *,
	    int, long, const char *);
void	poller_event_progress(struct poller *, int);

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
