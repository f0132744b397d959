/*
 * The terminal: curses set up and torn down, the windows, and the signals.
 * The terminal is given back as it was on every way out: a normal quit, an
 * error, SIGINT, SIGTERM or SIGHUP, ^Z (and put back on fg), a resize, and
 * a crash. Signals are caught before curses starts (so it leaves them
 * alone) and written as one byte each to a pipe the main loop polls with
 * the keyboard, so nothing but write(2) runs in a handler; a crash (SIGSEGV,
 * SIGBUS, SIGABRT, SIGFPE, SIGILL) writes bytes prepared at start (leave
 * the alternate screen, show the cursor, plain attributes, mouse reports
 * off, the terminal's own BiDi back: CSI 8 h) and the saved terminal modes,
 * then dies of the same signal. The explicit-mode switch (CSI 8 l) goes out
 * before curses starts and after every resume, as layout-term.c says.
 */
#include "config.h"

#include "ui-priv.h"
#include "ui-conf.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "xmalloc.h"

static int		ui_term_pipe[2] = { -1, -1 };
static char		ui_term_restore[512];	/* for the crash handler */
static size_t		ui_term_restore_len;
static struct termios	ui_term_saved;
static bool		ui_term_have_saved;
static bool		ui_term_mouse_on;
static SCREEN		*ui_term_screen;
static bool		 ui_term_suspended;	/* between suspend and resume */

static const int ui_term_sigs[] = {
	SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH
};
static const int ui_term_crash_sigs[] = {
	SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL
};

#define UI_TERM_MOUSE_OFF "\033[?1000l\033[?1002l\033[?1006l"

/* A signal for the main loop: one byte in the pipe. */
static void
ui_term_catch(int sig)
{
	unsigned char	c = (unsigned char)sig;
	int		saved = errno;

	if (ui_term_pipe[1] != -1 && write(ui_term_pipe[1], &c, 1) == -1) {
		/* The pipe is full: the loop has signals to read already. */
	}
	errno = saved;
}

