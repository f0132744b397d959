/*
 * The configuration's settings of a session, in one place for the
 * command line and the interface: how feeds are fetched (transfers at
 * once and per host, timeouts, the size cap, redirects, the User-Agent,
 * the proxy) and how long read articles are kept.
 */
#include "config.h"

#include "session-conf.h"

#include <stdint.h>
#include <string.h>

#include "conf.h"
#include "fetch.h"
#include "session.h"
#include "sync.h"

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

/* What the configuration sets of a session: fetching, retention, a sync source. */
void
session_conf_opts(const struct conf *cf, struct session_opts *so,
    const struct fetch_opts *fo)
{
	so->fetch = fo;
	so->sync = session_conf_sync(cf, &so->sync_conf);
	so->max_items = (int)conf_int(cf, CONF_MAX_ITEMS);
	so->keep_days = (int)conf_int(cf, CONF_KEEP_ARTICLES_DAYS);
}

static const char *
session_conf_str(const struct conf *cf, enum conf_option o)
{
	const char	*s = conf_string(cf, o);

	return (*s != '\0' ? s : NULL);
}

/*
 * The sync source of the configuration (urls-source ttrss and its
 * ttrss-* lines) in *sc, or NULL when the feeds come from the urls file
 * alone. The strings point into cf.
 */
const struct sync_conf *
session_conf_sync(const struct conf *cf, struct sync_conf *sc)
{
	if (strcmp(conf_choice_name(cf, CONF_URLS_SOURCE), "ttrss") != 0)
		return (NULL);
	memset(sc, 0, sizeof *sc);
	sc->kind = SYNC_TTRSS;
	sc->url = session_conf_str(cf, CONF_TTRSS_URL);
	sc->login = session_conf_str(cf, CONF_TTRSS_LOGIN);
	sc->password = session_conf_str(cf, CONF_TTRSS_PASSWORD);
	sc->passwordfile = session_conf_str(cf, CONF_TTRSS_PASSWORDFILE);
	sc->passwordeval = session_conf_str(cf, CONF_TTRSS_PASSWORDEVAL);
	return (sc);
}
