/* The headless actions on the cache: counts, search, marking read, compacting. */
#ifndef AKHBAR_CLI_CACHE_H
#define AKHBAR_CLI_CACHE_H

/* akhbar --unread-count [--json]: cache, urls file, JSON or not. */
int	cli_cache_unread_count(const char *, const char *, int);
/* akhbar --search QUERY [--json]: cache, urls file, query, date format, JSON. */
int	cli_cache_search(const char *, const char *, const char *,
	    const char *, int);
/* akhbar --mark-all-read [FEED]: cache, feed (URL or title; NULL: all). */
int	cli_cache_mark_read(const char *, const char *);
/* akhbar --vacuum: cache. */
int	cli_cache_vacuum(const char *);

#endif