/* A crash: give the terminal back, then die of the same signal. */
static void
ui_term_crash(int sig)
{
	if (ui_term_restore_len > 0 &&
	    write(STDOUT_FILENO, ui_term_restore, ui_term_restore_len) == -1) {
		/* Nothing more can be done. */
	}
	if (ui_term_have_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &ui_term_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Add a terminfo string to the crash handler's bytes. */
static void
ui_term_add_restore(const char *s)
{
	size_t	n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (ui_term_restore_len + n >= sizeof ui_term_restore)
		return;
	memcpy(ui_term_restore + ui_term_restore_len, s, n);
	ui_term_restore_len += n;
}

/* Write a string to the terminal, bypassing curses. */
static void
ui_term_write(const char *s)
{
	size_t	n = strlen(s);
	ssize_t	w;

	fflush(stdout);
	while (n > 0) {
		w = write(STDOUT_FILENO, s, n);
		if (w <= 0) {
			if (w == -1 && errno == EINTR)
				continue;
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

/* The pipe the signals arrive on. */
int
ui_term_signal_fd(void)
{
	return (ui_term_pipe[0]);
}

/* The next signal caught, or 0 when none is waiting. */
int
ui_term_next_signal(void)
{
	unsigned char	c;

	if (ui_term_pipe[0] == -1 || read(ui_term_pipe[0], &c, 1) != 1)
		return (0);
	return (c);
}

/* Catch the signals the loop handles, and the crashes. */
static int
ui_term_signals(char **cause)
{
	struct sigaction	sa;
	size_t			i;

	if (pipe2(ui_term_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		return (-1);
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_term_catch;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof ui_term_sigs / sizeof ui_term_sigs[0]; i++)
		sigaction(ui_term_sigs[i], &sa, NULL);
	sa.sa_handler = ui_term_crash;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof ui_term_crash_sigs / sizeof ui_term_crash_sigs[0];
	    i++)
		sigaction(ui_term_crash_sigs[i], &sa, NULL);
	return (0);
}

/* Put the signals back as they were before the interface. */
static void
ui_term_unsignal(void)
{
	size_t	i;

	for (i = 0; i < sizeof ui_term_sigs / sizeof ui_term_sigs[0]; i++)
		signal(ui_term_sigs[i], SIG_DFL);
	for (i = 0; i < sizeof ui_term_crash_sigs / sizeof ui_term_crash_sigs[0];
	    i++)
		signal(ui_term_crash_sigs[i], SIG_DFL);
	if (ui_term_pipe[0] != -1) {
		close(ui_term_pipe[0]);
		close(ui_term_pipe[1]);
	}
	ui_term_pipe[0] = ui_term_pipe[1] = -1;
}

/* Make the four windows for the screen's size. */
void
ui_term_windows(struct ui *ui)
{
	int	rows, cols;

	if (ui->title != NULL)
		delwin(ui->title);
	if (ui->body != NULL)
		delwin(ui->body);
	if (ui->status != NULL)
		delwin(ui->status);
	if (ui->msgwin != NULL)
		delwin(ui->msgwin);
	rows = LINES > 4 ? LINES : 4;
	cols = COLS > 1 ? COLS : 1;
	ui->rows = LINES;
	ui->cols = cols;
	ui->body_rows = rows - 3;
	ui->title = newwin(1, cols, 0, 0);
	ui->body = newwin(ui->body_rows, cols, 1, 0);
	ui->status = newwin(1, cols, LINES > 2 ? LINES - 2 : 0, 0);
	ui->msgwin = newwin(1, cols, LINES > 1 ? LINES - 1 : 0, 0);
	if (ui->title == NULL || ui->body == NULL || ui->status == NULL ||
	    ui->msgwin == NULL)
		xmalloc_fail("curses windows");
	leaveok(ui->body, TRUE);
	leaveok(ui->title, TRUE);
	leaveok(ui->status, TRUE);
	idlok(ui->body, TRUE);
}

/* Turn mouse reports on or off. */
static void
ui_term_mouse(struct ui *ui)
{
	if (!ui->opts.mouse)
		return;
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(200);
	ui_term_mouse_on = true;
}

/*
 * Start curses on the terminal: signals caught first, the explicit-mode
 * switch written, then the screen, the theme and the windows.
 */
int
ui_term_start(struct ui *ui, char **cause)
{
	const char	*term;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		xasprintf(cause, "the interface needs a terminal (standard "
		    "input and output); for scripts see --reload, --search "
		    "and --unread-count");
		return (-1);
	}
	if (ui_term_signals(cause) != 0)
		return (-1);
	if (tcgetattr(STDIN_FILENO, &ui_term_saved) == 0)
		ui_term_have_saved = true;
	ui_term_write(layout_term_enter(ui->mode, ui->tmux));
	term = getenv("TERM");
	ui_term_screen = newterm(term != NULL && *term != '\0' ? term :
	    "dumb", stdout, stdin);
	if (ui_term_screen == NULL) {
		ui_term_write(layout_term_leave(ui->mode, ui->tmux));
		ui_term_unsignal();
		xasprintf(cause, "cannot start curses on this terminal "
		    "(TERM=%s)", term != NULL ? term : "");
		return (-1);
	}
	ui->curses = true;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_paint_init(ui);
	if (ui->opts.conf != NULL)
		ui_conf_colors(ui, ui->opts.conf);
	ui_term_mouse(ui);

	/* What a crash writes: undo what curses and akhbar did. */
	ui_term_restore_len = 0;
	ui_term_add_restore(tigetstr("sgr0"));
	ui_term_add_restore(tigetstr("cnorm"));
	ui_term_add_restore(tigetstr("rmkx"));
	ui_term_add_restore(tigetstr("rmcup"));
	if (ui_term_mouse_on)
		ui_term_add_restore(UI_TERM_MOUSE_OFF);
	ui_term_add_restore(layout_term_leave(ui->mode, ui->tmux));

	refresh();	/* stdscr is never drawn on: clears the screen once */
	ui_term_windows(ui);
	return (0);
}

/* End curses and give the terminal back; safe to call twice. */
void
ui_term_stop(struct ui *ui)
{
	if (!ui->curses)
		return;
	if (ui->title != NULL)
		delwin(ui->title);
	if (ui->body != NULL)
		delwin(ui->body);
	if (ui->status != NULL)
		delwin(ui->status);
	if (ui->msgwin != NULL)
		delwin(ui->msgwin);
	ui->title = ui->body = ui->status = ui->msgwin = NULL;
	if (ui_term_mouse_on)
		mousemask(0, NULL);
	if (!isendwin())
		endwin();
	if (ui_term_mouse_on)
		ui_term_write(UI_TERM_MOUSE_OFF);
	ui_term_write(layout_term_leave(ui->mode, ui->tmux));
	ui_term_restore_len = 0;
	ui_term_suspended = false;
	ui->curses = false;
	if (ui_term_screen != NULL) {
		delscreen(ui_term_screen);
		ui_term_screen = NULL;
	}
	ui_term_unsignal();
}

/* Leave the screen for a while (a text-mode browser, ^Z). */
void
ui_term_suspend(struct ui *ui)
{
	if (!ui->curses || ui_term_suspended)
		return;
	endwin();
	ui_term_write(layout_term_leave(ui->mode, ui->tmux));
	ui_term_suspended = true;
}

/* Whether the screen is given up for a while (^Z, a text-mode browser). */
bool
ui_term_is_suspended(void)
{
	return (ui_term_suspended);
}

/* Take the screen back after ui_term_suspend(). */
void
ui_term_resume(struct ui *ui)
{
	if (!ui->curses || !ui_term_suspended)
		return;
	ui_term_suspended = false;
	ui_term_write(layout_term_enter(ui->mode, ui->tmux));
	reset_prog_mode();
	ui_term_resize(ui);
}

/* Take the terminal's new size and make the windows again. */
void
ui_term_resize(struct ui *ui)
{
	struct winsize	ws;

	if (!ui->curses)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	else
		resizeterm(LINES, COLS);
	ui_term_windows(ui);
	clearok(curscr, TRUE);
}

/*
 * ^Z: give the terminal back, stop, and take the terminal again once
 * continued. SIGSTOP, not SIGTSTP's own action: the kernel discards a
 * SIGTSTP sent to an orphaned process group (a terminal's session leader
 * has gone), which would leave the interface suspended but running.
 */
void
ui_term_job_stop(struct ui *ui)
{
	ui_term_suspend(ui);
	raise(SIGSTOP);
	/* Here again after SIGCONT. */
	ui_term_resume(ui);
}
