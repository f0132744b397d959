/*
 * Tests for session.c: the stage table --reload and the interface share.
 * The caller's stages start after the urls file and the cache and before
 * the poller, stop in reverse; a stage that fails stops those that
 * started; stopping twice, or a session never started, is harmless.
 * Feeds are file: URLs of tests/data, so no server is needed.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "poller.h"
#include "session.h"
#include "str.h"
#include "xmalloc.h"

#include "tap.h"

/* What the caller's stages saw, in order. */
struct log {
	struct str	 s;
	int		 fail;		/* the stage named so fails */
	char		 fail_name[8];
};

static void
log_add(struct log *l, const char *what)
{
	if (l->s.len > 0)
		str_appendc(&l->s, ' ');
	str_appends(&l->s, what);
}

/*
 * A caller's stage: notes its start with what of the session it finds
 * ready (u: the subscriptions, c: the cache, p: the poller).
 */
static int
stage_start(struct session *s, void *arg, const char *name, char **cause)
{
	struct log	*l = arg;
	char		 buf[32];

	snprintf(buf, sizeof buf, "%s+%s%s%s", name, s->subs.n > 0 ? "u" : "",
	    s->db != NULL ? "c" : "", s->poller != NULL ? "p" : "");
	if (l->fail && strcmp(l->fail_name, name) == 0) {
		snprintf(buf, sizeof buf, "%s!", name);
		log_add(l, buf);
		xasprintf(cause, "stage %s says no", name);
		return (-1);
	}
	log_add(l, buf);
	return (0);
}

static void
stage_stop(struct session *s, void *arg, const char *name)
{
	struct log	*l = arg;
	char		 buf[32];

	snprintf(buf, sizeof buf, "%s-%s%s", name, s->db != NULL ? "c" : "",
	    s->poller != NULL ? "p" : "");
	log_add(l, buf);
}

static int a_start(struct session *s, void *a, char **c) { return (stage_start(s, a, "A", c)); }
static int b_start(struct session *s, void *a, char **c) { return (stage_start(s, a, "B", c)); }
static int c_start(struct session *s, void *a, char **c) { return (stage_start(s, a, "C", c)); }
static void a_stop(struct session *s, void *a) { stage_stop(s, a, "A"); }
static void b_stop(struct session *s, void *a) { stage_stop(s, a, "B"); }
static void c_stop(struct session *s, void *a) { stage_stop(s, a, "C"); }

static const struct session_stage stages[] = {
	{ "A", a_start, a_stop },
	{ "B", b_start, b_stop },
	{ "C", c_start, c_stop },
};

static char	dir[] = "/tmp/akhbar-session.XXXXXX";
static char	urls[300], cache[300], badurls[300];

/* The absolute path of a file of tests/data, for a file: URL. */
static char *
data_path(const char *name)
{
	char	*p;

	if ((p = realpath(tap_data(name), NULL)) == NULL) {
		printf("Bail out! no %s\n", tap_data(name));
		exit(1);
	}
	return (p);
}

static void
setup(void)
{
	FILE	*f;
	char	*p;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		exit(1);
	}
	snprintf(urls, sizeof urls, "%s/urls", dir);
	snprintf(badurls, sizeof badurls, "%s/urls-bad", dir);
	snprintf(cache, sizeof cache, "%s/sub/cache.db", dir);
	if ((f = fopen(urls, "w")) == NULL)
		exit(1);
	p = data_path("poller/akhbar.xml");
	fprintf(f, "file://%s \"news\" \"~Akhbar\"\n", p);
	free(p);
	fclose(f);
	if ((f = fopen(badurls, "w")) == NULL)
		exit(1);
	p = data_path("poller/atom.xml");
	fprintf(f, "file://%s\nnot-a-url\n", p);
	free(p);
	fclose(f);
}

static void
cleanup(void)
{
	char	cmd[400];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
}

static void
opts(struct session_opts *o, const char *u, const char *c)
{
	memset(o, 0, sizeof *o);
	o->urls_path = u;
	o->cache_path = c;
	o->once = true;
	o->reload_on_start = true;
}

/* Read the poller's events until the pipe closes; the items it stored. */
static int
run_to_end(struct session *s)
{
	struct poller_event	 ev;
	struct pollfd		 pfd;
	time_t			 end = time(NULL) + 30;
	int			 n, items = -1;

	pfd.fd = poller_fd(s->poller);
	pfd.events = POLLIN;
	while (time(NULL) < end) {
		poll(&pfd, 1, 200);
		while ((n = poller_read_event(s->poller, &ev)) == 1) {
			if (ev.type == POLLER_EV_FINISHED)
				items = ev.new_items;
		}
		if (n == -1)
			break;
	}
	return (items);
}

