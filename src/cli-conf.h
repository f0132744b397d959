/* The configuration at the command line: loading it, what it sets, --dump-config. */
#ifndef AKHBAR_CLI_CONF_H
#define AKHBAR_CLI_CONF_H

#include "conf.h"

struct ui_opts;

/* Read the configuration file (path, or the default); problems are reported. Returns 0 or an exit code. */
int	cli_conf_load(const char *, struct conf *);
/* What the configuration sets of the interface's options. */
void	cli_conf_ui(const struct conf *, struct ui_opts *);
/* The strftime format of dates in headless output. */
const char *cli_conf_date_format(const struct conf *);
/* akhbar --dump-config. */
int	cli_conf_dump(const struct conf *);

#endif
