/* Tests for parse-date.c: a table of feed date strings and what they mean. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "parse-date.h"

#include "tap.h"

static const struct {
	const char	*in;
	const char	*want;		/* ISO 8601 UTC, or NULL for unknown */
} cases[] = {
	/* RFC 822 / 2822 as RSS 2.0 says */
	{ "Sat, 28 Nov 2026 14:05:00 +0300", "2026-11-28T11:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 GMT", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 UT", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 Z", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 09:05:00 EST", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 10:05:00 EDT", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 06:05:00 PST", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 16:05:00 EET", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 -0500", "2026-11-28T19:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 +0530", "2026-11-28T08:35:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 +03:00", "2026-11-28T11:05:00Z" },
	/* missing seconds, missing day name, missing zone */
	{ "Sat, 28 Nov 2026 14:05 +0300", "2026-11-28T11:05:00Z" },
	{ "28 Nov 2026 14:05:00 +0300", "2026-11-28T11:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00", "2026-11-28T14:05:00Z" },
	{ "28 Nov 2026", "2026-11-28T00:00:00Z" },
	/* two-digit and odd years, long names, odd punctuation */
	{ "Sat, 28 Nov 26 14:05:00 GMT", "2026-11-28T14:05:00Z" },
	{ "Mon, 01 Mar 99 00:00:00 GMT", "1999-03-01T00:00:00Z" },
	{ "Saturday, 28 November 2026 14:05:00 GMT", "2026-11-28T14:05:00Z" },
	{ "Sat,28 Nov 2026 14:05:00 GMT", "2026-11-28T14:05:00Z" },
	{ "  Sat, 28 Nov 2026 14:05:00 GMT  ", "2026-11-28T14:05:00Z" },
	{ "Sat, 28-Nov-2026 14:05:00 GMT", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 nov 2026 14:05:00 gmt", "2026-11-28T14:05:00Z" },
	{ "Nov 28, 2026 2:05 PM", "2026-11-28T14:05:00Z" },
	{ "Sat Nov 28 14:05:00 2026", "2026-11-28T14:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 GMT+3", "2026-11-28T11:05:00Z" },
	/* tz database names, as Java and PHP print them; Etc/GMT+N is west */
	{ "Sun, 22 Nov 2026 07:30:00 Etc/GMT", "2026-11-22T07:30:00Z" },
	{ "Sun, 22 Nov 2026 07:30:00 Etc/UTC", "2026-11-22T07:30:00Z" },
	{ "Sun, 22 Nov 2026 07:30:00 Etc/GMT-3", "2026-11-22T04:30:00Z" },
	{ "Sun, 22 Nov 2026 07:30:00 Etc/GMT+2", "2026-11-22T09:30:00Z" },
	{ "Sun, 22 Nov 2026 07:30:00 Etc/Cairo", NULL },
	{ "Sat, 28 Nov 2026 14:05:00 GMT+03:00", "2026-11-28T11:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00 +0300 (Arabia Standard Time)",
	  "2026-11-28T11:05:00Z" },
	{ "Sat, 28 Nov 2026 14:05:00.123 GMT", "2026-11-28T14:05:00Z" },
	/* Arabic-Indic digits and the Arabic comma */
	{ "Sat\xd8\x8c \xd9\xa2\xd9\xa8 Nov \xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6 "
	  "14:05:00 +0300", "2026-11-28T11:05:00Z" },
	/* Arabic month and day names in localised dates */
	{ "\xd8\xa7\xd9\x84\xd8\xb3\xd8\xa8\xd8\xaa\xd8\x8c 28 "
	  "\xd9\x86\xd9\x88\xd9\x81\xd9\x85\xd8\xa8\xd8\xb1 2026 "
	  "14:05:00 +0300", "2026-11-28T11:05:00Z" },	/* السبت، 28 نوفمبر */
	{ "28 \xd8\xaa\xd8\xb4\xd8\xb1\xd9\x8a\xd9\x86 \xd8\xa7\xd9\x84"
	  "\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a 2026 14:05 GMT",
	  "2026-11-28T14:05:00Z" },			/* تشرين الثاني */
	{ "1 \xd8\xaa\xd8\xb4\xd8\xb1\xd9\x8a\xd9\x86 \xd8\xa7\xd9\x84"
	  "\xd8\xa3\xd9\x88\xd9\x84 2026", "2026-10-01T00:00:00Z" },
	{ "\xd9\xa1\xd9\xa5 \xd8\xa2\xd8\xb0\xd8\xa7\xd8\xb1 "
	  "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6", "2026-03-15T00:00:00Z" },
	{ "28 \xd8\xb4\xd9\x87\xd8\xb1 2026", NULL },	/* 28 شهر 2026 */
	/* RFC 3339 and ISO 8601 as Atom says */
	{ "2026-11-28T14:05:00+03:00", "2026-11-28T11:05:00Z" },
	{ "2026-11-28T14:05:00Z", "2026-11-28T14:05:00Z" },
	{ "2026-11-28t14:05:00z", "2026-11-28T14:05:00Z" },
	{ "2026-11-28T14:05:00.123456Z", "2026-11-28T14:05:00Z" },
	{ "2026-11-28T14:05:00-05:00", "2026-11-28T19:05:00Z" },
	{ "2026-11-28T14:05:00+0300", "2026-11-28T11:05:00Z" },
	{ "2026-11-28T14:05:00+03", "2026-11-28T11:05:00Z" },
	{ "2026-11-28T14:05+03:00", "2026-11-28T11:05:00Z" },
	{ "2026-11-28 14:05:00", "2026-11-28T14:05:00Z" },
	{ "2026-11-28 14:05:00 +0300", "2026-11-28T11:05:00Z" },
	{ "2026-11-28T14:05:00 GMT", "2026-11-28T14:05:00Z" },
	{ "2026-11-28", "2026-11-28T00:00:00Z" },
	{ "2026-11", "2026-11-01T00:00:00Z" },
	{ "2026", "2026-01-01T00:00:00Z" },
	{ "20261128T140500Z", "2026-11-28T14:05:00Z" },
	{ "2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z" },
	{ "2026-12-31T23:59:60Z", "2026-12-31T23:59:59Z" },
	{ "1969-07-20T20:17:40Z", "1969-07-20T20:17:40Z" },
	/* garbage and impossible dates stay unknown */
	{ "", NULL },
	{ "   ", NULL },
	{ "yesterday", NULL },
	{ "not a date at all", NULL },
	{ "Sat, 32 Nov 2026 14:05:00 GMT", NULL },
	{ "2026-02-29T00:00:00Z", NULL },
	{ "2026-13-01T00:00:00Z", NULL },
	{ "2026-11-28T25:00:00Z", NULL },
	{ "2026-11-28T14:61:00Z", NULL },
	{ "Sat, 28 Foo 2026 14:05:00 GMT", NULL },
	{ "28 Nov", NULL },
	{ "14:05:00", NULL },
	{ "2026-11-28T14:05:00+99:00", NULL },
	{ "2026-11-28T14:05:00 Mars", NULL },
	{ "\xff\xfe\x1b[31m", NULL },
	{ "Sat, 28 Nov 2026 14:05:00 GMT Sat, 28 Nov 2026 14:05:00 GMT",
	  NULL },
};

int
main(void)
{
	char	buf[64];
	int64_t	t;
	size_t	i;

	parse_date_format(0, buf, sizeof buf);
	is_str(buf, "1970-01-01T00:00:00Z", "format the epoch");
	parse_date_format(951782400, buf, sizeof buf);
	is_str(buf, "2000-02-29T00:00:00Z", "format a leap day");
	parse_date_format(-1, buf, sizeof buf);
	is_str(buf, "1969-12-31T23:59:59Z", "format before the epoch");
	is_int(parse_date_from_civil(2026, 11, 28, 14, 5, 0), 1795874700,
	    "civil to epoch");
	ok(parse_date(NULL) == FEED_TIME_UNKNOWN, "NULL is unknown");

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t = parse_date(cases[i].in);
		if (t == FEED_TIME_UNKNOWN)
			is_str(NULL, cases[i].want, "'%s'", cases[i].in);
		else {
			parse_date_format(t, buf, sizeof buf);
			is_str(buf, cases[i].want, "'%s'", cases[i].in);
		}
	}
	return (tap_done());
}
