/*
 * The sync driver and what every backend shares: the source's settings
 * and password, one libcurl handle kept between requests (one connection,
 * kept alive), the failure as data, and the order of a sync's steps over
 * the cache (db-sync.c). A sync runs on the poller's thread, with its
 * write connection, while no feed owns the cache.
 *
 * The steps, and why in this order:
 *  1. push the queue (sync_change), in batches of one field and value,
 *     each taken off the queue only when the server confirmed it: a sync
 *     that dies keeps what was not confirmed, and sending it again sets
 *     the same value (never flips one back);
 *  2. list the feeds and categories: the cache's feeds become the urls
 *     file's and the server's together (db_feed_sync), categories as tags;
 *  3. fetch the items after the source's mark, a page at a time, each page
 *     in one transaction with the states it came with; the mark moves in
 *     the last page's transaction only (the server lists newest first: an
 *     interrupted listing is listed again, items already stored are
 *     skipped);
 *  4. pull the states other devices changed (not on the first sync: its
 *     items came with theirs): the unread ids of every feed whose unread
 *     count differs from the cache's, the items read lately, the starred
 *     ids, bounded; an item with a change still queued keeps its state.
 */
#include "config.h"

#include "sync.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "feed.h"
#include "log.h"
#include "reason.h"
#include "str.h"
#include "xmalloc.h"

/* Changes read from the queue at once, and sent in one request at most. */
#define SYNC_PUSH_READ		4000
#define SYNC_PUSH_CHUNK		1000
/* Requests a sync spends on pulling states at most (pages of ids). */
#define SYNC_PULL_PAGES		50
/* Pages of new items a sync fetches at most (the next sync goes on). */
#define SYNC_ITEM_PAGES		2000

struct sync {
	struct sync_conf	 conf;		/* strings copied */
	char			*url;
	char			*login;
	char			*password;	/* once read: file, command */
	char			*passwordfile;
	char			*passwordeval;
	char			*api_url;
	char			*name;
	char			*proxy;		/* NULL: $https_proxy and friends */
	char			*user_agent;	/* NULL: akhbar's own */
	const struct sync_backend *be;
	void			*be_data;
	struct fetch_opts	 fopts;
	CURL			*curl;
	struct curl_slist	*headers;
	char			 errbuf[CURL_ERROR_SIZE];
	sync_cancel_fn		 cancel;
	void			*cancel_arg;
	int			 logged_in;
	int64_t			 source;	/* the cache's row, 0: not yet */
	struct db		*source_db;
	struct db_sub		*subs;		/* sync_cached_subs' */
	const char		**tags;
	size_t			 nsubs;
	struct db_sync_feed	*cached;
	size_t			 ncached;

	/* The failure, and counts, of the sync in progress. */
	int			 reason;
	long			 code;
	char			*detail;
	int			 requests;
	int64_t			 bytes;
};

static char *
sync_dup(const char *s)
{
	return (s != NULL && *s != '\0' ? xstrdup(s) : NULL);
}

/* The API's URL: Tiny Tiny RSS's is the address with "api/" after it. */
static char *
sync_make_api_url(const char *url)
{
	size_t	 n = strlen(url);
	char	*out;

	while (n > 0 && url[n - 1] == '/')
		n--;
	if (n >= 4 && strncmp(url + n - 4, "/api", 4) == 0)
		xasprintf(&out, "%.*s/", (int)n, url);
	else
		xasprintf(&out, "%.*s/api/", (int)n, url);
	return (out);
}

/* A source's connection for conf; NULL with *cause when it cannot work. */
struct sync *
sync_new(const struct sync_conf *conf, const struct fetch_opts *fo,
    char **cause)
{
	struct sync	*s;

	if (conf->kind != SYNC_TTRSS) {
		xasprintf(cause, "no sync source");
		return (NULL);
	}
	if (conf->url == NULL || *conf->url == '\0') {
		xasprintf(cause, "urls-source ttrss needs ttrss-url");
		return (NULL);
	}
	if (conf->login == NULL || *conf->login == '\0') {
		xasprintf(cause, "urls-source ttrss needs ttrss-login");
		return (NULL);
	}
	s = xcalloc(1, sizeof *s);
	s->be = &sync_ttrss;
	s->url = xstrdup(conf->url);
	s->login = xstrdup(conf->login);
	s->password = sync_dup(conf->password);
	s->passwordfile = sync_dup(conf->passwordfile);
	s->passwordeval = sync_dup(conf->passwordeval);
	s->conf.kind = conf->kind;
	s->conf.url = s->url;
	s->conf.login = s->login;
	s->api_url = sync_make_api_url(s->url);
	xasprintf(&s->name, "%s %s", s->be->name, s->url);
	if (fo != NULL)
		s->fopts = *fo;
	else
		fetch_opts_default(&s->fopts);
	/* The configuration's proxy and User-Agent, copied. */
	s->proxy = sync_dup(s->fopts.proxy);
	s->user_agent = sync_dup(s->fopts.user_agent);
	s->fopts.proxy = s->proxy;
	s->fopts.user_agent = s->user_agent;
	return (s);
}

