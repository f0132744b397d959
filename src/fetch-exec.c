/*
 * Jobs read from a descriptor instead of libcurl: exec: feeds (a command
 * started with posix_spawnp, no shell, whose standard output is the feed)
 * and file: URLs (only regular files, opened non-blocking, so that a FIFO
 * or a device never freezes the poller). Their descriptors are polled in
 * fetch_run's curl_multi_poll with libcurl's sockets; their bytes go
 * through the same data callback, pausing included, and each ends with one
 * result. A command's standard error is read too, its last line kept for
 * the failure's detail; a command that outlives opts.exec_timeout is killed
 * with its whole process group.
 */
#include "config.h"

#include "fetch-priv.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "log.h"
#include "reason.h"
#include "sanitize.h"
#include "url.h"
#include "urls.h"
#include "xmalloc.h"

extern char **environ;

/* Start an exec: job's command; -1 (the job failed) if it cannot run. */
int
fetch_exec_start(struct fetch_job *j)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 sa;
	char				**argv, *cause = NULL;
	sigset_t			 mask;
	int				 p[2], e[2], error;

	if (urls_split_command(j->url + 5, &argv, &cause) != 0) {
		fetch_job_fail(j, REASON_BAD_COMMAND, 0, NULL, cause);
		free(cause);
		return (-1);
	}
	if (pipe2(p, O_CLOEXEC) != 0) {
		fetch_job_fail(j, REASON_RUN_COMMAND, 0, NULL, strerror(errno));
		urls_free_argv(argv);
		return (-1);
	}
	if (pipe2(e, O_CLOEXEC) != 0) {
		fetch_job_fail(j, REASON_RUN_COMMAND, 0, NULL, strerror(errno));
		close(p[0]);
		close(p[1]);
		urls_free_argv(argv);
		return (-1);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_adddup2(&fa, e[1], 2);
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP
	/* Nothing else of akhbar's (the log, libcurl's sockets) leaks in. */
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
	/*
	 * Its own process group (a timeout kills all of it), no blocked
	 * signal (akhbar --reload blocks SIGINT and SIGTERM in its threads)
	 * and default actions for the signals a command expects to work.
	 */
	posix_spawnattr_init(&sa);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&sa, 0);
	sigemptyset(&mask);
	posix_spawnattr_setsigmask(&sa, &mask);
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGPIPE);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	posix_spawnattr_setsigdefault(&sa, &mask);
	error = posix_spawnp(&j->pid, argv[0], &fa, &sa, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&sa);
	close(p[1]);
	close(e[1]);
	if (error != 0) {
		j->pid = 0;
		close(p[0]);
		close(e[0]);
		fetch_job_fail(j, REASON_RUN_COMMAND, 0, NULL, strerror(error));
		urls_free_argv(argv);
		return (-1);
	}
	urls_free_argv(argv);
	j->fd = p[0];
	fcntl(j->fd, F_SETFL, fcntl(j->fd, F_GETFL) | O_NONBLOCK);
	j->efd = e[0];
	fcntl(j->efd, F_SETFL, fcntl(j->efd, F_GETFL) | O_NONBLOCK);
	j->netail = 0;
	j->deadline = time(NULL) + j->fetch->opts.exec_timeout;
	return (0);
}

/* Close a job's descriptors and kill its command's process group, if any. */
void
fetch_exec_stop(struct fetch_job *j)
{
	if (j->fd != -1) {
		close(j->fd);
		j->fd = -1;
	}
	if (j->efd != -1) {
		close(j->efd);
		j->efd = -1;
	}
	if (j->pid > 0) {
		kill(-j->pid, SIGKILL);
		waitpid(j->pid, NULL, 0);
		j->pid = 0;
	}
}

/*
 * Open a file: URL's file for reading like a command's output, so that it
 * can be paused and never blocks: only a regular file is read (a FIFO or
 * a device would freeze the poller, which libcurl's file: reader did).
 * Returns -1 (the job failed) when it cannot be read.
 */
