/*
 * Tests for fetch.c against tests/feedserver.py on 127.0.0.1: conditional
 * GET, compression, chunking, slow and stalled servers, resets, redirects,
 * error statuses, limits, file: and exec: sources, pause and cancel.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"
#include "reason.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

#include "server.h"

static struct server	 srv;

/* What one job delivered. */
struct sink {
	struct str		 body;
	int			 chunks;
	int			 pause_first;	/* pause once on the first chunk */
	int			 paused;
	int			 abort_after;	/* abort after this many chunks */
	struct fetch_job	*job;
	struct fetch_result	*r;
	char			 ctype[128];
	char			 reason[1024];	/* the failure in words, or "" */
};

static int
sink_data(void *arg, const struct fetch_head *h, const char *buf, size_t len,
    int *reason, char **detail)
{
	struct sink	*s = arg;

	if (s->pause_first && !s->paused) {
		s->paused = 1;
		return (FETCH_PAUSE);
	}
	if (s->abort_after && s->chunks >= s->abort_after) {
		*reason = REASON_NOT_FEED;
		*detail = xstrdup("the sink's words");
		return (FETCH_ABORT);
	}
	if (h->content_type != NULL && s->ctype[0] == '\0')
		snprintf(s->ctype, sizeof s->ctype, "%s", h->content_type);
	s->chunks++;
	if (s->body.len < 4 * 1024 * 1024)
		str_append(&s->body, buf, len);
	return (FETCH_CONTINUE);
}

/* The result, and its failure in words as the edge would say it (C locale). */
static void
sink_done(void *arg, struct fetch_result *r)
{
	struct sink	*s = arg;
	char		*text;

	s->r = r;
	s->reason[0] = '\0';
	if (r->status == FETCH_FAILED) {
		text = reason_text(r->reason, r->code, r->detail);
		snprintf(s->reason, sizeof s->reason, "%s", text);
		free(text);
	}
}

static void
sink_init(struct sink *s)
{
	memset(s, 0, sizeof *s);
	str_init(&s->body);
}

static void
sink_free(struct sink *s)
{
	str_free(&s->body);
	fetch_result_free(s->r);
}

static struct fetch *
new_fetch(long low_speed_time, int64_t max_body)
{
	struct fetch_opts	 o;
	struct fetch		*f;
	char			*cause = NULL;

	fetch_opts_default(&o);
	o.connect_timeout = 5;
	o.low_speed_time = low_speed_time;
	o.low_speed_limit = 1000;
	o.exec_timeout = 2;
	o.max_body = max_body;
	f = fetch_new(&o, &cause);
	if (f == NULL) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	return (f);
}

static void
run_all(struct fetch *f)
{
	time_t	start = time(NULL);

	while (fetch_run(f, 200) > 0) {
		if (time(NULL) - start > 30) {
			diag("fetch_run did not finish in 30 s");
			fetch_cancel(f);
		}
	}
}

/* Fetch one URL with a fresh sink. */
static void
get(struct fetch *f, struct sink *s, const char *path, const char *etag,
    const char *lm)
{
	char	*url;

	if (*path != '/')
		url = xstrdup(path);
	else
		xasprintf(&url, "%s%s", srv.base, path);
	s->job = fetch_add(f, url, etag, lm, sink_data, sink_done, s);
	free(url);
	run_all(f);
}

static char *
slurp(const char *name)
{
	FILE		*fp;
	struct str	 s;
	char		 buf[4096];
	size_t		 n;

	str_init(&s);
	if ((fp = fopen(tap_data(name), "rb")) == NULL)
		return (xstrdup(""));
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		str_append(&s, buf, n);
	fclose(fp);
	return (str_steal(&s));
}

static int
same_body(struct sink *s, const char *want)
{
	return (s->body.ptr != NULL && strcmp(s->body.ptr, want) == 0);
}

