/* Tests for report.c: every message escaped, to a sink or standard error. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "xmalloc.h"

#include "tap.h"

static void
escape_is(const char *in, const char *want, const char *name)
{
	char	*got;

	got = report_escape(in);
	is_str(got, want, "%s", name);
	free(got);
}

static void
test_escape(void)
{
	escape_is("plain", "plain", "plain text stays");
	escape_is("خبر عاجل", "خبر عاجل", "Arabic stays");
	escape_is("a\033[2Jb", "a\\x1b[2Jb", "ESC is shown, not sent");
	escape_is("\033]52;c;ZXZpbA==\007", "\\x1b]52;c;ZXZpbA==\\x07",
	    "OSC 52 and BEL");
	escape_is("c1 \xc2\x9b" "2J", "c1 \\u009b2J", "a C1 control (CSI)");
	escape_is("bad \xff\xfe byte", "bad \\xff\\xfe byte",
	    "bytes that are not UTF-8");
	escape_is("tab\there", "tab\\x09here", "a tab");
	escape_is("del\x7f", "del\\x7f", "DEL");
	escape_is("line\n", "line", "a trailing newline is dropped");
	escape_is("two\nlines", "two\\x0alines", "... one inside is shown");
	escape_is("\xe2\x80\x8e--force", "\xe2\x80\x8e--force",
	    "a bidi mark stays (the Arabic messages need it)");
}

struct capture {
	int			 n;
	enum report_level	 level;
	char			 msg[256];
};

static void
capture_sink(enum report_level level, const char *msg, void *arg)
{
	struct capture	*c = arg;

	c->n++;
	c->level = level;
	snprintf(c->msg, sizeof c->msg, "%s", msg);
}

static void
test_sink(void)
{
	struct capture	 c;

	memset(&c, 0, sizeof c);
	report_set_sink(capture_sink, &c);
	report(REPORT_WARNING, "%s: %d", "x\033y", 3);
	is_int(c.n, 1, "a sink receives one message");
	is_int(c.level, REPORT_WARNING, "... with its level");
	is_str(c.msg, "x\\x1by: 3", "... formatted and escaped");
	report(REPORT_ERROR, "e");
	report(REPORT_INFO, "i\n");
	ok(c.n == 3 && c.level == REPORT_INFO && strcmp(c.msg, "i") == 0,
	    "... and every one after it");
	report_set_sink(NULL, NULL);
}

/* What the default sink writes on standard error. */
static void
test_stderr(void)
{
	char	 path[] = "/tmp/akhbar-report.XXXXXX", buf[512];
	FILE	*f;
	size_t	 n;
	int	 fd, saved;

	fflush(stderr);
	if ((fd = mkstemp(path)) == -1 || (saved = dup(2)) == -1) {
		tap_skip("cannot redirect standard error");
		return;
	}
	dup2(fd, 2);
	report(REPORT_ERROR, "cannot read %s", "x\033[2J");
	report(REPORT_WARNING, "urls:%d: duplicate", 3);
	report(REPORT_INFO, "note");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	buf[0] = '\0';
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	unlink(path);
	is_str(buf, PACKAGE ": cannot read x\\x1b[2J\n"
	    PACKAGE ": warning: urls:3: duplicate\n"
	    PACKAGE ": note\n",
	    "standard error by default: one line each, named, escaped");
}

int
main(void)
{
	test_escape();
	test_sink();
	test_stderr();
	return (tap_done());
}
