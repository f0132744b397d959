/* Feed dates: RFC 822/2822, RFC 3339/ISO 8601 and their broken variants. */
#ifndef AKHBAR_PARSE_DATE_H
#define AKHBAR_PARSE_DATE_H

#include <stddef.h>
#include <stdint.h>

int64_t	parse_date(const char *);
int64_t	parse_date_from_civil(int, int, int, int, int, int);
void	parse_date_format(int64_t, char *, size_t);

#endif
