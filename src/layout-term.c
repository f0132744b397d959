/*
 * Who does BiDi: akhbar or the terminal.  The config's "bidi" setting is
 * parsed here, "auto" is resolved from an environment passed in as data
 * (the UI passes environ; tests pass their own), and the escape sequences
 * that switch a BiDi-aware terminal (VTE, mintty) to explicit mode and
 * back are handed out as strings for the UI to write.  The terminal-wg
 * BiDi recommendation: "CSI 8 l" makes the terminal show every cell where
 * it was written, "CSI 8 h" (the default) lets it reorder again.  tmux
 * swallows both, so inside tmux they are sent a second time wrapped in
 * tmux's DCS passthrough, which reaches the outer terminal when tmux has
 * "set -g allow-passthrough on" (tmux 3.3 and later) and is dropped
 * otherwise; checked with VTE (sakura) outside tmux 3.3a.
 */
#include "config.h"

#include "layout.h"

#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

#define LAYOUT_TERM_EXPLICIT "\033[8l"
#define LAYOUT_TERM_IMPLICIT "\033[8h"
#define LAYOUT_TERM_TMUX(s) "\033Ptmux;\033" s "\033\\"
#define LAYOUT_TERM_EXPLICIT_TMUX \
	LAYOUT_TERM_EXPLICIT LAYOUT_TERM_TMUX(LAYOUT_TERM_EXPLICIT)
#define LAYOUT_TERM_IMPLICIT_TMUX \
	LAYOUT_TERM_IMPLICIT LAYOUT_TERM_TMUX(LAYOUT_TERM_IMPLICIT)

/* Parse "auto", "app", "terminal" or "off". */
int
layout_term_mode_parse(const char *s, enum layout_mode *mode, char **cause)
{
	if (strcmp(s, "auto") == 0)
		*mode = LAYOUT_MODE_AUTO;
	else if (strcmp(s, "app") == 0)
		*mode = LAYOUT_MODE_APP;
	else if (strcmp(s, "terminal") == 0)
		*mode = LAYOUT_MODE_TERMINAL;
	else if (strcmp(s, "off") == 0)
		*mode = LAYOUT_MODE_OFF;
	else {
		xasprintf(cause, "unknown bidi mode \"%s\" (use auto, app, "
		    "terminal or off)", s);
		return (-1);
	}
	return (0);
}

/* The config name of a mode. */
const char *
layout_term_mode_name(enum layout_mode mode)
{
	switch (mode) {
	case LAYOUT_MODE_APP:
		return ("app");
	case LAYOUT_MODE_TERMINAL:
		return ("terminal");
	case LAYOUT_MODE_OFF:
		return ("off");
	case LAYOUT_MODE_AUTO:
	default:
		return ("auto");
	}
}

/* The value of name in a NULL-terminated "NAME=value" array, or NULL. */
static const char *
layout_term_getenv(char *const *env, const char *name)
{
	size_t	n;

	if (env == NULL)
		return (NULL);
	n = strlen(name);
	for (; *env != NULL; env++) {
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return (*env + n + 1);
	}
	return (NULL);
}

/* Whether name is set to a non-empty value. */
static int
layout_term_isset(char *const *env, const char *name)
{
	const char	*v;

	v = layout_term_getenv(env, name);
	return (v != NULL && *v != '\0');
}

/*
 * Resolve a mode: anything but auto is kept; auto becomes terminal on the
 * terminals known to reorder every line themselves with no way to switch
 * it off by escape sequence (Konsole, mlterm, macOS Terminal), and app
 * everywhere else.  env is a NULL-terminated "NAME=value" array such as
 * environ.  reason gets an allocated sentence for the log.
 */
