/*
 * akhbar --demo: a throwaway cache, in a directory of its own removed on
 * exit, filled from the offline demo feeds by a headless reload of their
 * file:// URLs before the interface starts. The feeds are found in
 * $AKHBAR_DATADIR (an installed tree's layout, or a source tree), then
 * where "make install" puts them, then in the source tree this akhbar was
 * configured from.
 */
#include "config.h"

#include "ui-priv.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "session.h"
#include "xmalloc.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/akhbar"
#endif

/* Whether path is a directory. */
static bool
ui_demo_isdir(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
}

/*
 * The directory of akhbar's data "sub" ("demo", "feeds"), or NULL:
 * $AKHBAR_DATADIR/sub or $AKHBAR_DATADIR/contrib/sub, PKGDATADIR/sub, the
 * configured source tree's contrib/sub.
 */
char *
ui_demo_datadir(const char *sub)
{
	const char	*env = getenv("AKHBAR_DATADIR");
	char		*p;

	if (env != NULL && *env != '\0') {
		xasprintf(&p, "%s/%s", env, sub);
		if (ui_demo_isdir(p))
			return (p);
		free(p);
		xasprintf(&p, "%s/contrib/%s", env, sub);
		if (ui_demo_isdir(p))
			return (p);
		free(p);
	}
	xasprintf(&p, "%s/%s", PKGDATADIR, sub);
	if (ui_demo_isdir(p))
		return (p);
	free(p);
#ifdef AKHBAR_SRCDIR
	xasprintf(&p, "%s/contrib/%s", AKHBAR_SRCDIR, sub);
	if (ui_demo_isdir(p))
		return (p);
	free(p);
#endif
	return (NULL);
}

/* Whether a file name is a demo feed's. */
static bool
ui_demo_is_feed(const char *name)
{
	static const char *ext[] = {
		".xml", ".rss", ".atom", ".rdf", ".json", NULL
	};
	size_t	n = strlen(name), i, e;

	if (name[0] == '.')
		return (false);
	for (i = 0; ext[i] != NULL; i++) {
		e = strlen(ext[i]);
		if (n > e && strcasecmp(name + n - e, ext[i]) == 0)
			return (true);
	}
	return (false);
}

static int
ui_demo_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* A file:// URL for an absolute path, percent-encoding what needs it. */
static char *
ui_demo_file_url(const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct str		 s;
	const unsigned char	*p;

	str_init(&s);
	str_appends(&s, "file://");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			str_appendc(&s, (char)*p);
		else {
			str_appendc(&s, '%');
			str_appendc(&s, hex[*p >> 4]);
			str_appendc(&s, hex[*p & 15]);
		}
	}
	return (str_steal(&s));
}

/*
 * The demo's tag for a feed file, from its name's language prefix
 * ("ar-news.xml"), so the demo shows the tag lists too: the language's
 * own name, as a reader of it would file it.
 */
static const char *
ui_demo_tag(const char *name)
{
	static const struct {
		const char	*prefix;
		const char	*tag;
	} tags[] = {
		{ "ar-", "عربي" },
		{ "akhbar-", "عربي" },
		{ "fa-", "فارسی" },
		{ "ur-", "اردو" },
		{ "en-", "English" },
	};
	size_t	i;

	for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		if (strncmp(name, tags[i].prefix, strlen(tags[i].prefix)) == 0)
			return (tags[i].tag);
	}
	return (NULL);
}