/* Free the sync and what it holds; the password's bytes are wiped. */
void
sync_free(struct sync *s)
{
	if (s == NULL)
		return;
	if (s->be_data != NULL && s->be->free != NULL)
		s->be->free(s->be_data);
	if (s->curl != NULL)
		curl_easy_cleanup(s->curl);
	curl_slist_free_all(s->headers);
	if (s->password != NULL)
		explicit_bzero(s->password, strlen(s->password));
	free(s->password);
	free(s->passwordfile);
	free(s->passwordeval);
	free(s->url);
	free(s->login);
	free(s->api_url);
	free(s->name);
	free(s->proxy);
	free(s->user_agent);
	free(s->subs);
	free(s->tags);
	db_sync_feeds_free(s->cached, s->ncached);
	free(s->detail);
	free(s);
}

/* Ask cb (with arg) between and during requests whether to stop. */
void
sync_set_cancel(struct sync *s, sync_cancel_fn cb, void *arg)
{
	s->cancel = cb;
	s->cancel_arg = arg;
}

/* The source's name for messages and events. */
const char *
sync_name(const struct sync *s)
{
	return (s->name);
}

/* The API's URL (backends). */
const char *
sync_api_url(const struct sync *s)
{
	return (s->api_url);
}

/* The login name (backends). */
const char *
sync_login_name(const struct sync *s)
{
	return (s->login);
}

/* The backend's own state. */
void *
sync_backend_data(struct sync *s)
{
	return (s->be_data);
}

/* Keep the backend's own state (freed with its free call). */
void
sync_set_backend_data(struct sync *s, void *data)
{
	s->be_data = data;
}

/* Record why the sync fails (the first failure stays); returns -1. */
int
sync_fail(struct sync *s, int kind, long code, const char *detail)
{
	if (s->reason != REASON_NONE)
		return (-1);
	s->reason = kind != REASON_NONE ? kind : REASON_FAILED;
	s->code = code;
	free(s->detail);
	s->detail = detail != NULL && *detail != '\0' ? xstrdup(detail) : NULL;
	return (-1);
}

static void
sync_fail_clear(struct sync *s)
{
	s->reason = REASON_NONE;
	s->code = 0;
	free(s->detail);
	s->detail = NULL;
}

static bool
sync_cancelled(struct sync *s)
{
	return (s->cancel != NULL && s->cancel(s->cancel_arg));
}

/* ---- HTTP ---- */

struct sync_body {
	struct sync	*s;
	struct str	*out;
	int		 too_large;
};

static size_t
sync_write_cb(char *buf, size_t size, size_t n, void *arg)
{
	struct sync_body	*b = arg;

	if ((int64_t)(b->out->len + size * n) > b->s->fopts.max_body) {
		b->too_large = 1;
		return (0);
	}
	str_append(b->out, buf, size * n);
	return (size * n);
}

static int
sync_progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
    curl_off_t un)
{
	struct sync	*s = arg;

	(void)dt;
	(void)dn;
	(void)ut;
	(void)un;
	return (sync_cancelled(s) ? 1 : 0);
}

