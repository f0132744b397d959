/*
 * Imports: an OPML file, or newsboat's files, into akhbar's urls file
 * and cache. Everything is read and checked before anything is written;
 * the cache's part is one batch, and the urls file is written last,
 * atomically (urls_add), so a failure leaves akhbar's files as they were.
 */
#include "config.h"

#include "session-import.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "conf.h"
#include "db.h"
#include "opml.h"
#include "path.h"
#include "reason.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

/* Free what an import's report holds and zero it. */
void
session_import_clear(struct session_import *im)
{
	free(im->source);
	urls_problems_free(&im->problems);
	strv_free(&im->warnings);
	memset(im, 0, sizeof *im);
}

/* "Imported from WHAT on DATE", the comment before the lines added. */
static char *
session_import_comment(const char *what)
{
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		 date[32], *s;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
		strcpy(date, "?");
	xasprintf(&s, "Imported from %s on %s", what, date);
	return (s);
}

/* Note a problem of the source, as the urls file's are noted. */
static void
session_import_problem(struct session_import *im, int kind,
    const char *detail)
{
	struct urls_problems	*p = &im->problems;

	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	memset(&p->v[p->n], 0, sizeof p->v[p->n]);
	p->v[p->n].kind = kind;
	p->v[p->n].detail = detail != NULL ? xstrdup(detail) : NULL;
	p->n++;
}

/* The subscription an OPML entry makes; -1 (a problem noted) when its URL is none. */
static int
session_import_entry(struct session_import *im, const struct opml_entry *e,
    struct urls_sub *sub)
{
	struct urls_problem	 pr;
	struct str		 line;
	size_t			 i;
	int			 rc;

	memset(&pr, 0, sizeof pr);
	if (strncmp(e->url, "exec:", 5) == 0 ||
	    strncasecmp(e->url, "query:", 6) == 0) {
		/* A list from elsewhere does not run commands. */
		session_import_problem(im, REASON_NOT_URL, e->url);
		return (-1);
	}
	/* The URL as a quoted first word, as a urls file would have it. */
	str_init(&line);
	str_appendc(&line, '"');
	for (i = 0; e->url[i] != '\0'; i++) {
		if (e->url[i] == '"' || e->url[i] == '\\')
			str_appendc(&line, '\\');
		str_appendc(&line, e->url[i]);
	}
	str_appendc(&line, '"');
	rc = urls_parse_line(str_cstr(&line), sub, &pr);
	str_free(&line);
	if (rc != 1) {
		session_import_problem(im, pr.kind, pr.detail != NULL ?
		    pr.detail : e->url);
		urls_problem_clear(&pr);
		return (-1);
	}
	/* An untitled feed's text is its URL (opml_write writes it so). */
	if (e->title != NULL && strcmp(e->title, e->url) != 0)
		sub->title = xstrdup(e->title);
	if (e->category != NULL)
		strv_add(&sub->tags, e->category);
	for (i = 0; i < e->more.n; i++) {
		if (!strv_contains(&sub->tags, e->more.v[i]))
			strv_add(&sub->tags, e->more.v[i]);
	}
	return (0);
}

/*
 * Add the feeds of the OPML file to the urls file at urls_path (see the
 * header). A file larger than max bytes is refused before it is read.
 */
int
session_import_opml(const char *file, const char *urls_path, size_t max,
    struct session_import *im, char **cause)
{
	struct urls_sub	*subs;
	struct opml	*o;
	struct stat	 sb;
	char		*comment, *why = NULL;
	size_t		 i, n = 0;
	int		 rc;

	memset(im, 0, sizeof *im);
	im->source = xstrdup(file);
	if (stat(file, &sb) != 0) {
		xasprintf(cause, "%s: %s", file, strerror(errno));
		return (-1);
	}
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", file);
		return (-1);
	}
	if ((size_t)sb.st_size > max) {
		xasprintf(cause, "%s: %lld bytes, more than the %zu an OPML file "
		    "may have", file, (long long)sb.st_size, max);
		return (-1);
	}
	if ((o = opml_read_file(file, &im->warnings, &why)) == NULL) {
		xasprintf(cause, "%s: %s", file, why);
		free(why);
		return (-1);
	}
	subs = xcalloc(o->nentries > 0 ? o->nentries : 1, sizeof *subs);
	for (i = 0; i < o->nentries; i++) {
		if (session_import_entry(im, &o->entries[i], &subs[n]) == 0)
			n++;
	}
	im->feeds = n;
	comment = session_import_comment(file);
	rc = urls_add(urls_path, subs, n, comment, &im->added, &im->skipped,
	    cause);
	free(comment);
	for (i = 0; i < n; i++)
		urls_sub_clear(&subs[i]);
	free(subs);
	opml_free(o);
	return (rc);
}

