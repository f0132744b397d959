/*
 * Full articles: fetching items' web pages, on the poller's fetch engine
 * and with its politeness. After a feed of a subscription with
 * full-article on is stored, its newest items without an article (or
 * with a failure due to be tried again) are queued; the interface's
 * poller_fetch_article queues one item ahead of them. Pages are fetched
 * among the feeds, at most POLLER_ARTICLE_JOBS at once and
 * POLLER_ARTICLE_HOST per host (libcurl's own limit per host counts the
 * feeds' transfers too), conditionally when an article is stored, with
 * the fetch engine's timeouts and redirect limit, at most
 * POLLER_ARTICLE_MAX bytes each and only when the server says HTML. A
 * host that answers 429 or 503 is left alone until its Retry-After (five
 * minutes without one), for the rest of the poller's life.
 *
 * A fetched page is read by the extractor (html_article_extract) at
 * once; the article, or why there is none, waits in a short queue for
 * the cache, and is stored when no feed owns it and no batch is open
 * (db_article_store: its own small transaction), so ARTICLE_DONE always
 * means the article can be read. A failure that may pass (the network,
 * a server's 5xx, a 429) is tried again at later reloads, an hour after
 * the first, then two, then never unless asked; one that will not (not
 * a web page, no article on it, a paywall, a 404) only when asked.
 * Nothing of an article is lost to a cancel: what was fetched is stored,
 * what was not is wanted again at the next reload.
 */
#include "config.h"

#include "poller-priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "html.h"
#include "log.h"
#include "parse-date.h"
#include "reason.h"
#include "url.h"
#include "urls.h"
#include "xmalloc.h"

#define POLLER_ARTICLE_HOLD	300		/* a 429/503 without Retry-After */
#define POLLER_ARTICLE_HOLD_MAX	86400
#define POLLER_ARTICLE_RETRY	3600		/* the first try again */
#define POLLER_ARTICLE_TRIES	3		/* tries before only on demand */

/* What a subscription's full-article= says: 1 yes, 0 no, -1 not given. */
int
poller_article_option(const struct urls_sub *sub)
{
	return (sub->full_article);
}

/* The host of an http(s) URL (allocated), or NULL for any other URL. */
static char *
poller_article_host(const char *url)
{
	const char	*p, *e;

	if (str_has_prefix_ci(url, "http://"))
		p = url + 7;
	else if (str_has_prefix_ci(url, "https://"))
		p = url + 8;
	else
		return (NULL);
	e = p + strcspn(p, "/?#");
	if (e == p)
		return (NULL);
	return (xstrndup(p, (size_t)(e - p)));
}

static void
poller_article_free(struct poller_article *a)
{
	if (a == NULL)
		return;
	free(a->url);
	free(a->host);
	free(a->title);
	free(a->etag);
	free(a->last_modified);
	free(a->head_url);
	free(a->content_type);
	free(a->detail);
	str_free(&a->buf);
	fetch_result_free(a->result);
	html_article_clear(&a->page);
	free(a);
}

/* Whether an item is queued, being fetched or waiting for the cache. */
static struct poller_article *
poller_article_find(struct poller *p, int64_t item)
{
	struct poller_article	*a;

	TAILQ_FOREACH(a, &p->art_wait, entry) {
		if (a->item_id == item)
			return (a);
	}
	TAILQ_FOREACH(a, &p->art_run, entry) {
		if (a->item_id == item)
			return (a);
	}
	TAILQ_FOREACH(a, &p->art_done, entry) {
		if (a->item_id == item)
			return (a);
	}
	return (NULL);
}

/* Queue an item's article (asked: on demand, ahead of the others). */
static void
poller_article_queue(struct poller *p, const struct db_article_want *w,
    bool asked)
{
	struct poller_article	*a;

	if ((a = poller_article_find(p, w->item_id)) != NULL) {
		/* Asked for while queued: now it is the next one. */
		if (asked && !a->asked && a->state == POLLER_ARTICLE_WAIT) {
			TAILQ_REMOVE(&p->art_wait, a, entry);
			TAILQ_INSERT_HEAD(&p->art_wait, a, entry);
		}
		a->asked = a->asked || asked;
		return;
	}
	a = xcalloc(1, sizeof *a);
	a->p = p;
	a->item_id = w->item_id;
	a->feed_id = w->feed_id;
	a->url = w->link != NULL ? xstrdup(w->link) : NULL;
	a->host = w->link != NULL ? poller_article_host(w->link) : NULL;
	a->title = w->title != NULL ? xstrdup(w->title) : NULL;
	/* Validators only when there is an article a 304 would keep. */
	if (w->have) {
		a->etag = w->etag != NULL ? xstrdup(w->etag) : NULL;
		a->last_modified = w->last_modified != NULL ?
		    xstrdup(w->last_modified) : NULL;
	}
	a->attempts = w->attempts;
	a->have = w->have;
	a->asked = asked;
	a->state = POLLER_ARTICLE_WAIT;
	str_init(&a->buf);
	if (asked)
		TAILQ_INSERT_HEAD(&p->art_wait, a, entry);
	else
		TAILQ_INSERT_TAIL(&p->art_wait, a, entry);
	p->nart_wait++;
}

