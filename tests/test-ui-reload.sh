#!/bin/sh
# The interface is never frozen by the network: a reload against
# tests/feedserver.py on 127.0.0.1 with one feed that stalls for ever and
# one that drips in slowly. Keys are answered at once while they load, a
# feed that arrives updates the list without moving the selection, the
# status line shows the progress, and quitting in the middle of the reload
# returns within 200 ms and keeps the feed that finished. Prints TAP;
# skips without tmux or python3.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

root=$(cd "$top_srcdir/tests/data" && pwd)
mkfifo "$TMPD/srv.in"
"$PYTHON3" "$top_srcdir/tests/feedserver.py" --port 0 --root "$root" \
    <"$TMPD/srv.in" >"$TMPD/srv.port" 2>"$TMPD/srv.err" &
srv=$!
exec 9>"$TMPD/srv.in"
trap 'ui_gone; exec 9>&-; kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$TMPD"' EXIT INT TERM
i=0
while [ ! -s "$TMPD/srv.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(head -n 1 "$TMPD/srv.port")
cache=$TMPD/cache.db
urls=$TMPD/urls
printf '%s\n%s\n' "$B/stall/ui/arabic.xml" \
    "$B/drip/ui/english.xml?chunk=400&delay=250" >"$urls"

# A sanitizer build spends its exit checking for leaks.
limit=200
if grep -q __asan_init "$AKHBAR" 2>/dev/null; then
	limit=1500
fi

# A fresh cache: the interface reloads at once, the first screen before.
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Starred articles"
tap_ok $? "the first screen is drawn before the feeds arrive"
ui_wait "0/2 feeds" 40
tap_ok $? "the status line shows the reload's progress"
ui_keys j
t0=$(now_ms)
ui_wait " 2/4 " 40
t1=$(now_ms)
tap_ok $? "a key is answered while a feed stalls"
tap_ok $((t1 - t0 > 1000)) "... within a second ($((t1 - t0)) ms with the polling)"
ui_wait "Test News" 200
tap_ok $? "the slow feed arrives and shows in the list"
ui_screen >"$TMPD/after"
grep -q " 2/4 " "$TMPD/after"
tap_ok $? "... the selection stays where it was (2/4)"
grep -q "1/2 feeds" "$TMPD/after"
tap_ok $? "... while the stalled feed still loads (1/2 feeds)"
grep -q "^ N  *3/3  Test News" "$TMPD/after"
tap_ok $? "... its row refreshed: 3 unread of 3"
t0=$(now_ms)
ui_keys Q
ui_exited 100
tap_ok $? "Q quits in the middle of the reload"
t1=$(cat "$TMPD/ui.end" 2>/dev/null || echo 0)
tap_ok $((t1 - t0 > limit)) "... within $limit ms ($((t1 - t0)) ms)"
tap_is "$(cat "$TMPD/ui.status")" 0 "... with status 0"
tap_is "$("$AKHBAR" -u "$urls" -C "$cache" --unread-count)" 3 \
    "the feed that finished is kept in the cache"
ui_done
