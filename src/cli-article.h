/* akhbar --fetch-article and --article: full articles from the command line. */
#ifndef AKHBAR_CLI_ARTICLE_H
#define AKHBAR_CLI_ARTICLE_H

#include <stdio.h>

/* The lines of --help for --fetch-article and --article. */
void	 cli_article_usage(FILE *);

/* Fetch an item's web page (its id as the command line gives it) and store its full article; the exit code. */
int	 cli_fetch_article(const char *, const char *);

/* Print an item of the cache with its full article; the exit code. */
int	 cli_article(const char *, const char *);

#endif