/* Write the demo's urls file: one file:// URL per demo feed, with its tag. */
static int
ui_demo_urls(const char *dir, const char *urls, char **cause)
{
	struct strv	 names = { NULL, 0 };
	struct dirent	*de;
	DIR		*d;
	FILE		*f;
	char		*abs, *path, *url;
	size_t		 i;

	if ((abs = realpath(dir, NULL)) == NULL) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		return (-1);
	}
	if ((d = opendir(abs)) == NULL) {
		xasprintf(cause, "%s: %s", abs, strerror(errno));
		free(abs);
		return (-1);
	}
	while ((de = readdir(d)) != NULL) {
		if (ui_demo_is_feed(de->d_name))
			strv_add(&names, de->d_name);
	}
	closedir(d);
	if (names.n == 0) {
		xasprintf(cause, "no demo feeds in %s", abs);
		free(abs);
		return (-1);
	}
	qsort(names.v, names.n, sizeof *names.v, ui_demo_cmp);
	if ((f = fopen(urls, "w")) == NULL) {
		xasprintf(cause, "%s: %s", urls, strerror(errno));
		strv_free(&names);
		free(abs);
		return (-1);
	}
	fprintf(f, "# akhbar --demo: the offline demo feeds\n");
	for (i = 0; i < names.n; i++) {
		xasprintf(&path, "%s/%s", abs, names.v[i]);
		url = ui_demo_file_url(path);
		if (ui_demo_tag(names.v[i]) != NULL)
			fprintf(f, "%s \"%s\"\n", url, ui_demo_tag(names.v[i]));
		else
			fprintf(f, "%s\n", url);
		free(url);
		free(path);
	}
	strv_free(&names);
	free(abs);
	if (fclose(f) != 0) {
		xasprintf(cause, "%s: %s", urls, strerror(errno));
		return (-1);
	}
	return (0);
}

/* Reload every feed of the urls file into the cache, headless. */
static int
ui_demo_reload(struct ui *ui, char **cause)
{
	struct session_opts	 so;
	struct session		 s;
	struct poller_event	 ev;
	struct pollfd		 pfd;
	int			 n, done = 0;

	memset(&so, 0, sizeof so);
	so.urls_path = ui->demo_urls;
	so.cache_path = ui->demo_cache;
	so.force = true;
	so.once = true;
	so.reload_on_start = true;
	if (session_start(&s, &so, NULL, 0, NULL, cause) != 0) {
		session_stop(&s);
		return (-1);
	}
	pfd.fd = poller_fd(s.poller);
	pfd.events = POLLIN;
	/* The thread closes its end of the pipe when it is done. */
	while (!done) {
		if (poll(&pfd, 1, 10000) <= 0)
			break;
		while ((n = poller_read_event(s.poller, &ev)) == 1)
			/* nothing */;
		if (n == -1)
			done = 1;
	}
	session_stop(&s);
	return (0);
}

/*
 * Make the demo's directory, urls file and cache, and point the
 * interface at them.
 */
int
ui_demo_prepare(struct ui *ui, char **cause)
{
	const char	*tmp = getenv("TMPDIR");
	char		*dir, *tmpl;

	if ((dir = ui_demo_datadir("demo")) == NULL) {
		xasprintf(cause, "the demo feeds are not installed (looked "
		    "in $AKHBAR_DATADIR, %s/demo)", PKGDATADIR);
		return (-1);
	}
	xasprintf(&tmpl, "%s/akhbar-demo.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		xasprintf(cause, "%s: %s", tmpl, strerror(errno));
		free(tmpl);
		free(dir);
		return (-1);
	}
	ui->tmpdir = tmpl;
	xasprintf(&ui->demo_urls, "%s/urls", tmpl);
	xasprintf(&ui->demo_cache, "%s/cache.db", tmpl);
	if (ui_demo_urls(dir, ui->demo_urls, cause) != 0) {
		free(dir);
		return (-1);
	}
	free(dir);
	ui->opts.urls_path = ui->demo_urls;
	ui->opts.cache_path = ui->demo_cache;
	return (ui_demo_reload(ui, cause));
}

/* Remove the demo's directory and everything in it. */
void
ui_demo_cleanup(struct ui *ui)
{
	struct dirent	*de;
	DIR		*d;
	char		*path;

	if (ui->tmpdir == NULL)
		return;
	if ((d = opendir(ui->tmpdir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			xasprintf(&path, "%s/%s", ui->tmpdir, de->d_name);
			unlink(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(ui->tmpdir);
	free(ui->tmpdir);
	free(ui->demo_urls);
	free(ui->demo_cache);
	ui->tmpdir = ui->demo_urls = ui->demo_cache = NULL;
}