static void
test_basic(struct fetch *f, const char *feed)
{
	struct sink	 s, c;
	char		*etag = NULL, *lm = NULL, *req, *p;

	sink_init(&s);
	get(f, &s, "/poller/akhbar.xml", NULL, NULL);
	ok(s.r != NULL && s.r->status == FETCH_OK, "plain 200 is FETCH_OK");
	is_int(s.r->http_code, 200, "http code 200");
	ok(same_body(&s, feed), "the body arrives byte for byte");
	ok(s.r->etag != NULL && s.r->etag[0] == '"', "ETag is reported");
	ok(s.r->last_modified != NULL && strstr(s.r->last_modified, "GMT"),
	    "Last-Modified is reported");
	is_str(s.ctype, "application/xml", "Content-Type reaches the sink");
	is_int(s.r->bytes, (int64_t)strlen(feed), "bytes counted");
	ok(s.r->reason == REASON_NONE && s.r->detail == NULL,
	    "no reason on success");
	ok(s.r->max_age == -1 && s.r->expires == -1 && s.r->retry_after == -1,
	    "no caching hints when the server sent none");
	etag = xstrdup(s.r->etag);
	lm = xstrdup(s.r->last_modified);
	req = server_request(&srv, "/poller/akhbar.xml");
	ok(req != NULL && strstr(req, "\"user-agent\": \"akhbar/") != NULL,
	    "User-Agent names akhbar");
	ok(req != NULL && strstr(req, "if-none-match") == NULL,
	    "no If-None-Match without a stored ETag");
	free(req);
	sink_free(&s);

	sink_init(&c);
	get(f, &c, "/poller/akhbar.xml", etag, NULL);
	ok(c.r->status == FETCH_NOT_MODIFIED, "matching ETag gives 304");
	is_int(c.r->http_code, 304, "http code 304");
	is_int(c.r->bytes, 0, "no body on 304");
	req = server_request(&srv, "/poller/akhbar.xml");
	ok(req != NULL && strlen(etag) > 8 &&
	    (p = strstr(req, "\"if-none-match\"")) != NULL &&
	    strncmp(p + 20, etag + 1, strlen(etag) - 2) == 0,
	    "If-None-Match carries the stored ETag");
	free(req);
	sink_free(&c);

	sink_init(&c);
	get(f, &c, "/lastmod/poller/akhbar.xml", NULL, lm);
	ok(c.r->status == FETCH_NOT_MODIFIED,
	    "matching Last-Modified gives 304");
	req = server_request(&srv, "/lastmod/poller/akhbar.xml");
	ok(req != NULL && strstr(req, "\"if-modified-since\"") != NULL,
	    "If-Modified-Since is sent");
	free(req);
	sink_free(&c);

	sink_init(&c);
	get(f, &c, "/etag/poller/akhbar.xml", "\"stale\"", NULL);
	ok(c.r->status == FETCH_OK && same_body(&c, feed),
	    "a stale ETag gets the full body");
	sink_free(&c);
	free(etag);
	free(lm);
}

static void
test_encodings(struct fetch *f, const char *feed, const char *big)
{
	struct sink	 s;
	char		*req;

	sink_init(&s);
	get(f, &s, "/gzip/poller/big.xml", NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, big),
	    "gzip is decoded before the sink");
	is_int(s.r->bytes, (int64_t)strlen(big), "bytes count decoded bytes");
	req = server_request(&srv, "/gzip/");
	ok(req != NULL && strstr(req, "\"accept-encoding\"") != NULL &&
	    strstr(req, "gzip") != NULL && strstr(req, "deflate") != NULL,
	    "Accept-Encoding offers gzip and deflate");
	free(req);
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/deflate/poller/akhbar.xml", NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, feed), "deflate decoded");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/chunked/poller/big.xml", NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, big),
	    "chunked transfer encoding");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/drip/poller/akhbar.xml?chunk=100&delay=10", NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, feed),
	    "a slow drip completes");
	ok(s.chunks > 3, "a drip arrives in several chunks (%d)", s.chunks);
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/ctype/text-plain/poller/akhbar.xml", NULL, NULL);
	ok(s.r->status == FETCH_OK, "a wrong Content-Type still fetches");
	is_str(s.r->content_type, "text/plain", "the Content-Type is reported");
	sink_free(&s);
}

