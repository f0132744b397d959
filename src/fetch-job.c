/*
 * A job's own bookkeeping, at the bottom of the fetch family: its failure
 * (kind, number, detail, log text), its body handed to the data callback
 * with the size cap, its end (the result to the owner, then the job
 * freed). fetch.c (libcurl transfers, the loop) and fetch-exec.c (commands
 * and files) both call it; it calls neither.
 */
#include "config.h"

#include "fetch-priv.h"

#include <sys/wait.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "reason.h"
#include "xmalloc.h"

/* Free a result; NULL is allowed (fetch_result_free). */
void
fetch_job_result_free(struct fetch_result *r)
{
	if (r == NULL)
		return;
	free(r->url);
	free(r->moved_to);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r->detail);
	free(r->log);
	free(r);
}

/* Free a job with what it holds: its transfer, its command, its result. */
void
fetch_job_free(struct fetch_job *j)
{
	if (j->easy != NULL) {
		curl_multi_remove_handle(j->fetch->multi, j->easy);
		curl_easy_cleanup(j->easy);
	}
	curl_slist_free_all(j->headers);
	if (j->fd != -1)
		close(j->fd);
	if (j->efd != -1)
		close(j->efd);
	if (j->pid > 0) {
		kill(-j->pid, SIGKILL);
		waitpid(j->pid, NULL, 0);
	}
	fetch_job_result_free(j->r);
	free(j->location);
	free(j->sink_detail);
	free(j->pend);
	free(j->url);
	free(j);
}

/* Hand the result to the job's owner and free the job. */
void
fetch_job_finish(struct fetch_job *j)
{
	struct fetch		*f = j->fetch;
	struct fetch_result	*r = j->r;

	TAILQ_REMOVE(&f->running, j, entry);
	f->nrunning--;
	j->r = NULL;
	if (r->status != FETCH_OK && r->status != FETCH_NOT_MODIFIED) {
		free(r->moved_to);
		r->moved_to = NULL;
	}
	log_debug("fetch: %s: status %d http %ld bytes %lld reason %d/%ld"
	    "%s%s%s%s", j->url, (int)r->status, r->http_code,
	    (long long)r->bytes, r->reason, r->code, r->detail ? ": " : "",
	    r->detail ? r->detail : "", r->log ? " -- " : "",
	    r->log ? r->log : "");
	j->done(j->arg, r);
	fetch_job_free(j);
}

/*
 * Make the job's result a failure: its kind (enum reason_kind), number,
 * the words that go with it for the user and a longer text for the log
 * (either may be NULL).
 */
void
fetch_job_fail(struct fetch_job *j, int kind, long code, const char *detail,
    const char *log)
{
	struct fetch_result	*r = j->r;

	r->status = FETCH_FAILED;
	r->reason = kind;
	r->code = code;
	free(r->detail);
	r->detail = (detail != NULL && *detail != '\0') ? xstrdup(detail) :
	    NULL;
	free(r->log);
	r->log = (log != NULL && *log != '\0') ? xstrdup(log) : NULL;
}

/*
 * Hand a chunk of the body to the job's data callback, minding the size
 * cap; returns what the callback said (FETCH_ABORT also at the cap).
 */
int
fetch_job_deliver(struct fetch_job *j, struct fetch_head *head, const char *buf,
    size_t len)
{
	struct fetch	*f = j->fetch;
	char		*detail = NULL;
	int		 rc, kind = REASON_FAILED;

	if (j->r->bytes + (int64_t)len > f->opts.max_body) {
		j->stop = FETCH_STOP_TOO_LARGE;
		return (FETCH_ABORT);
	}
	rc = j->data(j->arg, head, buf, len, &kind, &detail);
	if (rc == FETCH_PAUSE) {
		j->paused = 1;
		free(detail);
		return (rc);
	}
	if (rc == FETCH_ABORT) {
		j->stop = FETCH_STOP_SINK;
		j->sink_reason = kind;
		free(j->sink_detail);
		j->sink_detail = detail;
		return (rc);
	}
	free(detail);
	j->r->bytes += len;
	return (FETCH_CONTINUE);
}