/* The handle, made once: one connection for every request of a source. */
static CURL *
sync_curl(struct sync *s)
{
	if (s->curl != NULL)
		return (s->curl);
	if ((s->curl = curl_easy_init()) == NULL)
		return (NULL);
	s->headers = curl_slist_append(NULL,
	    "Content-Type: application/json");
	s->headers = curl_slist_append(s->headers, "Accept: application/json");
	curl_easy_setopt(s->curl, CURLOPT_URL, s->api_url);
	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, s->headers);
	curl_easy_setopt(s->curl, CURLOPT_USERAGENT, s->user_agent != NULL ?
	    s->user_agent : fetch_user_agent());
	if (s->proxy != NULL)
		curl_easy_setopt(s->curl, CURLOPT_PROXY, s->proxy);
	curl_easy_setopt(s->curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT,
	    s->fopts.connect_timeout);
	curl_easy_setopt(s->curl, CURLOPT_LOW_SPEED_TIME,
	    s->fopts.low_speed_time);
	curl_easy_setopt(s->curl, CURLOPT_LOW_SPEED_LIMIT,
	    s->fopts.low_speed_limit);
	if (s->fopts.timeout > 0)
		curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, s->fopts.timeout);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, sync_write_cb);
	curl_easy_setopt(s->curl, CURLOPT_XFERINFOFUNCTION, sync_progress_cb);
	curl_easy_setopt(s->curl, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(s->curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	return (s->curl);
}

/*
 * POST body (JSON) to the API and read the reply into *reply (cleared
 * first). A reply that is not HTTP 200 fails with its status; the
 * request's body is never logged (it may hold the password).
 */
int
sync_request(struct sync *s, const char *body, struct str *reply)
{
	struct sync_body	 b;
	CURL			*c;
	CURLcode		 rc;
	long			 status = 0, oserr = 0;
	char			*detail;

	str_clear(reply);
	if (sync_cancelled(s))
		return (sync_fail(s, REASON_CANCELLED, 0, NULL));
	if ((c = sync_curl(s)) == NULL)
		return (sync_fail(s, REASON_START, 0, "libcurl"));
	b.s = s;
	b.out = reply;
	b.too_large = 0;
	s->errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	rc = curl_easy_perform(c);
	s->requests++;
	s->bytes += (int64_t)reply->len;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK) {
		if (sync_cancelled(s) || rc == CURLE_ABORTED_BY_CALLBACK)
			return (sync_fail(s, REASON_CANCELLED, 0, NULL));
		if (b.too_large)
			return (sync_fail(s, REASON_TOO_LARGE, 0, NULL));
		curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &oserr);
		detail = s->errbuf[0] != '\0' ? s->errbuf :
		    (char *)curl_easy_strerror(rc);
		log_debug("sync: %s: %s", s->api_url, detail);
		return (sync_fail(s, fetch_curl_reason(rc, oserr), 0, detail));
	}
	if (status != 200) {
		log_debug("sync: %s: HTTP %ld", s->api_url, status);
		return (sync_fail(s, REASON_HTTP, status, NULL));
	}
	return (0);
}

/* ---- the password ---- */

struct sync_eval {
	struct str		 out;
	struct fetch_result	*r;
};

static int
sync_eval_data(void *arg, const struct fetch_head *h, const char *buf,
    size_t len, int *reason, char **detail)
{
	struct sync_eval	*e = arg;

	(void)h;
	(void)detail;
	if (e->out.len + len > 4096) {
		*reason = REASON_TOO_LARGE;
		return (FETCH_ABORT);
	}
	str_append(&e->out, buf, len);
	return (FETCH_CONTINUE);
}

static void
sync_eval_done(void *arg, struct fetch_result *r)
{
	struct sync_eval	*e = arg;

	e->r = r;
}

/* The first line of text, without its end (in place). */
static void
sync_first_line(char *s)
{
	s[strcspn(s, "\r\n")] = '\0';
}

/*
 * The password: as configured, else the first line of the password file,
 * else the first line a command prints (run as exec: feeds are, without
 * a shell: fetch-exec.c). Kept once read. -1 (sync_fail) when none.
 */