/*
 * The cache's part of a newsboat import: rows for every feed the urls
 * file will list (those it lists now and the new ones, so that none
 * loses its tags), then newsboat's articles and states.
 */
static int
session_import_cache(const char *cache_path, const char *urls_path,
    const char *nbcache, const struct urls_list *nbsubs,
    struct session_import *im, char **cause)
{
	struct urls_list		 have = { NULL, 0 };
	struct urls_problems		 warnings = { NULL, 0 };
	struct urls_problem		 error;
	struct db_newsboat_counts	 c;
	struct db_sub			*subs;
	struct strv			 urls = { NULL, 0 };
	struct db			*db;
	const struct urls_sub		*s;
	size_t				 i, n = 0;
	int				 rc = -1;

	urls_load(urls_path, &have, &warnings, &error);
	urls_problems_free(&warnings);
	urls_problem_clear(&error);
	subs = xcalloc(have.n + nbsubs->n + 1, sizeof *subs);
	for (i = 0; i < have.n + nbsubs->n; i++) {
		s = i < have.n ? &have.v[i] : &nbsubs->v[i - have.n];
		if (s->query != NULL || strv_contains(&urls, s->url))
			continue;
		strv_add(&urls, s->url);
		subs[n].url = s->url;
		subs[n].title = s->title;
		subs[n].tags = (const char *const *)s->tags.v;
		subs[n].ntags = s->tags.n;
		n++;
	}
	if (path_mkdir_parents(cache_path, cause) != 0 ||
	    (db = db_open(cache_path, 0, cause)) == NULL)
		goto out;
	if (db_feed_sync(db, subs, n, cause) == 0 &&
	    db_newsboat_import(db, nbcache, &urls, &c, cause) == 0) {
		im->items = c.items;
		im->read = c.read;
		im->starred = c.starred;
		rc = 0;
	}
	db_close(db);
out:
	free(subs);
	strv_free(&urls);
	urls_list_free(&have);
	return (rc);
}

/*
 * Import newsboat's files (see the header): dir (NULL: found), into the
 * urls file at urls_path and the cache at cache_path.
 */
int
session_import_newsboat(const char *dir, const char *urls_path,
    const char *cache_path, struct session_import *im, char **cause)
{
	struct conf_newsboat	 nb;
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problem	 error;
	char			*comment;
	size_t			 i;
	int			 rc = -1;

	memset(im, 0, sizeof *im);
	if (conf_newsboat_find(dir, &nb) != 0) {
		if (dir != NULL)
			xasprintf(cause, "%s: no newsboat urls file there "
			    "(%s/urls)", dir, dir);
		else
			xasprintf(cause, "no newsboat files (~/.newsboat/urls, "
			    "$XDG_CONFIG_HOME/newsboat/urls)");
		return (-1);
	}
	im->source = xstrdup(nb.urls);
	/* Read and check everything first: a bad file changes nothing. */
	if (urls_load(nb.urls, &subs, &im->problems, &error) != 0) {
		*cause = reason_text(error.kind, error.code, error.detail);
		urls_problem_clear(&error);
		goto out;
	}
	im->feeds = subs.n;
	if (nb.cache != NULL && db_newsboat_check(nb.cache, cause) != 0)
		goto out;
	if (nb.cache != NULL && session_import_cache(cache_path, urls_path,
	    nb.cache, &subs, im, cause) != 0)
		goto out;
	comment = session_import_comment(nb.urls);
	rc = urls_add(urls_path, subs.v, subs.n, comment, &im->added,
	    &im->skipped, cause);
	free(comment);
out:
	for (i = 0; i < im->problems.n; i++) {
		if (im->problems.v[i].kind == REASON_NO_FEEDS) {
			/* Not a line's problem; the counts say it. */
			free(im->problems.v[i].detail);
			im->problems.v[i] = im->problems.v[--im->problems.n];
			break;
		}
	}
	urls_list_free(&subs);
	conf_newsboat_free(&nb);
	return (rc);
}
