/*
 * The poller thread. A reload lists the feeds that are due (db_feed_states
 * and schedule.c), queues one fetch job per feed and runs the fetch loop.
 *
 * SQLite has one transaction per connection, but many bodies arrive at
 * once. So one feed at a time owns the cache (p->owner): its bytes go
 * straight into its parser, and the parser's items straight into
 * db_item_upsert inside its db_feed_begin/db_feed_commit. Other feeds keep
 * what arrives in a bounded buffer (opts.buffer_max each, opts.buffer_total
 * in all) and queue for the cache (p->wantq). A feed takes the cache when
 * its fetch has ended (then its transaction is short) or when its buffer is
 * full and the cache is free (then it streams); with the cache taken it is
 * paused instead. So a slow server never holds the cache while it drips,
 * unless its feed is bigger than a buffer. Memory is bounded by the
 * buffers, one parser and one feed's items, whatever the number of feeds.
 *
 * A feed whose bytes all waited in its buffer is parsed first, its items
 * kept, and then written into a batch (db_batch_begin): one transaction
 * that the next such feeds join until it is POLLER_BATCH_MS old or holds
 * POLLER_BATCH_FEEDS feeds or POLLER_BATCH_BYTES. Each commit writes the
 * pages every feed touches (the ends of the item table and its indexes)
 * again, so one commit for many small feeds is most of a reload's writes
 * saved. As a feed that is not one fails before anything of it is
 * written, a batch never has to undo part of itself; a write that fails
 * loses the batch, and each of its feeds is reported failed. Events of a
 * feed in a batch are sent when the batch commits: FEED_DONE always means
 * its items can be read. A feed that streams commits the batch before it
 * takes the cache.
 *
 * Results (validators, errors, the next fetch time) are stored when no
 * feed owns the cache, and events go to a non-blocking pipe: progress is
 * dropped when the pipe is full, other events wait for room unless the
 * poller is stopping.
 */
#include "config.h"

#include "poller.h"

#include <sys/queue.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "feed.h"
#include "i18n.h"
#include "log.h"
#include "parse.h"
#include "schedule.h"
#include "xmalloc.h"

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
	char		*b_error;
	const char	*b_reason;	/* a literal, or b_error */
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
	struct strv	 urls;
	struct fetch	*fetch;
	pthread_t	 thread;
	int		 started;
	int		 rfd;		/* events: the interface's end */
	int		 wfd;		/* events: the poller's end */

	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	int		 want_reload;
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
	long		*intervals;	/* per feed of urls, 0: opts.interval */
	int		 any_interval;	/* some feed reloads by itself */
};

/*
 * A batch (db_batch_begin) commits after this long, this many feeds or
 * this many of their body bytes, whichever comes first: few commits, the
 * writer's 2 MB page cache not overrun, new items listed within 0.1 s.
 */
#define POLLER_BATCH_MS		100
#define POLLER_BATCH_FEEDS	64
#define POLLER_BATCH_BYTES	(1024 * 1024)

static int	poller_own(struct poller *, struct poller_feed *);
static void	poller_batch_commit(struct poller *);
static long	poller_interval(struct poller *, const char *);
static void	poller_complete(struct poller *, struct poller_feed *);

/* Fill in the defaults (and the fetch defaults, with $AKHBAR_FETCH_*). */
void
poller_opts_default(struct poller_opts *o)
{
	memset(o, 0, sizeof *o);
	fetch_opts_default(&o->fetch);
	fetch_opts_from_env(&o->fetch);
	o->reload_on_start = true;
	o->interval = 0;
	o->once = false;
	o->buffer_max = 256 * 1024;
	o->buffer_total = 4 * 1024 * 1024;
	o->index_batch = 1000;
}

/* ---- events ---- */

static void
poller_copy(char *dst, size_t size, const char *src)
{
	size_t	n;

	if (src == NULL) {
		dst[0] = '\0';
		return;
	}
	n = strlen(src);
	if (n < size) {
		memcpy(dst, src, n + 1);
		return;
	}
	/* Truncate on a UTF-8 boundary. */
	n = size - 4;
	while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, src, n);
	memcpy(dst + n, "...", 4);
}

/* Whether the reload in progress is cancelled (the poller thread only). */
static bool
poller_cancelled(struct poller *p)
{
	unsigned int	n;

	n = atomic_load(&p->cancel);
	if (n == p->cancel_done)
		return (false);
	p->cancel_hit = n;	/* every cancel seen so far ends with it */
	return (true);
}

