/* Coming from newsboat: akhbar --import-newsboat [DIR]. */
#ifndef AKHBAR_CLI_NEWSBOAT_H
#define AKHBAR_CLI_NEWSBOAT_H

/* akhbar --import-newsboat [DIR]: newsboat's directory (NULL: found), urls file, cache. */
int	cli_newsboat_import(const char *, const char *, const char *);
/* Report an import's skipped lines and warnings (also --import-opml's). */
struct session_import;
void	cli_newsboat_problems(const struct session_import *);

#endif
