#!/bin/sh
# Fail when an #include breaks the direction of the architecture
# (../shared/docs/architecture.md): curses only in ui-*.c; parsers, the
# layout layer and the text modules never reach up to the cache, the
# network or the interface; the cache never includes curl or curses.
# Prints TAP.
top=${top_srcdir:-.}
cd "$top/src" || { echo "1..0 # SKIP no src directory"; exit 0; }
n=0
fail=0
check() {	# check NAME PATTERN-OF-FILES INCLUDE-REGEX
	name=$1 files=$2 re=$3
	n=$((n + 1))
	bad=$(for f in $files; do
		[ -f "$f" ] || continue
		grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($re)[>\"]" "$f"
	done)
	if [ -n "$bad" ]; then
		echo "not ok $n - $name"
		echo "$bad" | sed 's/^/# /'
		fail=1
	else
		echo "ok $n - $name"
	fi
}
nonui=$(ls *.c *.h 2>/dev/null | grep -v '^ui-' | grep -v '^ui\.')
check "curses only in ui-*.c" "$nonui" "(ncursesw/)?n?curses\.h|ui-[a-z]+\.h"
# The command line above the interface may call into it (ui.h), no lower layer.
check "only the command line includes ui.h" "$(echo "$nonui" | grep -v '^cli' | grep -v '^main\.c$')" "ui\.h"
check "parsers include no db, fetch or poller" "$(ls parse*.c parse*.h opml.c opml.h 2>/dev/null)" "db(-[a-z]+)?\.h|fetch\.h|poller\.h|curl/curl\.h|sqlite3\.h"
check "text layer (layout, html, arabic, sanitize) is pure" "$(ls layout*.c layout*.h html-text.* arabic.* sanitize.* doc.* 2>/dev/null)" "db(-[a-z]+)?\.h|fetch\.h|poller\.h|parse(-[a-z]+)?\.h|curl/curl\.h|sqlite3\.h|cli\.h"
check "cache includes no curl or poller" "$(ls db*.c db*.h 2>/dev/null)" "fetch\.h|poller\.h|curl/curl\.h|parse(-[a-z]+)?\.h"
check "base layer depends on nothing above it" "$(ls xmalloc.* str.* log.* path.* feed.* 2>/dev/null)" "db(-[a-z]+)?\.h|fetch\.h|poller\.h|parse(-[a-z]+)?\.h|layout(-[a-z]+)?\.h|cli\.h|sqlite3\.h|curl/curl\.h|fribidi\.h"
check "headers never include config.h" "$(ls *.h 2>/dev/null)" "config\.h"
n=$((n + 1))
missing=$(for f in *.c; do
	first=$(grep -m1 -E '^[[:space:]]*#[[:space:]]*include' "$f")
	case $first in *'"config.h"'*) ;; *) echo "$f" ;; esac
done)
if [ -n "$missing" ]; then
	echo "not ok $n - config.h is the first include of every .c"
	echo "$missing" | sed 's/^/# /'
	fail=1
else
	echo "ok $n - config.h is the first include of every .c"
fi
echo "1..$n"
exit $fail
