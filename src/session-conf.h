/* What the configuration sets of a session: the fetcher's settings and retention, for --reload and the interface alike. */
#ifndef AKHBAR_SESSION_CONF_H
#define AKHBAR_SESSION_CONF_H

#include "conf.h"
#include "fetch.h"
#include "session.h"

/* The fetch settings the configuration makes (the environment's test overrides last; strings point into the configuration). */
void	session_conf_fetch(const struct conf *, struct fetch_opts *);
struct sync_conf;
/* The sync source the configuration sets (urls-source and ttrss-*) in *sc (its strings point into the configuration), or NULL for the urls file alone. */
const struct sync_conf *session_conf_sync(const struct conf *,
	    struct sync_conf *);
/* Fill in what the configuration sets of session options: fetch (made with session_conf_fetch, it must outlive the session) and retention. */
void	session_conf_opts(const struct conf *, struct session_opts *,
	    const struct fetch_opts *);

#endif