static int
sync_password(struct sync *s)
{
	struct sync_eval	 e;
	struct fetch		*f;
	struct str		 cmd;
	FILE			*fp;
	char			 line[1024], *why = NULL;

	if (s->password != NULL)
		return (0);
	if (s->passwordfile != NULL) {
		if ((fp = fopen(s->passwordfile, "r")) == NULL) {
			snprintf(line, sizeof line, "%s: %s", s->passwordfile,
			    strerror(errno));
			return (sync_fail(s, REASON_NO_PASSWORD, 0, line));
		}
		if (fgets(line, sizeof line, fp) == NULL)
			line[0] = '\0';
		fclose(fp);
		sync_first_line(line);
		if (line[0] == '\0')
			return (sync_fail(s, REASON_NO_PASSWORD, 0,
			    s->passwordfile));
		s->password = xstrdup(line);
		explicit_bzero(line, sizeof line);
		return (0);
	}
	if (s->passwordeval == NULL)
		return (sync_fail(s, REASON_NO_PASSWORD, 0, NULL));
	if ((f = fetch_new(&s->fopts, &why)) == NULL) {
		sync_fail(s, REASON_START, 0, why);
		free(why);
		return (-1);
	}
	memset(&e, 0, sizeof e);
	str_init(&e.out);
	str_init(&cmd);
	str_printf(&cmd, "exec:%s", s->passwordeval);
	fetch_add(f, str_cstr(&cmd), NULL, NULL, sync_eval_data, sync_eval_done,
	    &e);
	str_free(&cmd);
	while (fetch_run(f, 200) > 0) {
		if (sync_cancelled(s))
			fetch_cancel(f);
	}
	fetch_free(f);
	if (e.r == NULL || e.r->status != FETCH_OK) {
		if (e.r != NULL && e.r->reason != REASON_NONE)
			sync_fail(s, e.r->reason, e.r->code, e.r->detail);
		else
			sync_fail(s, REASON_NO_PASSWORD, 0, NULL);
	} else {
		str_appendc(&e.out, '\0');
		sync_first_line(e.out.ptr);
		if (e.out.ptr[0] != '\0')
			s->password = xstrdup(e.out.ptr);
		else
			sync_fail(s, REASON_NO_PASSWORD, 0, "ttrss-passwordeval");
	}
	if (e.out.ptr != NULL)
		explicit_bzero(e.out.ptr, e.out.len);
	str_free(&e.out);
	fetch_result_free(e.r);
	return (s->password != NULL ? 0 : -1);
}

/* Log in unless logged in; a refused password is read again next time. */
static int
sync_login(struct sync *s)
{
	if (s->logged_in)
		return (0);
	if (sync_password(s) != 0)
		return (-1);
	if (s->be->login(s, s->password) != 0) {
		if (s->reason == REASON_LOGIN && (s->passwordfile != NULL ||
		    s->passwordeval != NULL)) {
			explicit_bzero(s->password, strlen(s->password));
			free(s->password);
			s->password = NULL;
		}
		return (-1);
	}
	s->logged_in = 1;
	return (0);
}

/* Log in again after the server forgot the session (backends). */
int
sync_relogin(struct sync *s)
{
	s->logged_in = 0;
	return (sync_login(s));
}

/* ---- the cache ---- */

/* The source's row in the cache, made when new (0 with *cause on failure). */
int64_t
sync_source_id(struct sync *s, struct db *db, char **cause)
{
	int64_t	id, mark;

	if (s->source != 0 && s->source_db == db)
		return (s->source);
	if (db_sync_source(db, s->be->name, s->api_url, s->login, &id, &mark,
	    cause) != 0)
		return (0);
	s->source = id;
	s->source_db = db;
	return (id);
}

/* Subscriptions for db_feed_sync from n cached or listed feeds. */
static void
sync_make_subs(struct sync *s, const struct db_sync_feed *v, size_t n)
{
	size_t	i;

	free(s->subs);
	free(s->tags);
	s->subs = xcalloc(n > 0 ? n : 1, sizeof *s->subs);
	s->tags = xcalloc(n > 0 ? n : 1, sizeof *s->tags);
	for (i = 0; i < n; i++) {
		s->subs[i].url = v[i].url;
		s->subs[i].title = v[i].title;
		s->tags[i] = v[i].category;
		s->subs[i].tags = &s->tags[i];
		s->subs[i].ntags = v[i].category != NULL ? 1 : 0;
	}
	s->nsubs = n;
}

/*
 * The source's feeds as the cache has them (as last synced), as
 * subscriptions: what start-up shows and the poller's urls-file sync
 * keeps, without waiting for the server.
 */
int
sync_cached_subs(struct sync *s, struct db *db, const struct db_sub **out,
    size_t *nout, char **cause)
{
	int64_t	source;

	*out = NULL;
	*nout = 0;
	if ((source = sync_source_id(s, db, cause)) == 0)
		return (-1);
	db_sync_feeds_free(s->cached, s->ncached);
	s->cached = NULL;
	s->ncached = 0;
	if (db_sync_feeds(db, source, &s->cached, &s->ncached, cause) != 0)
		return (-1);
	sync_make_subs(s, s->cached, s->ncached);
	*out = s->subs;
	*nout = s->nsubs;
	return (0);
}