static void
test_failures(struct fetch *f)
{
	struct sink	 s;
	time_t		 t0, now;
	int		 fd, port;
	struct sockaddr_in sin;
	socklen_t	 sl = sizeof sin;
	char		 url[128];

	sink_init(&s);
	t0 = time(NULL);
	get(f, &s, "/stall/poller/big.xml?bytes=200", NULL, NULL);
	is_int(s.r->status, FETCH_FAILED, "a stalled server fails");
	is_str(s.reason, "timeout", "... with reason timeout");
	ok(time(NULL) - t0 <= 5, "... within the low-speed time");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/reset/poller/big.xml", NULL, NULL);
	is_int(s.r->status, FETCH_FAILED, "a reset mid-body fails");
	ok(s.r->reason == REASON_RESET || s.r->reason == REASON_INCOMPLETE,
	    "... as connection reset (%s)", s.reason);
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/status/404", NULL, NULL);
	is_str(s.reason, "HTTP 404", "404 is reported as HTTP 404");
	ok(s.r->reason == REASON_HTTP && s.r->code == 404,
	    "... as a kind and a number");
	is_int(s.r->http_code, 404, "... with its code");
	is_int(s.chunks, 0, "an error body never reaches the sink");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/status/500", NULL, NULL);
	is_str(s.reason, "HTTP 500", "500 is reported as HTTP 500");
	sink_free(&s);

	sink_init(&s);
	now = time(NULL);
	get(f, &s, "/status/429?retry-after=120", NULL, NULL);
	is_str(s.reason, "HTTP 429", "429 is reported");
	ok(s.r->retry_after >= now + 119 && s.r->retry_after <= now + 125,
	    "Retry-After in seconds becomes a time");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/status/503?retry-after=Wed,%2021%20Oct%202037%2007:28:00%20GMT",
	    NULL, NULL);
	is_str(s.reason, "HTTP 503", "503 is reported");
	is_int(s.r->retry_after, 2139722880, "Retry-After as an HTTP date");
	sink_free(&s);

	/* Absurd figures are read as a year, not overflowed. */
	sink_init(&s);
	now = time(NULL);
	get(f, &s, "/status/503?retry-after=9223372036854775000", NULL, NULL);
	ok(s.r->retry_after > now && s.r->retry_after <= now + 367 * 86400,
	    "a huge Retry-After becomes at most a year");
	sink_free(&s);
	sink_init(&s);
	get(f, &s, "/maxage/9223372036854775000/rss2.xml", NULL, NULL);
	ok(s.r->max_age > 0 && s.r->max_age <= 367 * 86400,
	    "... and so does a huge max-age");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/html", NULL, NULL);
	ok(s.r->status == FETCH_OK && strstr(s.ctype, "text/html") != NULL,
	    "an HTML page is fetched; the parser decides");
	sink_free(&s);

	sink_init(&s);
	s.abort_after = 1;
	get(f, &s, "/poller/big.xml", NULL, NULL);
	is_str(s.reason, "not a feed: the sink's words",
	    "the sink's reason and words when it stops");
	sink_free(&s);

	/* A port nobody listens on. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sin, sizeof sin);
	getsockname(fd, (struct sockaddr *)&sin, &sl);
	port = ntohs(sin.sin_port);
	close(fd);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/x.xml", port);
	sink_init(&s);
	get(f, &s, url, NULL, NULL);
	is_str(s.reason, "connection refused", "connection refused");
	sink_free(&s);

	/* https to a server that speaks plain HTTP: the handshake fails. */
	snprintf(url, sizeof url, "https://127.0.0.1:%d/poller/akhbar.xml",
	    srv.port);
	sink_init(&s);
	get(f, &s, url, NULL, NULL);
	is_str(s.reason, "TLS", "a failed TLS handshake is reported as TLS");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "ftp://127.0.0.1/x", NULL, NULL);
	is_str(s.reason, "unsupported URL", "ftp: is refused");
	sink_free(&s);
}

static void
test_limits(struct fetch *f)
{
	struct sink	 s;

	sink_init(&s);
	get(f, &s, "/endless", NULL, NULL);
	is_str(s.reason, "too large", "an endless body stops at the limit");
	ok(s.r->bytes <= 1024 * 1024, "... having delivered at most the limit");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/gzipbomb?size=20000000", NULL, NULL);
	is_str(s.reason, "too large",
	    "a gzip bomb stops at the decoded limit");
	ok(s.r->bytes <= 1024 * 1024, "... before inflating past it");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/poller/big.xml", NULL, NULL);
	is_str(s.reason, "too large",
	    "a 146 kB feed with a 100 kB limit is too large");
	sink_free(&s);
}

