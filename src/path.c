/*
 * XDG base directories: the configuration and urls files live under
 * $XDG_CONFIG_HOME/akhbar, the cache under $XDG_DATA_HOME/akhbar.
 */
#include "config.h"

#include "path.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "xmalloc.h"

static char *
path_xdg(const char *var, const char *fallback)
{
	const struct passwd	*pw;
	const char		*v, *home;
	char			*p;

	v = getenv(var);
	if (v != NULL && *v == '/') {
		xasprintf(&p, "%s/akhbar", v);
		return (p);
	}
	home = getenv("HOME");
	if (home == NULL || *home != '/') {
		/* cron and some service managers start akhbar with no HOME. */
		pw = getpwuid(getuid());
		home = pw != NULL && pw->pw_dir != NULL && *pw->pw_dir == '/' ?
		    pw->pw_dir : "/";
	}
	xasprintf(&p, "%s/%s/akhbar", home, fallback);
	return (p);
}

/* The configuration directory ($XDG_CONFIG_HOME/akhbar); caller frees. */
char *
path_config_dir(void)
{
	return (path_xdg("XDG_CONFIG_HOME", ".config"));
}

/* The data directory ($XDG_DATA_HOME/akhbar); caller frees. */
char *
path_data_dir(void)
{
	return (path_xdg("XDG_DATA_HOME", ".local/share"));
}

/* The default urls file; caller frees. */
char *
path_default_urls(void)
{
	char	*dir, *p;

	dir = path_config_dir();
	xasprintf(&p, "%s/urls", dir);
	free(dir);
	return (p);
}

/* The default configuration file; caller frees. */
char *
path_default_config(void)
{
	char	*dir, *p;

	dir = path_config_dir();
	xasprintf(&p, "%s/config", dir);
	free(dir);
	return (p);
}

/* The default cache file; caller frees. */
char *
path_default_cache(void)
{
	char	*dir, *p;

	dir = path_data_dir();
	xasprintf(&p, "%s/cache.db", dir);
	free(dir);
	return (p);
}

/* Create the directories leading to a file (mode 0700 for new ones). */
int
path_mkdir_parents(const char *file, char **cause)
{
	char	*copy, *p;

	copy = xstrdup(file);
	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			xasprintf(cause, "%s: %s", copy, strerror(errno));
			free(copy);
			return (-1);
		}
		*p = '/';
	}
	free(copy);
	return (0);
}