int
fetch_exec_open_file(struct fetch_job *j)
{
	char		*path;
	struct stat	 sb;
	bool		 remote;
	int		 fd = -1;

	if (url_file_path(j->url, &path, &remote) != 0) {
		if (remote)
			fetch_job_fail(j, REASON_UNSUPPORTED_URL, 0, NULL,
			    "file: URLs name local files");
		else
			fetch_job_fail(j, REASON_BAD_URL, 0, NULL, NULL);
		return (-1);
	}
	if ((fd = open(path, O_RDONLY|O_CLOEXEC|O_NOCTTY|O_NONBLOCK)) == -1) {
		fetch_job_fail(j, REASON_FILE, 0, NULL, strerror(errno));
		goto out;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fetch_job_fail(j, REASON_NOT_REGULAR, 0, NULL, NULL);
		close(fd);
		fd = -1;
		goto out;
	}
	j->fd = fd;
	j->deadline = time(NULL) + j->fetch->opts.exec_timeout;
out:
	free(path);
	return (fd == -1 ? -1 : 0);
}

/* Deliver a chunk of a command's output; returns -1 when the job ended. */
static int
fetch_exec_deliver(struct fetch_job *j, const char *buf, size_t len)
{
	struct fetch_head	 head;

	head.http_code = 0;
	head.content_type = NULL;
	head.url = j->url;
	switch (fetch_job_deliver(j, &head, buf, len)) {
	case FETCH_PAUSE:
		j->paused_at = time(NULL);
		free(j->pend);
		j->pend = xmalloc(len);
		memcpy(j->pend, buf, len);
		j->npend = len;
		return (0);
	case FETCH_ABORT:
		fetch_exec_stop(j);
		if (j->stop == FETCH_STOP_TOO_LARGE)
			fetch_job_fail(j, REASON_TOO_LARGE, 0, NULL, NULL);
		else
			fetch_job_fail(j, j->sink_reason, 0, j->sink_detail, NULL);
		fetch_job_finish(j);
		return (-1);
	}
	return (0);
}

/*
 * Go on after a pause: the time spent paused is not the command's, and
 * the chunk kept is delivered first. Returns -1 when the job ended.
 */
int
fetch_exec_resume(struct fetch_job *j)
{
	char	*p = j->pend;
	size_t	 n = j->npend;
	int	 rc;

	j->deadline += time(NULL) - j->paused_at;
	if (p == NULL)
		return (0);
	j->pend = NULL;
	j->npend = 0;
	rc = fetch_exec_deliver(j, p, n);
	free(p);
	return (rc);
}

/* Read what a command wrote; returns -1 when the job ended. */
static int
fetch_exec_read(struct fetch_job *j)
{
	struct fetch	*f = j->fetch;
	ssize_t		 n;
	int		 i;

	for (i = 0; i < 16 && !j->paused && j->fd != -1; i++) {
		n = read(j->fd, f->buf, sizeof f->buf);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return (0);
		if (n <= 0) {
			if (n == -1)
				fetch_job_fail(j, j->local ? REASON_FILE :
				    REASON_COMMAND_EXIT, -1, NULL,
				    strerror(errno));
			close(j->fd);
			j->fd = -1;
			if (!j->local)
				return (0);	/* reaped in fetch_run */
			if (n == 0)
				j->r->status = FETCH_OK;
			fetch_job_finish(j);
			return (-1);
		}
		if (fetch_exec_deliver(j, f->buf, (size_t)n) != 0)
			return (-1);
	}
	return (0);
}

/* Read what a command wrote on standard error, keeping only its end. */
static void
fetch_exec_read_err(struct fetch_job *j)
{
	char	 buf[4096];
	ssize_t	 n;
	size_t	 m, keep;
	int	 i;

	for (i = 0; i < 16 && j->efd != -1; i++) {
		n = read(j->efd, buf, sizeof buf);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			close(j->efd);
			j->efd = -1;
			return;
		}
		m = (size_t)n;
		if (m >= sizeof j->etail) {
			memcpy(j->etail, buf + m - sizeof j->etail,
			    sizeof j->etail);
			j->netail = sizeof j->etail;
			continue;
		}
		keep = j->netail + m > sizeof j->etail ?
		    sizeof j->etail - m : j->netail;
		memmove(j->etail, j->etail + j->netail - keep, keep);
		memcpy(j->etail + keep, buf, m);
		j->netail = keep + m;
	}
}

/*
 * A failed command's reason: what happened (kind and number), with the
 * last line it wrote on standard error (sanitised, shortened) for its
 * detail, which usually says why.
 */