/* Free the lists a backend returned. */
void
sync_feeds_free(struct sync_feed *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].url);
		free(v[i].title);
		free(v[i].category);
	}
	free(v);
}

void
sync_items_free(struct sync_item *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].feed);
		item_free(v[i].item);
	}
	free(v);
}

/* A cache failure as the sync's. */
static int
sync_db_fail(struct sync *s, char *cause)
{
	sync_fail(s, REASON_CACHE, 0, cause);
	log_debug("sync: %s: cache: %s", s->name, cause);
	free(cause);
	return (-1);
}

/* 1. Send the queued changes; each batch leaves the queue when confirmed. */
static int
sync_push(struct sync *s, struct db *db, struct sync_report *rep)
{
	struct db_sync_change	*v;
	int64_t			*ids, *rows;
	size_t			 n, i, k, done;
	int			 field, value;
	char			*cause = NULL;

	for (;;) {
		if (db_sync_changes(db, s->source, SYNC_PUSH_READ, &v, &n,
		    &cause) != 0)
			return (sync_db_fail(s, cause));
		if (n == 0)
			return (0);
		ids = xcalloc(n, sizeof *ids);
		rows = xcalloc(n, sizeof *rows);
		done = 0;
		/* One request per field and value (and per chunk of them). */
		for (field = 0; field < 2; field++) {
			for (value = 0; value < 2; value++) {
				k = 0;
				for (i = 0; i <= n; i++) {
					if (i < n && (v[i].field != field ||
					    v[i].value != (value != 0)))
						continue;
					if (i < n) {
						ids[k] = v[i].remote_id;
						rows[done + k] = v[i].id;
						k++;
					}
					if (k == 0 || (k < SYNC_PUSH_CHUNK &&
					    i < n))
						continue;
					if (s->be->push(s, field, value != 0, ids,
					    k) != 0)
						goto fail;
					if (db_sync_changes_done(db, rows + done,
					    k, &cause) != 0) {
						sync_db_fail(s, cause);
						goto fail;
					}
					done += k;
					rep->pushed += (int)k;
					k = 0;
				}
			}
		}
		free(ids);
		free(rows);
		free(v);
		if (n < SYNC_PUSH_READ)
			return (0);
	}

fail:
	free(ids);
	free(rows);
	free(v);
	return (-1);
}

/* The cache's key for a server's feed: its own URL, or the server's id. */
static char *
sync_feed_key(struct sync *s, const struct sync_feed *f)
{
	char	*key;

	if (f->url != NULL && *f->url != '\0')
		return (xstrdup(f->url));
	xasprintf(&key, "%s:%s#%s", s->be->name, s->url, f->id);
	return (key);
}

/* Whether the listed feeds differ from the cached ones (ids, titles, tags). */
static bool
sync_feeds_differ(const struct db_sync_feed *a, size_t na,
    const struct db_sync_feed *b, size_t nb)
{
	size_t	i;

	if (na != nb)
		return (true);
	for (i = 0; i < na; i++) {
		if (strcmp(a[i].url, b[i].url) != 0 ||
		    (a[i].title == NULL) != (b[i].title == NULL) ||
		    (a[i].title != NULL && strcmp(a[i].title, b[i].title) != 0) ||
		    (a[i].category == NULL) != (b[i].category == NULL) ||
		    (a[i].category != NULL &&
		    strcmp(a[i].category, b[i].category) != 0))
			return (true);
	}
	return (false);
}

/* 2. List the feeds into the cache, beside the urls file's (local). */
static int
sync_list_feeds(struct sync *s, struct db *db, const struct db_sub *local,
    size_t nlocal, struct db_sync_feed **outv, size_t *outn,
    struct sync_report *rep)
{
	struct sync_feed	*f = NULL;
	struct db_sync_feed	*v;
	struct db_sub		*all;
	size_t			 n = 0, i, j, nall;
	char			*cause = NULL;
	int			 rc;

