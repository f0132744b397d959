/*
 * Fuzz target for the OPML reader (libFuzzer's entry point). The first
 * byte says whether warnings are gathered, the second is unused (the
 * targets share fuzz-replay.c's two header bytes); the rest is an OPML document
 * read with opml_read. Every string read must be clean (valid UTF-8, no
 * control character: sanitize_line's promise), and what opml_write makes
 * of the list must read back as the same feeds. fuzz-replay.c replays it
 * over the corpus in make check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opml.h"
#include "str.h"

#include "fuzz-check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless every string of a list read from OPML is clean. */
static void
fuzz_opml_check(const struct opml *o)
{
	size_t	i, k;

	FUZZ_ASSERT(o->nentries == 0 || o->entries != NULL);
	fuzz_check_clean(o->title, "");
	for (i = 0; i < o->nentries; i++) {
		FUZZ_ASSERT(o->entries[i].url != NULL);
		FUZZ_ASSERT(o->entries[i].url[0] != '\0');
		fuzz_check_clean(o->entries[i].url, "");
		fuzz_check_clean(o->entries[i].title, "");
		fuzz_check_clean(o->entries[i].category, "");
		for (k = 0; k < o->entries[i].more.n; k++)
			fuzz_check_clean(o->entries[i].more.v[k], "");
	}
}

/* Read one input as OPML; write what was read and read it again. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strv	 warn = { NULL, 0 };
	struct opml	*o, *o2;
	struct str	 out;
	char		*cause = NULL;
	size_t		 i, k;
	int		 want_warn;

	if (size < 2)
		return (0);
	want_warn = data[0] & 1;
	data += 2;
	size -= 2;
	o = opml_read((const char *)data, size, want_warn ? &warn : NULL,
	    &cause);
	for (i = 0; i < warn.n; i++)
		fuzz_check_clean(warn.v[i], "");
	strv_free(&warn);
	if (o == NULL) {
		FUZZ_ASSERT(cause != NULL);
		fuzz_check_clean(cause, "");
		free(cause);
		return (0);
	}
	fuzz_opml_check(o);

	str_init(&out);
	opml_write(o, &out);
	cause = NULL;
	o2 = opml_read(out.ptr, out.len, NULL, &cause);
	if (o2 == NULL)
		fprintf(stderr, "written OPML does not read: %s\n", cause);
	FUZZ_ASSERT(o2 != NULL);
	fuzz_opml_check(o2);
	/* Every feed written is read back, and no other. */
	for (i = 0; i < o->nentries; i++) {
		for (k = 0; k < o2->nentries; k++) {
			if (strcmp(o->entries[i].url, o2->entries[k].url) == 0)
				break;
		}
		FUZZ_ASSERT(k < o2->nentries);
	}
	for (k = 0; k < o2->nentries; k++) {
		for (i = 0; i < o->nentries; i++) {
			if (strcmp(o->entries[i].url, o2->entries[k].url) == 0)
				break;
		}
		FUZZ_ASSERT(i < o->nentries);
	}
	opml_free(o2);
	str_free(&out);
	opml_free(o);
	return (0);
}
