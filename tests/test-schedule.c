/* Tests for schedule.c: caching hints, Retry-After and backoff. */
#include "config.h"

#include <string.h>

#include "schedule.h"

#include "tap.h"

#define NOW	1800000000LL

static struct schedule_fetch
fetch(bool ok, long code)
{
	struct schedule_fetch	f;

	memset(&f, 0, sizeof f);
	f.now = NOW;
	f.ok = ok;
	f.http_code = code;
	f.max_age = f.expires = f.retry_after = -1;
	return (f);
}

int
main(void)
{
	struct schedule_fetch	f;
	int			fails = -1, i;
	int64_t			prev, t;

	f = fetch(true, 200);
	f.failures = 4;
	is_int(schedule_next(&f, &fails), NOW, "no hints: due again now");
	is_int(fails, 0, "success clears failures");

	f = fetch(true, 200);
	f.max_age = 600;
	is_int(schedule_next(&f, &fails), NOW + 600, "max-age is a minimum");
	f.expires = NOW + 9000;
	is_int(schedule_next(&f, &fails), NOW + 600,
	    "max-age wins over Expires");
	f.max_age = -1;
	is_int(schedule_next(&f, &fails), NOW + 9000, "Expires");
	f.expires = NOW - 10;
	is_int(schedule_next(&f, &fails), NOW, "a past Expires means now");
	f.ttl = 90;
	is_int(schedule_next(&f, &fails), NOW + 5400, "RSS <ttl> in minutes");
	f.max_age = 60;
	is_int(schedule_next(&f, &fails), NOW + 5400,
	    "the longer of ttl and max-age");
	f = fetch(true, 304);
	f.max_age = 365 * 86400;
	is_int(schedule_next(&f, &fails), NOW + SCHEDULE_HINT_MAX,
	    "a server cannot push a feed away for a year");
	f.max_age = INT64_MAX - 5;
	is_int(schedule_next(&f, &fails), NOW + SCHEDULE_HINT_MAX,
	    "... nor overflow the time with an absurd max-age");

	f = fetch(false, 0);
	is_int(schedule_next(&f, &fails), NOW, "one failure: retry next time");
	is_int(fails, 1, "failures count");
	prev = 0;
	for (i = 1; i < 12; i++) {
		f.failures = i;
		t = schedule_next(&f, &fails) - NOW;
		if (i == 1)
			is_int(t, SCHEDULE_BACKOFF_BASE,
			    "the second failure backs off");
		else if (t < SCHEDULE_BACKOFF_MAX)
			is_int(t, prev * 2, "backoff doubles (%d failures)",
			    i + 1);
		prev = t;
	}
	is_int(prev, SCHEDULE_BACKOFF_MAX, "backoff is capped");

	f = fetch(false, 429);
	is_int(schedule_next(&f, &fails), NOW + SCHEDULE_BACKOFF_BASE,
	    "429 without Retry-After backs off at once");
	f.retry_after = NOW + 7200;
	is_int(schedule_next(&f, &fails), NOW + 7200, "Retry-After is honoured");
	f.retry_after = NOW + 30 * 86400;
	is_int(schedule_next(&f, &fails), NOW + SCHEDULE_HINT_MAX,
	    "... up to a day");
	f = fetch(false, 503);
	f.retry_after = NOW + 10;
	is_int(schedule_next(&f, &fails), NOW + SCHEDULE_BACKOFF_BASE,
	    "503 with a short Retry-After still waits the base backoff");

	ok(schedule_due(0, 0, 0, NOW), "a new feed is due");
	ok(!schedule_due(NOW + 1, 0, 0, NOW), "not before next_fetch");
	ok(!schedule_due(0, NOW - 100, 1800, NOW),
	    "not before the interval has passed");
	ok(schedule_due(0, NOW - 1800, 1800, NOW), "due when it has");
	ok(schedule_due(0, NOW - 100, 0, NOW), "no interval: due");
	is_int(schedule_when(NOW + 50, NOW - 100, 1800), NOW + 1700,
	    "the later of next_fetch and the interval");
	return (tap_done());
}
