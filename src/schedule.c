/*
 * Scheduling arithmetic. A feed has a "not before" time stored in the
 * cache (next_fetch): what the server asked for (max-age, Expires, <ttl>,
 * Retry-After) or what repeated failures earned (exponential backoff).
 * Reloads, by hand or periodic, never fetch a feed before that time. The
 * periodic interval is applied on top, from the time of the last attempt.
 */
#include "config.h"

#include "schedule.h"

static int64_t
schedule_cap(int64_t now, int64_t t)
{
	if (t > now + SCHEDULE_HINT_MAX)
		return (now + SCHEDULE_HINT_MAX);
	return (t);
}

/* The backoff after this many consecutive failures (none after one). */
int64_t
schedule_backoff(int failures)
{
	int64_t	d;
	int	i;

	if (failures < 2)
		return (0);
	d = SCHEDULE_BACKOFF_BASE;
	for (i = 2; i < failures && d < SCHEDULE_BACKOFF_MAX; i++)
		d *= 2;
	return (d > SCHEDULE_BACKOFF_MAX ? SCHEDULE_BACKOFF_MAX : d);
}

/*
 * The earliest time the feed may be fetched again after the fetch f, and
 * (in *failures) its consecutive failures from now on.
 */
int64_t
schedule_next(const struct schedule_fetch *f, int *failures)
{
	int64_t	t = f->now, hint;

	if (f->ok) {
		*failures = 0;
		if (f->max_age > SCHEDULE_HINT_MAX)
			hint = f->now + SCHEDULE_HINT_MAX;
		else if (f->max_age > 0)
			hint = f->now + f->max_age;
		else if (f->expires > f->now)
			hint = f->expires;
		else
			hint = f->now;
		if (f->ttl > 0 && f->now + (int64_t)f->ttl * 60 > hint)
			hint = f->now + (int64_t)f->ttl * 60;
		return (schedule_cap(f->now, hint));
	}
	*failures = f->failures + 1;
	t = f->now + schedule_backoff(*failures);
	/* A server that says "slow down" gets at least the base backoff. */
	if ((f->http_code == 429 || f->http_code == 503) &&
	    t < f->now + SCHEDULE_BACKOFF_BASE)
		t = f->now + SCHEDULE_BACKOFF_BASE;
	if (f->retry_after > t)
		t = schedule_cap(f->now, f->retry_after);
	return (t);
}

/* When a feed is due: not before next_fetch, nor interval after the last try. */
int64_t
schedule_when(int64_t next_fetch, int64_t last_attempt, long interval)
{
	int64_t	t = next_fetch;

	if (interval > 0 && last_attempt > 0 && last_attempt + interval > t)
		t = last_attempt + interval;
	return (t);
}

/* Whether a feed is due at now. */
bool
schedule_due(int64_t next_fetch, int64_t last_attempt, long interval,
    int64_t now)
{
	return (schedule_when(next_fetch, last_attempt, interval) <= now);
}
