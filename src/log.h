/* The debug log: off unless a file is named with -l/--log or $AKHBAR_LOG. */
#ifndef AKHBAR_LOG_H
#define AKHBAR_LOG_H

int	 log_open(const char *, char **);
void	 log_close(void);
void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
