/*
 * Fuzz target for the configuration reader (libFuzzer's entry point).
 * The input, after two header bytes (the first's low bit: also read it
 * with conf_load_string), is up to three files separated by a line
 * "----": "main", "a" and "b", written to a scratch directory made once
 * (in /dev/shm when there is one) that is also $HOME. Every '/' of the
 * input becomes '_' but the one of a leading "~/", so an include line
 * reaches only these files (or a name that is not there): the fuzzer
 * never reads a file of the machine. main is read with conf_load;
 * then every problem's words, once through report_escape, must be
 * clean (valid UTF-8, no control character), every string option free
 * of C0 controls and DEL (what conf_set promises), and
 * --dump-config's text (conf_dump) must read back without a problem
 * into the same values. fuzz-replay.c replays it over the corpus.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "report.h"
#include "str.h"
#include "xmalloc.h"

#include "fuzz-check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	fuzz_dir[256];

/* Remove the scratch directory and its files (at exit). */
static void
fuzz_cleanup(void)
{
	static const char *const names[] = { "main", "a", "b" };
	char	path[512];
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, names[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

/* Make the scratch directory once; it is $HOME too. */
static void
fuzz_setup(void)
{
	struct stat	 sb;
	const char	*base;

	if (fuzz_dir[0] != '\0')
		return;
	if (stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if ((base = getenv("TMPDIR")) == NULL)
		base = "/tmp";
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/akhbar-fuzz-config.XXXXXX",
	    base);
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	setenv("HOME", fuzz_dir, 1);
	atexit(fuzz_cleanup);
}

/* Write len bytes as the scratch file name. */
static void
fuzz_write(const char *name, const char *text, size_t len)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (len > 0 && fwrite(text, 1, len, f) != len)
		abort();
	fclose(f);
}

/* Abort unless every problem's words are clean once escaped. */
static void
fuzz_problems(struct conf_problems *probs)
{
	char	*text, *esc;
	size_t	 i;

	for (i = 0; i < probs->n; i++) {
		FUZZ_ASSERT(probs->v[i].kind < CONF_ERR_COUNT);
		text = conf_problem_text(&probs->v[i]);
		esc = report_escape(text);
		fuzz_check_clean(esc, "");
		free(esc);
		free(text);
	}
	conf_problems_free(probs);
}

/* Abort unless the values are sane, and dumped they read back the same. */
static void
fuzz_values(const struct conf *cf)
{
	static const char *const actions[] = { "quit", "open", "reload" };
	static const char *const elements[] = { "title", "listfocus" };
	struct conf_problems	 probs = { NULL, 0 };
	struct conf		 cf2;
	struct str		 dump;
	const char		*p;
	char			*a, *b;
	size_t			 i;

	/* A string option holds no C0 control and no DEL (conf_set). */
	for (i = 0; i < CONF_COUNT; i++) {
		if (conf_def((enum conf_option)i)->type != CONF_STRING)
			continue;
		for (p = conf_string(cf, (enum conf_option)i); *p != '\0'; p++)
			FUZZ_ASSERT((unsigned char)*p >= 0x20 && *p != 0x7f);
	}
	conf_check_names(cf, CONF_ERR_ACTION, actions, 3, &probs);
	conf_check_names(cf, CONF_ERR_ELEMENT, elements, 2, &probs);
	fuzz_problems(&probs);

	str_init(&dump);
	conf_dump(cf, &dump);
	conf_init(&cf2);
	if (conf_load_string(&cf2, "dump", dump.ptr, &probs) != 0) {
		a = conf_problem_text(&probs.v[0]);
		fprintf(stderr, "--dump-config does not read back: %s\n%s", a,
		    dump.ptr);
		free(a);
		abort();
	}
	for (i = 0; i < CONF_COUNT; i++) {
		a = conf_value_text(cf, (enum conf_option)i);
		b = conf_value_text(&cf2, (enum conf_option)i);
		if (strcmp(a, b) != 0)
			fprintf(stderr, "%s: '%s' dumped reads '%s'\n",
			    conf_def((enum conf_option)i)->name, a, b);
		FUZZ_ASSERT(strcmp(a, b) == 0);
		free(a);
		free(b);
	}
	FUZZ_ASSERT(cf2.ncolors == cf->ncolors);
	conf_free(&cf2);
	str_free(&dump);
}

/* Read one input as configuration files. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "main", "a", "b" };
	struct conf_problems	 probs = { NULL, 0 };
	struct conf		 cf;
	char			*text, *p, *sep, main_path[512];
	size_t			 i, n;
	int			 as_string;

	if (size < 2)
		return (0);
	fuzz_setup();
	as_string = data[0] & 1;
	data += 2;
	size -= 2;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < size; i++) {
		if (text[i] == '/' && !(i > 0 && text[i - 1] == '~'))
			text[i] = '_';
	}
	p = text;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (p == NULL) {
			fuzz_write(names[i], "", 0);
			continue;
		}
		n = (size_t)(text + size - p);
		sep = memmem(p, n, "\n----\n", 6);
		if (sep == NULL || i == 2) {
			fuzz_write(names[i], p, n);
			p = NULL;
		} else {
			fuzz_write(names[i], p, (size_t)(sep - p) + 1);
			p = sep + 6;
		}
	}

	snprintf(main_path, sizeof main_path, "%s/main", fuzz_dir);
	conf_init(&cf);
	conf_load(&cf, main_path, true, &probs);
	fuzz_problems(&probs);
	fuzz_values(&cf);
	conf_free(&cf);

	if (as_string && memchr(text, '\0', size) == NULL) {
		conf_init(&cf);
		conf_load_string(&cf, "fuzz", text, &probs);
		fuzz_problems(&probs);
		fuzz_values(&cf);
		conf_free(&cf);
	}
	free(text);
	return (0);
}