/* Tell the interface how an article went. */
static void
poller_article_event(struct poller *p, int type, struct poller_article *a,
    int reason, long code, const char *text)
{
	poller_event_article(p, type, a->item_id, a->feed_id, a->url,
	    a->asked, a->bytes, reason, code, text);
}

/* Whether a failure may pass by itself (so the poller tries again). */
static bool
poller_article_transient(int kind, long code)
{
	switch (kind) {
	case REASON_DNS:
	case REASON_REFUSED:
	case REASON_CONNECT:
	case REASON_TIMEOUT:
	case REASON_RESET:
	case REASON_INCOMPLETE:
	case REASON_EMPTY:
	case REASON_BAD_REPLY:
	case REASON_CACHE:
	case REASON_FAILED:
		return (true);
	case REASON_HTTP:
		return (code == 408 || code == 429 || code >= 500);
	default:
		return (false);
	}
}

/* Move an article to the queue for the cache, as what to store says. */
static void
poller_article_settle(struct poller *p, struct poller_article *a)
{
	if (a->state == POLLER_ARTICLE_RUN) {
		TAILQ_REMOVE(&p->art_run, a, entry);
		p->nart_run--;
	} else if (a->state == POLLER_ARTICLE_WAIT) {
		TAILQ_REMOVE(&p->art_wait, a, entry);
		p->nart_wait--;
	}
	a->state = POLLER_ARTICLE_DONE;
	TAILQ_INSERT_TAIL(&p->art_done, a, entry);
	p->nart_done++;
}

/* An article that failed: its reason, its number, a detail (copied). */
static void
poller_article_failed(struct poller *p, struct poller_article *a, int kind,
    long code, const char *detail, int64_t retry_after)
{
	int64_t	now = poller_now(p), next = 0, wait;

	a->kind = kind != REASON_NONE ? kind : REASON_FAILED;
	a->code = code;
	free(a->detail);
	a->detail = detail != NULL && *detail != '\0' ? xstrdup(detail) : NULL;
	a->attempts++;
	if (poller_article_transient(a->kind, code) &&
	    a->attempts < POLLER_ARTICLE_TRIES) {
		wait = (int64_t)POLLER_ARTICLE_RETRY << (a->attempts - 1);
		next = now + wait;
		if (retry_after > next)
			next = retry_after < now + POLLER_ARTICLE_HOLD_MAX ?
			    retry_after : now + POLLER_ARTICLE_HOLD_MAX;
	}
	a->next_try = next;
	poller_article_settle(p, a);
}

/* The host's hold (a 429 or 503 said to wait), or NULL. */
static struct poller_host *
poller_article_hold(struct poller *p, const char *host)
{
	size_t	i;

	for (i = 0; host != NULL && i < p->nhosts; i++) {
		if (strcasecmp(p->hosts[i].host, host) == 0)
			return (&p->hosts[i]);
	}
	return (NULL);
}

/* Leave a host alone until until (epoch), after it said code. */
static void
poller_article_hold_host(struct poller *p, const char *host, int64_t until,
    long code)
{
	struct poller_host	*h;

	if (host == NULL)
		return;
	if ((h = poller_article_hold(p, host)) == NULL) {
		p->hosts = xreallocarray(p->hosts, p->nhosts + 1,
		    sizeof *p->hosts);
		h = &p->hosts[p->nhosts++];
		h->host = xstrdup(host);
		h->until = 0;
	}
	if (until > h->until)
		h->until = until;
	h->code = code;
}

