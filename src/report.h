/*
 * Messages for the user: one function, report(), for every error, warning
 * and note the edges (cli, the interface) show. Each message is escaped
 * first (its arguments may hold a feed's text, a URL, a server's words, a
 * line of the urls file), then handed to the sink: standard error by
 * default, the interface's message line while curses is active.
 */
#ifndef AKHBAR_REPORT_H
#define AKHBAR_REPORT_H

#include <stdarg.h>
#include <stdbool.h>

enum report_level {
	REPORT_ERROR,
	REPORT_WARNING,
	REPORT_INFO
};

/* Receives one message, escaped, without a newline. */
typedef void	(*report_sink)(enum report_level, const char *, void *);

/* Report one message (printf-like, no newline needed). */
void	report(enum report_level, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	report_v(enum report_level, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Send messages to sink (NULL: back to standard error). */
void	report_set_sink(report_sink, void *);
/* Quiet: drop every message but errors (--quiet), whatever the sink. */
void	report_set_quiet(bool);
/* The message as report() hands it to a sink: control characters and bytes that are not UTF-8 escaped (caller frees). */
char	*report_escape(const char *);

#endif
