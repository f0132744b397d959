/*
 * Text sanitising at ingest: whatever bytes a feed sends, what is stored is
 * valid UTF-8 without C0/C1 control characters (ESC above all), while
 * combining marks, ZWJ/ZWNJ and bidi controls survive for the layout layer.
 */
#ifndef AKHBAR_SANITIZE_H
#define AKHBAR_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

char	*sanitize_text(const char *, size_t);
char	*sanitize_line(const char *, size_t);
size_t	 sanitize_clean_prefix(const unsigned char *, size_t, bool);

#endif
