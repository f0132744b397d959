/*
 * OPML at the command line. --import-opml adds an OPML file's feeds to
 * the urls file: folders become tags (a feed in several folders gets each
 * as a tag), titles become "~Title", feeds the urls file has already are
 * skipped, and the file is written again atomically with every line it
 * had. --export-opml prints the urls file as OPML 2.0: tags as folders
 * (a feed with two tags is in both), titles kept; importing the export
 * gives the same feeds, titles and tags back.
 */
#include "config.h"

#include "cli-opml.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "i18n.h"
#include "opml.h"
#include "reason.h"
#include "report.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

/* The largest OPML file read: a list of 100 000 feeds is a few MB. */
#define CLI_OPML_MAX	(16 * 1024 * 1024)

/* Add a tag to a subscription once. */
static void
cli_opml_tag(struct urls_sub *sub, const char *tag)
{
	if (tag != NULL && *tag != '\0' && !strv_contains(&sub->tags, tag))
		strv_add(&sub->tags, tag);
}

/*
 * The subscription an OPML entry makes, or -1 (with a warning) when its
 * URL is not one a urls file takes.
 */
static int
cli_opml_sub(const char *file, const struct opml_entry *e,
    struct urls_sub *sub)
{
	struct urls_problem	 pr;
	struct str		 line;
	char			*why;
	size_t			 i;
	int			 rc;

	/* The URL as a quoted first word: exec: and query: are refused. */
	memset(&pr, 0, sizeof pr);
	str_init(&line);
	str_appendc(&line, '"');
	for (i = 0; e->url[i] != '\0'; i++) {
		if (e->url[i] == '"' || e->url[i] == '\\')
			str_appendc(&line, '\\');
		str_appendc(&line, e->url[i]);
	}
	str_appendc(&line, '"');
	if (strncmp(e->url, "exec:", 5) == 0 ||
	    strncasecmp(e->url, "query:", 6) == 0)
		rc = -1, pr.kind = REASON_NOT_URL, pr.detail = xstrdup(e->url);
	else
		rc = urls_parse_line(str_cstr(&line), sub, &pr);
	str_free(&line);
	if (rc != 1) {
		why = reason_text(pr.kind, pr.code, pr.detail);
		report(REPORT_WARNING, _("%s: skipped: %s"), file, why);
		free(why);
		urls_problem_clear(&pr);
		return (-1);
	}
	if (e->title != NULL)
		sub->title = xstrdup(e->title);
	cli_opml_tag(sub, e->category);
	for (i = 0; i < e->more.n; i++)
		cli_opml_tag(sub, e->more.v[i]);
	return (0);
}

/* akhbar --import-opml FILE: add its feeds to the urls file. */
int
cli_opml_import(const char *urls_path, const char *file)
{
	struct strv	 warnings = { NULL, 0 };
	struct urls_sub	*subs;
	struct opml	*o;
	struct stat	 sb;
	struct tm	 tm;
	time_t		 now;
	char		*cause = NULL, *comment, date[32];
	size_t		 i, n = 0, added, skipped;
	int		 rc = CLI_EXIT_FAIL;

	if (stat(file, &sb) != 0) {
		report(REPORT_ERROR, _("cannot read %s: %s"), file,
		    strerror(errno));
		return (CLI_EXIT_FAIL);
	}
	if (!S_ISREG(sb.st_mode)) {
		report(REPORT_ERROR, _("cannot read %s: %s"), file,
		    strerror(EISDIR));
		return (CLI_EXIT_FAIL);
	}
	if (sb.st_size > CLI_OPML_MAX) {
		report(REPORT_ERROR, _("%s: too large for an OPML file (%lld MB; "
		    "akhbar reads up to %d MB); nothing was imported"), file,
		    (long long)(sb.st_size / (1024 * 1024)),
		    CLI_OPML_MAX / (1024 * 1024));
		return (CLI_EXIT_FAIL);
	}
	o = opml_read_file(file, &warnings, &cause);
	for (i = 0; i < warnings.n; i++)
		report(REPORT_WARNING, "%s: %s", file, warnings.v[i]);
	strv_free(&warnings);
	if (o == NULL) {
		report(REPORT_ERROR, _("%s: %s; nothing was imported"), file,
		    cause);
		free(cause);
		return (CLI_EXIT_FAIL);
	}
	subs = xcalloc(o->nentries > 0 ? o->nentries : 1, sizeof *subs);
	for (i = 0; i < o->nentries; i++) {
		if (cli_opml_sub(file, &o->entries[i], &subs[n]) == 0)
			n++;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
		strcpy(date, "?");
	xasprintf(&comment, "Imported from %s on %s", file, date);
	if (urls_add(urls_path, subs, n, comment, &added, &skipped,
	    &cause) != 0) {
		report(REPORT_ERROR, _("cannot write the urls file: %s; nothing "
		    "was imported"), cause);
		free(cause);
	} else {
		printf(P_("%s: %zu feed added to %s", "%s: %zu feeds added to "
		    "%s", added), file, added, urls_path);
		printf(P_(", %zu already there\n", ", %zu already there\n",
		    skipped), skipped);
		rc = CLI_EXIT_OK;
	}
	free(comment);
	for (i = 0; i < n; i++)
		urls_sub_clear(&subs[i]);
	free(subs);
	opml_free(o);
	return (rc);
}

/* akhbar --export-opml: the urls file's feeds as OPML 2.0 on standard output. */
int
cli_opml_export(const char *urls_path)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warnings = { NULL, 0 };
	struct urls_problem	 error;
	struct opml		*o;
	struct str		 out;
	char			*why;
	size_t			 i, j;

	if (urls_load(urls_path, &subs, &warnings, &error) != 0) {
		why = reason_text(error.kind, error.code, error.detail);
		report(REPORT_ERROR, "%s: %s", urls_path, why);
		free(why);
		urls_problem_clear(&error);
		urls_problems_free(&warnings);
		return (CLI_EXIT_FAIL);
	}
	for (i = 0; i < warnings.n; i++) {
		if (warnings.v[i].kind == REASON_NO_FEEDS)
			continue;
		why = reason_text(warnings.v[i].kind, warnings.v[i].code,
		    warnings.v[i].detail);
		report(REPORT_WARNING, "%s:%d: %s", urls_path,
		    warnings.v[i].line, why);
		free(why);
	}
	urls_problems_free(&warnings);
	o = opml_new();
	o->title = xstrdup("akhbar");
	for (i = 0; i < subs.n; i++) {
		if (subs.v[i].query != NULL)
			continue;	/* not a feed: nothing to fetch */
		if (subs.v[i].tags.n == 0)
			opml_add(o, subs.v[i].url, subs.v[i].title, NULL);
		for (j = 0; j < subs.v[i].tags.n; j++)
			opml_add(o, subs.v[i].url, subs.v[i].title,
			    subs.v[i].tags.v[j]);
	}
	urls_list_free(&subs);
	str_init(&out);
	opml_write(o, &out);
	fwrite(str_cstr(&out), 1, out.len, stdout);
	str_free(&out);
	opml_free(o);
	return (fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL);
}
