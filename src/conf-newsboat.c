/*
 * Finding newsboat's files, for the first run's offer and for
 * --import-newsboat: ~/.newsboat (urls, cache.db, config) or, when that
 * is not there, its XDG places ($XDG_CONFIG_HOME/newsboat/urls,
 * $XDG_DATA_HOME/newsboat/cache.db). Nothing is read here but whether
 * the files exist.
 */
#include "config.h"

#include "conf.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

/* Whether path is a regular file. */
static bool
conf_newsboat_file(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0 && S_ISREG(sb.st_mode));
}

/* An XDG base directory ($var, else ~/fallback); caller frees. */
static char *
conf_newsboat_xdg(const char *var, const char *fallback)
{
	const char	*v = getenv(var), *home = getenv("HOME");
	char		*p;

	if (v != NULL && *v == '/')
		return (xstrdup(v));
	xasprintf(&p, "%s/%s", home != NULL ? home : "", fallback);
	return (p);
}

/*
 * Find newsboat's files: in dir when given (dir/urls, dir/cache.db,
 * dir/config), else in ~/.newsboat, else in its XDG places. Returns 0
 * with *nb filled (cache and config NULL when absent), -1 when there is
 * no newsboat urls file.
 */
int
conf_newsboat_find(const char *dir, struct conf_newsboat *nb)
{
	const char	*home;
	char		*d, *data;

	memset(nb, 0, sizeof *nb);
	if (dir != NULL) {
		nb->dir = xstrdup(dir);
		xasprintf(&nb->urls, "%s/urls", dir);
		xasprintf(&nb->cache, "%s/cache.db", dir);
		xasprintf(&nb->config, "%s/config", dir);
	} else {
		home = getenv("HOME");
		xasprintf(&d, "%s/.newsboat", home != NULL ? home : "");
		xasprintf(&nb->urls, "%s/urls", d);
		if (conf_newsboat_file(nb->urls)) {
			nb->dir = d;
			xasprintf(&nb->cache, "%s/cache.db", d);
			xasprintf(&nb->config, "%s/config", d);
		} else {
			free(d);
			free(nb->urls);
			d = conf_newsboat_xdg("XDG_CONFIG_HOME", ".config");
			data = conf_newsboat_xdg("XDG_DATA_HOME", ".local/share");
			xasprintf(&nb->dir, "%s/newsboat", d);
			xasprintf(&nb->urls, "%s/newsboat/urls", d);
			xasprintf(&nb->config, "%s/newsboat/config", d);
			xasprintf(&nb->cache, "%s/newsboat/cache.db", data);
			free(d);
			free(data);
		}
	}
	if (!conf_newsboat_file(nb->urls)) {
		conf_newsboat_free(nb);
		return (-1);
	}
	if (!conf_newsboat_file(nb->cache)) {
		free(nb->cache);
		nb->cache = NULL;
	}
	if (!conf_newsboat_file(nb->config)) {
		free(nb->config);
		nb->config = NULL;
	}
	return (0);
}

/*
 * The first run's offer: true with *nb filled when akhbar has no urls
 * file at urls_path yet and newsboat's files are there to import.
 */
bool
conf_newsboat_offer(const char *urls_path, struct conf_newsboat *nb)
{
	memset(nb, 0, sizeof *nb);
	if (access(urls_path, F_OK) == 0 || errno != ENOENT)
		return (false);
	return (conf_newsboat_find(NULL, nb) == 0);
}

/* Free what conf_newsboat_find filled in. */
void
conf_newsboat_free(struct conf_newsboat *nb)
{
	free(nb->dir);
	free(nb->urls);
	free(nb->cache);
	free(nb->config);
	memset(nb, 0, sizeof *nb);
}