/* Receive a page's bytes: HTML only, at most POLLER_ARTICLE_MAX of them. */
static int
poller_article_data(void *arg, const struct fetch_head *h, const char *buf,
    size_t len, int *reason, char **detail)
{
	struct poller_article	*a = arg;
	struct poller		*p = a->p;
	const char		*ct;
	size_t			 n;

	if (a->head_url == NULL) {
		a->head_url = xstrdup(h->url != NULL ? h->url : a->url);
		if ((ct = h->content_type) != NULL) {
			a->content_type = xstrdup(ct);
			n = strcspn(ct, ";");
			/* Not a page: stop before a 50 MB file comes. */
			if (!(n == 9 && strncasecmp(ct, "text/html", 9) == 0) &&
			    !(n == 21 && strncasecmp(ct,
			    "application/xhtml+xml", 21) == 0) &&
			    !(n == 15 && strncasecmp(ct, "application/xml",
			    15) == 0) &&
			    !(n == 8 && strncasecmp(ct, "text/xml", 8) == 0)) {
				*reason = REASON_NOT_HTML;
				*detail = xstrndup(ct, n < 128 ? n : 128);
				return (FETCH_ABORT);
			}
		}
	}
	if (a->buf.len + len > POLLER_ARTICLE_MAX) {
		*reason = REASON_TOO_LARGE;
		return (FETCH_ABORT);
	}
	str_append(&a->buf, buf, len);
	a->bytes = a->buf.len;
	if (a->asked)
		poller_event_article_progress(p, a->item_id, a->feed_id,
		    a->url, (int64_t)a->buf.len);
	return (FETCH_CONTINUE);
}

/* Find the article in a fetched page; what to store goes in a. */
static void
poller_article_extract(struct poller *p, struct poller_article *a)
{
	struct html_article_opts	 o;
	struct html_article		*r = &a->page;
	int				 rc;

	memset(&o, 0, sizeof o);
	o.url = a->result->url != NULL ? a->result->url : a->url;
	o.content_type = a->result->content_type;
	o.resolve = url_resolve;
	o.title = a->title;
	rc = html_article_extract(a->buf.ptr != NULL ? a->buf.ptr : "",
	    a->buf.len, &o, r);
	/* What waits for the cache is the article, not the page. */
	str_free(&a->buf);
	if (rc != 0) {
		log_debug("poller: article %lld (%s): no article: reason %d%s%s",
		    (long long)a->item_id, a->url, r->reason,
		    r->detail ? ": " : "", r->detail ? r->detail : "");
		poller_article_failed(p, a, r->reason, 0, r->detail, -1);
		return;
	}
	a->kind = REASON_NONE;
	a->attempts = 0;
	a->next_try = 0;
	poller_article_settle(p, a);
}

static void
poller_article_done(void *arg, struct fetch_result *r)
{
	struct poller_article	*a = arg;
	struct poller		*p = a->p;
	int64_t			 until;

	a->job = NULL;
	a->result = r;
	switch (r->status) {
	case FETCH_OK:
		poller_article_extract(p, a);
		break;
	case FETCH_NOT_MODIFIED:
		a->kind = REASON_NONE;
		a->touch = true;
		poller_article_settle(p, a);
		break;
	case FETCH_CANCELLED:
		TAILQ_REMOVE(&p->art_run, a, entry);
		p->nart_run--;
		if (a->asked)
			poller_article_event(p, POLLER_EV_ARTICLE_FAILED, a,
			    REASON_CANCELLED, 0, NULL);
		poller_article_free(a);
		break;
	default:
		if (r->http_code == 429 || r->http_code == 503) {
			until = r->retry_after > 0 ? r->retry_after :
			    poller_now(p) + POLLER_ARTICLE_HOLD;
			if (until > poller_now(p) + POLLER_ARTICLE_HOLD_MAX)
				until = poller_now(p) + POLLER_ARTICLE_HOLD_MAX;
			poller_article_hold_host(p, a->host, until,
			    r->http_code);
		}
		poller_article_failed(p, a, r->reason, r->code, r->detail,
		    r->retry_after);
		break;
	}
	poller_article_flush(p);
}

/* What the page said of its date, as epoch time. */
static int64_t
poller_article_date(const char *s)
{
	return (s != NULL ? parse_date(s) : FEED_TIME_UNKNOWN);
}