static void
fetch_exec_fail(struct fetch_job *j, int kind, long code)
{
	const char	*p, *end;
	char		*line, *detail;
	size_t		 n;

	fetch_exec_read_err(j);
	end = j->etail + j->netail;
	while (end > j->etail && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' ' || end[-1] == '\t'))
		end--;
	for (p = end; p > j->etail && p[-1] != '\n'; p--)
		/* nothing */;
	line = sanitize_line(p, (size_t)(end - p));
	n = strlen(line);
	if (n > 160) {
		/* Cut on a character boundary. */
		for (n = 160; n > 0 && (line[n] & 0xc0) == 0x80; n--)
			/* nothing */;
		xasprintf(&detail, "%.*s…", (int)n, line);
	} else
		detail = xstrdup(line);
	fetch_job_fail(j, kind, code, detail, line);
	free(detail);
	free(line);
}

/* See whether a command that closed its output has exited; 1 if it ended. */
static int
fetch_exec_reap(struct fetch_job *j, int force)
{
	int	 st;
	pid_t	 pid;

	pid = waitpid(j->pid, &st, force ? 0 : WNOHANG);
	if (pid == 0)
		return (0);
	j->pid = 0;
	if (pid == -1)
		fetch_job_fail(j, REASON_COMMAND_EXIT, -1, NULL, strerror(errno));
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		j->r->status = FETCH_OK;
	else if (WIFEXITED(st))
		fetch_exec_fail(j, REASON_COMMAND_EXIT, WEXITSTATUS(st));
	else
		fetch_exec_fail(j, REASON_COMMAND_SIGNAL,
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	if (j->efd != -1) {
		close(j->efd);
		j->efd = -1;
	}
	fetch_job_finish(j);
	return (1);
}

/*
 * The descriptors of the running fd jobs to poll with libcurl's sockets:
 * two at most per command, stderr first, as reading stdout may end the
 * job. *reaping is set when a command closed its output and waits to be
 * reaped. Returns how many (the arrays are allocated, caller frees).
 */
unsigned int
fetch_exec_fds(struct fetch *f, struct curl_waitfd **wfdp,
    struct fetch_job ***wjobp, int *reaping)
{
	struct curl_waitfd	*wfd = NULL;
	struct fetch_job	*j, **wjob = NULL;
	unsigned int		 nw = 0, i;
	int			 fd;

	*reaping = 0;
	TAILQ_FOREACH(j, &f->running, entry) {
		if (j->exec)
			nw += 2;
	}
	if (nw > 0) {
		wfd = xreallocarray(NULL, nw, sizeof *wfd);
		wjob = xreallocarray(NULL, nw, sizeof *wjob);
	}
	nw = 0;
	TAILQ_FOREACH(j, &f->running, entry) {
		if (!j->exec)
			continue;
		if (j->fd == -1)
			*reaping = 1;
		for (i = 0; i < 2; i++) {
			fd = i == 0 ? j->efd : j->fd;
			if (fd == -1 || (i == 1 && j->paused))
				continue;
			wfd[nw].fd = fd;
			wfd[nw].events = CURL_WAIT_POLLIN;
			wfd[nw].revents = 0;
			wjob[nw++] = j;
		}
	}
	*wfdp = wfd;
	*wjobp = wjob;
	return (nw);
}

/* Read what the polled descriptors have (fetch_exec_fds' arrays, polled). */
void
fetch_exec_ready(struct curl_waitfd *wfd, struct fetch_job **wjob,
    unsigned int nw)
{
	unsigned int	i;

	for (i = 0; i < nw; i++) {
		if (wfd[i].revents == 0)
			continue;
		if (wfd[i].fd == wjob[i]->efd)
			fetch_exec_read_err(wjob[i]);
		else
			fetch_exec_read(wjob[i]);
	}
}

/* End the fd jobs past their deadline and reap the commands that exited. */
void
fetch_exec_tick(struct fetch *f)
{
	struct fetch_job	*j, *next;
	time_t			 now;

	now = time(NULL);
	for (j = TAILQ_FIRST(&f->running); j != NULL; j = next) {
		next = TAILQ_NEXT(j, entry);
		if (!j->exec)
			continue;
		if (now >= j->deadline && !j->paused) {
			fetch_exec_stop(j);
			fetch_job_fail(j, REASON_TIMEOUT, 0, NULL, NULL);
			fetch_job_finish(j);
			next = TAILQ_FIRST(&f->running);
		} else if (j->fd == -1 && j->pid > 0) {
			if (fetch_exec_reap(j, 0))
				next = TAILQ_FIRST(&f->running);
		}
	}
}
