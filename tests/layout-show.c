/*
 * A small driver for the screen test: lays out each argument as a
 * paragraph at a width and paints the cells with setcchar()/mvadd_wch(),
 * right-aligning RTL paragraphs in a pane of that width, then waits for a
 * key.  Not part of akhbar: tests/test-layout-screen.sh runs it in tmux.
 *
 *   layout-show [-S] [-L] [-m app|terminal|off] [-d auto|ltr|rtl]
 *       [-w width] [-x column] [-y row] text ...
 */
#include "config.h"

#include <locale.h>
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

static void
usage(void)
{
	fprintf(stderr, "usage: layout-show [-SL] [-m mode] [-d dir] "
	    "[-w width] [-x column] [-y row] text ...\n");
	exit(2);
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
	int			 c, i, j, width = 16, x0 = 0, y, x;

	setlocale(LC_ALL, "");
	layout_config_default(&cfg);
	y = 0;
	while ((c = getopt(argc, argv, "SLm:d:w:x:y:")) != -1) {
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
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 || width < 1)
		usage();

	fputs(layout_term_enter(cfg.mode), stdout);
	fflush(stdout);
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
	getch();
	endwin();
	fputs(layout_term_leave(cfg.mode), stdout);
	fflush(stdout);
	return (0);
}