static void
poller_emit(struct poller *p, int type, const struct poller_feed *pf,
    const char *text)
{
	struct poller_event	 ev;
	struct pollfd		 pfd;
	ssize_t			 n;

	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.done = p->done;
	ev.total = p->total;
	ev.failed = p->failed;
	ev.skipped = p->skipped;
	ev.bytes = p->bytes;
	ev.new_items = pf != NULL ? pf->new_items : p->new_items;
	ev.cancelled = poller_cancelled(p) || atomic_load(&p->quit);
	if (pf != NULL) {
		ev.feed_id = pf->id;
		poller_copy(ev.url, sizeof ev.url, pf->url);
	}
	poller_copy(ev.text, sizeof ev.text, text);
	for (;;) {
		n = write(p->wfd, &ev, sizeof ev);
		if (n == (ssize_t)sizeof ev)
			return;
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN && type != POLLER_EV_PROGRESS &&
		    !atomic_load(&p->quit)) {
			pfd.fd = p->wfd;
			pfd.events = POLLOUT;
			poll(&pfd, 1, 100);
			continue;
		}
		return;		/* dropped: progress, or nobody listens */
	}
}

static void
poller_progress(struct poller *p, int force)
{
	struct timespec	now;
	long		ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - p->last_progress.tv_sec) * 1000 +
	    (now.tv_nsec - p->last_progress.tv_nsec) / 1000000;
	if (!force && ms < 100)
		return;
	p->last_progress = now;
	poller_emit(p, POLLER_EV_PROGRESS, NULL, NULL);
}

/* The interface's end of the event pipe, to poll for reading. */
int
poller_fd(const struct poller *p)
{
	return (p->rfd);
}

