/*
 * The urls file: where feeds come from. One feed per line: an http:,
 * https: or file: URL, or "exec:COMMAND" (a command whose output is the
 * feed). Blank lines and lines starting with '#' are ignored; words after
 * a URL (newsboat's tags and titles) are skipped for now.
 */
#ifndef AKHBAR_URLS_H
#define AKHBAR_URLS_H

#include "str.h"

int	urls_load(const char *, struct strv *, struct strv *, char **);
int	urls_parse_line(const char *, char **, char **);

#endif
