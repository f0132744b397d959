/*
 * Replays fuzz inputs through LLVMFuzzerTestOneInput without libFuzzer:
 * every file in tests/fuzz/corpus, tests/data, tests/data/html and
 * tests/data/article, each as TAP. A crash or a sanitizer report fails
 * make check. Linked with each target (fuzz-parse.c, fuzz-html.c,
 * fuzz-article.c) in turn.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"

#include "../tap.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Replay every regular file in dir; returns how many were run. */
static int
replay_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	FILE		*f;
	struct str	 s, path;
	char		 buf[8192];
	size_t		 n;
	int		 count = 0;

	if ((d = opendir(dir)) == NULL) {
		ok(0, "open %s", dir);
		return (0);
	}
	str_init(&s);
	str_init(&path);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		str_clear(&path);
		str_printf(&path, "%s/%s", dir, de->d_name);
		if ((f = fopen(path.ptr, "rb")) == NULL)
			continue;
		str_clear(&s);
		/* Two header bytes: chunk seed and Content-Type choice. */
		str_append(&s, "\x2a\x00", 2);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			str_append(&s, buf, n);
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)s.ptr, s.len);
		s.ptr[0] = '\x07';
		s.ptr[1] = (char)(count % 7);
		LLVMFuzzerTestOneInput((const uint8_t *)s.ptr, s.len);
		ok(1, "replayed %s", de->d_name);
		count++;
	}
	closedir(d);
	str_free(&s);
	str_free(&path);
	return (count);
}

int
main(void)
{
	const char	*top;
	char		 dir[4096];

	if ((top = getenv("top_srcdir")) == NULL)
		top = ".";
	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus", top);
	ok(replay_dir(dir) > 0, "the seed corpus is not empty");
	snprintf(dir, sizeof dir, "%s/tests/data", top);
	replay_dir(dir);
	snprintf(dir, sizeof dir, "%s/tests/data/html", top);
	replay_dir(dir);
	snprintf(dir, sizeof dir, "%s/tests/data/article", top);
	replay_dir(dir);
	return (tap_done());
}