/* Read one event: 1 if there was one, 0 if none yet, -1 when the poller ended. */
int
poller_read_event(struct poller *p, struct poller_event *ev)
{
	ssize_t	n;

	for (;;) {
		n = read(p->rfd, ev, sizeof *ev);
		if (n == (ssize_t)sizeof *ev)
			return (1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return (0);
		return (-1);
	}
}

/* ---- one feed's way into the cache ---- */

static void
poller_item(struct item *it, void *arg)
{
	struct poller_feed	*pf = arg;
	char			*cause = NULL;
	bool			 inserted = false;

	if (!pf->db_failed) {
		if (db_item_upsert(pf->p->db, pf->id, it, &inserted,
		    &cause) != 0) {
			pf->db_failed = 1;
			pf->db_cause = cause;
		} else if (inserted)
			pf->new_items++;
	}
	item_free(it);
}

/* The parser's items of a feed parsed before it joins a batch. */
static void
poller_item_keep(struct item *it, void *arg)
{
	struct poller_feed	*pf = arg;

	if (pf->nitems == pf->itemcap) {
		pf->itemcap = pf->itemcap ? pf->itemcap * 2 : 64;
		pf->items = xreallocarray(pf->items, pf->itemcap,
		    sizeof *pf->items);
	}
	pf->items[pf->nitems++] = it;
}

static void
poller_items_free(struct poller_feed *pf)
{
	size_t	i;

	for (i = 0; i < pf->nitems; i++)
		item_free(pf->items[i]);
	free(pf->items);
	pf->items = NULL;
	pf->nitems = pf->itemcap = 0;
}

static void
poller_enqueue(struct poller *p, struct poller_feed *pf)
{
	if (!pf->queued) {
		TAILQ_INSERT_TAIL(&p->wantq, pf, entry);
		pf->queued = 1;
	}
}

static void
poller_dequeue(struct poller *p, struct poller_feed *pf)
{
	if (pf->queued) {
		TAILQ_REMOVE(&p->wantq, pf, entry);
		pf->queued = 0;
	}
}

/* Free a feed's waiting bytes. */
static void
poller_buf_drop(struct poller *p, struct poller_feed *pf)
{
	p->buffered -= pf->buf.len;
	str_free(&pf->buf);
}

/* Push bytes into the owner's parser; 0, or -1 when it is not a feed. */
static int
poller_push(struct poller_feed *pf, const char *buf, size_t len)
{
	struct feed	*meta;
	char		*cause = NULL;

	if (pf->parse_failed)
		return (-1);
	if (len == 0 || parse_push(pf->parse, buf, len) == 0)
		return (0);
	/* parse_finish says why. */
	if ((meta = parse_finish(pf->parse, &cause)) != NULL || cause == NULL) {
		feed_free(meta);
		free(cause);
		cause = xstrdup("not a feed");
	}
	pf->parse_failed = 1;
	pf->parse_cause = cause;
	return (-1);
}

/*
 * Start pf's parser, items going to cb, and give it the bytes that waited
 * in its buffer. A feed that joins a batch keeps its items (a feed that is
 * not one is then known before anything of it is written, so a batch never
 * undoes part of itself); the owner of the cache writes them as they come.
 */
static void
poller_parse_buffered(struct poller *p, struct poller_feed *pf,
    parse_item_cb cb)
{
	pf->parse = parse_new(pf->head_url != NULL ? pf->head_url : pf->url,
	    pf->content_type, cb, pf);
	poller_push(pf, pf->buf.ptr, pf->buf.len);
	poller_buf_drop(p, pf);
}

/* Make pf the feed that owns the cache; -1 if its transaction cannot start. */
static int
poller_own(struct poller *p, struct poller_feed *pf)
{
	char	*cause = NULL;

	poller_batch_commit(p);	/* a feed that streams has its own */
	if (db_feed_begin(p->db, pf->id, &cause) != 0) {
		pf->db_failed = 1;
		pf->db_cause = cause;
		return (-1);
	}
	poller_dequeue(p, pf);
	p->owner = pf;
	poller_parse_buffered(p, pf, poller_item);
	if (pf->paused && pf->job != NULL) {
		pf->paused = 0;
		fetch_resume(pf->job);
	}
	return (0);
}

/*
 * Give the cache to the next feed while nobody owns it: feeds whose fetch
 * ended first (their bytes are all here, so the transaction is short),
 * then a feed paused with a full buffer (it streams while it owns the
 * cache). A feed still arriving into its buffer waits: a slow server does
 * not hold the cache while it drips.
 */
static void
poller_advance(struct poller *p)
{
	struct poller_feed	*pf;

	while (p->owner == NULL) {
		TAILQ_FOREACH(pf, &p->wantq, entry) {
			if (pf->result != NULL)
				break;
		}
		if (pf != NULL) {
			poller_complete(p, pf);
			continue;
		}
		TAILQ_FOREACH(pf, &p->wantq, entry) {
			if (pf->paused)
				break;
		}
		if (pf == NULL)
			break;
		if (poller_own(p, pf) != 0) {
			/* Its next bytes stop it with the cache's reason. */
			poller_dequeue(p, pf);
			poller_buf_drop(p, pf);
			pf->paused = 0;
			fetch_resume(pf->job);
		}
	}
}

static int
poller_data(void *arg, const struct fetch_head *h, const char *buf,
    size_t len, char **cause)
{
	struct poller_feed	*pf = arg;
	struct poller		*p = pf->p;

	if (pf->head_url == NULL) {
		pf->head_url = xstrdup(h->url != NULL ? h->url : pf->url);
		if (h->content_type != NULL)
			pf->content_type = xstrdup(h->content_type);
	}
	if (pf->db_failed) {
		xasprintf(cause, "cache: %s", pf->db_cause);
		return (FETCH_ABORT);
	}
	if (p->owner != pf && (pf->buf.len + len > p->opts.buffer_max ||
	    p->buffered + len > p->opts.buffer_total)) {
		/* No room to wait: stream into the cache, or pause. */
		if (p->owner != NULL) {
			pf->paused = 1;
			poller_enqueue(p, pf);
			return (FETCH_PAUSE);
		}
		if (poller_own(p, pf) != 0) {
			xasprintf(cause, "cache: %s", pf->db_cause);
			return (FETCH_ABORT);
		}
	}
	if (p->owner == pf) {
		if (poller_push(pf, buf, len) != 0) {
			*cause = xstrdup("not a feed");
			return (FETCH_ABORT);
		}
		p->bytes += len;
		poller_progress(p, 0);
		return (FETCH_CONTINUE);
	}
	poller_enqueue(p, pf);
	str_append(&pf->buf, buf, len);
	p->buffered += len;
	p->bytes += len;
	poller_progress(p, 0);
	return (FETCH_CONTINUE);
}

static void
poller_feed_reset(struct poller_feed *pf)
{
	fetch_result_free(pf->result);
	pf->result = NULL;
	free(pf->head_url);
	free(pf->content_type);
	pf->head_url = pf->content_type = NULL;
	poller_buf_drop(pf->p, pf);
	parse_free(pf->parse);
	pf->parse = NULL;
	free(pf->parse_cause);
	free(pf->db_cause);
	pf->parse_cause = pf->db_cause = NULL;
	poller_items_free(pf);
	free(pf->b_error);
	pf->b_error = NULL;
	pf->job = NULL;
}

/* What to store of a fetch's outcome: validators, error, next fetch time. */
static void
poller_result(struct poller_feed *pf, int ok, int ttl, const char *error,
    struct db_fetch_result *dr)
{
	struct fetch_result	*r = pf->result;
	struct schedule_fetch	 sf;

	memset(&sf, 0, sizeof sf);
	sf.now = time(NULL);
	sf.ok = ok;
	sf.http_code = r->http_code;
	sf.max_age = r->max_age;
	sf.expires = r->expires;
	sf.retry_after = r->retry_after;
	sf.ttl = ttl;
	sf.failures = pf->failures;
	memset(dr, 0, sizeof *dr);
	dr->http_status = (int)r->http_code;
	dr->next_fetch = schedule_next(&sf, &dr->failures);
	dr->error = ok ? NULL : error;
	if (ok) {
		dr->etag = r->etag;
		dr->last_modified = r->last_modified;
		dr->new_url = r->moved_to;
	}
}

/* Count a feed's reload as done, say how it went and free what it held. */
static void
poller_finish(struct poller *p, struct poller_feed *pf, int ok, char *error,
    const char *reason)
{
	p->done++;
	if (ok) {
		p->new_items += pf->new_items;
		poller_emit(p, POLLER_EV_FEED_DONE, pf, NULL);
		if (pf->result->moved_to != NULL)
			poller_emit(p, POLLER_EV_FEED_MOVED, pf,
			    pf->result->moved_to);
	} else {
		p->failed++;
		log_debug("poller: %s: %s", pf->url, error);
		poller_emit(p, POLLER_EV_FEED_FAILED, pf, reason);
	}
	free(error);
	poller_feed_reset(pf);
}

/* Store a failed fetch's outcome by itself (after its batch was lost). */
static void
poller_store_failure(struct poller *p, struct poller_feed *pf,
    const char *error)
{
	struct db_fetch_result	 dr;
	char			*cause = NULL;

	poller_result(pf, 0, 0, error, &dr);
	if (db_feed_set_result(p->db, pf->id, &dr, &cause) != 0) {
		log_debug("poller: %s: storing the result: %s", pf->url, cause);
		free(cause);
	}
}

/*
 * The open batch was rolled back (error says why): none of its feeds
 * were stored, so each fails with that reason.
 */
static void
poller_batch_fail(struct poller *p, const char *error)
{
	struct poller_feed	*pf;

	if (db_batch_open(p->db))
		db_batch_rollback(p->db);
	while ((pf = TAILQ_FIRST(&p->batch)) != NULL) {
		TAILQ_REMOVE(&p->batch, pf, bentry);
		pf->new_items = 0;
		poller_store_failure(p, pf, error);
		poller_finish(p, pf, 0, xstrdup(error), N_("cache error"));
	}
	p->nbatch = 0;
}

/* Commit the open batch, if any, and tell each of its feeds' outcome. */
static void
poller_batch_commit(struct poller *p)
{
	struct poller_feed	*pf;
	char			*cause = NULL, *error;

	if (!db_batch_open(p->db))
		return;
	if (db_batch_commit(p->db, &cause) != 0) {
		xasprintf(&error, "cache: %s", cause);
		poller_batch_fail(p, error);
		free(error);
		free(cause);
		return;
	}
	while ((pf = TAILQ_FIRST(&p->batch)) != NULL) {
		TAILQ_REMOVE(&p->batch, pf, bentry);
		error = pf->b_error;	/* poller_finish frees it */
		pf->b_error = NULL;
		poller_finish(p, pf, pf->b_ok, error, pf->b_reason);
	}
	p->nbatch = 0;
}

/* Milliseconds the open batch has left before it is due (0: due now). */
static long
poller_batch_left(struct poller *p)
{
	struct timespec	now;
	long		ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - p->batch_start.tv_sec) * 1000 +
	    (now.tv_nsec - p->batch_start.tv_nsec) / 1000000;
	return (ms >= POLLER_BATCH_MS ? 0 : POLLER_BATCH_MS - ms);
}

