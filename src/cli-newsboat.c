/*
 * Coming from newsboat: akhbar --import-newsboat [DIR] copies newsboat's
 * urls file (tags, titles, hidden feeds, query: feeds) into akhbar's and
 * its cache's articles and read and flagged states into akhbar's cache
 * (session-import.c does the work, for the interface's first run too).
 */
#include "config.h"

#include "cli-newsboat.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "reason.h"
#include "report.h"
#include "session-import.h"
#include "urls.h"

/* Report the source's skipped lines and warnings: "FILE:LINE: why". */
void
cli_newsboat_problems(const struct session_import *im)
{
	const struct urls_problem	*pr;
	char				*why;
	size_t				 i;

	for (i = 0; i < im->problems.n; i++) {
		pr = &im->problems.v[i];
		why = reason_text(pr->kind, pr->code, pr->detail);
		if (pr->line > 0)
			report(REPORT_WARNING, _("%s:%d: skipped: %s"),
			    im->source, pr->line, why);
		else
			report(REPORT_WARNING, _("%s: skipped: %s"),
			    im->source, why);
		free(why);
	}
	for (i = 0; i < im->warnings.n; i++)
		report(REPORT_WARNING, "%s: %s", im->source, im->warnings.v[i]);
}

/* akhbar --import-newsboat [DIR]. */
int
cli_newsboat_import(const char *dir, const char *urls_path,
    const char *cache_path)
{
	struct session_import	 im;
	char			*cause = NULL;
	int			 rc;

	rc = session_import_newsboat(dir, urls_path, cache_path, &im, &cause);
	cli_newsboat_problems(&im);
	if (rc != 0) {
		report(REPORT_ERROR, _("cannot import from newsboat: %s; nothing "
		    "was changed"), cause);
		free(cause);
		session_import_clear(&im);
		return (CLI_EXIT_FAIL);
	}
	printf(P_("%s: %zu feed added to %s", "%s: %zu feeds added to %s",
	    im.added), im.source, im.added, urls_path);
	printf(P_(", %zu already there\n", ", %zu already there\n",
	    im.skipped), im.skipped);
	printf(P_("%zu article imported", "%zu articles imported", im.items),
	    im.items);
	printf(P_(", %zu marked read", ", %zu marked read", im.read), im.read);
	printf(P_(", %zu starred\n", ", %zu starred\n", im.starred),
	    im.starred);
	session_import_clear(&im);
	return (CLI_EXIT_OK);
}
