/* akhbar --render: an article laid out as text, for scripts and tests. */
#ifndef AKHBAR_CLI_RENDER_H
#define AKHBAR_CLI_RENDER_H

#include <stdio.h>

/* The lines of --help for --render and --width. */
void	 cli_render_usage(FILE *);

/* Print an item of the cache (by id) or an HTML file laid out at width. */
int	 cli_render(const char *, const char *, int);

/* The width --width gives, or -1 when it is not a number of columns. */
int	 cli_render_width(const char *);

/* The columns to lay out when no width is given: the terminal's, $COLUMNS, else 80. */
int	 cli_render_columns(void);

#endif
