/* Tests for reason.c: a failure's kind, number and detail in words. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reason.h"

#include "tap.h"

/* reason_text's words (C locale: the English phrases). */
static void
text_is(int kind, long code, const char *detail, const char *want,
    const char *name)
{
	char	*got;

	got = reason_text(kind, code, detail);
	is_str(got, want, "%s", name);
	free(got);
}

static void
test_kinds(void)
{
	char	*t, *failed;
	int	 k, bad = 0;

	failed = reason_text(REASON_FAILED, 0, NULL);
	for (k = 0; k < REASON_COUNT; k++) {
		t = reason_text(k, 0, NULL);
		if (t == NULL || *t == '\0' ||
		    (k != REASON_FAILED && strcmp(t, failed) == 0)) {
			diag("kind %d has no words of its own: '%s'", k,
			    t != NULL ? t : "(null)");
			bad++;
		}
		free(t);
	}
	is_int(bad, 0, "every kind has words of its own");
	free(failed);
}

static void
test_text(void)
{
	text_is(REASON_TIMEOUT, 0, NULL, "timeout", "a kind's phrase");
	text_is(REASON_HTTP, 404, NULL, "HTTP 404", "HTTP keeps its number");
	text_is(REASON_HTTP, 503, "", "HTTP 503", "... an empty detail adds nothing");
	text_is(REASON_NOT_FEED, 0, "Start tag expected, '<' not found",
	    "not a feed: Start tag expected, '<' not found",
	    "a detail is kept as it is");
	text_is(REASON_COMMAND_EXIT, 6, "curl: (6) host",
	    "command failed (exit 6): curl: (6) host",
	    "a command's exit status and its words");
	text_is(REASON_COMMAND_EXIT, -1, NULL, "command failed",
	    "a command that failed without an exit status");
	text_is(REASON_COMMAND_SIGNAL, 15, NULL, "command killed (signal 15)",
	    "a command's signal");
	text_is(REASON_CACHE, 0, "database or disk is full",
	    "cache error: database or disk is full", "the cache's words");
	text_is(REASON_NOT_URL, 0, "ftp://x", "not a feed URL: ftp://x",
	    "a urls file's problem and its word");
	text_is(REASON_COUNT, 0, NULL, "failed", "an unknown kind fails");
	text_is(-3, 0, "why", "failed: why", "... so does a negative one");
	text_is(REASON_NONE, 0, NULL, "no error", "no failure at all");
}

int
main(void)
{
	test_kinds();
	test_text();
	return (tap_done());
}
