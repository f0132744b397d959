/*
 * Reporting messages to the user. report() formats a message, escapes it
 * and hands it to the sink. The default sink writes "akhbar: message" (or
 * "akhbar: warning: message") on standard error; the interface sets its
 * own while curses owns the terminal and restores the default on every
 * exit path. The sink is the process's: set it from the thread that
 * reports (the interface's), never from the poller, which reports nothing.
 */
#include "config.h"

#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

static report_sink	 report_sink_fn;
static void		*report_sink_arg;
static bool		 report_quiet;

/*
 * The message with every control character (C0, DEL, C1) and every byte
 * that is not UTF-8 shown as \xNN or \uNNNN instead of reaching the
 * terminal, where ESC [ 2 J would clear it and OSC 52 set the clipboard.
 * A trailing newline is dropped.
 */
char *
report_escape(const char *msg)
{
	const unsigned char	*p;
	struct str		 out;
	char			 buf[16];
	unsigned int		 cp;
	size_t			 len, n;

	len = strlen(msg);
	if (len > 0 && msg[len - 1] == '\n')
		len--;
	str_init(&out);
	str_reserve(&out, len + 1);
	for (p = (const unsigned char *)msg; len > 0; p += n, len -= n) {
		n = utf8_char(p, len, &cp);
		if (n == 0) {
			snprintf(buf, sizeof buf, "\\x%02x", *p);
			str_appends(&out, buf);
			n = 1;
		} else if (cp < 0x20 || cp == 0x7f) {
			snprintf(buf, sizeof buf, "\\x%02x", cp);
			str_appends(&out, buf);
		} else if (cp >= 0x80 && cp < 0xa0) {
			snprintf(buf, sizeof buf, "\\u%04x", cp);
			str_appends(&out, buf);
		} else
			str_append(&out, (const char *)p, n);
	}
	return (str_steal(&out));
}

/* The default sink: "akhbar: [warning: ]message" on standard error. */
static void
report_stderr(enum report_level level, const char *msg, void *arg)
{
	(void)arg;
	if (level == REPORT_WARNING)
		/* TRANSLATORS: printed before a warning, e.g. a bad urls line. */
		fprintf(stderr, _("%s: warning: %s\n"), PACKAGE, msg);
	else
		fprintf(stderr, "%s: %s\n", PACKAGE, msg);
	fflush(stderr);
}

/* Send messages to sink with arg (NULL: back to standard error). */
void
report_set_sink(report_sink sink, void *arg)
{
	report_sink_fn = sink;
	report_sink_arg = arg;
}

/* Drop every message but errors from now on (q), or not. */
void
report_set_quiet(bool q)
{
	report_quiet = q;
}

/* report() with a va_list. */
void
report_v(enum report_level level, const char *fmt, va_list ap)
{
	char	*msg, *clean;

	if (report_quiet && level != REPORT_ERROR)
		return;
	xvasprintf(&msg, fmt, ap);
	clean = report_escape(msg);
	free(msg);
	/* What a message opens of bidi formatting ends with it. */
	msg = clean;
	clean = utf8_bidi_closed(msg);
	free(msg);
	if (report_sink_fn != NULL)
		report_sink_fn(level, clean, report_sink_arg);
	else
		report_stderr(level, clean, NULL);
	free(clean);
}

/* Report one message to the user (printf-like, no newline needed). */
void
report(enum report_level level, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report_v(level, fmt, ap);
	va_end(ap);
}
