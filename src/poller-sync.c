/*
 * The poller's sync source (urls-source ttrss, sync.h): made at start,
 * run by the reloads beside the urls file's feeds. A reload counts the
 * source as one more "feed" of its total: after the feeds' fetches (the
 * cache is free then), sync_run fills the cache, and the source's
 * outcome goes out as FEED_DONE or FEED_FAILED with the source's name
 * for its URL and feed id 0, then SUBS when the server's list of feeds
 * changed. A periodic reload syncs when the interval has passed since
 * the last sync; a reload of one feed syncs when it is one of the
 * source's. Called by poller.c; calls poller-event.c.
 */
#include "config.h"

#include "poller-priv.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "reason.h"
#include "sync.h"
#include "xmalloc.h"

/* Make the source's connection (no request yet); -1 with *cause. */
int
poller_sync_start(struct poller *p, const struct sync_conf *conf,
    char **cause)
{
	if (conf == NULL || conf->kind == SYNC_LOCAL)
		return (0);
	if ((p->sync = sync_new(conf, &p->opts.fetch, cause)) == NULL)
		return (-1);
	return (0);
}

void
poller_sync_free(struct poller *p)
{
	sync_free(p->sync);
	p->sync = NULL;
}

/* Whether the sync is to stop: a cancel, or the poller's end. */
static bool
poller_sync_cancelled(void *arg)
{
	struct poller	*p = arg;

	return (poller_cancelled(p) || atomic_load(&p->quit));
}

/*
 * The subscriptions the cache's feed rows follow: the urls file's (n of
 * them in subs) and, after them, the source's as last synced, so that a
 * sync of the urls file keeps the source's feeds and their tags. *out is
 * the caller's to free; -1 with *cause.
 */
int
poller_sync_subs(struct poller *p, const struct db_sub *subs, size_t n,
    struct db_sub **out, size_t *nout, char **cause)
{
	const struct db_sub	*cached = NULL;
	size_t			 ncached = 0, i, j, k;

	if (p->sync != NULL && sync_cached_subs(p->sync, p->db, &cached,
	    &ncached, cause) != 0)
		return (-1);
	*out = xcalloc(n + ncached + 1, sizeof **out);
	memcpy(*out, subs, n * sizeof *subs);
	k = n;
	for (i = 0; i < ncached; i++) {
		for (j = 0; j < n; j++) {
			if (strcmp(subs[j].url, cached[i].url) == 0)
				break;
		}
		if (j == n)
			(*out)[k++] = cached[i];
	}
	*nout = k;
	return (0);
}

/*
 * Whether this reload syncs: every reload asked for, a periodic one when
 * the interval has passed since the last sync, one of feeds ids (n) when
 * one is the source's.
 */
bool
poller_sync_due(struct poller *p, int periodic, const int64_t *ids,
    size_t nids, int64_t now)
{
	int64_t	 source;
	size_t	 i;
	char	*cause = NULL;

	if (p->sync == NULL)
		return (false);
	if (ids != NULL) {
		for (i = 0; i < nids; i++) {
			if (db_sync_feed_source(p->db, ids[i], &source,
			    &cause) != 0) {
				free(cause);
				return (false);
			}
			if (source != 0)
				return (true);
		}
		return (false);
	}
	if (!periodic)
		return (true);
	return (p->opts.interval > 0 && now >= p->sync_last + p->opts.interval);
}

/* The next time a periodic reload syncs, 0: never. */
int64_t
poller_sync_next(struct poller *p)
{
	if (p->sync == NULL || p->opts.interval <= 0)
		return (0);
	return (p->sync_last + p->opts.interval);
}

/* Sync now (the cache free), and tell how it went. */
void
poller_sync_run(struct poller *p, const struct db_sub *local, size_t nlocal)
{
	struct sync_report	 rep;
	struct poller_feed	 pf;

	p->sync_last = poller_now(p);
	sync_set_cancel(p->sync, poller_sync_cancelled, p);
	sync_run(p->sync, p->db, local, nlocal, &rep);
	memset(&pf, 0, sizeof pf);
	pf.p = p;
	pf.url = (char *)sync_name(p->sync);
	pf.new_items = rep.new_items;
	p->done++;
	if (rep.ok) {
		p->new_items += rep.new_items;
		poller_event_emit(p, POLLER_EV_FEED_DONE, &pf, REASON_NONE, 0,
		    NULL);
	} else if (rep.reason != REASON_CANCELLED) {
		p->failed++;
		pf.new_items = 0;
		log_debug("poller: %s: failed: reason %d/%ld %s", pf.url,
		    rep.reason, rep.code, rep.detail != NULL ? rep.detail : "");
		poller_event_emit(p, POLLER_EV_FEED_FAILED, &pf, rep.reason,
		    rep.code, rep.detail);
	}
	if (rep.feeds_changed)
		poller_event_emit(p, POLLER_EV_SUBS, NULL, REASON_NONE, 0, NULL);
	sync_report_clear(&rep);
}
