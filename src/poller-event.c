/*
 * The poller's events, the writing end: fixed-size records on a
 * non-blocking pipe (poller.h: struct poller_event), one write each.
 * PROGRESS is dropped when the pipe is full; other events wait for room
 * unless the poller is stopping. The bottom of the poller family: it
 * calls nothing of poller.c or poller-feed.c, which both call it.
 */
#include "config.h"

#include "poller-priv.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* Send one event (FEED_* for pf) to the interface's end of the pipe. */
void
poller_event_emit(struct poller *p, int type, const struct poller_feed *pf,
    int reason, long code, const char *text)
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
	ev.reason = reason;
	ev.code = code;
	if (pf != NULL) {
		ev.feed_id = pf->id;
		poller_event_copy(ev.url, sizeof ev.url, pf->url);
	}
	poller_event_copy(ev.text, sizeof ev.text, text);
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