/* Open a batch for a finished feed unless one is open; -1 if it cannot. */
static int
poller_batch_join(struct poller *p)
{
	char	*cause = NULL;

	if (db_batch_open(p->db))
		return (0);
	if (db_batch_begin(p->db, &cause) != 0) {
		/* The feed's own transaction will fail and say why. */
		free(cause);
		return (-1);
	}
	clock_gettime(CLOCK_MONOTONIC, &p->batch_start);
	p->nbatch = 0;
	p->batch_bytes = 0;
	return (0);
}

/* Keep pf's outcome for the batch's commit; commit a full batch. */
static void
poller_batch_add(struct poller *p, struct poller_feed *pf, int ok,
    char *error, const char *reason)
{
	pf->b_ok = ok;
	pf->b_error = error;
	pf->b_reason = reason;
	TAILQ_INSERT_TAIL(&p->batch, pf, bentry);
	p->nbatch++;
	p->batch_bytes += pf->result->bytes;
	if (p->nbatch >= POLLER_BATCH_FEEDS ||
	    p->batch_bytes >= POLLER_BATCH_BYTES)
		poller_batch_commit(p);
}

/* Write a parsed feed's items into the batch; -1 (and *cause) on failure. */
static int
poller_store_items(struct poller *p, struct poller_feed *pf, char **cause)
{
	size_t	i;

	if (db_feed_begin(p->db, pf->id, cause) != 0)
		return (-1);	/* nothing written: the batch goes on */
	for (i = 0; i < pf->nitems; i++)
		poller_item(pf->items[i], pf);	/* frees it */
	pf->nitems = 0;
	if (pf->db_failed) {
		*cause = xstrdup(pf->db_cause);
		db_feed_rollback(p->db);	/* and the batch */
		return (-1);
	}
	return (0);
}