/* Store one article (or its failure) and tell the interface. */
static void
poller_article_store(struct poller *p, struct poller_article *a)
{
	struct db_article	 d;
	struct html_article	*r = &a->page;
	struct fetch_result	*res = a->result;
	char			*cause = NULL;
	int			 rc;

	memset(&d, 0, sizeof d);
	d.item_id = a->item_id;
	d.fetched = poller_now(p);
	if (a->touch)
		rc = db_article_touch(p->db, a->item_id, d.fetched,
		    res != NULL ? res->etag : NULL,
		    res != NULL ? res->last_modified : NULL, &cause);
	else {
		d.error_kind = a->kind;
		d.error_code = a->code;
		d.error = a->detail;
		d.attempts = a->attempts;
		d.next_try = a->next_try;
		d.html = r->html;
		d.len = r->len;
		d.chars = (int64_t)r->chars;
		d.url = r->url != NULL ? r->url : res != NULL ? res->url : NULL;
		d.title = r->title;
		d.author = r->author;
		d.site = r->site;
		d.image = r->image;
		d.excerpt = r->excerpt;
		d.published = poller_article_date(r->published);
		d.lang = r->lang;
		d.dir = r->dir;
		if (res != NULL && r->html != NULL) {
			d.etag = res->etag;
			d.last_modified = res->last_modified;
		}
		rc = db_article_store(p->db, &d, &cause);
	}
	if (rc != 0) {
		log_debug("poller: article %lld: storing: %s",
		    (long long)a->item_id, cause);
		poller_article_event(p, POLLER_EV_ARTICLE_FAILED, a,
		    REASON_CACHE, 0, cause);
		free(cause);
		return;
	}
	if (a->kind == REASON_NONE)
		poller_article_event(p, POLLER_EV_ARTICLE_DONE, a, REASON_NONE,
		    a->touch ? 0 : 1, NULL);
	else
		poller_article_event(p, POLLER_EV_ARTICLE_FAILED, a, a->kind,
		    a->code, a->detail);
}

/* Store the articles waiting for the cache, when nothing else holds it. */
void
poller_article_flush(struct poller *p)
{
	struct poller_article	*a;

	if (p->owner != NULL || db_batch_open(p->db))
		return;
	while ((a = TAILQ_FIRST(&p->art_done)) != NULL) {
		TAILQ_REMOVE(&p->art_done, a, entry);
		p->nart_done--;
		poller_article_store(p, a);
		poller_article_free(a);
	}
}

/* Queue the articles the feeds finished since the last call want. */
static void
poller_article_feeds(struct poller *p)
{
	struct db_article_want	*w = NULL;
	size_t			 i, j, n;
	char			*cause = NULL;

	for (i = 0; i < p->nart_feeds; i++) {
		if (db_article_wanted(p->db, p->art_feeds[i],
		    POLLER_ARTICLE_BACKLOG, poller_now(p), &w, &n,
		    &cause) != 0) {
			log_debug("poller: articles of feed %lld: %s",
			    (long long)p->art_feeds[i], cause);
			free(cause);
			cause = NULL;
			continue;
		}
		for (j = 0; j < n; j++)
			poller_article_queue(p, &w[j], false);
		db_article_wants_free(w, n);
	}
	p->nart_feeds = 0;
}

/* Queue the items the interface asked for (poller_fetch_article). */
static void
poller_article_asked(struct poller *p)
{
	struct db_article_want	*w;
	struct poller_article	 gone;
	int64_t			*ids;
	size_t			 n, i;
	char			*cause = NULL;

	pthread_mutex_lock(&p->lock);
	ids = p->want_articles;
	n = p->nwant_articles;
	p->want_articles = NULL;
	p->nwant_articles = 0;
	atomic_store(&p->want_articles_n, 0);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < n; i++) {
		if (db_article_want_item(p->db, ids[i], &w, &cause) != 0) {
			memset(&gone, 0, sizeof gone);
			gone.item_id = ids[i];
			gone.asked = true;
			poller_article_event(p, POLLER_EV_ARTICLE_FAILED, &gone,
			    REASON_CACHE, 0, cause);
			free(cause);
			cause = NULL;
			continue;
		}
		if (w == NULL) {
			/* The item is gone (retention, a removed feed). */
			memset(&gone, 0, sizeof gone);
			gone.item_id = ids[i];
			gone.asked = true;
			poller_article_event(p, POLLER_EV_ARTICLE_FAILED, &gone,
			    REASON_NO_LINK, 0, "no such item");
			continue;
		}
		poller_article_queue(p, w, true);
		db_article_wants_free(w, 1);
	}
	free(ids);
}

/* Fail every item the interface asked for (nothing can be fetched). */
void
poller_article_refuse(struct poller *p, int kind, const char *detail)
{
	struct poller_article	 a;
	int64_t			*ids;
	size_t			 n, i;

	pthread_mutex_lock(&p->lock);
	ids = p->want_articles;
	n = p->nwant_articles;
	p->want_articles = NULL;
	p->nwant_articles = 0;
	atomic_store(&p->want_articles_n, 0);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < n; i++) {
		memset(&a, 0, sizeof a);
		a.item_id = ids[i];
		a.asked = true;
		poller_article_event(p, POLLER_EV_ARTICLE_FAILED, &a, kind, 0,
		    detail);
	}
	free(ids);
}

