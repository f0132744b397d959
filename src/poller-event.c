/*
 * The poller's events, the writing end: fixed-size records on a
 * non-blocking pipe (poller.h: struct poller_event), one write each.
 * PROGRESS and ARTICLE_PROGRESS are dropped when the pipe is full; other
 * events wait for room unless the poller is stopping. The bottom of the
 * poller family: it calls nothing of poller.c, poller-feed.c or
 * poller-article.c, which all call it.
 */
#include "config.h"

#include "poller-priv.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "reason.h"

static void
poller_event_copy(char *dst, size_t size, const char *src)
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

/*
 * Write an event in one piece; when the pipe is full, wait for room
 * unless it is progress (dropped) or the poller is stopping.
 */
static void
poller_event_send(struct poller *p, const struct poller_event *ev)
{
	struct pollfd	pfd;
	ssize_t		n;

	for (;;) {
		n = write(p->wfd, ev, sizeof *ev);
		if (n == (ssize_t)sizeof *ev)
			return;
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN &&
		    ev->type != POLLER_EV_PROGRESS &&
		    ev->type != POLLER_EV_ARTICLE_PROGRESS &&
		    !atomic_load(&p->quit)) {
			pfd.fd = p->wfd;
			pfd.events = POLLOUT;
			poll(&pfd, 1, 100);
			continue;
		}
		return;		/* dropped: progress, or nobody listens */
	}
}

/* Send one event (FEED_* for pf) to the interface's end of the pipe. */
void
poller_event_emit(struct poller *p, int type, const struct poller_feed *pf,
    int reason, long code, const char *text)
{
	struct poller_event	 ev;

	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.done = p->done;
	ev.total = p->total;
	ev.failed = p->failed;
	ev.skipped = p->skipped;
	ev.waiting = p->waiting;
	ev.bytes = p->bytes;
	ev.new_items = pf != NULL ? pf->new_items : p->new_items;
	ev.cancelled = poller_cancelled(p) || atomic_load(&p->quit);
	ev.reason = reason;
	ev.code = code;
	if (pf != NULL) {
		ev.feed_id = pf->id;
		poller_event_copy(ev.url, sizeof ev.url, pf->url);
	}
	poller_event_copy(ev.text, sizeof ev.text, text);
	poller_event_send(p, &ev);
}

/*
 * Send FEED_WAITING for a feed left out of the reload that backs off
 * after failures in a row until next_try; its last failure with it.
 */
void
poller_event_waiting(struct poller *p, const struct db_feed_state *fs,
    int64_t next_try)
{
	struct poller_event	 ev;

	memset(&ev, 0, sizeof ev);
	ev.type = POLLER_EV_FEED_WAITING;
	ev.total = p->total;
	ev.skipped = p->skipped;
	ev.waiting = p->waiting;
	ev.feed_id = fs->id;
	ev.reason = fs->error_kind;
	ev.code = fs->error_code;
	ev.failures = fs->failures;
	ev.next_try = next_try;
	poller_event_copy(ev.url, sizeof ev.url, fs->url);
	poller_event_copy(ev.text, sizeof ev.text, fs->error);
	poller_event_send(p, &ev);
}

/* Send one ARTICLE_* event for an item (url its page, bytes of it so far). */
void
poller_event_article(struct poller *p, int type, int64_t item, int64_t feed,
    const char *url, bool asked, size_t bytes, int reason, long code,
    const char *text)
{
	struct poller_event	 ev;

	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.done = p->done;
	ev.total = p->total;
	ev.failed = p->failed;
	ev.skipped = p->skipped;
	ev.item_id = item;
	ev.feed_id = feed;
	ev.asked = asked;
	ev.bytes = (int64_t)bytes;
	ev.reason = reason;
	ev.code = type == POLLER_EV_ARTICLE_DONE ? 0 : code;
	ev.new_items = type == POLLER_EV_ARTICLE_DONE ? (int)code : 0;
	poller_event_copy(ev.url, sizeof ev.url, url);
	poller_event_copy(ev.text, sizeof ev.text, text);
	poller_event_send(p, &ev);
}

/* Send an ARTICLE_PROGRESS event, at most every 0.1 s. */
void
poller_event_article_progress(struct poller *p, int64_t item, int64_t feed,
    const char *url, int64_t bytes)
{
	struct timespec	now;
	long		ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - p->art_progress.tv_sec) * 1000 +
	    (now.tv_nsec - p->art_progress.tv_nsec) / 1000000;
	if (ms < 100)
		return;
	p->art_progress = now;
	poller_event_article(p, POLLER_EV_ARTICLE_PROGRESS, item, feed, url,
	    true, (size_t)bytes, 0, 0, NULL);
}

/* Send a PROGRESS event, at most every 0.1 s unless forced. */
void
poller_event_progress(struct poller *p, int force)
{
	struct timespec	now;
	long		ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - p->last_progress.tv_sec) * 1000 +
	    (now.tv_nsec - p->last_progress.tv_nsec) / 1000000;
	if (!force && ms < 100)
		return;
	p->last_progress = now;
	poller_event_emit(p, POLLER_EV_PROGRESS, NULL, REASON_NONE, 0, NULL);
}
