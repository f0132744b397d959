/* akhbar --parse: a feed as the parser reads it, as JSON. */
#ifndef AKHBAR_CLI_PARSE_H
#define AKHBAR_CLI_PARSE_H

#include "fetch.h"

/* akhbar --parse FILE|URL with these fetch settings; returns the exit code. */
int	cli_parse(const char *, const struct fetch_opts *);

#endif
