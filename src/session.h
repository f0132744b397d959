/*
 * A session: what --reload and the interface both start, as a table of
 * stages with paired start and stop functions (newsraft's regular_mode[]):
 * the urls file, the cache, the caller's own stages, then the poller.
 * session_stop undoes what started, in reverse, from any exit path.
 */
#ifndef AKHBAR_SESSION_H
#define AKHBAR_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "str.h"
#include "sync.h"
#include "urls.h"

struct db;
struct fetch_opts;
struct poller;
struct sync_conf;

struct session_opts {
	const char	*urls_path;
	const char	*cache_path;
	bool		 force;		/* --reload --force */
	bool		 once;		/* end the poller after the first reload (headless) */
	bool		 reload_on_start;
	long		 interval;	/* seconds between automatic reloads, 0: off */
	const struct fetch_opts *fetch;	/* NULL: the defaults (it must outlive the session) */
	int		 max_items;	/* retention of every feed, 0: no limit */
	int		 keep_days;	/* ... read items older than this go, 0: none */
	bool		 full_article;	/* every feed's full articles, unless its
					   full-article=no (poller_opts.full_article) */
	const struct sync_conf *sync;	/* a sync source (urls-source), or NULL */
	struct sync_conf sync_conf;	/* where session_conf_opts keeps it */
};

struct session_stage;

struct session {
	struct session_opts	 opts;		/* its paths copied */
	struct urls_list	 subs;		/* the urls file's, then a sync
						   source's as last synced */
	size_t			 nlocal;	/* of them, the urls file's */
	struct strv		 warnings;	/* from the urls file, for the edge to show */
	struct db		*db;		/* the poller's write connection */
	struct poller		*poller;

	/* Private: which stages started. */
	const struct session_stage *stages;	/* the caller's */
	size_t			 nstages;
	void			*arg;
	size_t			 started;	/* of all stages, in order */
	char			*urls_path;
	char			*cache_path;
	struct sync_conf	 sync_conf;	/* opts.sync points here */
};

typedef int	(*session_start_fn)(struct session *, void *, char **);
typedef void	(*session_stop_fn)(struct session *, void *);

/* A start that fails leaves nothing for its stop to undo. */
struct session_stage {
	const char		*name;
	session_start_fn	 start;
	session_stop_fn		 stop;		/* may be NULL */
};

/* Start urls, cache, then the caller's stages (may be none), then the poller; on failure stop what started and return -1 with *cause. */
int	session_start(struct session *, const struct session_opts *,
	    const struct session_stage *, size_t, void *, char **);
/* Read a sync source's subscriptions again from db (after POLLER_EV_SUBS); the urls file's stay. */
int	session_sync_subs(struct session *, struct db *, char **);
/* Stop every started stage in reverse order; safe to call twice and from any exit path (also after a failed start, whose warnings it frees). */
void	session_stop(struct session *);

#endif
