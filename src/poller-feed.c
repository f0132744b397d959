/*
 * One feed's way into the cache, while the poller's reload runs.
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
 * feed owns the cache. A failure is data (struct poller_fail: a reason
 * kind, its number, the words shown with it and the longer story for the
 * log and the cache), made where it happens; nothing here is translated.
 */
#include "config.h"

#include "poller-priv.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "feed.h"
#include "log.h"
#include "parse.h"
#include "reason.h"
#include "schedule.h"
#include "xmalloc.h"

static int	poller_feed_own(struct poller *, struct poller_feed *);
static void	poller_feed_complete(struct poller *, struct poller_feed *);

static void
poller_feed_fail_set(struct poller_fail *fl, int kind, long code,
    const char *detail, const char *cause)
{
	char	*d, *c;

	d = detail != NULL && *detail != '\0' ? xstrdup(detail) : NULL;
	c = cause != NULL && *cause != '\0' ? xstrdup(cause) : NULL;
	free(fl->detail);
	free(fl->cause);
	fl->kind = kind;
	fl->code = code;
	fl->detail = d;
	fl->cause = c;
}

static void
poller_feed_fail_clear(struct poller_fail *fl)
{
	free(fl->detail);
	free(fl->cause);
	memset(fl, 0, sizeof *fl);
}

static void
poller_feed_item(struct item *it, void *arg)
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
poller_feed_item_keep(struct item *it, void *arg)
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
poller_feed_items_free(struct poller_feed *pf)
{
	size_t	i;

	for (i = 0; i < pf->nitems; i++)
		item_free(pf->items[i]);
	free(pf->items);
	pf->items = NULL;
	pf->nitems = pf->itemcap = 0;
}

static void
poller_feed_enqueue(struct poller *p, struct poller_feed *pf)
{
	if (!pf->queued) {
		TAILQ_INSERT_TAIL(&p->wantq, pf, entry);
		pf->queued = 1;
	}
}

static void
poller_feed_dequeue(struct poller *p, struct poller_feed *pf)
{
	if (pf->queued) {
		TAILQ_REMOVE(&p->wantq, pf, entry);
		pf->queued = 0;
	}
}

/* Free a feed's waiting bytes. */
static void
poller_feed_buf_drop(struct poller *p, struct poller_feed *pf)
{
	p->buffered -= pf->buf.len;
	str_free(&pf->buf);
}

