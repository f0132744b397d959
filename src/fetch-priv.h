/*
 * The fetch family's insides, shared by fetch.c (the engine, libcurl),
 * fetch-exec.c (jobs read from a descriptor: exec: commands and file:
 * URLs) and fetch-job.c (a job's failure, body and end). Calls go one way:
 * fetch.c to fetch-exec.c, both to fetch-job.c. Nothing outside fetch*.c
 * includes this.
 */
#ifndef AKHBAR_FETCH_PRIV_H
#define AKHBAR_FETCH_PRIV_H

#include <sys/queue.h>
#include <sys/types.h>

#include <curl/curl.h>
#include <stdatomic.h>
#include <time.h>

#include "fetch.h"

#define FETCH_ERRBODY_MAX	65536	/* error bodies read before dropping */
#define FETCH_EXEC_CHUNK	16384	/* bytes read from a command at once */

/* Bytes of an exec: command's standard error kept for its failure reason. */
#define FETCH_ERR_TAIL	512

/* Why a job stopped reading before its end. */
enum fetch_stop {
	FETCH_STOP_NONE = 0,
	FETCH_STOP_TOO_LARGE,	/* the body passed opts.max_body */
	FETCH_STOP_SINK,	/* the data callback said stop */
	FETCH_STOP_ERRBODY	/* an error body went on too long */
};

struct fetch_job {
	struct fetch	*fetch;
	char		*url;
	fetch_data_cb	 data;
	fetch_done_cb	 done;
	void		*arg;
	struct fetch_result *r;

	CURL		*easy;
	struct curl_slist *headers;
	char		 errbuf[CURL_ERROR_SIZE];
	long		 hop_code;	/* status of the response being read */
	char		*location;	/* its Location header */
	int		 permanent;	/* every redirect so far was 301/308 */
	enum fetch_stop	 stop;
	int		 sink_reason;	/* what the data callback said when it stopped */
	char		*sink_detail;
	int64_t		 errbody;

	int		 exec;		/* an exec: or file: job: read from fd */
	int		 local;		/* file: (no command) */
	pid_t		 pid;
	int		 fd;		/* the command's stdout, -1 at EOF */
	int		 efd;		/* its stderr, -1 at EOF */
	char		 etail[FETCH_ERR_TAIL]; /* the end of what it said there */
	size_t		 netail;
	time_t		 deadline;
	time_t		 paused_at;	/* when a paused fd job stopped reading */
	char		*pend;		/* exec chunk kept while paused */
	size_t		 npend;

	int		 paused;
	int		 resume;	/* fetch_resume asked; done in fetch_run */
	TAILQ_ENTRY(fetch_job) entry;
};
TAILQ_HEAD(fetch_jobs, fetch_job);

struct fetch {
	struct fetch_opts opts;
	char		*user_agent;
	char		*proxy;
	CURLM		*multi;
	CURLSH		*share;
	struct fetch_jobs waiting;
	struct fetch_jobs running;
	size_t		 nwaiting;
	size_t		 nrunning;
	atomic_int	 cancel;
	char		 buf[FETCH_EXEC_CHUNK];
};

/* fetch-job.c */
void	fetch_job_fail(struct fetch_job *, int, long, const char *,
	    const char *);
void	fetch_job_finish(struct fetch_job *);
int	fetch_job_deliver(struct fetch_job *, struct fetch_head *,
	    const char *, size_t);
void	fetch_job_free(struct fetch_job *);
void	fetch_job_result_free(struct fetch_result *);

/* fetch-exec.c */
int	fetch_exec_start(struct fetch_job *);
int	fetch_exec_open_file(struct fetch_job *);
void	fetch_exec_stop(struct fetch_job *);
int	fetch_exec_resume(struct fetch_job *);
unsigned int fetch_exec_fds(struct fetch *, struct curl_waitfd **,
	    struct fetch_job ***, int *);
void	fetch_exec_ready(struct curl_waitfd *, struct fetch_job **,
	    unsigned int);
void	fetch_exec_tick(struct fetch *);

#endif