static void
test_order(void)
{
	struct session_opts	 o;
	struct session		 s;
	struct log		 l;
	char			*cause = NULL;

	memset(&l, 0, sizeof l);
	str_init(&l.s);
	opts(&o, urls, cache);
	ok(session_start(&s, &o, stages, 3, &l, &cause) == 0,
	    "a session starts (%s)", cause != NULL ? cause : "");
	is_str(str_cstr(&l.s), "A+uc B+uc C+uc",
	    "the caller's stages start in order, after the urls file and the "
	    "cache, before the poller");
	ok(s.poller != NULL && s.db != NULL && s.subs.n == 1,
	    "... and the session's own are up");
	ok(s.subs.n == 1 && strcmp(s.subs.v[0].title, "Akhbar") == 0,
	    "... its subscriptions read from the urls file");
	is_int(s.warnings.n, 0, "... without warnings");
	is_int(run_to_end(&s), 3, "the poller reloads the feed into the cache");
	str_clear(&l.s);
	session_stop(&s);
	is_str(str_cstr(&l.s), "C-c B-c A-c",
	    "stopping goes in reverse, the poller first and the cache last");
	ok(s.poller == NULL && s.db == NULL && s.subs.n == 0,
	    "... and nothing of the session is left");
	str_clear(&l.s);
	session_stop(&s);
	is_str(str_cstr(&l.s), "", "stopping twice is harmless");
	str_free(&l.s);
}

static void
test_failure(void)
{
	struct session_opts	 o;
	struct session		 s, zero;
	struct log		 l;
	char			*cause = NULL, nocache[400];

	memset(&l, 0, sizeof l);
	str_init(&l.s);
	l.fail = 1;
	strcpy(l.fail_name, "B");
	opts(&o, urls, cache);
	ok(session_start(&s, &o, stages, 3, &l, &cause) == -1,
	    "a stage that fails fails the session");
	is_str(cause, "stage B says no", "... with its cause");
	is_str(str_cstr(&l.s), "A+uc B! A-c",
	    "... those that started stop in reverse, the rest never start");
	ok(s.poller == NULL && s.db == NULL && s.subs.n == 0,
	    "... and the cache and urls are stopped too");
	free(cause);
	cause = NULL;
	str_clear(&l.s);
	session_stop(&s);
	session_stop(&s);
	is_str(str_cstr(&l.s), "", "stopping a failed session is harmless");

	opts(&o, "/nonexistent/akhbar/urls", cache);
	ok(session_start(&s, &o, stages, 3, &l, &cause) == -1,
	    "a missing urls file fails the session");
	ok(cause != NULL && strstr(cause, "/nonexistent/akhbar/urls: no such "
	    "file") != NULL, "... naming it, in words (%s)",
	    cause != NULL ? cause : "none");
	is_str(str_cstr(&l.s), "", "... before the caller's stages");
	free(cause);
	cause = NULL;
	session_stop(&s);

	/* A cache that cannot be made: its directory is a file. */
	snprintf(nocache, sizeof nocache, "%s/cache.db", badurls);
	opts(&o, badurls, nocache);
	ok(session_start(&s, &o, stages, 3, &l, &cause) == -1,
	    "a cache that cannot be opened fails the session");
	ok(cause != NULL && strncmp(cause, "cannot open the cache: ", 23) == 0,
	    "... saying so (%s)", cause != NULL ? cause : "none");
	ok(s.warnings.n == 1 && strstr(s.warnings.v[0], "urls-bad:2: not a "
	    "feed URL: not-a-url") != NULL,
	    "... the urls file's warnings still there to show (%s)",
	    s.warnings.n > 0 ? s.warnings.v[0] : "none");
	is_str(str_cstr(&l.s), "", "... and no stage of the caller's started");
	free(cause);
	cause = NULL;
	session_stop(&s);
	is_int(s.warnings.n, 0, "session_stop frees them");

	memset(&zero, 0, sizeof zero);
	session_stop(&zero);
	ok(zero.started == 0 && zero.warnings.n == 0 && zero.poller == NULL,
	    "stopping a zeroed session that never started is harmless");

	/* No stage of the caller's at all. */
	opts(&o, urls, cache);
	ok(session_start(&s, &o, NULL, 0, NULL, &cause) == 0 &&
	    s.poller != NULL, "a session with no stage of the caller's");
	is_int(run_to_end(&s), 0, "... reloads (nothing new the second time)");
	session_stop(&s);
	str_free(&l.s);
}

int
main(void)
{
	setup();
	test_order();
	test_failure();
	cleanup();
	return (tap_done());
}
