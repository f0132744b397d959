/*
 * A small TAP producer for akhbar's tests, read by automake's tap-driver.sh.
 * Each check prints "ok N - name" or "not ok N - name" with a diagnostic;
 * tap_done() prints the plan and returns the exit status.
 */
#ifndef AKHBAR_TAP_H
#define AKHBAR_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static bool __attribute__((format(printf, 2, 3), unused))
ok(bool cond, const char *fmt, ...)
{
	va_list	ap;

	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return (cond);
}

/* A check that cannot run here, counted as passed with its reason. */
static void __attribute__((unused))
tap_skip(const char *reason)
{
	tap_count++;
	printf("ok %d # SKIP %s\n", tap_count, reason);
	fflush(stdout);
}

static void __attribute__((format(printf, 1, 2), unused))
diag(const char *fmt, ...)
{
	va_list	ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define is_str(got, want, ...) tap_is_str(__FILE__, __LINE__, (got), (want), __VA_ARGS__)
#define is_int(got, want, ...) tap_is_int(__FILE__, __LINE__, (int64_t)(got), (int64_t)(want), __VA_ARGS__)

static bool __attribute__((format(printf, 5, 6), unused))
tap_is_str(const char *file, int line, const char *got, const char *want,
    const char *fmt, ...)
{
	va_list	ap;
	bool	cond;
	char	name[512];

	cond = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	ok(cond, "%s", name);
	if (!cond) {
		diag("%s:%d", file, line);
		diag("     got: %s%s%s", got ? "'" : "", got ? got : "NULL", got ? "'" : "");
		diag("expected: %s%s%s", want ? "'" : "", want ? want : "NULL", want ? "'" : "");
	}
	return (cond);
}

static bool __attribute__((format(printf, 5, 6), unused))
tap_is_int(const char *file, int line, int64_t got, int64_t want,
    const char *fmt, ...)
{
	va_list	ap;
	char	name[512];

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	ok(got == want, "%s", name);
	if (got != want) {
		diag("%s:%d", file, line);
		diag("     got: %" PRId64, got);
		diag("expected: %" PRId64, want);
	}
	return (got == want);
}

/* Skip a whole test program with a reason (exit status 0). */
static void __attribute__((noreturn, unused))
tap_skip_all(const char *reason)
{
	printf("1..0 # SKIP %s\n", reason);
	exit(0);
}

/* Print the plan; the exit status is non-zero when any check failed. */
static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_count);
	if (tap_count == 0) {
		printf("# no checks ran\n");
		return (1);
	}
	return (tap_failed ? 1 : 0);
}

/* Path of a fixture under tests/data, from $top_srcdir (set by the harness). */
static __attribute__((unused)) const char *
tap_data(const char *name)
{
	static char	buf[4096];
	const char	*top;

	top = getenv("top_srcdir");
	if (top == NULL)
		top = ".";
	snprintf(buf, sizeof buf, "%s/tests/data/%s", top, name);
	return (buf);
}

#endif
