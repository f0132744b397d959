#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "str.h"
#include "feed.h"
#include "cli-json.h"
#include "parse.h"
static unsigned long long rs;
static size_t rnd(void){ rs = rs*6364136223846793005ULL+1442695040888963407ULL; return (size_t)((rs>>33)%97)+1; }
int main(int argc, char **argv){
	FILE *fp = fopen(argv[1], "rb"); static char buf[1<<24]; size_t len = fread(buf,1,sizeof buf,fp); fclose(fp);
	parse_init();
	for (int a = 2; a < argc; a++) {
		long ch = atol(argv[a]);
		struct parse *p = parse_new(NULL, NULL, NULL, NULL);
		size_t off, n; rs = (unsigned long long)(-ch);
		for (off = 0; off < len; off += n) {
			size_t c = ch > 0 ? (size_t)ch : rnd();
			n = len - off < c ? len - off : c;
			if (parse_push(p, buf + off, n) != 0) break;
		}
		char *cause = NULL;
		struct feed *f = parse_finish(p, &cause);
		const struct strv *w = parse_warnings(p);
		printf("== %ld\n", ch);
		for (size_t i = 0; i < w->n; i++) printf("W %s\n", w->v[i]);
		if (f == NULL) printf("NULL %s\n", cause ? cause : "");
		else { struct str out; str_init(&out); cli_json_feed(f, &out); fwrite(str_cstr(&out),1,out.len,stdout); str_free(&out); feed_free(f); }
		free(cause);
		parse_free(p);
	}
	return 0;
}