static void
test_redirects(struct fetch *f, const char *feed)
{
	struct sink	 s;
	char		 want[256];

	sink_init(&s);
	get(f, &s, "/redirect/301,308/poller/akhbar.xml", NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, feed),
	    "301 then 308 are followed");
	snprintf(want, sizeof want, "%s/poller/akhbar.xml", srv.base);
	is_str(s.r->moved_to, want, "a permanent chain reports the new URL");
	is_str(s.r->url, want, "the effective URL is the last one");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/redirect/302/poller/akhbar.xml", NULL, NULL);
	ok(s.r->status == FETCH_OK && s.r->moved_to == NULL,
	    "302 is followed and moves nothing");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/redirect/301,302/poller/akhbar.xml", NULL, NULL);
	snprintf(want, sizeof want, "%s/redirect/302/poller/akhbar.xml",
	    srv.base);
	is_str(s.r->moved_to, want,
	    "301 then 302: the URL moves to the temporary redirect");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/redirect/307,301/poller/akhbar.xml", NULL, NULL);
	ok(s.r->status == FETCH_OK && s.r->moved_to == NULL,
	    "307 then 301: the feed's URL stays");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/loop", NULL, NULL);
	is_str(s.reason, "too many redirects", "a redirect loop ends");
	ok(server_count(&srv, "/loop") <= 12, "... after a bounded number");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "/redirect/301/status/404", NULL, NULL);
	ok(s.r->status == FETCH_FAILED && s.r->moved_to == NULL,
	    "a failed fetch moves nothing");
	sink_free(&s);
}

static void
test_hints(struct fetch *f)
{
	struct sink	 s;
	time_t		 now;

	sink_init(&s);
	get(f, &s, "/maxage/600/poller/akhbar.xml", NULL, NULL);
	is_int(s.r->max_age, 600, "Cache-Control max-age");
	sink_free(&s);

	sink_init(&s);
	now = time(NULL);
	get(f, &s, "/expires/3600/poller/akhbar.xml", NULL, NULL);
	ok(s.r->expires >= now + 3590 && s.r->expires <= now + 3610,
	    "Expires becomes a time");
	sink_free(&s);
}

static void
test_local(struct fetch *f, const char *feed)
{
	struct sink	 s;
	char		 url[2048], cmd[2048], cwd[1024];
	const char	*p;

	p = tap_data("poller/akhbar.xml");
	if (*p != '/' && getcwd(cwd, sizeof cwd) != NULL)
		snprintf(url, sizeof url, "file://%s/%s", cwd, p);
	else
		snprintf(url, sizeof url, "file://%s", p);
	sink_init(&s);
	get(f, &s, url, NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, feed), "file: URLs");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "file:///nonexistent/akhbar.xml", NULL, NULL);
	is_str(s.reason, "cannot read file", "a missing file");
	sink_free(&s);

	/* A FIFO with no writer would block a reader for ever. */
	snprintf(cwd, sizeof cwd, "/tmp/akhbar-fifo.%ld", (long)getpid());
	unlink(cwd);
	if (mkfifo(cwd, 0600) == 0) {
		snprintf(cmd, sizeof cmd, "file://%s", cwd);
		sink_init(&s);
		get(f, &s, cmd, NULL, NULL);
		is_str(s.reason, "not a regular file",
		    "a file: URL naming a FIFO fails at once");
		sink_free(&s);
		unlink(cwd);
	} else
		tap_skip("mkfifo failed");
	sink_init(&s);
	get(f, &s, "file:///tmp", NULL, NULL);
	is_str(s.reason, "not a regular file", "... and one naming a directory");
	sink_free(&s);
	sink_init(&s);
	get(f, &s, "file://example.org/etc/hosts", NULL, NULL);
	is_str(s.reason, "bad URL", "... and one naming another host");
	sink_free(&s);

	/* A file: job can be paused (libcurl's file: reader could not). */
	sink_init(&s);
	s.pause_first = 1;
	s.job = fetch_add(f, url, NULL, NULL, sink_data, sink_done, &s);
	while (fetch_run(f, 50) > 0 && s.r == NULL) {
		if (s.paused == 1) {
			s.paused = 2;
			fetch_resume(s.job);
		}
	}
	ok(s.r != NULL && s.r->status == FETCH_OK && same_body(&s, feed),
	    "a paused file: job resumes with its chunk");
	sink_free(&s);

	snprintf(cmd, sizeof cmd, "exec:cat '%s'", p);
	sink_init(&s);
	get(f, &s, cmd, NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, feed),
	    "exec: runs a command and reads its output");
	sink_free(&s);

	sink_init(&s);
	s.pause_first = 1;
	s.job = fetch_add(f, cmd, NULL, NULL, sink_data, sink_done, &s);
	while (fetch_run(f, 50) > 0 && s.r == NULL) {
		if (s.paused == 1) {
			s.paused = 2;
			fetch_resume(s.job);
		}
	}
	ok(s.r != NULL && s.r->status == FETCH_OK && same_body(&s, feed),
	    "a paused exec: job resumes with its chunk");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "exec:sh -c 'echo \"<rss>\"; exit 3'", NULL, NULL);
	is_str(s.reason, "command failed (exit 3)",
	    "a command's exit status is reported");
	is_str(s.body.ptr, "<rss>\n", "... after its output was read");
	sink_free(&s);

	/* The last line on stderr joins the reason, cut to 160 bytes. */
	sink_init(&s);
	get(f, &s, "exec:sh -c 'echo first >&2; printf \"%0300d\\n\" 0 >&2; "
	    "exit 4'", NULL, NULL);
	memset(cwd, '0', 160);
	strcpy(cwd + 160, "…");
	ok(strncmp(s.reason, "command failed (exit 4): ", 25) == 0 &&
	    strcmp(s.reason + 25, cwd) == 0,
	    "a failed command's long last stderr line is shortened (%s)",
	    s.reason);
	ok(s.r->reason == REASON_COMMAND_EXIT && s.r->code == 4 &&
	    s.r->detail != NULL && strcmp(s.r->detail, cwd) == 0,
	    "... kept as the detail of the kind and its exit status");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "exec:/nonexistent/command", NULL, NULL);
	is_str(s.reason, "cannot run command", "a missing command");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "exec:sleep 30", NULL, NULL);
	is_str(s.reason, "timeout", "a command that runs too long is killed");
	sink_free(&s);

	sink_init(&s);
	get(f, &s, "exec:echo $HOME;ls", NULL, NULL);
	is_str(s.body.ptr, "$HOME;ls\n", "no shell unless asked for");
	sink_free(&s);
}

