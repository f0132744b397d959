/*
 * Dates as feeds write them. RSS says RFC 822, Atom says RFC 3339, and the
 * web writes both with every mistake imaginable: missing seconds, missing
 * day names, two-digit years, named zones, "GMT+3", ISO dates with a space
 * instead of "T", Arabic-Indic digits. parse_date returns UTC epoch seconds
 * or FEED_TIME_UNKNOWN; it never guesses "now". A date without a zone is
 * taken as UTC, as feedparser does.
 */
#include "config.h"

#include "parse-date.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"

#define PARSE_DATE_MAX	256		/* longer strings are not dates */

struct parse_date_zone {
	const char	*name;
	int		 minutes;	/* offset east of UTC */
};

/* feedparser's table, with the European and Middle Eastern zones added. */
static const struct parse_date_zone parse_date_zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "bst", 60 }, { "west", 60 }, { "cet", 60 }, { "met", 60 },
	{ "cest", 120 }, { "mest", 120 }, { "eet", 120 }, { "ist", 120 },
	{ "eest", 180 }, { "idt", 180 }, { "msk", 180 }, { "trt", 180 },
	{ "irst", 210 }, { "gst", 240 }, { "irdt", 270 }, { "pkt", 300 },
	{ "adt", -180 }, { "ast", -240 }, { "at", -240 },
	{ "edt", -240 }, { "est", -300 }, { "et", -300 },
	{ "cdt", -300 }, { "cst", -360 }, { "ct", -360 },
	{ "mdt", -360 }, { "mst", -420 }, { "mt", -420 },
	{ "pdt", -420 }, { "pst", -480 }, { "pt", -480 },
	{ "hst", -600 }, { "akst", -540 }, { "akdt", -480 },
	{ "jst", 540 }, { "kst", 540 }, { "aest", 600 }, { "aedt", 660 },
	{ NULL, 0 }
};

static const char *parse_date_months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

