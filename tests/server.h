/*
 * Start and stop tests/feedserver.py from a C test: the server runs on
 * 127.0.0.1 with an ephemeral port, serves tests/data and logs requests to
 * a file; it exits when the pipe to its stdin closes. Skips the whole test
 * when python3 is missing.
 */
#ifndef AKHBAR_TESTS_SERVER_H
#define AKHBAR_TESTS_SERVER_H

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

extern char **environ;

struct server {
	pid_t	pid;
	int	in;		/* its stdin: closing it stops it */
	int	port;
	char	base[64];	/* http://127.0.0.1:PORT */
	char	log[256];	/* request log */
};

static void __attribute__((unused))
server_start(struct server *s)
{
	posix_spawn_file_actions_t	 fa;
	const char			*py, *top;
	char				 script[1024], root[1024], line[64];
	char				*argv[10];
	int				 in[2], out[2];
	size_t				 n = 0;
	ssize_t				 r;

	py = getenv("PYTHON3");
	if (py == NULL || *py == '\0')
		tap_skip_all("python3 not found");
	top = getenv("top_srcdir");
	if (top == NULL)
		top = ".";
	snprintf(script, sizeof script, "%s/tests/feedserver.py", top);
	snprintf(root, sizeof root, "%s/tests/data", top);
	snprintf(s->log, sizeof s->log, "%s/akhbar-feedserver.%ld.log",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	unlink(s->log);
	if (pipe(in) != 0 || pipe(out) != 0)
		tap_skip_all("pipe failed");
	argv[0] = (char *)py;
	argv[1] = script;
	argv[2] = (char *)"--port";
	argv[3] = (char *)"0";
	argv[4] = (char *)"--root";
	argv[5] = root;
	argv[6] = (char *)"--log";
	argv[7] = s->log;
	argv[8] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	if (posix_spawnp(&s->pid, py, &fa, NULL, argv, environ) != 0)
		tap_skip_all("cannot start python3");
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	s->in = in[1];
	while (n < sizeof line - 1) {
		r = read(out[0], line + n, 1);
		if (r <= 0 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(out[0]);
	s->port = atoi(line);
	if (s->port <= 0) {
		printf("Bail out! feedserver.py did not start\n");
		exit(1);
	}
	snprintf(s->base, sizeof s->base, "http://127.0.0.1:%d", s->port);
}

static void __attribute__((unused))
server_stop(struct server *s)
{
	close(s->in);
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
	unlink(s->log);
}

/* The logged request line (JSON) for the last request whose path starts with path. */
static __attribute__((unused)) char *
server_request(struct server *s, const char *path)
{
	FILE	*f;
	char	 line[8192], want[1100], *found = NULL;

	snprintf(want, sizeof want, "\"path\": \"%s", path);
	if ((f = fopen(s->log, "r")) == NULL)
		return (NULL);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, want) != NULL) {
			free(found);
			found = strdup(line);
		}
	}
	fclose(f);
	return (found);
}

/* How many logged requests have a path starting with path. */
static int __attribute__((unused))
server_count(struct server *s, const char *path)
{
	FILE	*f;
	char	 line[8192], want[1100];
	int	 n = 0;

	snprintf(want, sizeof want, "\"path\": \"%s", path);
	if ((f = fopen(s->log, "r")) == NULL)
		return (0);
	while (fgets(line, sizeof line, f) != NULL)
		if (strstr(line, want) != NULL)
			n++;
	fclose(f);
	return (n);
}

#endif
