/*
 * Opening links: the browser setting, else $BROWSER (its first entry, in
 * the colon-separated form), else xdg-open. The command is split into
 * words here, never given to a shell; the URL is one argv element (where
 * a word says %u, as newsboat's browser setting has it, or %s; else
 * last), and only http, https, gopher, gemini and mailto links are
 * opened, and none holding a blank, a control (C0, DEL, C1) or a bidi
 * control that could make it look like another (a cache written by
 * something else than akhbar's parser may hold them). A text-mode browser
 * (lynx, w3m, elinks, links,
 * ...) gets the terminal: the interface steps aside and waits for it.
 * Any other starts on its own, its standard streams on /dev/null, and is
 * reaped later without waiting.
 */
#include "config.h"

#include "ui-priv.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "urls.h"
#include "xmalloc.h"

extern char **environ;

#define UI_OPEN_MAX_CHILDREN 16

static pid_t	ui_open_children[UI_OPEN_MAX_CHILDREN];

/*
 * Whether a URL holds a blank, a control character (C0, DEL, C1 in UTF-8)
 * or a bidi control (LRM, RLM, U+202A-U+202E, U+2066-U+2069).
 */
static bool
ui_open_hidden(const char *url)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p <= ' ' || *p == 0x7f)
			return (true);
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return (true);
		if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x8e ||
		    p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae)))
			return (true);
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9)
			return (true);
	}
	return (false);
}

/* Whether a URL's scheme is one akhbar opens, with nothing hidden in it. */
bool
ui_open_scheme_ok(const char *url)
{
	static const char *ok[] = {
		"http:", "https:", "gopher:", "gemini:", "mailto:", NULL
	};
	size_t		 i;

	if (url == NULL || ui_open_hidden(url))
		return (false);
	for (i = 0; ok[i] != NULL; i++) {
		if (strncasecmp(url, ok[i], strlen(ok[i])) == 0)
			return (url[strlen(ok[i])] != '\0');
	}
	return (false);
}

/* Whether a command is a browser that draws in the terminal. */
static bool
ui_open_textmode(const char *argv0)
{
	static const char *text[] = {
		"lynx", "w3m", "elinks", "links", "links2", "browsh",
		"carbonyl", "amfora", "bombadillo", "gemini", "lagrange-tui",
		NULL
	};
	const char	*base = strrchr(argv0, '/');
	size_t		 i;

	base = base != NULL ? base + 1 : argv0;
	for (i = 0; text[i] != NULL; i++) {
		if (strcmp(base, text[i]) == 0)
			return (true);
	}
	return (false);
}

/* Remember a child to reap; false when the table is full. */
static bool
ui_open_keep(pid_t pid)
{
	size_t	i;

	for (i = 0; i < UI_OPEN_MAX_CHILDREN; i++) {
		if (ui_open_children[i] == 0) {
			ui_open_children[i] = pid;
			return (true);
		}
	}
	return (false);
}

/* Reap the browsers that have ended (never waiting, never others' children). */
void
ui_open_reap(void)
{
	size_t	i;
	int	status;

	for (i = 0; i < UI_OPEN_MAX_CHILDREN; i++) {
		if (ui_open_children[i] != 0 &&
		    waitpid(ui_open_children[i], &status, WNOHANG) != 0)
			ui_open_children[i] = 0;
	}
}

/* Whether a browser started here still runs. */
bool
ui_open_pending(void)
{
	size_t	i;

	for (i = 0; i < UI_OPEN_MAX_CHILDREN; i++) {
		if (ui_open_children[i] != 0)
			return (true);
	}
	return (false);
}

/* The command's words with the URL put in (argv to free with fetch_free_argv). */
static char **
ui_open_argv(const char *cmd, const char *url, char **cause)
{
	char	**argv, *w, *pct;
	size_t	 n, i;
	bool	 placed = false;

	if (urls_split_command(cmd, &argv, cause) != 0)
		return (NULL);
	for (n = 0; argv[n] != NULL; n++) {
		/* newsboat's %u and the older %s: the URL within the word. */
		if ((pct = strstr(argv[n], "%u")) == NULL &&
		    (pct = strstr(argv[n], "%s")) == NULL)
			continue;
		xasprintf(&w, "%.*s%s%s", (int)(pct - argv[n]), argv[n], url,
		    pct + 2);
		free(argv[n]);
		argv[n] = w;
		placed = true;
	}
	if (n == 0) {
		urls_free_argv(argv);
		xasprintf(cause, "%s", _("no browser command"));
		return (NULL);
	}
	if (!placed) {
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		argv[n] = xstrdup(url);
		argv[n + 1] = NULL;
	}
	(void)i;
	return (argv);
}

/*
 * Open a URL in the browser. Returns 0 once it started (a text-mode one:
 * once it ended), -1 with a reason.
 */
int
ui_open_url(struct ui *ui, const char *url, char **cause)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 attr;
	sigset_t			 none;
	const char			*cmd;
	char				*first, **argv;
	pid_t				 pid;
	int				 error, status;
	bool				 text;

	if (url != NULL && ui_open_hidden(url)) {
		xasprintf(cause, _("not a link akhbar opens (it holds a blank "
		    "or a control character): %s"), url);
		return (-1);
	}
	if (!ui_open_scheme_ok(url)) {
		xasprintf(cause, _("not a link akhbar opens (http, https, "
		    "gopher, gemini, mailto): %s"), url);
		return (-1);
	}
	cmd = ui->opts.browser;
	if (cmd == NULL || *cmd == '\0')
		cmd = getenv("BROWSER");
	if (cmd == NULL || *cmd == '\0')
		cmd = "xdg-open";
	first = xstrndup(cmd, strcspn(cmd, ":"));
	argv = ui_open_argv(first, url, cause);
	free(first);
	if (argv == NULL)
		return (-1);
	text = ui_open_textmode(argv[0]);

	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF | (text ? 0 : POSIX_SPAWN_SETPGROUP));
	{
		sigset_t	def;

		sigemptyset(&def);
		sigaddset(&def, SIGINT);
		sigaddset(&def, SIGTERM);
		sigaddset(&def, SIGHUP);
		sigaddset(&def, SIGTSTP);
		sigaddset(&def, SIGCONT);
		sigaddset(&def, SIGWINCH);
		sigaddset(&def, SIGPIPE);
		posix_spawnattr_setsigdefault(&attr, &def);
	}
	posix_spawn_file_actions_init(&fa);
	if (!text) {
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO,
		    "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO,
		    "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO,
		    "/dev/null", O_WRONLY, 0);
	} else
		ui_term_suspend(ui);
	error = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (error != 0) {
		if (text)
			ui_term_resume(ui);
		xasprintf(cause, "%s: %s", argv[0], strerror(error));
		urls_free_argv(argv);
		return (-1);
	}
	urls_free_argv(argv);
	if (text) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			/* nothing */;
		ui_term_resume(ui);
		return (0);
	}
	if (!ui_open_keep(pid)) {
		/* Too many at once: this one is waited for now. */
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			/* nothing */;
	}
	return (0);
}
