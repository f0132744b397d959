/*
 * The session's stage table. Its own stages come first (the urls file,
 * then the cache) and last (the poller, which needs both); the caller's
 * stages (the interface: curses, its read connection, its report sink;
 * --reload: its signal handlers) run between them, in their order, with
 * the caller's argument. A stage that fails stops those that started, in
 * reverse, and its cause is the words for the user (reason_text).
 */
#include "config.h"

#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "path.h"
#include "poller.h"
#include "reason.h"
#include "str.h"
#include "sync.h"
#include "urls.h"
#include "xmalloc.h"

/* A problem of the urls file in the user's words: "path:line: what". */
static char *
session_problem_text(const char *path, const struct urls_problem *pr)
{
	char	*text, *out;

	text = reason_text(pr->kind, pr->code, pr->detail);
	if (pr->line > 0)
		xasprintf(&out, "%s:%d: %s", path, pr->line, text);
	else
		xasprintf(&out, "%s: %s", path, text);
	free(text);
	return (out);
}

static int
session_urls_start(struct session *s, void *arg, char **cause)
{
	struct urls_problems	 warnings = { NULL, 0 };
	struct urls_problem	 error;
	size_t			 i;
	int			 rc;

	(void)arg;
	rc = urls_load(s->urls_path, &s->subs, &warnings, &error);
	for (i = 0; i < warnings.n; i++) {
		/* Beside a sync source, an empty urls file is no news. */
		if (s->opts.sync != NULL && warnings.v[i].kind == REASON_NO_FEEDS)
			continue;
		strv_add_owned(&s->warnings,
		    session_problem_text(s->urls_path, &warnings.v[i]));
	}
	urls_problems_free(&warnings);
	if (rc != 0 && s->opts.sync != NULL &&
	    error.kind == REASON_NO_URLS_FILE) {
		/* The sync source's feeds are enough. */
		urls_problem_clear(&error);
		rc = 0;
	}
	s->nlocal = s->subs.n;
	if (rc != 0) {
		*cause = session_problem_text(s->urls_path, &error);
		urls_problem_clear(&error);
		urls_list_free(&s->subs);
		return (-1);
	}
	return (0);
}

static void
session_urls_stop(struct session *s, void *arg)
{
	(void)arg;
	urls_list_free(&s->subs);
}

/*
 * The sync source's feeds as db last synced them, after the urls file's
 * in s->subs: start-up never waits for the server.
 */
int
session_sync_subs(struct session *s, struct db *db, char **cause)
{
	const struct db_sub	*v;
	struct urls_sub		*u;
	struct sync		*sy;
	size_t			 n, i;

	if (s->opts.sync == NULL)
		return (0);
	while (s->subs.n > s->nlocal)
		urls_sub_clear(&s->subs.v[--s->subs.n]);
	if ((sy = sync_new(s->opts.sync, NULL, cause)) == NULL)
		return (-1);
	if (sync_cached_subs(sy, db, &v, &n, cause) != 0) {
		sync_free(sy);
		return (-1);
	}
	s->subs.v = xreallocarray(s->subs.v, s->nlocal + n + 1,
	    sizeof *s->subs.v);
	for (i = 0; i < n; i++) {
		if (urls_find(&s->subs, v[i].url) != NULL)
			continue;	/* the urls file's */
		u = &s->subs.v[s->subs.n++];
		memset(u, 0, sizeof *u);
		u->url = xstrdup(v[i].url);
		if (v[i].title != NULL)
			u->title = xstrdup(v[i].title);
		if (v[i].ntags > 0)
			strv_add(&u->tags, v[i].tags[0]);
	}
	sync_free(sy);
	return (0);
}

static int
session_cache_start(struct session *s, void *arg, char **cause)
{
	char	*why = NULL;

	(void)arg;
	if (path_mkdir_parents(s->cache_path, &why) != 0 ||
	    (s->db = db_open(s->cache_path, 0, &why)) == NULL) {
		*cause = reason_text(REASON_CACHE_OPEN, 0, why);
		free(why);
		return (-1);
	}
	db_set_retention(s->db, s->opts.max_items, s->opts.keep_days);
	if (session_sync_subs(s, s->db, &why) != 0) {
		*cause = reason_text(REASON_CACHE, 0, why);
		free(why);
		db_close(s->db);
		s->db = NULL;
		return (-1);
	}
	return (0);
}

