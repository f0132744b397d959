/* The headless actions on the cache: counts, search, marking read, compacting. */
#ifndef AKHBAR_CLI_CACHE_H
#define AKHBAR_CLI_CACHE_H

#include <stddef.h>

/* akhbar --unread-count [--json]: cache, urls file, JSON or not. */
int	cli_cache_unread_count(const char *, const char *, int);
/* akhbar --search QUERY [--json] [--limit N] [--sort rank]: cache, urls file, query, date format, JSON, limit (0: none), best match first. */
int	cli_cache_search(const char *, const char *, const char *,
	    const char *, int, long, int);
/* akhbar --mark-all-read [FEED]: cache, feed (URL or title; NULL: all). */
int	cli_cache_mark_read(const char *, const char *);
/* What --mark-read and its kin do to an item. */
enum cli_cache_mark {
	CLI_CACHE_READ,
	CLI_CACHE_UNREAD,
	CLI_CACHE_STAR,
	CLI_CACHE_UNSTAR
};

/* akhbar --mark-read ID... and its kin: cache, what, the ids (numbers). */
int	cli_cache_mark_items(const char *, enum cli_cache_mark,
	    const char *const *, size_t);
/* akhbar --vacuum: cache. */
int	cli_cache_vacuum(const char *);

#endif