	/* What the cache had, to tell whether the list changed. */
	if (sync_cached_subs(s, db, (const struct db_sub **)&all, &nall,
	    &cause) != 0)
		return (sync_db_fail(s, cause));
	if (s->be->feeds(s, &f, &n) != 0)
		return (-1);
	v = xcalloc(n > 0 ? n : 1, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].remote_id = xstrdup(f[i].id);
		v[i].url = sync_feed_key(s, &f[i]);
		v[i].title = f[i].title != NULL ? xstrdup(f[i].title) : NULL;
		v[i].category = f[i].category != NULL ?
		    xstrdup(f[i].category) : NULL;
		v[i].unread = f[i].unread;
	}
	sync_feeds_free(f, n);
	rep->feeds_changed = sync_feeds_differ(s->cached, s->ncached, v, n);

	/* The urls file's feeds first; a URL both list is the urls file's. */
	sync_make_subs(s, v, n);
	all = xcalloc(nlocal + n + 1, sizeof *all);
	for (i = 0; i < nlocal; i++)
		all[i] = local[i];
	nall = nlocal;
	for (i = 0; i < n; i++) {
		for (j = 0; j < nlocal; j++) {
			if (strcmp(local[j].url, v[i].url) == 0)
				break;
		}
		if (j == nlocal)
			all[nall++] = s->subs[i];
	}
	rc = db_feed_sync(db, all, nall, &cause);
	free(all);
	if (rc == 0)
		rc = db_sync_feeds_set(db, s->source, v, n, &cause);
	if (rc != 0) {
		db_sync_feeds_free(v, n);
		return (sync_db_fail(s, cause));
	}
	/* The cache's ids of the feeds, for the items. */
	if (sync_cached_subs(s, db, (const struct db_sub **)&all, &nall,
	    &cause) != 0) {
		db_sync_feeds_free(v, n);
		return (sync_db_fail(s, cause));
	}
	*outv = v;
	*outn = n;
	return (0);
}

/* The cache's feed id of a server's feed id (listed: v, n), 0: none. */
static int64_t
sync_feed_id(const struct db_sync_feed *v, size_t n, const char *remote)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].remote_id, remote) == 0)
			return (v[i].feed_id);
	}
	return (0);
}

/* Store one page of items: one transaction, with their states and mark. */
static int
sync_store_page(struct sync *s, struct db *db, struct sync_item *it,
    size_t n, int64_t mark, bool last, struct sync_report *rep)
{
	const struct db_sync_feed *cf = s->cached;
	int64_t			 feed;
	size_t			 i, j;
	bool			 inserted, *done;
	char			*cause = NULL;

	done = xcalloc(n > 0 ? n : 1, sizeof *done);
	if (db_batch_begin(db, &cause) != 0)
		goto fail;
	/* Feed by feed, in the order they come. */
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		feed = sync_feed_id(cf, s->ncached, it[i].feed);
		if (feed == 0) {
			done[i] = true;		/* a feed not listed: skipped */
			continue;
		}
		if (db_feed_begin(db, feed, &cause) != 0)
			goto fail;
		for (j = i; j < n; j++) {
			if (done[j] || strcmp(it[j].feed, it[i].feed) != 0)
				continue;
			done[j] = true;
			if (db_item_upsert(db, feed, it[j].item, &inserted,
			    &cause) != 0 || db_sync_item_map(db, s->source,
			    feed, it[j].item->guid, it[j].id, &cause) != 0)
				goto fail;
			if (inserted)
				rep->new_items++;
		}
		if (db_feed_commit(db, feed, NULL, &cause) != 0)
			goto fail;
	}
	/* Their states, after the feeds' counts took them in as unread. */
	for (i = 0; i < n; i++) {
		if ((!it[i].unread && db_sync_item_state(db, s->source,
		    it[i].id, DB_SYNC_UNREAD, false, &cause) != 0) ||
		    (it[i].starred && db_sync_item_state(db, s->source,
		    it[i].id, DB_SYNC_STARRED, true, &cause) != 0))
			goto fail;
	}
	if (last && db_sync_set_mark(db, s->source, mark, &cause) != 0)
		goto fail;
	if (db_batch_commit(db, &cause) != 0)
		goto fail;
	free(done);
	return (0);

fail:
	if (db_batch_open(db))
		db_batch_rollback(db);
	free(done);
	return (sync_db_fail(s, cause));
}

/* 3. Fetch the items after the mark, page by page. */
static int
sync_fetch_items(struct sync *s, struct db *db, int64_t since,
    struct sync_report *rep)
{
	struct sync_item	*it;
	size_t			 n, i;
	int64_t			 mark = since;
	int			 skip = 0, pages, rows;
	bool			 last;

