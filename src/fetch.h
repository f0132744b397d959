/*
 * Fetching feeds: a libcurl multi engine that runs many transfers at once in
 * the calling thread, plus exec: feeds (a command whose standard output is
 * the feed, fetch-exec.c). Body bytes are handed to a per-transfer
 * callback as they arrive; nothing is buffered here beyond libcurl's own
 * chunk. Each job ends with one result: status, validators, caching hints,
 * and on failure what went wrong as data (enum reason_kind, a number, a
 * detail). Nothing prints, nothing is translated.
 */
#ifndef AKHBAR_FETCH_H
#define AKHBAR_FETCH_H

#include <stddef.h>
#include <stdint.h>

/* Limits and settings; fetch_opts_default fills in the defaults. */
struct fetch_opts {
	long		 connect_timeout;	/* seconds to connect */
	long		 low_speed_time;	/* give up after this many seconds */
	long		 low_speed_limit;	/* ... below this many bytes a second */
	long		 timeout;		/* whole transfer in seconds, 0: none */
	long		 exec_timeout;		/* seconds an exec: command may run */
	int64_t		 max_body;		/* body bytes after decoding */
	long		 max_redirects;		/* redirects followed per fetch */
	long		 max_connections;	/* transfers at once */
	long		 max_host_connections;	/* connections to one host */
	const char	*proxy;			/* NULL: $http_proxy and friends */
	const char	*user_agent;		/* NULL: akhbar's own */
};

#define FETCH_CONTINUE	 0	/* data callback: go on */
#define FETCH_PAUSE	 1	/* data callback: keep this chunk, pause */
#define FETCH_ABORT	-1	/* data callback: stop, with a reason */

enum fetch_status {
	FETCH_OK = 0,		/* a body was delivered */
	FETCH_NOT_MODIFIED,	/* 304: the validators matched */
	FETCH_FAILED,		/* see reason, code and detail */
	FETCH_CANCELLED		/* fetch_cancel was called */
};

/* What is known of the response when its body starts. */
struct fetch_head {
	long		 http_code;	/* 0 for file: and exec: */
	const char	*content_type;	/* or NULL */
	const char	*url;		/* the effective URL, after redirects */
};

/* The outcome of one job; the done callback owns it (fetch_result_free). */
struct fetch_result {
	enum fetch_status status;
	long		 http_code;	/* last HTTP status, 0 if none */
	char		*url;		/* effective URL */
	char		*moved_to;	/* where 301/308 redirects led, or NULL */
	char		*etag;		/* the response's validators, or NULL */
	char		*last_modified;
	char		*content_type;
	int64_t		 max_age;	/* Cache-Control max-age, -1 if none */
	int64_t		 expires;	/* Expires as epoch time, -1 if none */
	int64_t		 retry_after;	/* Retry-After as epoch time, -1 if none */
	int64_t		 bytes;		/* body bytes delivered, after decoding */
	int		 reason;	/* enum reason_kind: REASON_NONE, or why it
					   failed (REASON_CANCELLED when cancelled) */
	long		 code;		/* its number: HTTP status, exit status, signal */
	char		*detail;	/* words to show with the reason (a command's
					   last line on standard error), or NULL */
	char		*log;		/* longer text for the debug log, or NULL */
};

struct fetch;
struct fetch_job;

/*
 * Receives body bytes; returns FETCH_CONTINUE, FETCH_PAUSE or FETCH_ABORT,
 * which sets the reason (enum reason_kind) and may set a detail (allocated).
 */
typedef int	(*fetch_data_cb)(void *, const struct fetch_head *,
		    const char *, size_t, int *, char **);
/* Receives the result of a finished job, which it then owns. */
typedef void	(*fetch_done_cb)(void *, struct fetch_result *);

void		 fetch_opts_default(struct fetch_opts *);
void		 fetch_opts_from_env(struct fetch_opts *);
const char	*fetch_user_agent(void);

struct fetch	*fetch_new(const struct fetch_opts *, char **);
void		 fetch_free(struct fetch *);
struct fetch_job *fetch_add(struct fetch *, const char *, const char *,
		     const char *, fetch_data_cb, fetch_done_cb, void *);
void		 fetch_resume(struct fetch_job *);
int		 fetch_run(struct fetch *, int);
size_t		 fetch_jobs(const struct fetch *);
void		 fetch_cancel(struct fetch *);
void		 fetch_wakeup(struct fetch *);
void		 fetch_result_free(struct fetch_result *);
int		 fetch_curl_reason(int, long);

#endif
