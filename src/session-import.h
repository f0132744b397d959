/*
 * Importing subscriptions from elsewhere, for the command line and the
 * interface's first run alike: an OPML file, or newsboat's files (its
 * urls file, and its cache's read and starred states). What was done
 * comes back as counts, the source's skipped lines as problems (data,
 * for the edge to put in words), a failure as *cause.
 */
#ifndef AKHBAR_SESSION_IMPORT_H
#define AKHBAR_SESSION_IMPORT_H

#include <stddef.h>

#include "str.h"
#include "urls.h"

/* What an import did. */
struct session_import {
	size_t			 feeds;		/* subscriptions read from the source */
	size_t			 added;		/* ... added to the urls file */
	size_t			 skipped;	/* ... that it had already */
	size_t			 items;		/* articles copied into the cache */
	size_t			 read;		/* ... marked read */
	size_t			 starred;	/* ... starred */
	char			*source;	/* the file read (for problems' words) */
	struct urls_problems	 problems;	/* the source's lines skipped */
	struct strv		 warnings;	/* other words about the source */
};

/*
 * Add the feeds of an OPML file to the urls file: folders become tags,
 * titles "~Title", feeds already there are skipped, the file is written
 * again atomically keeping every line. A file over max_bytes, or not
 * OPML, changes nothing: -1 and *cause.
 */
int	session_import_opml(const char *, const char *, size_t,
	    struct session_import *, char **);
/*
 * Import newsboat's files (dir: as conf_newsboat_find takes it, NULL to
 * find them): its urls file into akhbar's urls file, and the read and
 * flagged states (and articles) of its cache.db into akhbar's cache. A
 * newsboat cache of a version akhbar does not know changes nothing.
 */
int	session_import_newsboat(const char *, const char *, const char *,
	    struct session_import *, char **);
void	session_import_clear(struct session_import *);

#endif
