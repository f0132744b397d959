/*
 * The one place that includes curses: wide-character ncurses, wherever the
 * system keeps its header. Only ui*.c include this.
 */
#ifndef AKHBAR_UI_CURSES_H
#define AKHBAR_UI_CURSES_H

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#elif defined(HAVE_NCURSES_H)
#include <ncurses.h>
#else
#include <curses.h>
#endif

#endif
