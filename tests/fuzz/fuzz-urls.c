/*
 * Fuzz target for the urls file reader and the exec: word splitter
 * (libFuzzer's entry point). The two header bytes are unused but for the
 * first's low bit: whether the input is also read whole, as a file, with
 * urls_load (through a memfd, no file on disk). Each line is read with
 * urls_parse_line; a line it accepts must be written by urls_format as a
 * line that reads back as the same subscription (urls_add rewrites the
 * file that way), and an exec: command, split into words, must split the
 * same once its words are quoted again. fuzz-replay.c replays it over the
 * corpus in make check.
 */
#include "config.h"

#include <sys/mman.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "str.h"
#include "urls.h"
#include "xmalloc.h"

#include "fuzz-check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless two string vectors hold the same strings in order. */
static void
fuzz_same_strv(const struct strv *a, const struct strv *b)
{
	size_t	i;

	FUZZ_ASSERT(a->n == b->n);
	for (i = 0; i < a->n; i++)
		FUZZ_ASSERT(strcmp(a->v[i], b->v[i]) == 0);
}

/* Split a command; when it splits, quote its words again and compare. */
static void
fuzz_split(const char *cmd)
{
	struct str	 q;
	char		**argv, **argv2, *cause = NULL;
	const char	*p;
	size_t		 i;

	if (urls_split_command(cmd, &argv, &cause) != 0) {
		FUZZ_ASSERT(cause != NULL);
		free(cause);
		return;
	}
	FUZZ_ASSERT(argv[0] != NULL);
	str_init(&q);
	for (i = 0; argv[i] != NULL; i++) {
		str_appends(&q, i > 0 ? " \"" : "\"");
		for (p = argv[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				str_appendc(&q, '\\');
			str_appendc(&q, *p);
		}
		str_appendc(&q, '"');
	}
	FUZZ_ASSERT(urls_split_command(q.ptr, &argv2, &cause) == 0);
	for (i = 0; argv[i] != NULL; i++) {
		FUZZ_ASSERT(argv2[i] != NULL);
		FUZZ_ASSERT(strcmp(argv[i], argv2[i]) == 0);
	}
	FUZZ_ASSERT(argv2[i] == NULL);
	urls_free_argv(argv2);
	urls_free_argv(argv);
	str_free(&q);
}

/* Read one line; check what was read and that it is written faithfully. */
static void
fuzz_line(const char *line)
{
	struct urls_sub		 sub, again;
	struct urls_problem	 pr, pr2;
	struct str		 out;
	int			 rc;

	memset(&sub, 0, sizeof sub);
	memset(&pr, 0, sizeof pr);
	rc = urls_parse_line(line, &sub, &pr);
	FUZZ_ASSERT(rc >= -1 && rc <= 1);
	if (rc != 1) {
		urls_problem_clear(&pr);
		return;
	}
	FUZZ_ASSERT(sub.url != NULL && sub.url[0] != '\0');
	if (strncmp(sub.url, "exec:", 5) == 0)
		fuzz_split(sub.url + 5);

	str_init(&out);
	urls_format(&sub, &out);
	FUZZ_ASSERT(out.len > 0 && out.ptr[out.len - 1] == '\n');
	out.ptr[--out.len] = '\0';
	FUZZ_ASSERT(strchr(out.ptr, '\n') == NULL);
	memset(&again, 0, sizeof again);
	memset(&pr2, 0, sizeof pr2);
	rc = urls_parse_line(out.ptr, &again, &pr2);
	if (rc != 1)
		fprintf(stderr, "'%s' written as '%s' does not read back\n",
		    line, out.ptr);
	FUZZ_ASSERT(rc == 1);
	if (strcmp(sub.url, again.url) != 0)
		fprintf(stderr, "'%s' written as '%s' reads '%s'\n", line,
		    out.ptr, again.url);
	FUZZ_ASSERT(strcmp(sub.url, again.url) == 0);
	FUZZ_ASSERT((sub.title == NULL) == (again.title == NULL));
	FUZZ_ASSERT(sub.title == NULL || strcmp(sub.title, again.title) == 0);
	fuzz_same_strv(&sub.tags, &again.tags);
	fuzz_same_strv(&sub.options, &again.options);
	FUZZ_ASSERT(sub.hidden == again.hidden);
	FUZZ_ASSERT(sub.reload == again.reload);
	FUZZ_ASSERT(sub.dir_set == again.dir_set);
	FUZZ_ASSERT(sub.dir == again.dir);
	FUZZ_ASSERT(sub.keep == again.keep);
	FUZZ_ASSERT(sub.full_article == again.full_article);
	FUZZ_ASSERT((sub.query == NULL) == (again.query == NULL));
	urls_sub_clear(&again);
	urls_sub_clear(&sub);
	str_free(&out);
}

/* Read the input as a urls file through a memfd. */
static void
fuzz_load(const uint8_t *data, size_t size)
{
	struct urls_list	 list;
	struct urls_problems	 warn;
	struct urls_problem	 err;
	char			 path[64];
	size_t			 i, k;
	int			 fd;

	if ((fd = memfd_create("fuzz-urls", 0)) == -1)
		return;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	memset(&list, 0, sizeof list);
	memset(&warn, 0, sizeof warn);
	if (urls_load(path, &list, &warn, &err) == 0) {
		/* Without duplicates. */
		for (i = 0; i < list.n; i++) {
			for (k = i + 1; k < list.n; k++)
				FUZZ_ASSERT(strcmp(list.v[i].url,
				    list.v[k].url) != 0);
			FUZZ_ASSERT(urls_find(&list, list.v[i].url) ==
			    &list.v[i]);
		}
		urls_list_free(&list);
		urls_problems_free(&warn);
	} else
		urls_problem_clear(&err);
	close(fd);
}

/* Read each line of one input, then the whole of it. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *line, *next;
	int	 whole;

	if (size < 2)
		return (0);
	whole = data[0] & 1;
	data += 2;
	size -= 2;
	text = xstrndup((const char *)data, size);
	for (line = text; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		fuzz_line(line);
	}
	free(text);
	text = xstrndup((const char *)data, size);
	fuzz_split(text);
	free(text);
	if (whole)
		fuzz_load(data, size);
	return (0);
}