static void
test_proxy(const char *feed)
{
	struct fetch_opts	 o;
	struct fetch		*f;
	struct sink		 s;
	char			*cause = NULL, *req;

	/* The proxy setting: the host is resolved by the proxy, not by us. */
	fetch_opts_default(&o);
	o.proxy = srv.base;
	f = fetch_new(&o, &cause);
	sink_init(&s);
	get(f, &s, "http://feeds.example.invalid/poller/atom.xml?via=setting",
	    NULL, NULL);
	ok(s.r->status == FETCH_OK, "the proxy setting is used");
	req = server_request(&srv, "/poller/atom.xml?via=setting");
	ok(req != NULL && strstr(req, "\"proxied\": \"feeds.example.invalid\"")
	    != NULL, "... for the feed's host");
	free(req);
	sink_free(&s);
	fetch_free(f);

	/* $http_proxy, as curl reads it. */
	setenv("http_proxy", srv.base, 1);
	f = new_fetch(2, 1024 * 1024);
	sink_init(&s);
	get(f, &s, "http://other.example.invalid/poller/akhbar.xml?via=env",
	    NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, feed),
	    "$http_proxy is honoured");
	sink_free(&s);
	/* Nothing listens on port 1: only the proxy could answer. */
	setenv("no_proxy", "127.0.0.1", 1);
	sink_init(&s);
	get(f, &s, "http://127.0.0.1:1/poller/akhbar.xml?via=none", NULL, NULL);
	ok(s.r->status == FETCH_FAILED && server_count(&srv,
	    "/poller/akhbar.xml?via=none") == 0, "... and so is $no_proxy (%s)",
	    s.reason);
	sink_free(&s);
	unsetenv("http_proxy");
	unsetenv("no_proxy");
	fetch_free(f);
}

