/* akhbar --reload: fetch every due feed into the cache, headless. */
#ifndef AKHBAR_CLI_RELOAD_H
#define AKHBAR_CLI_RELOAD_H

#include "conf.h"
#include "fetch.h"

/* What --reload is told. */
struct cli_reload_opts {
	const char		*urls;		/* urls file */
	const char		*cache;		/* cache file */
	int			 force;		/* --force */
	int			 quiet;		/* --quiet */
	const struct conf	*conf;		/* the configuration read */
	const struct fetch_opts	*fetch;		/* the fetch settings it makes */
};

/* akhbar --reload; returns the exit code. */
int	cli_reload(const struct cli_reload_opts *);

#endif