/*
 * Store the outcome of a finished fetch: the feed's items, metadata and
 * fetch result. A feed that streamed into the cache (it owns it) does so
 * in its own transaction; any other had all its bytes wait in its buffer
 * and joins the batch, its outcome told when the batch commits. When that
 * fails, or there is nothing to store, the result is stored by itself.
 * Runs only while no other feed owns the cache.
 */
static void
poller_complete(struct poller *p, struct poller_feed *pf)
{
	struct fetch_result	*r = pf->result;
	struct db_fetch_result	 dr;
	struct feed		*meta = NULL;
	char			*cause = NULL, *error = NULL;
	const char		*reason = NULL;
	int			 ok = 0, stored = 0, batch;

	poller_dequeue(p, pf);
	batch = p->owner == NULL && poller_batch_join(p) == 0;
	if (r->status == FETCH_OK) {
		if (batch && !pf->db_failed)
			poller_parse_buffered(p, pf, poller_item_keep);
		else if (p->owner != pf && !pf->db_failed)
			poller_own(p, pf);
		if (pf->db_failed)
			xasprintf(&error, "cache: %s", pf->db_cause);
		else if (!pf->parse_failed &&
		    (meta = parse_finish(pf->parse, &cause)) == NULL) {
			pf->parse_failed = 1;
			pf->parse_cause = cause != NULL ? cause :
			    xstrdup("not a feed");
			cause = NULL;
		}
		if (error == NULL && pf->parse_failed) {
			xasprintf(&error, "not a feed: %s", pf->parse_cause);
			reason = N_("not a feed");
		} else if (error == NULL && batch &&
		    poller_store_items(p, pf, &cause) != 0) {
			xasprintf(&error, "cache: %s", cause);
			free(cause);
			cause = NULL;
		} else if (error == NULL) {
			poller_result(pf, 1, meta->ttl, NULL, &dr);
			if (db_feed_set_result(p->db, pf->id, &dr, &cause) != 0 ||
			    db_feed_commit(p->db, pf->id, meta, &cause) != 0) {
				xasprintf(&error, "cache: %s", cause);
				free(cause);
				cause = NULL;
				/* Its transaction: its own, or the batch. */
				db_feed_rollback(p->db);
			} else
				stored = 1;
		}
		if (error != NULL) {
			if (p->owner == pf)
				db_feed_rollback(p->db);
			pf->new_items = 0;
		} else
			ok = 1;
		feed_free(meta);
		if (p->owner == pf)
			p->owner = NULL;
	} else if (r->status == FETCH_NOT_MODIFIED)
		ok = 1;
	else {
		if (r->reason != NULL && strncmp(r->reason, "not a feed", 10) == 0 &&
		    pf->parse_cause != NULL)
			xasprintf(&error, "not a feed: %s", pf->parse_cause);
		else
			error = xstrdup(r->reason != NULL ? r->reason : N_("failed"));
		if (p->owner == pf) {
			db_feed_rollback(p->db);
			p->owner = NULL;
		}
	}
	if (reason == NULL)
		reason = error;
	if (reason != NULL && strncmp(reason, "cache: ", 7) == 0)
		reason = N_("cache error");
	else if (reason != NULL && strncmp(reason, "not a feed", 10) == 0)
		reason = "not a feed";

	if (batch && !db_batch_open(p->db)) {
		/* A write failed and took the batch (and this feed) with it. */
		if (error == NULL) {
			error = xstrdup("cache: the batch was rolled back");
			reason = N_("cache error");
			ok = stored = 0;
			pf->new_items = 0;
		}
		poller_batch_fail(p, error);
		batch = 0;
	}
	if (!stored) {
		poller_result(pf, ok, 0, error, &dr);
		if (db_feed_set_result(p->db, pf->id, &dr, &cause) != 0) {
			log_debug("poller: %s: storing the result: %s", pf->url,
			    cause);
			free(cause);
			cause = NULL;
			if (batch) {
				/* The batch may be damaged: give it up. */
				xasprintf(&cause, "cache: storing the result");
				poller_batch_fail(p, cause);
				free(cause);
				batch = 0;
			}
		}
	}
	if (batch) {
		poller_batch_add(p, pf, ok, error, reason);
		return;
	}
	poller_finish(p, pf, ok, error, reason);
}