static void
test_auth(const char *feed)
{
	struct fetch	*f;
	struct sink	 s;
	char		 url[256], home[] = "/tmp/akhbar-home.XXXXXX", path[300];
	const char	*old;
	char		*saved = NULL;
	FILE		*fp;

	f = new_fetch(2, 1024 * 1024);
	sink_init(&s);
	get(f, &s, "/auth/reader:s3cret/poller/akhbar.xml", NULL, NULL);
	is_str(s.reason, "HTTP 401", "a feed behind a password without one");
	sink_free(&s);

	snprintf(url, sizeof url,
	    "http://reader:s3cret@127.0.0.1:%d/auth/reader:s3cret/poller/akhbar.xml",
	    srv.port);
	sink_init(&s);
	get(f, &s, url, NULL, NULL);
	ok(s.r->status == FETCH_OK && same_body(&s, feed),
	    "user:password in the URL");
	sink_free(&s);

	/* ~/.netrc, as curl reads it. */
	if (mkdtemp(home) != NULL) {
		snprintf(path, sizeof path, "%s/.netrc", home);
		if ((fp = fopen(path, "w")) != NULL) {
			fprintf(fp, "machine 127.0.0.1 login reader password "
			    "s3cret\n");
			fclose(fp);
		}
		chmod(path, 0600);
		if ((old = getenv("HOME")) != NULL)
			saved = xstrdup(old);
		setenv("HOME", home, 1);
		sink_init(&s);
		get(f, &s, "/auth/reader:s3cret/poller/akhbar.xml?netrc", NULL,
		    NULL);
		ok(s.r->status == FETCH_OK && same_body(&s, feed), "~/.netrc");
		sink_free(&s);
		if (saved != NULL) {
			setenv("HOME", saved, 1);
			free(saved);
		} else
			unsetenv("HOME");
		unlink(path);
		rmdir(home);
	}
	fetch_free(f);
}

static void
test_pause(struct fetch *f, const char *big)
{
	struct sink	 s;

	sink_init(&s);
	s.pause_first = 1;
	{
		char	*url;

		xasprintf(&url, "%s/gzip/poller/big.xml", srv.base);
		s.job = fetch_add(f, url, NULL, NULL, sink_data, sink_done,
		    &s);
		free(url);
	}
	while (fetch_run(f, 50) > 0 && s.r == NULL) {
		if (s.paused == 1) {
			s.paused = 2;
			fetch_resume(s.job);
		}
	}
	run_all(f);
	ok(s.r != NULL && s.r->status == FETCH_OK && same_body(&s, big),
	    "a paused transfer resumes without losing bytes");
	sink_free(&s);
}

static void
test_parallel(struct fetch *f, const char *big)
{
	struct sink	 s[40];
	char		*url;
	int		 i, good = 0;
	struct timespec	 t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 40; i++) {
		sink_init(&s[i]);
		xasprintf(&url, "%s/drip/poller/big.xml?chunk=16384&delay=20&n=%d",
		    srv.base, i);
		s[i].job = fetch_add(f, url, NULL, NULL, sink_data, sink_done,
		    &s[i]);
		free(url);
	}
	is_int(fetch_jobs(f), 40, "40 jobs queued");
	run_all(f);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (i = 0; i < 40; i++) {
		if (s[i].r != NULL && s[i].r->status == FETCH_OK &&
		    same_body(&s[i], big))
			good++;
		sink_free(&s[i]);
	}
	is_int(good, 40, "40 slow transfers at once all complete");
	/* Each takes ~200 ms; one after another would take 8 s. */
	ok(t1.tv_sec - t0.tv_sec < 5, "... in parallel");
}

