/*
 * The poller: one thread that owns the cache's write connection and fills
 * it. It reloads the feeds of the urls file when asked, on start and every
 * interval, fetching many at once (fetch.c), streaming each body into the
 * parser (parse.h) and each item into the cache (db.h), one transaction per
 * feed. Items of feeds with full-article on get their web pages fetched
 * after their feed, and any item's on demand, for the full article
 * (poller-article.c). It tells the interface what happens through a pipe
 * of fixed-size events, which the interface polls along with its
 * keyboard. The thread
 * blocks SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP and SIGCONT, so that
 * they reach the thread that started it.
 */
#ifndef AKHBAR_POLLER_H
#define AKHBAR_POLLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch.h"

struct db;
struct feed;
struct poller;
struct strv;
struct sync_conf;
struct urls_list;

/* A clock for the schedule: epoch seconds (tests stop or move time). */
typedef int64_t	(*poller_clock)(void *);

struct poller_opts {
	struct fetch_opts fetch;
	bool		 reload_on_start;	/* reload as soon as started (else
					   the intervals count from the start) */
	long		 interval;	/* seconds between automatic reloads, 0: off
					   (a feed's own reload= counts too) */
	bool		 once;		/* end the thread after the first reload
					   (later reload requests are ignored) */
	bool		 force;		/* a reload asked for fetches every feed,
					   ignoring backoff and max-age (never
					   the periodic ones) */
	size_t		 buffer_max;	/* bytes held per feed waiting for the cache */
	size_t		 buffer_total;	/* ... and for all feeds together */
	int		 index_batch;	/* items indexed per step after a reload;
					   0: no indexing (no INDEXED event) */
	bool		 full_article;	/* fetch the full articles of every
					   feed's new items, unless its
					   full-article=no (the urls file's
					   full-article=yes turns it on for one) */
	poller_clock	 clock;		/* NULL: time() */
	void		*clock_arg;
	const struct sync_conf *sync;	/* a sync source beside the urls
					   file's feeds (sync.h), or NULL */
};

enum poller_event_type {
	POLLER_EV_STARTED = 1,	/* a reload began: total, skipped */
	POLLER_EV_PROGRESS,	/* done of total feeds, bytes so far */
	POLLER_EV_FEED_DONE,	/* url stored: new_items (0 for a 304) */
	POLLER_EV_FEED_FAILED,	/* url failed: reason, code; text is the detail */
	POLLER_EV_FEED_MOVED,	/* url moved permanently: text is the new URL */
	POLLER_EV_FINISHED,	/* the reload ended: counts, cancelled */
	POLLER_EV_INDEXED,	/* search indexing caught up (or was cancelled) */
	POLLER_EV_ERROR,	/* the reload could not run: reason, text */
	POLLER_EV_ARTICLE_PROGRESS, /* item_id's page: bytes so far (only
				   for poller_fetch_article's items) */
	POLLER_EV_ARTICLE_DONE,	/* item_id's full article is stored and can be
				   read (new_items: 1; 0 when the page had
				   not changed and the stored one stays) */
	POLLER_EV_ARTICLE_FAILED, /* item_id has no full article: reason, code,
				   text the detail; it keeps its summary (and
				   an article stored before) */
	POLLER_EV_SUBS,		/* the sync source's feeds changed: read the
				   subscriptions again (session_sync_subs) */
	POLLER_EV_FEED_WAITING	/* url is not fetched: it failed failures
				   times in a row and backs off until
				   next_try; reason, code and text are its
				   last failure (after STARTED) */
};

/* One event; written to the pipe in one piece (smaller than PIPE_BUF). */
struct poller_event {
	int		 type;		/* enum poller_event_type */
	int		 done;		/* feeds finished so far */
	int		 total;		/* feeds in this reload */
	int		 failed;	/* feeds failed so far */
	int		 skipped;	/* feeds not due yet (backoff, max-age) */
	int		 waiting;	/* ... of them, backing off after failing */
	int		 failures;	/* FEED_WAITING: failures in a row */
	int64_t		 next_try;	/* FEED_WAITING: not fetched before */
	int		 new_items;	/* of the feed, or of the reload */
	int		 cancelled;	/* FINISHED: the reload was cancelled */
	int		 reason;	/* FEED_FAILED, ERROR: enum reason_kind */
	long		 code;		/* ... its number (HTTP status, exit status) */
	int64_t		 feed_id;
	int64_t		 item_id;	/* ARTICLE_*: the item */
	int		 asked;		/* ARTICLE_*: by poller_fetch_article */
	int64_t		 bytes;		/* body bytes received so far */
	char		 url[1024];	/* the feed (ARTICLE_*: the page), truncated */
	char		 text[1024];	/* FEED_FAILED: the words shown with the
					   reason (a command's last line on standard
					   error), often empty; FEED_MOVED: the new
					   URL; ERROR: the cache's words; truncated */
};

void		 poller_opts_default(struct poller_opts *);
struct poller	*poller_start(struct db *, const struct urls_list *,
		     const struct poller_opts *, char **);
int		 poller_fd(const struct poller *);
int		 poller_read_event(struct poller *, struct poller_event *);
void		 poller_reload(struct poller *);
/* Fetch that one feed now (forced), with the events of a reload of one feed. */
void		 poller_reload_feed(struct poller *, int64_t);
/* Fetch an item's web page now for its full article (conditionally when one is stored), with ARTICLE_* events. */
void		 poller_fetch_article(struct poller *, int64_t);
void		 poller_cancel(struct poller *);
void		 poller_stop(struct poller *);
/* Fetch one URL and parse it; NULL with the reason, its number and a detail (allocated) when it fails; the feeds a web page announces go to the strv. */
struct feed	*poller_fetch_parse(const char *, const struct fetch_opts *,
		     int *, long *, char **, struct strv *);

#endif