static void
poller_done(void *arg, struct fetch_result *r)
{
	struct poller_feed	*pf = arg;
	struct poller		*p = pf->p;

	pf->job = NULL;
	pf->result = r;
	if (r->status == FETCH_CANCELLED) {
		/* Unfinished: nothing of it is stored. */
		if (p->owner == pf) {
			db_feed_rollback(p->db);
			p->owner = NULL;
		}
		poller_dequeue(p, pf);
		poller_feed_reset(pf);
		poller_advance(p);
		return;
	}
	if (p->owner == pf || p->owner == NULL) {
		poller_complete(p, pf);
		poller_advance(p);
		return;
	}
	poller_enqueue(p, pf);	/* after the owner */
}

/* ---- reloads ---- */

static int64_t
poller_seen_get(struct poller *p, const char *url)
{
	size_t	i;

	for (i = 0; i < p->nseen; i++) {
		if (strcmp(p->seen[i].url, url) == 0)
			return (p->seen[i].when);
	}
	return (0);
}

static void
poller_seen_set(struct poller *p, const char *url, int64_t when)
{
	size_t	i;

	for (i = 0; i < p->nseen; i++) {
		if (strcmp(p->seen[i].url, url) == 0) {
			p->seen[i].when = when;
			return;
		}
	}
	p->seen = xreallocarray(p->seen, p->nseen + 1, sizeof *p->seen);
	p->seen[p->nseen].url = xstrdup(url);
	p->seen[p->nseen].when = when;
	p->nseen++;
}

static void
poller_index(struct poller *p)
{
	int64_t	 left = 0;
	char	*cause = NULL;

	if (p->opts.index_batch <= 0)
		return;		/* indexing is left to a later reload */
	while (!poller_cancelled(p) && !atomic_load(&p->quit)) {
		if (db_search_index_pending(p->db, p->opts.index_batch, &left,
		    &cause) != 0) {
			log_debug("poller: indexing: %s", cause);
			free(cause);
			break;
		}
		if (left <= 0)
			break;
	}
	poller_emit(p, POLLER_EV_INDEXED, NULL, NULL);
}

/* Make the cache's feeds those of the urls (no titles or tags yet). */
static int
poller_sync(struct poller *p, char **cause)
{
	struct db_sub	*subs;
	size_t		 i;
	int		 rc;

	subs = xcalloc(p->urls.n > 0 ? p->urls.n : 1, sizeof *subs);
	for (i = 0; i < p->urls.n; i++)
		subs[i].url = p->urls.v[i];
	rc = db_feed_sync(p->db, subs, p->urls.n, cause);
	free(subs);
	return (rc);
}

/*
 * Reload the feeds that are due: by their next-fetch time only (periodic
 * false) or also by the interval since their last try (periodic true).
 */
static void
poller_do_reload(struct poller *p, int periodic)
{
	struct db_feed_state	*st = NULL;
	struct poller_feed	*feeds;
	size_t			 n = 0, i, nf = 0;
	char			*cause = NULL;
	int64_t			 now;
	long			 interval;

	/*
	 * A cancel asked for before this reload began (a Ctrl-C while the
	 * thread was starting) cancels it; one that reached the fetcher
	 * after the previous reload ended is forgotten.
	 */
	if (!poller_cancelled(p))
		fetch_run(p->fetch, 0);
	if (poller_sync(p, &cause) != 0 ||
	    db_feed_states(p->db, &p->urls, &st, &n, &cause) != 0) {
		poller_emit(p, POLLER_EV_ERROR, NULL, cause);
		free(cause);
		return;
	}
	now = time(NULL);
	interval = 0;
	feeds = xcalloc(n > 0 ? n : 1, sizeof *feeds);
	p->owner = NULL;
	TAILQ_INIT(&p->wantq);
	TAILQ_INIT(&p->batch);
	p->nbatch = 0;
	p->total = p->done = p->failed = p->skipped = p->new_items = 0;
	p->bytes = 0;
	p->buffered = 0;
	for (i = 0; i < n; i++) {
		if (periodic && (interval = poller_interval(p, st[i].url)) == 0) {
			/* This feed does not reload by itself. */
			continue;
		}
		if (!(p->opts.force && !periodic) &&
		    !schedule_due(st[i].next_fetch,
		    poller_seen_get(p, st[i].url), interval, now)) {
			p->skipped++;
			continue;
		}
		feeds[nf].p = p;
		feeds[nf].id = st[i].id;
		feeds[nf].url = xstrdup(st[i].url);
		feeds[nf].etag = st[i].etag ? xstrdup(st[i].etag) : NULL;
		feeds[nf].last_modified = st[i].last_modified ?
		    xstrdup(st[i].last_modified) : NULL;
		feeds[nf].failures = st[i].failures;
		str_init(&feeds[nf].buf);
		nf++;
	}
	db_feed_states_free(st, n);
	if (periodic && nf == 0) {
		/* Nothing due after all: no reload to speak of. */
		free(feeds);
		return;
	}
	p->total = (int)nf;
	atomic_store(&p->reloading, 1);
	poller_emit(p, POLLER_EV_STARTED, NULL, NULL);
	for (i = 0; i < nf; i++) {
		poller_seen_set(p, feeds[i].url, now);
		feeds[i].job = fetch_add(p->fetch, feeds[i].url, feeds[i].etag,
		    feeds[i].last_modified, poller_data, poller_done,
		    &feeds[i]);
	}
	for (;;) {
		if (poller_cancelled(p) || atomic_load(&p->quit))
			fetch_cancel(p->fetch);
		if (db_batch_open(p->db) && poller_batch_left(p) == 0)
			poller_batch_commit(p);
		if (fetch_run(p->fetch, db_batch_open(p->db) ?
		    (int)poller_batch_left(p) + 1 : 500) <= 0)
			break;
	}
	poller_advance(p);
	poller_batch_commit(p);
	atomic_store(&p->reloading, 0);
	poller_emit(p, POLLER_EV_FINISHED, NULL, NULL);
	for (i = 0; i < nf; i++) {
		poller_feed_reset(&feeds[i]);
		free(feeds[i].url);
		free(feeds[i].etag);
		free(feeds[i].last_modified);
	}
	free(feeds);
	poller_index(p);
}