/* The most requests the server was answering at once for paths with tag. */
static int
peak_active(const char *tag)
{
	FILE	*fp;
	char	 line[8192], *a;
	int	 n, peak = 0;

	if ((fp = fopen(srv.log, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strstr(line, tag) == NULL ||
		    (a = strstr(line, "\"active\": ")) == NULL)
			continue;
		n = atoi(a + 10);
		if (n > peak)
			peak = n;
	}
	fclose(fp);
	return (peak);
}

/* Start n slow fetches of paths tagged tag on an engine with these limits. */
static int
limited_run(const char *tag, int n, long total, long per_host)
{
	struct fetch_opts	 o;
	struct fetch		*f;
	struct sink		 s[16];
	char			*url, *cause = NULL;
	int			 i, good = 0;

	fetch_opts_default(&o);
	o.max_connections = total;
	o.max_host_connections = per_host;
	if ((f = fetch_new(&o, &cause)) == NULL) {
		diag("%s", cause);
		free(cause);
		return (-1);
	}
	for (i = 0; i < n && i < 16; i++) {
		sink_init(&s[i]);
		xasprintf(&url, "%s/drip/poller/akhbar.xml?chunk=200&delay=60"
		    "&group=%s&n=%d", srv.base, tag, i);
		s[i].job = fetch_add(f, url, NULL, NULL, sink_data, sink_done,
		    &s[i]);
		free(url);
	}
	run_all(f);
	for (i = 0; i < n && i < 16; i++) {
		if (s[i].r != NULL && s[i].r->status == FETCH_OK)
			good++;
		sink_free(&s[i]);
	}
	fetch_free(f);
	return (good);
}

static void
test_limits_connections(void)
{
	int	peak;

	is_int(limited_run("hostlimit", 12, 32, 3), 12,
	    "12 slow fetches to one host with a per-host limit of 3 complete");
	peak = peak_active("hostlimit");
	ok(peak >= 2 && peak <= 3,
	    "... at most 3 of them at once, and more than one (peak %d)", peak);
	is_int(limited_run("totallimit", 12, 2, 6), 12,
	    "12 slow fetches with a total limit of 2 complete");
	peak = peak_active("totallimit");
	ok(peak == 2, "... exactly 2 at a time at most (peak %d)", peak);
}

static int	order_n;

static void
order_done(void *arg, struct fetch_result *r)
{
	struct sink	*s = arg;

	s->r = r;
	s->chunks = ++order_n;	/* reused: the order of completion */
}

static void
test_slow_host(void)
{
	struct fetch	*f;
	struct sink	 slow, fast[3];
	char		*url;
	int		 i, before = 0;

	/* A fresh engine: no idle connection to reuse. */
	f = new_fetch(5, 1024 * 1024);

	/* A slow transfer must not hold up others to the same host. */
	sink_init(&slow);
	order_n = 0;
	xasprintf(&url, "%s/drip/poller/akhbar.xml?chunk=100&delay=80&slowhost",
	    srv.base);
	fetch_add(f, url, NULL, NULL, sink_data, order_done, &slow);
	free(url);
	for (i = 0; i < 3; i++) {
		sink_init(&fast[i]);
		xasprintf(&url, "%s/poller/atom.xml?fasthost=%d", srv.base, i);
		fetch_add(f, url, NULL, NULL, sink_data, order_done, &fast[i]);
		free(url);
	}
	run_all(f);
	for (i = 0; i < 3; i++) {
		if (fast[i].r != NULL && fast[i].r->status == FETCH_OK &&
		    fast[i].chunks < slow.chunks)
			before++;
		sink_free(&fast[i]);
	}
	is_int(before, 3, "quick transfers to a host end before a slow one");
	sink_free(&slow);
	fetch_free(f);
}

static void *
cancel_later(void *arg)
{
	usleep(300 * 1000);
	fetch_cancel(arg);
	return (NULL);
}

static void
test_cancel(void)
{
	struct fetch	*f;
	struct sink	 s[5];
	pthread_t	 t;
	time_t		 t0;
	char		*url;
	int		 i, cancelled = 0;

	f = new_fetch(60, 1024 * 1024);
	for (i = 0; i < 5; i++) {
		sink_init(&s[i]);
		xasprintf(&url, "%s/stall/poller/big.xml?%d", srv.base, i);
		fetch_add(f, url, NULL, NULL, sink_data, sink_done, &s[i]);
		free(url);
	}
	t0 = time(NULL);
	pthread_create(&t, NULL, cancel_later, f);
	while (fetch_run(f, 10000) > 0)
		;
	pthread_join(t, NULL);
	ok(time(NULL) - t0 < 5, "fetch_cancel from another thread is prompt");
	for (i = 0; i < 5; i++) {
		if (s[i].r != NULL && s[i].r->status == FETCH_CANCELLED)
			cancelled++;
		sink_free(&s[i]);
	}
	is_int(cancelled, 5, "every job ends as cancelled");
	fetch_free(f);
}

int
main(void)
{
	struct fetch	*f, *small;
	char		*feed, *big;

	server_start(&srv);
	feed = slurp("poller/akhbar.xml");
	big = slurp("poller/big.xml");
	ok(strlen(feed) > 100 && strlen(big) > 100000, "fixtures read");

	f = new_fetch(2, 50 * 1024 * 1024);
	test_basic(f, feed);
	test_encodings(f, feed, big);
	test_failures(f);
	test_redirects(f, feed);
	test_hints(f);
	test_local(f, feed);
	test_pause(f, big);
	test_parallel(f, big);
	fetch_free(f);
	test_slow_host();
	test_limits_connections();

	small = new_fetch(2, 100 * 1000);
	test_limits(small);
	fetch_free(small);

	test_cancel();
	test_proxy(feed);
	test_auth(feed);

	free(feed);
	free(big);
	server_stop(&srv);
	return (tap_done());
}
