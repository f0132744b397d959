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
 *   layout-show [-SLt] [-m app|terminal|off] [-d auto|ltr|rtl] [-l lang]
 *       [-w width] [-x column] [-y row] [-g gap] [-f file] [-p pidfile]
 *       [-q ms] [text ...]
 *
 * -l takes the direction from a feed language (as the interface will),
 * -t cuts each paragraph to one line with an ellipsis, as in a headline
 * list, -f adds the lines of a file as paragraphs, -g leaves blank rows
 * between paragraphs.
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

#include "feed.h"
#include "layout.h"
#include "str.h"
#include "xmalloc.h"

static volatile sig_atomic_t	show_caught;	/* the last signal */
static int			show_entered;	/* explicit mode is on */
static enum layout_mode		show_mode;
static bool			show_tmux;	/* repeat through tmux */

static void
usage(void)
{
	fprintf(stderr, "usage: layout-show [-SLt] [-m mode] [-d dir] "
	    "[-l lang] [-w width] [-x column] [-y row] [-g gap] [-f file] "
	    "[-p pidfile] [-q ms] [text ...]\n");
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
	fputs(layout_term_enter(show_mode, show_tmux), stdout);
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
	fputs(layout_term_leave(show_mode, show_tmux), stdout);
	fflush(stdout);
	show_entered = 0;
}

int
main(int argc, char **argv)
{
	struct layout_config	 cfg;
	struct layout_para	*p;
	const struct layout_line *lines, *ln;
	enum layout_dir		 dir = LAYOUT_DIR_AUTO;
	cchar_t			 cc;
	char			*cause;
	struct sigaction	 sa;
	struct strv		 paras = { NULL, 0 };
	const char		*pidfile = NULL;
	char			*line = NULL, *text;
	size_t			 size = 0;
	ssize_t			 n;
	FILE			*f;
	int			 c, i, j, width = 16, x0 = 0, y, x, gap = 0;
	int			 quit_ms = -1, waited, headlines = 0, nlines;

	setlocale(LC_ALL, "");
	layout_config_default(&cfg);
	y = 0;
	while ((c = getopt(argc, argv, "SLtm:d:l:w:x:y:g:f:p:q:")) != -1) {
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
		case 'l':
			dir = layout_dir_for_feed(
			    feed_dir_from_language(optarg), FEED_DIR_AUTO);
			break;
		case 't':
			headlines = 1;
			break;
		case 'g':
			gap = atoi(optarg);
			break;
		case 'f':
			if ((f = fopen(optarg, "r")) == NULL) {
				perror(optarg);
				exit(2);
			}
			while ((n = getline(&line, &size, f)) != -1) {
				line[strcspn(line, "\r\n")] = '\0';
				strv_add(&paras, line);
			}
			free(line);
			fclose(f);
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
	for (i = optind; i < argc; i++)
		strv_add(&paras, argv[i]);
	if (paras.n == 0 || width < 1)
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
	show_tmux = layout_term_tmux(environ);
	show_enter();
	initscr();
	noecho();
	curs_set(0);
	for (i = 0; i < (int)paras.n; i++) {
		if (headlines)
			text = layout_truncate(paras.v[i], width, dir, &cfg);
		else
			text = xstrdup(paras.v[i]);
		p = layout_para_new(text, strlen(text), NULL, 0, dir, &cfg);
		free(text);
		layout_para_wrap(p, width);
		lines = layout_para_lines(p, &nlines);
		for (j = 0; j < nlines; j++, y++) {
			ln = &lines[j];
			x = x0 + ln->indent;
			for (c = 0; c < ln->ncells; c++) {
				setcchar(&cc, ln->cells[c].ch, A_NORMAL, 0,
				    NULL);
				mvadd_wch(y, x, &cc);
				x += ln->cells[c].width;
			}
		}
		layout_para_free(p);
		y += gap;
	}
	strv_free(&paras);
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