static const char *parse_date_days[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/*
 * Arabic month names (Egyptian and Gulf, Levantine, Maghrebi) and day
 * names as Arabic sites write them in localised dates; day names are
 * dropped. Two-word names come first so they win over one-word ones.
 */
static const struct {
	const char	*ar;
	const char	*en;
} parse_date_arabic[] = {
	{ "\xd9\x83\xd8\xa7\xd9\x86\xd9\x88\xd9\x86\x20\xd8\xa7\xd9\x84\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a", "Jan" },	/* كانون الثاني */
	{ "\xd9\x83\xd8\xa7\xd9\x86\xd9\x88\xd9\x86\x20\xd8\xa7\xd9\x84\xd8\xa3\xd9\x88\xd9\x84", "Dec" },	/* كانون الأول */
	{ "\xd9\x83\xd8\xa7\xd9\x86\xd9\x88\xd9\x86\x20\xd8\xa7\xd9\x84\xd8\xa7\xd9\x88\xd9\x84", "Dec" },	/* كانون الاول */
	{ "\xd8\xaa\xd8\xb4\xd8\xb1\xd9\x8a\xd9\x86\x20\xd8\xa7\xd9\x84\xd8\xa3\xd9\x88\xd9\x84", "Oct" },	/* تشرين الأول */
	{ "\xd8\xaa\xd8\xb4\xd8\xb1\xd9\x8a\xd9\x86\x20\xd8\xa7\xd9\x84\xd8\xa7\xd9\x88\xd9\x84", "Oct" },	/* تشرين الاول */
	{ "\xd8\xaa\xd8\xb4\xd8\xb1\xd9\x8a\xd9\x86\x20\xd8\xa7\xd9\x84\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a", "Nov" },	/* تشرين الثاني */
	{ "\xd9\x8a\xd9\x86\xd8\xa7\xd9\x8a\xd8\xb1", "Jan" },	/* يناير */
	{ "\xd9\x81\xd8\xa8\xd8\xb1\xd8\xa7\xd9\x8a\xd8\xb1", "Feb" },	/* فبراير */
	{ "\xd9\x85\xd8\xa7\xd8\xb1\xd8\xb3", "Mar" },	/* مارس */
	{ "\xd8\xa3\xd8\xa8\xd8\xb1\xd9\x8a\xd9\x84", "Apr" },	/* أبريل */
	{ "\xd8\xa7\xd8\xa8\xd8\xb1\xd9\x8a\xd9\x84", "Apr" },	/* ابريل */
	{ "\xd8\xa5\xd8\xa8\xd8\xb1\xd9\x8a\xd9\x84", "Apr" },	/* إبريل */
	{ "\xd9\x85\xd8\xa7\xd9\x8a\xd9\x88", "May" },	/* مايو */
	{ "\xd9\x8a\xd9\x88\xd9\x86\xd9\x8a\xd9\x88", "Jun" },	/* يونيو */
	{ "\xd9\x8a\xd9\x88\xd9\x86\xd9\x8a\xd9\x87", "Jun" },	/* يونيه */
	{ "\xd9\x8a\xd9\x88\xd9\x84\xd9\x8a\xd9\x88", "Jul" },	/* يوليو */
	{ "\xd9\x8a\xd9\x88\xd9\x84\xd9\x8a\xd9\x87", "Jul" },	/* يوليه */
	{ "\xd8\xa3\xd8\xba\xd8\xb3\xd8\xb7\xd8\xb3", "Aug" },	/* أغسطس */
	{ "\xd8\xa7\xd8\xba\xd8\xb3\xd8\xb7\xd8\xb3", "Aug" },	/* اغسطس */
	{ "\xd8\xb3\xd8\xa8\xd8\xaa\xd9\x85\xd8\xa8\xd8\xb1", "Sep" },	/* سبتمبر */
	{ "\xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1", "Oct" },	/* أكتوبر */
	{ "\xd8\xa7\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1", "Oct" },	/* اكتوبر */
	{ "\xd9\x86\xd9\x88\xd9\x81\xd9\x85\xd8\xa8\xd8\xb1", "Nov" },	/* نوفمبر */
	{ "\xd8\xaf\xd9\x8a\xd8\xb3\xd9\x85\xd8\xa8\xd8\xb1", "Dec" },	/* ديسمبر */
	{ "\xd8\xb4\xd8\xa8\xd8\xa7\xd8\xb7", "Feb" },	/* شباط */
	{ "\xd8\xa2\xd8\xb0\xd8\xa7\xd8\xb1", "Mar" },	/* آذار */
	{ "\xd9\x86\xd9\x8a\xd8\xb3\xd8\xa7\xd9\x86", "Apr" },	/* نيسان */
	{ "\xd8\xa3\xd9\x8a\xd8\xa7\xd8\xb1", "May" },	/* أيار */
	{ "\xd8\xad\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86", "Jun" },	/* حزيران */
	{ "\xd8\xaa\xd9\x85\xd9\x88\xd8\xb2", "Jul" },	/* تموز */
	{ "\xd8\xa2\xd8\xa8", "Aug" },	/* آب */
	{ "\xd8\xa3\xd9\x8a\xd9\x84\xd9\x88\xd9\x84", "Sep" },	/* أيلول */
	{ "\xd8\xac\xd8\xa7\xd9\x86\xd9\x81\xd9\x8a", "Jan" },	/* جانفي */
	{ "\xd9\x81\xd9\x8a\xd9\x81\xd8\xb1\xd9\x8a", "Feb" },	/* فيفري */
	{ "\xd8\xa3\xd9\x81\xd8\xb1\xd9\x8a\xd9\x84", "Apr" },	/* أفريل */
	{ "\xd8\xac\xd9\x88\xd8\xa7\xd9\x86", "Jun" },	/* جوان */
	{ "\xd8\xac\xd9\x88\xd9\x8a\xd9\x84\xd9\x8a\xd8\xa9", "Jul" },	/* جويلية */
	{ "\xd8\xa3\xd9\x88\xd8\xaa", "Aug" },	/* أوت */
	{ "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xad\xd8\xaf", "" },	/* الأحد */
	{ "\xd8\xa7\xd9\x84\xd8\xa7\xd8\xad\xd8\xaf", "" },	/* الاحد */
	{ "\xd8\xa7\xd9\x84\xd8\xa7\xd8\xab\xd9\x86\xd9\x8a\xd9\x86", "" },	/* الاثنين */
	{ "\xd8\xa7\xd9\x84\xd8\xa5\xd8\xab\xd9\x86\xd9\x8a\xd9\x86", "" },	/* الإثنين */
	{ "\xd8\xa7\xd9\x84\xd8\xab\xd9\x84\xd8\xa7\xd8\xab\xd8\xa7\xd8\xa1", "" },	/* الثلاثاء */
	{ "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb1\xd8\xa8\xd8\xb9\xd8\xa7\xd8\xa1", "" },	/* الأربعاء */
	{ "\xd8\xa7\xd9\x84\xd8\xa7\xd8\xb1\xd8\xa8\xd8\xb9\xd8\xa7\xd8\xa1", "" },	/* الاربعاء */
	{ "\xd8\xa7\xd9\x84\xd8\xae\xd9\x85\xd9\x8a\xd8\xb3", "" },	/* الخميس */
	{ "\xd8\xa7\xd9\x84\xd8\xac\xd9\x85\xd8\xb9\xd8\xa9", "" },	/* الجمعة */
	{ "\xd8\xa7\xd9\x84\xd8\xb3\xd8\xa8\xd8\xaa", "" },	/* السبت */
	{ NULL, NULL }
};

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
parse_date_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* Whether y-m-d names a real day. */
static bool
parse_date_valid_day(int y, int m, int d)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	max;

	if (m < 1 || m > 12 || d < 1)
		return (false);
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return (d <= max);
}