	for (pages = 0; pages < SYNC_ITEM_PAGES; pages++) {
		if (s->be->items(s, since, skip, &it, &n, &rows) != 0)
			return (-1);
		for (i = 0; i < n; i++) {
			if (it[i].id > mark)
				mark = it[i].id;
		}
		last = rows < s->be->page;
		if ((n > 0 || last) && sync_store_page(s, db, it, n, mark, last,
		    rep) != 0) {
			sync_items_free(it, n);
			return (-1);
		}
		sync_items_free(it, n);
		if (last)
			return (0);
		skip += rows;
	}
	return (0);		/* the next sync goes on from the old mark */
}

static int
sync_cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return ((x > y) - (x < y));
}

/*
 * Read a whole list of remote ids (sorted into *out), within *budget
 * pages; *complete says whether it ended within them.
 */
static int
sync_read_list(struct sync *s, enum sync_list list, const char *feed,
    int max_pages, int *budget, int64_t **out, size_t *nout, bool *complete)
{
	int64_t	*v = NULL, *page;
	size_t	 n = 0, np;
	int	 skip = 0, pages = 0, rows;

	*complete = false;
	while (*budget > 0 && pages < max_pages) {
		(*budget)--;
		pages++;
		if (s->be->ids(s, list, feed, skip, &page, &np, &rows) != 0) {
			free(v);
			return (-1);
		}
		v = xreallocarray(v, n + np + 1, sizeof *v);
		if (np > 0)
			memcpy(v + n, page, np * sizeof *v);
		n += np;
		free(page);
		skip += rows;
		if (rows < s->be->page) {
			*complete = true;
			break;
		}
	}
	qsort(v, n, sizeof *v, sync_cmp_id);
	*out = v;
	*nout = n;
	return (0);
}

/*
 * Make the cache's items of the source (of one feed; 0: all) agree with
 * a server's list for field: listed ones get value; when the list is
 * complete, the others whose field is value lose it.
 */
static int
sync_apply_list(struct sync *s, struct db *db, int64_t feed,
    enum db_sync_field field, bool value, const int64_t *ids, size_t n,
    bool complete, struct sync_report *rep)
{
	int64_t	*have = NULL, *other = NULL;
	size_t	 nhave = 0, nother = 0, i;
	char	*cause = NULL;

	if (db_sync_items_with(db, s->source, feed, field, !value, &other,
	    &nother, &cause) != 0)
		return (sync_db_fail(s, cause));
	if (complete && db_sync_items_with(db, s->source, feed, field, value,
	    &have, &nhave, &cause) != 0) {
		free(other);
		return (sync_db_fail(s, cause));
	}
	if (db_batch_begin(db, &cause) != 0)
		goto fail;
	/* Listed but not so here: set. */
	for (i = 0; i < nother; i++) {
		if (bsearch(&other[i], ids, n, sizeof *ids, sync_cmp_id) == NULL)
			continue;
		if (db_sync_item_state(db, s->source, other[i], field, value,
		    &cause) != 0)
			goto fail;
		rep->pulled++;
	}
	/* So here but not listed (a complete list): cleared. */
	for (i = 0; i < nhave; i++) {
		if (bsearch(&have[i], ids, n, sizeof *ids, sync_cmp_id) != NULL)
			continue;
		if (db_sync_item_state(db, s->source, have[i], field, !value,
		    &cause) != 0)
			goto fail;
		rep->pulled++;
	}
	if (db_batch_commit(db, &cause) != 0)
		goto fail;
	free(have);
	free(other);
	return (0);

fail:
	if (db_batch_open(db))
		db_batch_rollback(db);
	free(have);
	free(other);
	return (sync_db_fail(s, cause));
}

