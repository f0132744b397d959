/*
 * Replays fuzz inputs through LLVMFuzzerTestOneInput without libFuzzer:
 * every file in tests/fuzz/corpus, tests/data, tests/data/html and
 * tests/data/article, each as TAP. A crash or a sanitizer report fails
 * make check. Linked with each target (fuzz-parse.c, fuzz-html.c,
 * fuzz-article.c, ...) in turn; a target built with -DFUZZ_NAME="x" also
 * replays its own tests/fuzz/corpus/x (its seeds and the inputs of the
 * crashes it found, which must not come back).
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"

#include "../tap.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Replay every regular file in dir, after two header bytes and then two
 * others; with raw, also as it is (a fuzzer's input, header and all).
 * Returns how many were run.
 */
static int
replay_dir(const char *dir, int raw)
{
	DIR		*d;
	struct dirent	*de;
	FILE		*f;
	struct str	 s, path;
	struct stat	 sb;
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
		if (stat(path.ptr, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if ((f = fopen(path.ptr, "rb")) == NULL)
			continue;
		str_clear(&s);
		/* Two header bytes: chunk seed and Content-Type choice. */
		str_append(&s, "\x2a\x00", 2);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			str_append(&s, buf, n);
		fclose(f);
		if (raw)
			LLVMFuzzerTestOneInput((const uint8_t *)s.ptr + 2,
			    s.len - 2);
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
	ok(replay_dir(dir, 0) > 0, "the seed corpus is not empty");
#ifdef FUZZ_NAME
	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", top, FUZZ_NAME);
	ok(replay_dir(dir, 1) > 0, "the %s corpus is not empty", FUZZ_NAME);
#endif
	snprintf(dir, sizeof dir, "%s/tests/data", top);
	replay_dir(dir, 0);
	snprintf(dir, sizeof dir, "%s/tests/data/html", top);
	replay_dir(dir, 0);
	snprintf(dir, sizeof dir, "%s/tests/data/article", top);
	replay_dir(dir, 0);
	return (tap_done());
}