/*
 * Epoch seconds for a UTC civil time, or FEED_TIME_UNKNOWN when a field is
 * out of range (second 60, a leap second, is folded into 59).
 */
int64_t
parse_date_from_civil(int y, int mo, int d, int h, int mi, int s)
{
	if (y < 1 || y > 9999 || !parse_date_valid_day(y, mo, d))
		return (FEED_TIME_UNKNOWN);
	if (h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 60)
		return (FEED_TIME_UNKNOWN);
	if (h == 24 && (mi != 0 || s != 0))
		return (FEED_TIME_UNKNOWN);
	if (s == 60)
		s = 59;
	return (parse_date_days_from_civil(y, mo, d) * 86400 +
	    (int64_t)h * 3600 + mi * 60 + s);
}

/* Write t as ISO 8601 UTC ("2026-11-28T11:05:00Z") into buf. */
void
parse_date_format(int64_t t, char *buf, size_t len)
{
	int64_t		days, secs, z, era, doe, yoe, y, doy, mp, d, m;

	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(buf, len, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
	    (long long)y, (long long)m, (long long)d, (long long)(secs / 3600),
	    (long long)(secs / 60 % 60), (long long)(secs % 60));
}

/*
 * Copy s into buf (size len) with Arabic-Indic and Persian digits made
 * ASCII, the Arabic comma made a comma and Arabic month and day names made
 * English; false if it does not fit.
 */
static bool
parse_date_normalise(const char *s, char *buf, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 o = 0;

	while (*u != '\0') {
		if (o + 1 >= len)
			return (false);
		if (u[0] == 0xd9 && u[1] >= 0xa0 && u[1] <= 0xa9) {
			buf[o++] = (char)('0' + u[1] - 0xa0);	/* U+0660.. */
			u += 2;
		} else if (u[0] == 0xdb && u[1] >= 0xb0 && u[1] <= 0xb9) {
			buf[o++] = (char)('0' + u[1] - 0xb0);	/* U+06F0.. */
			u += 2;
		} else if (u[0] == 0xd8 && u[1] == 0x8c) {
			buf[o++] = ',';				/* U+060C */
			u += 2;
		} else if (u[0] >= 0xd8 && u[0] <= 0xdb) {
			size_t i, n = 0;

			for (i = 0; parse_date_arabic[i].ar != NULL; i++) {
				n = strlen(parse_date_arabic[i].ar);
				if (strncmp((const char *)u,
				    parse_date_arabic[i].ar, n) == 0)
					break;
			}
			if (parse_date_arabic[i].ar == NULL) {
				buf[o++] = (char)*u++;	/* not a date */
				continue;
			}
			if (o + 5 >= len)
				return (false);
			buf[o++] = ' ';
			memcpy(buf + o, parse_date_arabic[i].en,
			    strlen(parse_date_arabic[i].en));
			o += strlen(parse_date_arabic[i].en);
			buf[o++] = ' ';
			u += n;
		} else
			buf[o++] = (char)*u++;
	}
	buf[o] = '\0';
	return (true);
}

/* Read up to max digits at *pp into *v; returns the count read. */
static int
parse_date_digits(const char **pp, int max, int *v)
{
	const char	*p = *pp;
	int		 n = 0, x = 0;

	while (n < max && isdigit((unsigned char)p[n])) {
		x = x * 10 + (p[n] - '0');
		n++;
	}
	*v = x;
	*pp = p + n;
	return (n);
}

/*
 * A numeric zone at *pp: "+0300", "+03:00", "+03", "-3", "+3:30".
 * Returns true and sets *minutes when one is there.
 */
static bool
parse_date_offset(const char **pp, int *minutes)
{
	const char	*p = *pp;
	int		 sign, h, m = 0, n;

	if (*p != '+' && *p != '-')
		return (false);
	sign = *p == '-' ? -1 : 1;
	p++;
	n = parse_date_digits(&p, 4, &h);
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (n == 3) {
		m = h % 100;
		h /= 100;
	} else if (n == 1 || n == 2) {
		if (*p == ':' && isdigit((unsigned char)p[1])) {
			p++;
			if (parse_date_digits(&p, 2, &m) != 2)
				return (false);
		}
	} else
		return (false);
	if (h > 14 || m > 59)
		return (false);
	*minutes = sign * (h * 60 + m);
	*pp = p;
	return (true);
}

