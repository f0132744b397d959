/*
 * The interactive interface: feed list, article lists and the article
 * view over the cache, with the poller filling it in the background. The
 * command line fills struct ui_opts (later the configuration file does
 * too) and hands over to ui_main(); only ui*.c include curses.
 */
#ifndef AKHBAR_UI_H
#define AKHBAR_UI_H

#include <stdbool.h>

struct conf;

/* What the interface is told to do. */
struct ui_opts {
	const char	*urls_path;	/* the urls file */
	const char	*cache_path;	/* the cache */
	bool		 demo;		/* a throwaway cache of the demo feeds */
	bool		 mouse;		/* wheel, click and double-click */
	const char	*browser;	/* command for links; NULL: $BROWSER */
	long		 reload_interval;	/* seconds; 0: no automatic reload */
	const char	*bidi;		/* "auto", "app", "terminal", "off" */
	bool		 color;		/* use colours (NO_COLOR turns them off) */
	const struct conf *conf;	/* the configuration (keys, colours, the
					   rest), or NULL for the defaults */
};

void	ui_opts_default(struct ui_opts *);
int	ui_main(const struct ui_opts *);

#endif