/* Push bytes into the owner's parser; 0, or -1 when it is not a feed. */
static int
poller_feed_push(struct poller_feed *pf, const char *buf, size_t len)
{
	struct feed	*meta;
	char		*cause = NULL;

	if (pf->parse_failed)
		return (-1);
	if (len == 0 || parse_push(pf->parse, buf, len) == 0)
		return (0);
	/* parse_finish says why. */
	if ((meta = parse_finish(pf->parse, &cause)) != NULL) {
		/* No words but the reason's own ("not a feed"). */
		feed_free(meta);
		free(cause);
		cause = NULL;
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
poller_feed_parse_buffered(struct poller *p, struct poller_feed *pf,
    parse_item_cb cb)
{
	pf->parse = parse_new(pf->head_url != NULL ? pf->head_url : pf->url,
	    pf->content_type, cb, pf);
	poller_feed_push(pf, pf->buf.ptr, pf->buf.len);
	poller_feed_buf_drop(p, pf);
}

/* Make pf the feed that owns the cache; -1 if its transaction cannot start. */
static int
poller_feed_own(struct poller *p, struct poller_feed *pf)
{
	char	*cause = NULL;

	poller_feed_batch_commit(p);	/* a feed that streams has its own */
	if (db_feed_begin(p->db, pf->id, &cause) != 0) {
		pf->db_failed = 1;
		pf->db_cause = cause;
		return (-1);
	}
	poller_feed_dequeue(p, pf);
	p->owner = pf;
	poller_feed_parse_buffered(p, pf, poller_feed_item);
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
void
poller_feed_advance(struct poller *p)
{
	struct poller_feed	*pf;

	while (p->owner == NULL) {
		TAILQ_FOREACH(pf, &p->wantq, entry) {
			if (pf->result != NULL)
				break;
		}
		if (pf != NULL) {
			poller_feed_complete(p, pf);
			continue;
		}
		TAILQ_FOREACH(pf, &p->wantq, entry) {
			if (pf->paused)
				break;
		}
		if (pf == NULL)
			break;
		if (poller_feed_own(p, pf) != 0) {
			/* Its next bytes stop it with the cache's reason. */
			poller_feed_dequeue(p, pf);
			poller_feed_buf_drop(p, pf);
			pf->paused = 0;
			fetch_resume(pf->job);
		}
	}
}

int
poller_feed_data(void *arg, const struct fetch_head *h, const char *buf,
    size_t len, int *reason, char **detail)
{
	struct poller_feed	*pf = arg;
	struct poller		*p = pf->p;

	if (pf->head_url == NULL) {
		pf->head_url = xstrdup(h->url != NULL ? h->url : pf->url);
		if (h->content_type != NULL)
			pf->content_type = xstrdup(h->content_type);
	}
	(void)detail;		/* the feed keeps its own causes */
	if (pf->db_failed) {
		*reason = REASON_CACHE;
		return (FETCH_ABORT);
	}
	if (p->owner != pf && (pf->buf.len + len > p->opts.buffer_max ||
	    p->buffered + len > p->opts.buffer_total)) {
		/* No room to wait: stream into the cache, or pause. */
		if (p->owner != NULL) {
			pf->paused = 1;
			poller_feed_enqueue(p, pf);
			return (FETCH_PAUSE);
		}
		if (poller_feed_own(p, pf) != 0) {
			*reason = REASON_CACHE;
			return (FETCH_ABORT);
		}
	}
	if (p->owner == pf) {
		if (poller_feed_push(pf, buf, len) != 0) {
			*reason = REASON_NOT_FEED;
			return (FETCH_ABORT);
		}
		p->bytes += len;
		poller_event_progress(p, 0);
		return (FETCH_CONTINUE);
	}
	poller_feed_enqueue(p, pf);
	str_append(&pf->buf, buf, len);
	p->buffered += len;
	p->bytes += len;
	poller_event_progress(p, 0);
	return (FETCH_CONTINUE);
}

void
poller_feed_reset(struct poller_feed *pf)
{
	fetch_result_free(pf->result);
	pf->result = NULL;
	free(pf->head_url);
	free(pf->content_type);
	pf->head_url = pf->content_type = NULL;
	poller_feed_buf_drop(pf->p, pf);
	parse_free(pf->parse);
	pf->parse = NULL;
	free(pf->parse_cause);
	free(pf->db_cause);
	pf->parse_cause = pf->db_cause = NULL;
	poller_feed_items_free(pf);
	poller_feed_fail_clear(&pf->b_fail);
	pf->job = NULL;
}

/*
 * What to store of a fetch's outcome: validators, the failure (its kind,
 * number and detail: the words shown with it, else the longer story, so
 * that a failed feed's error is never NULL), the next fetch time.
 */
static void
poller_feed_result(struct poller_feed *pf, int ok, int ttl,
    const struct poller_fail *fl, struct db_fetch_result *dr)
{
	struct fetch_result	*r = pf->result;
	struct schedule_fetch	 sf;

	memset(&sf, 0, sizeof sf);
	sf.now = poller_now(pf->p);
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
	if (!ok) {
		dr->error_kind = fl->kind != REASON_NONE ? fl->kind :
		    REASON_FAILED;
		dr->error_code = fl->code;
		dr->error = fl->detail != NULL ? fl->detail :
		    fl->cause != NULL ? fl->cause : "";
	} else {
		dr->etag = r->etag;
		dr->last_modified = r->last_modified;
		dr->new_url = r->moved_to;
	}
}

/* Count a feed's reload as done, say how it went and free what it held. */
static void
poller_feed_finish(struct poller *p, struct poller_feed *pf, int ok,
    struct poller_fail *fl)
{
	p->done++;
	if (ok) {
		p->new_items += pf->new_items;
		if (pf->full_article)
			poller_article_note(p, pf->id);
		poller_event_emit(p, POLLER_EV_FEED_DONE, pf, REASON_NONE, 0, NULL);
		if (pf->result->moved_to != NULL)
			poller_event_emit(p, POLLER_EV_FEED_MOVED, pf, REASON_NONE, 0,
			    pf->result->moved_to);
	} else {
		p->failed++;
		log_debug("poller: %s: failed: reason %d/%ld%s%s%s%s", pf->url,
		    fl->kind, fl->code, fl->detail != NULL ? ": " : "",
		    fl->detail != NULL ? fl->detail : "",
		    fl->cause != NULL ? " -- " : "",
		    fl->cause != NULL ? fl->cause : "");
		/*
		 * Not a feed: the parser's words say why (cut off, a page);
		 * a cache error: the cache's (its file, the disk is full).
		 */
		poller_event_emit(p, POLLER_EV_FEED_FAILED, pf,
		    fl->kind != REASON_NONE ? fl->kind : REASON_FAILED,
		    fl->code, fl->detail != NULL ? fl->detail :
		    fl->kind == REASON_NOT_FEED || fl->kind == REASON_CACHE ?
		    fl->cause : NULL);
	}
	poller_feed_fail_clear(fl);
	poller_feed_reset(pf);
}

/* Store a failed fetch's outcome by itself (after its batch was lost). */
static void
poller_feed_store_failure(struct poller *p, struct poller_feed *pf,
    const struct poller_fail *fl)
{
	struct db_fetch_result	 dr;
	char			*cause = NULL;

	poller_feed_result(pf, 0, 0, fl, &dr);
	if (db_feed_set_result(p->db, pf->id, &dr, &cause) != 0) {
		log_debug("poller: %s: storing the result: %s", pf->url, cause);
		free(cause);
	}
}

/*
 * The open batch was rolled back (cause says why): none of its feeds
 * were stored, so each fails as a cache error.
 */
static void
poller_feed_batch_fail(struct poller *p, const char *cause)
{
	struct poller_feed	*pf;
	struct poller_fail	 fl;

	if (db_batch_open(p->db))
		db_batch_rollback(p->db);
	memset(&fl, 0, sizeof fl);
	while ((pf = TAILQ_FIRST(&p->batch)) != NULL) {
		TAILQ_REMOVE(&p->batch, pf, bentry);
		pf->new_items = 0;
		poller_feed_fail_set(&fl, REASON_CACHE, 0, NULL, cause);
		poller_feed_store_failure(p, pf, &fl);
		poller_feed_finish(p, pf, 0, &fl);
	}
	p->nbatch = 0;
}

/* Commit the open batch, if any, and tell each of its feeds' outcome. */
void
poller_feed_batch_commit(struct poller *p)
{
	struct poller_feed	*pf;
	char			*cause = NULL;

	if (!db_batch_open(p->db))
		return;
	if (db_batch_commit(p->db, &cause) != 0) {
		poller_feed_batch_fail(p, cause);
		free(cause);
		return;
	}
	while ((pf = TAILQ_FIRST(&p->batch)) != NULL) {
		TAILQ_REMOVE(&p->batch, pf, bentry);
		poller_feed_finish(p, pf, pf->b_ok, &pf->b_fail);
	}
	p->nbatch = 0;
}

/* Milliseconds the open batch has left before it is due (0: due now). */
long
poller_feed_batch_left(struct poller *p)
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
poller_feed_batch_join(struct poller *p)
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

/* Keep pf's outcome (fl, taken) for the batch's commit; commit a full batch. */
static void
poller_feed_batch_add(struct poller *p, struct poller_feed *pf, int ok,
    struct poller_fail *fl)
{
	pf->b_ok = ok;
	poller_feed_fail_clear(&pf->b_fail);
	pf->b_fail = *fl;
	memset(fl, 0, sizeof *fl);
	TAILQ_INSERT_TAIL(&p->batch, pf, bentry);
	p->nbatch++;
	p->batch_bytes += pf->result->bytes;
	if (p->nbatch >= POLLER_BATCH_FEEDS ||
	    p->batch_bytes >= POLLER_BATCH_BYTES)
		poller_feed_batch_commit(p);
}

/* Write a parsed feed's items into the batch; -1 (and *cause) on failure. */
static int
poller_feed_store_items(struct poller *p, struct poller_feed *pf,
    char **cause)
{
	size_t	i;

	if (db_feed_begin(p->db, pf->id, cause) != 0)
		return (-1);	/* nothing written: the batch goes on */
	for (i = 0; i < pf->nitems; i++)
		poller_feed_item(pf->items[i], pf);	/* frees it */
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
poller_feed_complete(struct poller *p, struct poller_feed *pf)
{
	struct fetch_result	*r = pf->result;
	struct db_fetch_result	 dr;
	struct poller_fail	 fl;
	struct feed		*meta = NULL;
	char			*cause = NULL;
	int			 ok = 0, stored = 0, batch;

	memset(&fl, 0, sizeof fl);
	poller_feed_dequeue(p, pf);
	batch = p->owner == NULL && poller_feed_batch_join(p) == 0;
	if (r->status == FETCH_OK) {
		if (batch && !pf->db_failed)
			poller_feed_parse_buffered(p, pf,
			    poller_feed_item_keep);
		else if (p->owner != pf && !pf->db_failed)
			poller_feed_own(p, pf);
		if (pf->db_failed)
			poller_feed_fail_set(&fl, REASON_CACHE, 0, NULL,
			    pf->db_cause);
		else if (!pf->parse_failed &&
		    (meta = parse_finish(pf->parse, &cause)) == NULL) {
			pf->parse_failed = 1;
			pf->parse_cause = cause;
			cause = NULL;
		}
		if (fl.kind == REASON_NONE && pf->parse_failed)
			poller_feed_fail_set(&fl, REASON_NOT_FEED, 0, NULL,
			    pf->parse_cause);
		else if (fl.kind == REASON_NONE && batch &&
		    poller_feed_store_items(p, pf, &cause) != 0) {
			poller_feed_fail_set(&fl, REASON_CACHE, 0, NULL, cause);
			free(cause);
			cause = NULL;
		} else if (fl.kind == REASON_NONE) {
			poller_feed_result(pf, 1, meta->ttl, &fl, &dr);
			if (db_feed_set_result(p->db, pf->id, &dr,
			    &cause) != 0 ||
			    db_feed_commit(p->db, pf->id, meta, &cause) != 0) {
				poller_feed_fail_set(&fl, REASON_CACHE, 0, NULL,
				    cause);
				free(cause);
				cause = NULL;
				/* Its transaction: its own, or the batch. */
				db_feed_rollback(p->db);
			} else
				stored = 1;
		}
		if (fl.kind != REASON_NONE) {
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
		/* The feed's own reader stopped it: it knows why. */
		if (r->reason == REASON_NOT_FEED && pf->parse_cause != NULL)
			poller_feed_fail_set(&fl, REASON_NOT_FEED, 0, NULL,
			    pf->parse_cause);
		else if (r->reason == REASON_CACHE && pf->db_cause != NULL)
			poller_feed_fail_set(&fl, REASON_CACHE, 0, NULL,
			    pf->db_cause);
		else
			poller_feed_fail_set(&fl, r->reason, r->code, r->detail,
			    r->log);
		if (p->owner == pf) {
			db_feed_rollback(p->db);
			p->owner = NULL;
		}
	}

	if (batch && !db_batch_open(p->db)) {
		/* A write failed and took the batch (and this feed) with it. */
		if (ok) {
			poller_feed_fail_set(&fl, REASON_CACHE, 0, NULL,
			    "the batch was rolled back");
			ok = stored = 0;
			pf->new_items = 0;
		}
		poller_feed_batch_fail(p, fl.cause != NULL ? fl.cause :
		    "the batch was rolled back");
		batch = 0;
	}
	if (!stored) {
		poller_feed_result(pf, ok, 0, &fl, &dr);
		if (db_feed_set_result(p->db, pf->id, &dr, &cause) != 0) {
			log_debug("poller: %s: storing the result: %s", pf->url,
			    cause);
			free(cause);
			cause = NULL;
			if (batch) {
				/* The batch may be damaged: give it up. */
				poller_feed_batch_fail(p, "storing the result");
				batch = 0;
			}
		}
	}
	if (batch) {
		poller_feed_batch_add(p, pf, ok, &fl);
		return;
	}
	poller_feed_finish(p, pf, ok, &fl);
}

void
poller_feed_done(void *arg, struct fetch_result *r)
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
		poller_feed_dequeue(p, pf);
		poller_feed_reset(pf);
		poller_feed_advance(p);
		return;
	}
	if (p->owner == pf || p->owner == NULL) {
		poller_feed_complete(p, pf);
		poller_feed_advance(p);
		return;
	}
	poller_feed_enqueue(p, pf);	/* after the owner */
}