/* RFC 3339 / ISO 8601 / W3CDTF, including a space for "T" and partial dates. */
static int64_t
parse_date_iso(const char *p)
{
	int	y, mo = 1, d = 1, h = 0, mi = 0, s = 0, off = 0, n;
	bool	compact;

	if (parse_date_digits(&p, 4, &y) != 4)
		return (FEED_TIME_UNKNOWN);
	compact = isdigit((unsigned char)*p);
	if (*p == '-' || *p == '/' || compact) {
		if (!compact)
			p++;
		if (parse_date_digits(&p, 2, &mo) != 2)
			return (FEED_TIME_UNKNOWN);
		if (*p == '-' || *p == '/' || (compact &&
		    isdigit((unsigned char)*p))) {
			if (!compact)
				p++;
			n = parse_date_digits(&p, 2, &d);
			if (n != 2 && !(n == 1 && !compact))
				return (FEED_TIME_UNKNOWN);
		}
	} else if (*p != '\0')
		return (FEED_TIME_UNKNOWN);
	while (*p == ' ')
		p++;
	if (*p == 'T' || *p == 't')
		p++;
	while (*p == ' ')
		p++;
	if (isdigit((unsigned char)*p)) {
		if (parse_date_digits(&p, 2, &h) != 2)
			return (FEED_TIME_UNKNOWN);
		if (*p == ':')
			p++;
		if (parse_date_digits(&p, 2, &mi) != 2)
			return (FEED_TIME_UNKNOWN);
		if (*p == ':' || isdigit((unsigned char)*p)) {
			if (*p == ':')
				p++;
			if (parse_date_digits(&p, 2, &s) != 2)
				return (FEED_TIME_UNKNOWN);
		}
		if (*p == '.' || *p == ',') {
			p++;
			while (isdigit((unsigned char)*p))
				p++;
		}
		while (*p == ' ')
			p++;
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			if (!parse_date_offset(&p, &off))
				return (FEED_TIME_UNKNOWN);
		} else if (isalpha((unsigned char)*p)) {
			const struct parse_date_zone *z;
			size_t len = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz");
			for (z = parse_date_zones; z->name != NULL; z++) {
				if (strlen(z->name) == len &&
				    strncasecmp(z->name, p, len) == 0)
					break;
			}
			if (z->name == NULL)
				return (FEED_TIME_UNKNOWN);
			off = z->minutes;
			p += len;
		}
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return (FEED_TIME_UNKNOWN);
	{
		int64_t t = parse_date_from_civil(y, mo, d, h, mi, s);
		if (t == FEED_TIME_UNKNOWN)
			return (t);
		return (t - (int64_t)off * 60);
	}
}

/* Look a word up in a name table by its first three letters. */
static int
parse_date_lookup(const char *w, size_t len, const char **table, int n)
{
	int	i;

	if (len < 3)
		return (-1);
	for (i = 0; i < n; i++) {
		if (strncasecmp(w, table[i], 3) == 0)
			return (i);
	}
	return (-1);
}

/*
 * RFC 822 and its relatives, read as a bag of tokens: an optional day
 * name, day, month name, year, time and zone in any of the orders feeds
 * use ("Sat, 28 Nov 2026 14:05 +0300", "Nov 28, 2026", asctime's
 * "Sat Nov 28 14:05:00 2026", "28-Nov-26 14:05 GMT+3").
 */
