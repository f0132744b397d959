/*
 * The configuration's settings of a session, in one place for the
 * command line and the interface: how feeds are fetched (transfers at
 * once and per host, timeouts, the size cap, redirects, the User-Agent,
 * the proxy) and how long read articles are kept.
 */
#include "config.h"

#include "session-conf.h"

#include <stdint.h>

#include "conf.h"
#include "fetch.h"
#include "session.h"

/*
 * The fetch settings: the defaults, what the configuration sets, then
 * the environment's test overrides (AKHBAR_FETCH_TIMEOUT, ...). The
 * strings point into cf.
 */
void
session_conf_fetch(const struct conf *cf, struct fetch_opts *fo)
{
	const char	*s;

	fetch_opts_default(fo);
	fo->max_connections = conf_int(cf, CONF_RELOAD_THREADS);
	fo->max_host_connections = conf_int(cf, CONF_HOST_CONNECTIONS);
	fo->connect_timeout = conf_int(cf, CONF_CONNECT_TIMEOUT);
	fo->low_speed_time = conf_int(cf, CONF_STALL_TIMEOUT);
	fo->timeout = conf_int(cf, CONF_DOWNLOAD_TIMEOUT);
	fo->exec_timeout = conf_int(cf, CONF_EXEC_TIMEOUT);
	fo->max_body = (int64_t)conf_int(cf, CONF_MAX_FEED_SIZE) * 1024 *
	    1024;
	fo->max_redirects = conf_int(cf, CONF_MAX_REDIRECTS);
	s = conf_string(cf, CONF_USER_AGENT);
	fo->user_agent = *s != '\0' ? s : NULL;
	s = conf_string(cf, CONF_PROXY);
	fo->proxy = *s != '\0' ? s : NULL;
	fetch_opts_from_env(fo);
}

/* What the configuration sets of a session: fetching and retention. */
void
session_conf_opts(const struct conf *cf, struct session_opts *so,
    const struct fetch_opts *fo)
{
	so->fetch = fo;
	so->max_items = (int)conf_int(cf, CONF_MAX_ITEMS);
	so->keep_days = (int)conf_int(cf, CONF_KEEP_ARTICLES_DAYS);
}
