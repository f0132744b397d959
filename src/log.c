/*
 * The debug log. Lower layers may call log_debug() from any thread; it writes
 * nothing unless log_open() named a file. It is for developers and bug
 * reports, so its text is not translated.
 */
#include "config.h"

#include "log.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "xmalloc.h"

static FILE		*log_file;
static pthread_mutex_t	 log_lock = PTHREAD_MUTEX_INITIALIZER;

/* Open (append to) the log file; returns -1 with a reason on failure. */
int
log_open(const char *path, char **cause)
{
	FILE	*f;

	/* "e": close-on-exec, so exec: feeds' commands do not inherit it. */
	if ((f = fopen(path, "ae")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	setvbuf(f, NULL, _IOLBF, 0);
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL)
		fclose(log_file);
	log_file = f;
	pthread_mutex_unlock(&log_lock);
	return (0);
}

/* Close the log file if one is open. */
void
log_close(void)
{
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
	pthread_mutex_unlock(&log_lock);
}

/* Write one timestamped line to the log. */
void
log_debug(const char *fmt, ...)
{
	va_list		ap;
	struct timespec	ts;

	if (log_file == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL) {
		fprintf(log_file, "%lld.%03ld ", (long long)ts.tv_sec,
		    ts.tv_nsec / 1000000);
		va_start(ap, fmt);
		vfprintf(log_file, fmt, ap);
		va_end(ap);
		fputc('\n', log_file);
	}
	pthread_mutex_unlock(&log_lock);
}