/* A feed's interval: its own, else the global one (0: none). */
static long
poller_interval(struct poller *p, const char *url)
{
	size_t	i;

	if (p->intervals != NULL) {
		for (i = 0; i < p->urls.n; i++) {
			if (p->intervals[i] > 0 &&
			    strcmp(p->urls.v[i], url) == 0)
				return (p->intervals[i]);
		}
	}
	return (p->opts.interval > 0 ? p->opts.interval : 0);
}

/* The earliest time a periodic reload has something to do, or 0. */
static int64_t
poller_next_due(struct poller *p)
{
	struct db_feed_state	*st = NULL;
	size_t			 n = 0, i;
	char			*cause = NULL;
	int64_t			 t, best = 0;

	long			 iv;

	if (!p->any_interval)
		return (0);
	if (db_feed_states(p->db, &p->urls, &st, &n, &cause) != 0) {
		free(cause);
		return ((int64_t)time(NULL) + 60);
	}
	for (i = 0; i < n; i++) {
		if ((iv = poller_interval(p, st[i].url)) == 0)
			continue;
		t = schedule_when(st[i].next_fetch,
		    poller_seen_get(p, st[i].url), iv);
		if (best == 0 || t < best)
			best = t;
	}
	db_feed_states_free(st, n);
	return (best);
}

static void *
poller_main(void *arg)
{
	struct poller	*p = arg;
	struct timespec	 ts;
	int64_t		 due, now;
	int		 manual;

	if (p->opts.reload_on_start) {
		poller_do_reload(p, 0);
		p->cancel_done = p->cancel_hit;	/* it ends with its reload */
	}
	while (!p->opts.once && !atomic_load(&p->quit)) {
		due = poller_next_due(p);
		pthread_mutex_lock(&p->lock);
		while (!p->want_reload && !atomic_load(&p->quit)) {
			if (due == 0) {
				pthread_cond_wait(&p->cond, &p->lock);
				continue;
			}
			/* time() is what the schedule compares with. */
			now = time(NULL);
			if (now >= due)
				break;
			/* Wake up at least once a minute (clock changes, suspend). */
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += due - now > 60 ? 60 : due - now;
			ts.tv_nsec = 10 * 1000 * 1000;
			pthread_cond_timedwait(&p->cond, &p->lock, &ts);
		}
		manual = p->want_reload;
		p->want_reload = 0;
		pthread_mutex_unlock(&p->lock);
		if (atomic_load(&p->quit))
			break;
		poller_do_reload(p, !manual);
		p->cancel_done = p->cancel_hit;
	}
	close(p->wfd);
	p->wfd = -1;
	return (NULL);
}

/*
 * Start the poller thread for the feeds in urls; it uses db (opened for
 * writing) until poller_stop. Returns NULL with a reason on failure.
 */