static void
session_cache_stop(struct session *s, void *arg)
{
	(void)arg;
	db_close(s->db);
	s->db = NULL;
}

static int
session_poller_start(struct session *s, void *arg, char **cause)
{
	struct poller_opts	po;
	struct urls_list	local;

	(void)arg;
	poller_opts_default(&po);
	if (s->opts.fetch != NULL)
		po.fetch = *s->opts.fetch;
	po.reload_on_start = s->opts.reload_on_start;
	po.once = s->opts.once;
	po.force = s->opts.force;
	po.interval = s->opts.interval;
	po.sync = s->opts.sync;
	po.full_article = s->opts.full_article;
	/* The poller fetches the urls file's feeds; the source syncs its own. */
	local.v = s->subs.v;
	local.n = s->nlocal;
	if ((s->poller = poller_start(s->db, &local, &po, cause)) == NULL)
		return (-1);
	return (0);
}

static void
session_poller_stop(struct session *s, void *arg)
{
	(void)arg;
	poller_stop(s->poller);
	s->poller = NULL;
}

/* The session's own stages: the first two come before the caller's. */
static const struct session_stage session_own[] = {
	{ "urls", session_urls_start, session_urls_stop },
	{ "cache", session_cache_start, session_cache_stop },
	{ "poller", session_poller_start, session_poller_stop },
};
#define SESSION_FIRST	2	/* own stages before the caller's */

/* The i-th stage of the whole table. */
static const struct session_stage *
session_stage_at(const struct session *s, size_t i)
{
	if (i < SESSION_FIRST)
		return (&session_own[i]);
	if (i < SESSION_FIRST + s->nstages)
		return (&s->stages[i - SESSION_FIRST]);
	return (&session_own[i - s->nstages]);
}

/* Stop the stages that started, the last first. */
static void
session_unwind(struct session *s)
{
	const struct session_stage	*st;

	while (s->started > 0) {
		s->started--;
		st = session_stage_at(s, s->started);
		if (st->stop != NULL)
			st->stop(s, s->arg);
	}
}

/*
 * Start a session: the urls file, the cache, the caller's n stages (their
 * table must outlive the session; arg goes to each), then the poller.
 * When one fails, those that started are stopped in reverse and -1 comes
 * back with *cause (the words for the user; caller frees); s->warnings
 * still holds the urls file's warnings, to show, until session_stop.
 */
int
session_start(struct session *s, const struct session_opts *o,
    const struct session_stage *stages, size_t n, void *arg, char **cause)
{
	const struct session_stage	*st;
	size_t				 i, total;

	memset(s, 0, sizeof *s);
	s->urls_path = xstrdup(o->urls_path);
	s->cache_path = xstrdup(o->cache_path);
	s->opts = *o;
	s->opts.urls_path = s->urls_path;
	s->opts.cache_path = s->cache_path;
	/* Its strings must outlive the session (the configuration's). */
	if (o->sync != NULL) {
		s->sync_conf = *o->sync;
		s->opts.sync = &s->sync_conf;
	}
	s->stages = stages;
	s->nstages = n;
	s->arg = arg;
	total = SESSION_FIRST + n + 1;
	for (i = 0; i < total; i++) {
		st = session_stage_at(s, i);
		if (st->start != NULL && st->start(s, arg, cause) != 0) {
			if (*cause == NULL)
				xasprintf(cause, "%s: failed", st->name);
			session_unwind(s);
			return (-1);
		}
		s->started = i + 1;
	}
	return (0);
}

/*
 * Stop every stage that started, the last first, and free the warnings.
 * Safe to call twice, on a session that failed to start and on one
 * zeroed and never started.
 */
void
session_stop(struct session *s)
{
	session_unwind(s);
	strv_free(&s->warnings);
	free(s->urls_path);
	free(s->cache_path);
	s->urls_path = s->cache_path = NULL;
	s->opts.urls_path = s->opts.cache_path = NULL;
}
