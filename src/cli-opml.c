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

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cli-newsboat.h"
#include "i18n.h"
#include "opml.h"
#include "reason.h"
#include "report.h"
#include "session-import.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

/* The largest OPML file read: a list of 100 000 feeds is a few MB. */
#define CLI_OPML_MAX	(16 * 1024 * 1024)

/* akhbar --import-opml FILE: add its feeds to the urls file. */
int
cli_opml_import(const char *urls_path, const char *file)
{
	struct session_import	 im;
	char			*cause = NULL;
	int			 rc;

	rc = session_import_opml(file, urls_path, CLI_OPML_MAX, &im, &cause);
	cli_newsboat_problems(&im);
	if (rc != 0) {
		report(REPORT_ERROR, _("cannot import %s; nothing was changed"),
		    cause);
		free(cause);
		session_import_clear(&im);
		return (CLI_EXIT_FAIL);
	}
	printf(P_("%s: %zu feed added to %s", "%s: %zu feeds added to %s",
	    im.added), file, im.added, urls_path);
	printf(P_(", %zu already there\n", ", %zu already there\n",
	    im.skipped), im.skipped);
	session_import_clear(&im);
	return (CLI_EXIT_OK);
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