/* 4. Pull the states changed elsewhere, within SYNC_PULL_PAGES requests. */
static int
sync_pull(struct sync *s, struct db *db, const struct db_sync_feed *listed,
    size_t nlisted, struct sync_report *rep)
{
	const struct db_sub *subs;
	int64_t	*ids;
	size_t	 n, i, j, nsubs;
	int	 budget = SYNC_PULL_PAGES;
	bool	 complete;
	int	 rc;
	char	*cause = NULL;

	/* Read lately: one page, newest first. */
	if (sync_read_list(s, SYNC_LIST_READ_RECENTLY, NULL, 1, &budget, &ids,
	    &n, &complete) != 0)
		return (-1);
	rc = sync_apply_list(s, db, 0, DB_SYNC_UNREAD, false, ids, n, false,
	    rep);
	free(ids);
	if (rc != 0)
		return (-1);
	/* Starred: the whole list when it fits. */
	if (sync_read_list(s, SYNC_LIST_STARRED, NULL, SYNC_PULL_PAGES / 2,
	    &budget, &ids, &n, &complete) != 0)
		return (-1);
	rc = sync_apply_list(s, db, 0, DB_SYNC_STARRED, true, ids, n, complete,
	    rep);
	free(ids);
	if (rc != 0)
		return (-1);
	/* Unread: the feeds whose counts (as they are now) differ. */
	if (sync_cached_subs(s, db, &subs, &nsubs, &cause) != 0)
		return (sync_db_fail(s, cause));
	for (i = 0; i < nlisted && budget > 0; i++) {
		for (j = 0; j < s->ncached; j++) {
			if (strcmp(s->cached[j].remote_id,
			    listed[i].remote_id) == 0)
				break;
		}
		if (j == s->ncached || s->cached[j].unread == listed[i].unread)
			continue;
		if (sync_read_list(s, SYNC_LIST_UNREAD, listed[i].remote_id,
		    SYNC_PULL_PAGES, &budget, &ids, &n, &complete) != 0)
			return (-1);
		rc = sync_apply_list(s, db, s->cached[j].feed_id, DB_SYNC_UNREAD,
		    true, ids, n, complete, rep);
		free(ids);
		if (rc != 0)
			return (-1);
	}
	return (0);
}

/* Store the outcome on the source's feeds (their "!" in the feed list). */
static void
sync_store_result(struct sync *s, struct db *db, bool ok)
{
	struct db_fetch_result	 r;
	char			*cause = NULL;

	memset(&r, 0, sizeof r);
	if (ok)
		r.http_status = 200;
	else {
		r.http_status = s->reason == REASON_HTTP ? (int)s->code : 0;
		r.error = s->detail != NULL ? s->detail : "";
		r.error_kind = s->reason;
		r.error_code = s->code;
		r.failures = 1;
	}
	if (db_sync_set_result(db, s->source, &r, &cause) != 0) {
		log_debug("sync: %s: storing the result: %s", s->name, cause);
		free(cause);
	}
}

/*
 * Sync the source once into the cache (the steps at the top of this
 * file), beside the urls file's subscriptions (local, nlocal). 0, or -1
 * with the failure in *report; what was stored before a failure stays.
 */
int
sync_run(struct sync *s, struct db *db, const struct db_sub *local,
    size_t nlocal, struct sync_report *rep)
{
	struct db_sync_feed	*listed = NULL;
	size_t			 nlisted = 0;
	int64_t			 id, mark = 0;
	char			*cause = NULL;
	int			 rc = -1;

	memset(rep, 0, sizeof *rep);
	sync_fail_clear(s);
	s->requests = 0;
	s->bytes = 0;
	if (sync_source_id(s, db, &cause) == 0 ||
	    db_sync_source(db, s->be->name, s->api_url, s->login, &id, &mark,
	    &cause) != 0) {
		sync_db_fail(s, cause);
		goto out;
	}
	if (sync_login(s) != 0 || sync_push(s, db, rep) != 0 ||
	    sync_list_feeds(s, db, local, nlocal, &listed, &nlisted,
	    rep) != 0 || sync_fetch_items(s, db, mark, rep) != 0)
		goto out;
	if (mark != 0 && sync_pull(s, db, listed, nlisted, rep) != 0)
		goto out;
	rc = 0;
out:
	if (s->source != 0 && s->reason != REASON_CANCELLED)
		sync_store_result(s, db, rc == 0);
	db_sync_feeds_free(listed, nlisted);
	rep->ok = rc == 0;
	rep->reason = s->reason;
	rep->code = s->code;
	rep->detail = s->detail != NULL ? xstrdup(s->detail) : NULL;
	rep->requests = s->requests;
	rep->bytes = s->bytes;
	log_debug("sync: %s: %s, %d requests, %lld bytes, %d new, %d sent, "
	    "%d pulled", s->name, rc == 0 ? "done" : "failed", s->requests,
	    (long long)s->bytes, rep->new_items, rep->pushed, rep->pulled);
	return (rc);
}

/* Free what a report holds. */
void
sync_report_clear(struct sync_report *rep)
{
	free(rep->detail);
	rep->detail = NULL;
}