enum layout_mode
layout_term_resolve(enum layout_mode mode, char *const *env, char **reason)
{
	const char	*term, *prog, *why, *mux;

	if (mode != LAYOUT_MODE_AUTO) {
		xasprintf(reason, "bidi = %s, as configured",
		    layout_term_mode_name(mode));
		return (mode);
	}
	term = layout_term_getenv(env, "TERM");
	prog = layout_term_getenv(env, "TERM_PROGRAM");
	mux = NULL;
	if (layout_term_isset(env, "TMUX"))
		mux = "tmux";
	else if (layout_term_isset(env, "STY"))
		mux = "screen";

	why = NULL;
	if (layout_term_isset(env, "KONSOLE_VERSION"))
		why = "Konsole ($KONSOLE_VERSION)";
	else if (layout_term_isset(env, "MLTERM"))
		why = "mlterm ($MLTERM)";
	else if (term != NULL && strncmp(term, "mlterm", 6) == 0)
		why = "mlterm ($TERM)";
	else if (prog != NULL && strcmp(prog, "Apple_Terminal") == 0)
		why = "macOS Terminal ($TERM_PROGRAM)";
	if (why != NULL) {
		xasprintf(reason, "bidi = auto chose terminal: %s reorders "
		    "every line itself and cannot be switched to explicit "
		    "mode, so akhbar sends logical, unshaped text; set "
		    "bidi = app after turning off the terminal's own BiDi",
		    why);
		return (LAYOUT_MODE_TERMINAL);
	}

	if (layout_term_isset(env, "VTE_VERSION"))
		why = "VTE ($VTE_VERSION): switched to explicit mode";
	else if ((prog != NULL && strcmp(prog, "mintty") == 0) ||
	    (term != NULL && strncmp(term, "mintty", 6) == 0))
		why = "mintty: switched to explicit mode";
	else
		why = "no self-reordering terminal detected";
	if (mux != NULL && strcmp(mux, "tmux") == 0) {
		xasprintf(reason, "bidi = auto chose app: %s; inside tmux the "
		    "explicit-mode switch reaches the outer terminal only with "
		    "\"set -g allow-passthrough on\" (else turn off BiDi in a "
		    "VTE or mintty outside it)", why);
	} else if (mux != NULL) {
		xasprintf(reason, "bidi = auto chose app: %s; inside %s the "
		    "explicit-mode switch does not reach the outer terminal, "
		    "so turn off BiDi in a VTE or mintty outside it (printf "
		    "'\\033[8l')", why, mux);
	} else
		xasprintf(reason, "bidi = auto chose app: %s", why);
	return (LAYOUT_MODE_APP);
}

/* Whether the environment says akhbar runs inside tmux. */
bool
layout_term_tmux(char *const *env)
{
	return (layout_term_isset(env, "TMUX"));
}

/*
 * What to write before the screen is set up in a mode ("" for nothing);
 * tmux says whether to repeat it through tmux's passthrough.
 */
const char *
layout_term_enter(enum layout_mode mode, bool tmux)
{
	if (mode == LAYOUT_MODE_TERMINAL)
		return ("");
	if (tmux)
		return (LAYOUT_TERM_EXPLICIT_TMUX);
	return (LAYOUT_TERM_EXPLICIT);
}

/* What to write after the screen is torn down in a mode. */
const char *
layout_term_leave(enum layout_mode mode, bool tmux)
{
	if (mode == LAYOUT_MODE_TERMINAL)
		return ("");
	if (tmux)
		return (LAYOUT_TERM_IMPLICIT_TMUX);
	return (LAYOUT_TERM_IMPLICIT);
}

/*
 * Give a terminal back its own BiDi (CSI 8 h, also through tmux when tmux
 * is set) on fd; async-signal-safe, for signal handlers.  Returns what
 * write() returned.
 */
int
layout_term_restore_fd(int fd, bool tmux)
{
	const char	*s;
	size_t		 len;

	s = layout_term_leave(LAYOUT_MODE_APP, tmux);
	for (len = 0; s[len] != '\0'; len++)
		/* nothing */;
	return ((int)write(fd, s, len));
}
