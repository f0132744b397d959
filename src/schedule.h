/*
 * When to fetch a feed next: pure arithmetic over what the last fetch said
 * (Cache-Control max-age, Expires, RSS <ttl>, Retry-After, failures), kept
 * apart from the poller so it can be tested without a network or a cache.
 */
#ifndef AKHBAR_SCHEDULE_H
#define AKHBAR_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#define SCHEDULE_HINT_MAX	86400	/* server hints are capped at a day */
#define SCHEDULE_BACKOFF_BASE	300	/* the first backoff, in seconds */
#define SCHEDULE_BACKOFF_MAX	86400	/* the longest backoff */

/* What one fetch of a feed found out. */
struct schedule_fetch {
	int64_t		 now;
	bool		 ok;		/* a feed or a 304 came back */
	long		 http_code;	/* 0 when there was no HTTP answer */
	int64_t		 max_age;	/* seconds, -1 if none */
	int64_t		 expires;	/* epoch time, -1 if none */
	int64_t		 retry_after;	/* epoch time, -1 if none */
	int		 ttl;		/* RSS <ttl> in minutes, 0 if none */
	int		 failures;	/* consecutive failures before this one */
};

int64_t	schedule_next(const struct schedule_fetch *, int *);
int64_t	schedule_backoff(int);
bool	schedule_due(int64_t, int64_t, long, int64_t);
int64_t	schedule_when(int64_t, int64_t, long);

#endif
