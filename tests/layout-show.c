/*
 * A small driver for the screen test: lays out each argument as a
 * paragraph at a width and paints the cells with setcchar()/mvadd_wch(),
 * right-aligning RTL paragraphs in a pane of that width, then waits for
 * "q".  Not part of akhbar: tests/test-layout-screen.sh runs it in tmux.
 *
 * It is also the reference for how the interface must leave the terminal:
 * the explicit-mode switch (CSI 8 l) is undone (CSI 8 h) on every way out,
 * a normal quit, an error exit (-q), SIGINT, SIGTERM, and around a suspend
 * with ^Z (SIGTSTP), redone on SIGCONT.  tests/test-layout-exit.sh checks
 * the bytes it writes.
 *
 *   layout-show [-S] [-L] [-m app|terminal|off] [-d auto|ltr|rtl]
 *       [-w width] [-x column] [-y row] [-p pidfile] [-q ms] text ...
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#elif defined(HAVE_NCURSES_H)
#include <ncurses.h>
#else
#include <curses.h>
#endif

#include "layout.h"

static volatile sig_atomic_t	show_caught;	/* the last signal */
static int			show_entered;	/* explicit mode is on */
static enum layout_mode		show_mode;

static void
usage(void)
{
	fprintf(stderr, "usage: layout-show [-SL] [-m mode] [-d dir] "
	    "[-w width] [-x column] [-y row] [-p pidfile] [-q ms] "
	    "text ...\n");
	exit(2);
}

static void
show_catch(int sig)
{
	show_caught = sig;
}

/* Switch the terminal to the mode's BiDi handling. */
static void
show_enter(void)
{
	fputs(layout_term_enter(show_mode), stdout);
	fflush(stdout);
	show_entered = 1;
}

/* Give the terminal its own BiDi back, after curses let go of it. */
static void
show_leave(void)
{
	if (!show_entered)
		return;
	if (!isendwin())
		endwin();
	fputs(layout_term_leave(show_mode), stdout);
	fflush(stdout);
	show_entered = 0;
}

int
main(int argc, char **argv)
{
	struct layout_config	 cfg;
	struct layout_para	*p;
	struct layout_line	*ln;
	enum layout_dir		 dir = LAYOUT_DIR_AUTO;
	cchar_t			 cc;
	char			*cause;
	struct sigaction	 sa;
	const char		*pidfile = NULL;
	FILE			*f;
	int			 c, i, j, width = 16, x0 = 0, y, x;
	int			 quit_ms = -1, waited;

	setlocale(LC_ALL, "");
	layout_config_default(&cfg);
	y = 0;
	while ((c = getopt(argc, argv, "SLm:d:w:x:y:p:q:")) != -1) {
		switch (c) {
		case 'S':
			cfg.shaping = false;
			break;
		case 'L':
			cfg.ligatures = false;
			break;
		case 'm':
			if (layout_term_mode_parse(optarg, &cfg.mode,
			    &cause) != 0) {
				fprintf(stderr, "layout-show: %s\n", cause);
				exit(2);
			}
			break;
		case 'd':
			if (layout_dir_parse(optarg, &dir, &cause) != 0) {
				fprintf(stderr, "layout-show: %s\n", cause);
				exit(2);
			}
			break;
		case 'w':
			width = atoi(optarg);
			break;
		case 'x':
			x0 = atoi(optarg);
			break;
		case 'y':
			y = atoi(optarg);
			break;
		case 'p':
			pidfile = optarg;
			break;
		case 'q':
			quit_ms = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 || width < 1)
		usage();

	/* Catch the signals before initscr(), so curses leaves them alone. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = show_catch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	atexit(show_leave);

	show_mode = cfg.mode;
	show_enter();
	initscr();
	noecho();
	curs_set(0);
	for (i = 0; i < argc; i++) {
		p = layout_para_new(argv[i], strlen(argv[i]), NULL, 0, dir,
		    &cfg);
		layout_para_wrap(p, width);
		for (j = 0; j < p->nlines; j++, y++) {
			ln = &p->lines[j];
			x = x0 + ln->indent;
			for (c = 0; c < ln->ncells; c++) {
				setcchar(&cc, ln->cells[c].ch, A_NORMAL, 0,
				    NULL);
				mvadd_wch(y, x, &cc);
				x += ln->cells[c].width;
			}
		}
		layout_para_free(p);
	}
	move(LINES - 1, 0);
	refresh();
	if (pidfile != NULL && (f = fopen(pidfile, "w")) != NULL) {
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}

	timeout(50);
	for (waited = 0; (c = getch()) != 'q'; ) {
		if (c == ERR)
			waited += 50;
		if (quit_ms >= 0 && waited >= quit_ms)
			exit(1);	/* an error exit: atexit restores */
		switch (show_caught) {
		case SIGINT:
		case SIGTERM:
			show_leave();
			signal(show_caught, SIG_DFL);
			raise(show_caught);
			break;
		case SIGTSTP:
			show_caught = 0;
			show_leave();
			raise(SIGSTOP);
			break;
		case SIGCONT:
			show_caught = 0;
			if (!show_entered) {
				show_enter();
				refresh();
			}
			break;
		}
	}
	show_leave();
	return (0);
}