/* The articles being fetched from a host. */
static int
poller_article_on_host(struct poller *p, const char *host)
{
	struct poller_article	*a;
	int			 n = 0;

	TAILQ_FOREACH(a, &p->art_run, entry) {
		if (a->host != NULL && strcasecmp(a->host, host) == 0)
			n++;
	}
	return (n);
}

/* Start what waits and may start: within the limits, hosts not held. */
static void
poller_article_start(struct poller *p)
{
	struct poller_article	*a, *next;
	struct poller_host	*h;

	for (a = TAILQ_FIRST(&p->art_wait); a != NULL &&
	    p->nart_run < POLLER_ARTICLE_JOBS &&
	    p->nart_done < POLLER_ARTICLE_DONE_MAX; a = next) {
		next = TAILQ_NEXT(a, entry);
		if (a->url == NULL) {
			poller_article_failed(p, a, REASON_NO_LINK, 0, NULL, -1);
			continue;
		}
		if (a->host == NULL) {
			/* file:, exec:, javascript:: never fetched for an article. */
			poller_article_failed(p, a, REASON_UNSUPPORTED_URL, 0,
			    NULL, -1);
			continue;
		}
		if ((h = poller_article_hold(p, a->host)) != NULL &&
		    h->until > poller_now(p)) {
			TAILQ_REMOVE(&p->art_wait, a, entry);
			p->nart_wait--;
			if (a->asked) {
				/* Said now, stored not: it is the host's. */
				poller_article_event(p,
				    POLLER_EV_ARTICLE_FAILED, a, REASON_HTTP,
				    h->code, NULL);
			}
			/* Unstored, it is wanted again at a later reload. */
			poller_article_free(a);
			continue;
		}
		if (poller_article_on_host(p, a->host) >= POLLER_ARTICLE_HOST)
			continue;
		TAILQ_REMOVE(&p->art_wait, a, entry);
		p->nart_wait--;
		TAILQ_INSERT_TAIL(&p->art_run, a, entry);
		p->nart_run++;
		a->state = POLLER_ARTICLE_RUN;
		a->job = fetch_add(p->fetch, a->url, a->etag, a->last_modified,
		    poller_article_data, poller_article_done, a);
	}
}

/*
 * Move full articles along, once a turn of the fetch loop: queue what
 * finished feeds and the interface want, store what waits for the cache
 * when it is free, start what may start. Returns whether articles are
 * still queued, being fetched or waiting to be stored.
 */
bool
poller_article_advance(struct poller *p)
{
	if (p->fetch == NULL)
		return (false);
	if (poller_cancelled(p) || atomic_load(&p->quit)) {
		poller_article_cancel(p);
		return (p->nart_run > 0);
	}
	if (atomic_load(&p->want_articles_n) > 0)
		poller_article_asked(p);
	if (p->nart_feeds > 0)
		poller_article_feeds(p);
	poller_article_flush(p);
	poller_article_start(p);
	return (p->nart_wait > 0 || p->nart_run > 0 || p->nart_done > 0);
}

/*
 * A cancel or a stop: what waits to start is dropped (asked-for ones
 * told so), what was fetched is stored, and the fetch engine ends the
 * running ones as cancelled.
 */
void
poller_article_cancel(struct poller *p)
{
	struct poller_article	*a;

	while ((a = TAILQ_FIRST(&p->art_wait)) != NULL) {
		TAILQ_REMOVE(&p->art_wait, a, entry);
		p->nart_wait--;
		if (a->asked)
			poller_article_event(p, POLLER_EV_ARTICLE_FAILED, a,
			    REASON_CANCELLED, 0, NULL);
		poller_article_free(a);
	}
	p->nart_feeds = 0;
	poller_article_flush(p);
}

/* Free every article the poller still holds (its end). */
void
poller_article_free_all(struct poller *p)
{
	struct poller_article	*a;
	size_t			 i;

	while ((a = TAILQ_FIRST(&p->art_wait)) != NULL) {
		TAILQ_REMOVE(&p->art_wait, a, entry);
		poller_article_free(a);
	}
	while ((a = TAILQ_FIRST(&p->art_run)) != NULL) {
		TAILQ_REMOVE(&p->art_run, a, entry);
		poller_article_free(a);
	}
	while ((a = TAILQ_FIRST(&p->art_done)) != NULL) {
		TAILQ_REMOVE(&p->art_done, a, entry);
		poller_article_free(a);
	}
	p->nart_wait = p->nart_run = p->nart_done = 0;
	for (i = 0; i < p->nhosts; i++)
		free(p->hosts[i].host);
	free(p->hosts);
	p->hosts = NULL;
	p->nhosts = 0;
	free(p->art_feeds);
	p->art_feeds = NULL;
	p->nart_feeds = p->art_feeds_cap = 0;
}