static int64_t
parse_date_rfc822(const char *p)
{
	int		 y = -1, mo = -1, d = -1, h = 0, mi = 0, s = 0, off = 0;
	int		 v, n, ylen = 0;
	bool		 have_time = false, have_zone = false, etc = false;
	const char	*w;
	size_t		 len;
	const struct parse_date_zone *z;

	while (*p != '\0') {
		if (*p == ' ' || *p == ',' || *p == '\t' || *p == '.' ||
		    *p == '-' || *p == '/') {
			if ((*p == '-') && have_time && !have_zone &&
			    isdigit((unsigned char)p[1]) &&
			    parse_date_offset(&p, &off)) {
				have_zone = true;
				continue;
			}
			p++;
			continue;
		}
		if (*p == '+' && parse_date_offset(&p, &off)) {
			if (have_zone)
				return (FEED_TIME_UNKNOWN);
			have_zone = true;
			continue;
		}
		if (*p == '(') {		/* "(EST)" comments */
			while (*p != '\0' && *p != ')')
				p++;
			if (*p == ')')
				p++;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			w = p;
			n = parse_date_digits(&p, 4, &v);
			if (isdigit((unsigned char)*p))
				return (FEED_TIME_UNKNOWN);
			if (*p == ':') {
				if (have_time || n > 2)
					return (FEED_TIME_UNKNOWN);
				h = v;
				p++;
				if (parse_date_digits(&p, 2, &mi) != 2)
					return (FEED_TIME_UNKNOWN);
				if (*p == ':') {
					p++;
					if (parse_date_digits(&p, 2, &s) != 2)
						return (FEED_TIME_UNKNOWN);
				}
				if (*p == '.')	/* fractions */
					while (isdigit((unsigned char)*++p))
						;
				have_time = true;
				continue;
			}
			if (n >= 3 || (d != -1 && y == -1)) {
				if (y != -1)
					return (FEED_TIME_UNKNOWN);
				y = v;
				ylen = n;
			} else if (d == -1)
				d = v;
			else
				return (FEED_TIME_UNKNOWN);
			(void)w;
			continue;
		}
		if (isalpha((unsigned char)*p)) {
			w = p;
			while (isalpha((unsigned char)*p))
				p++;
			len = (size_t)(p - w);
			if (mo == -1 && (v = parse_date_lookup(w, len,
			    parse_date_months, 12)) != -1) {
				mo = v + 1;
				continue;
			}
			if (parse_date_lookup(w, len, parse_date_days, 7) != -1)
				continue;
			if (len == 3 && strncasecmp(w, "etc", 3) == 0 &&
			    *p == '/' && !have_zone) {
				/* tz database names: "Etc/GMT", "Etc/UTC" */
				p++;
				etc = true;
				continue;
			}
			if (len == 2 && strncasecmp(w, "am", 2) == 0 &&
			    have_time) {
				if (h == 12)
					h = 0;
				continue;
			}
			if (len == 2 && strncasecmp(w, "pm", 2) == 0 &&
			    have_time) {
				if (h < 12)
					h += 12;
				continue;
			}
			for (z = parse_date_zones; z->name != NULL; z++) {
				if (strlen(z->name) == len &&
				    strncasecmp(z->name, w, len) == 0)
					break;
			}
			if (z->name != NULL) {
				if (have_zone && off != 0)
					return (FEED_TIME_UNKNOWN);
				off = z->minutes;
				have_zone = true;
				/* "GMT+3", "UTC+03:00" */
				if (*p == '+' || *p == '-') {
					int extra;

					/* The tz database's "Etc/GMT+3" is
					 * three hours west of UTC. */
					if (parse_date_offset(&p, &extra))
						off += etc ? -extra : extra;
				}
				continue;
			}
			if (len == 1 && !have_zone) {
				/* Military zones: RFC 1123 says treat as 0. */
				have_zone = true;
				continue;
			}
			return (FEED_TIME_UNKNOWN);
		}
		return (FEED_TIME_UNKNOWN);
	}
	if (mo == -1 || d == -1 || y == -1)
		return (FEED_TIME_UNKNOWN);
	if (ylen <= 2) {
		/* RFC 2822: 00-49 are 2000-2049, 50-99 are 1950-1999. */
		y += y < 50 ? 2000 : 1900;
	} else if (ylen == 3)
		y += 1900;
	{
		int64_t t = parse_date_from_civil(y, mo, d, h, mi, s);
		if (t == FEED_TIME_UNKNOWN)
			return (t);
		return (t - (int64_t)off * 60);
	}
}

/*
 * Parse a feed date into UTC epoch seconds; FEED_TIME_UNKNOWN when the
 * text is not a date this parser can read with confidence.
 */
int64_t
parse_date(const char *s)
{
	char	buf[PARSE_DATE_MAX], *p, *e;

	if (s == NULL)
		return (FEED_TIME_UNKNOWN);
	if (!parse_date_normalise(s, buf, sizeof buf))
		return (FEED_TIME_UNKNOWN);
	p = buf;
	while (isspace((unsigned char)*p))
		p++;
	e = p + strlen(p);
	while (e > p && isspace((unsigned char)e[-1]))
		*--e = '\0';
	if (*p == '\0')
		return (FEED_TIME_UNKNOWN);
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
	    (p[4] == '-' || p[4] == '\0' || isdigit((unsigned char)p[4]) ||
	    p[4] == '/' ))
		return (parse_date_iso(p));
	return (parse_date_rfc822(p));
}