struct poller *
poller_start(struct db *db, const struct strv *urls,
    const struct poller_opts *o, char **cause)
{
	struct poller	*p;
	int		 fds[2], error;
	size_t		 i;

	p = xcalloc(1, sizeof *p);
	p->opts = *o;
	p->db = db;
	for (i = 0; i < urls->n; i++)
		strv_add(&p->urls, urls->v[i]);
	p->any_interval = o->interval > 0;
	if (o->intervals != NULL) {
		p->intervals = xcalloc(urls->n > 0 ? urls->n : 1,
		    sizeof *p->intervals);
		for (i = 0; i < urls->n; i++) {
			p->intervals[i] = o->intervals[i];
			if (o->intervals[i] > 0)
				p->any_interval = 1;
		}
	}
	p->opts.intervals = NULL;
	if ((p->fetch = fetch_new(&o->fetch, cause)) == NULL) {
		strv_free(&p->urls);
		free(p->intervals);
		free(p);
		return (NULL);
	}
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		fetch_free(p->fetch);
		strv_free(&p->urls);
		free(p->intervals);
		free(p);
		return (NULL);
	}
	p->rfd = fds[0];
	p->wfd = fds[1];
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	atomic_init(&p->quit, 0);
	atomic_init(&p->cancel, 0);
	p->cancel_done = p->cancel_hit = 0;
	atomic_init(&p->reloading, 0);
	TAILQ_INIT(&p->wantq);
	TAILQ_INIT(&p->batch);
	if ((error = pthread_create(&p->thread, NULL, poller_main, p)) != 0) {
		xasprintf(cause, "cannot start the poller: %s",
		    strerror(error));
		close(fds[0]);
		close(fds[1]);
		fetch_free(p->fetch);
		strv_free(&p->urls);
		free(p->intervals);
		free(p);
		return (NULL);
	}
	p->started = 1;
	return (p);
}

/* Ask for a reload of every due feed now. */
void
poller_reload(struct poller *p)
{
	pthread_mutex_lock(&p->lock);
	p->want_reload = 1;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/*
 * Cancel the reload in progress (or, when none is, the next one):
 * finished feeds are kept, others dropped.
 */
void
poller_cancel(struct poller *p)
{
	atomic_fetch_add(&p->cancel, 1);
	if (atomic_load(&p->reloading))
		fetch_cancel(p->fetch);
}

/* Stop the thread promptly (what finished is committed) and free the poller. */
void
poller_stop(struct poller *p)
{
	size_t	i;

	if (p == NULL)
		return;
	atomic_store(&p->quit, 1);
	poller_cancel(p);
	pthread_mutex_lock(&p->lock);
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
	if (p->started)
		pthread_join(p->thread, NULL);
	close(p->rfd);
	if (p->wfd != -1)
		close(p->wfd);
	fetch_free(p->fetch);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	for (i = 0; i < p->nseen; i++)
		free(p->seen[i].url);
	free(p->seen);
	free(p->intervals);
	strv_free(&p->urls);
	free(p);
}

/* ---- one URL into the parser, for akhbar --parse URL ---- */

struct poller_one {
	struct parse		*parse;
	struct fetch_result	*r;
	int			 failed;
};

static int
poller_one_data(void *arg, const struct fetch_head *h, const char *buf,
    size_t len, char **cause)
{
	struct poller_one	*one = arg;

	if (one->parse == NULL)
		one->parse = parse_new(h->url, h->content_type, NULL, NULL);
	if (parse_push(one->parse, buf, len) != 0) {
		one->failed = 1;
		*cause = xstrdup("not a feed");
		return (FETCH_ABORT);
	}
	return (FETCH_CONTINUE);
}

static void
poller_one_done(void *arg, struct fetch_result *r)
{
	struct poller_one	*one = arg;

	one->r = r;
}

/*
 * Fetch one URL and parse it, items included (for akhbar --parse URL).
 * Returns NULL with a reason when it cannot be fetched or is not a feed.
 */
struct feed *
poller_fetch_parse(const char *url, const struct fetch_opts *o, char **cause)
{
	struct fetch		*f;
	struct poller_one	 one;
	struct feed		*feed = NULL;
	char			*why = NULL;

	if ((f = fetch_new(o, cause)) == NULL)
		return (NULL);
	memset(&one, 0, sizeof one);
	fetch_add(f, url, NULL, NULL, poller_one_data, poller_one_done, &one);
	while (fetch_run(f, 1000) > 0)
		;
	fetch_free(f);
	if (one.r->status == FETCH_OK || one.failed) {
		if (one.parse == NULL)
			one.parse = parse_new(url, NULL, NULL, NULL);
		if ((feed = parse_finish(one.parse, &why)) == NULL) {
			xasprintf(cause, "not a feed: %s", why != NULL ? why :
			    "no content");
			free(why);
		}
	} else
		*cause = xstrdup(one.r->reason != NULL ? one.r->reason :
		    "failed");
	parse_free(one.parse);
	fetch_result_free(one.r);
	return (feed);
}
