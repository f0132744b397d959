#!/bin/sh
# The interface's side of tests/test-hostile.sh's bad caches (issue 16):
# a damaged cache (random bytes, cut in half), a read-only file system
# and a full disk (a small tmpfs, where mounting is allowed), and a second
# akhbar (another interface, a --reload): each is said clearly, naming
# the cache, the terminal is left as it was found (or given back) and
# nothing stored is lost. Last, a scripted session (feeds, an article,
# search, reload, quit) whose standard error must hold no sanitizer
# report: in the sanitizer build, LeakSanitizer's at exit. Prints TAP.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

root=$(cd "$top_srcdir/tests/data" && pwd)
mkfifo "$TMPD/srv.in"
"$PYTHON3" "$top_srcdir/tests/feedserver.py" --port 0 --root "$root" \
    <"$TMPD/srv.in" >"$TMPD/srv.port" 2>"$TMPD/srv.err" &
srv=$!
exec 9>"$TMPD/srv.in"
mnt= bg=
cleanup() {
	ui_gone
	exec 9>&-
	for p in $bg $srv; do
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	rm -rf "$TMPD"
}
trap cleanup EXIT INT TERM
i=0
while [ ! -s "$TMPD/srv.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(head -n 1 "$TMPD/srv.port")
san=false
grep -q __asan_init "$AKHBAR" 2>/dev/null && san=true

# q: the cache's items and marks, to compare before and after.
q="select guid, unread, starred from item order by feed_id, guid"
urls=$TMPD/urls
printf '%s\n' "$B/plain/ui/english.xml" "$B/plain/ui/arabic.xml" >"$urls"
cache=$TMPD/cache.db
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null >/dev/null 2>&1
tap_is $? 0 "a cache of two feeds"

# gone: whether the pane shows nothing akhbar drew (it never took the
# terminal) and tmux is off the alternate screen.
gone() {
	! ui_screen | grep -q "q:back" &&
	    [ "$(T display -p -t ui '#{alternate_on}')" = 0 ]
}

# ---- damaged caches: refused before the terminal is touched ----
size=$(wc -c <"$cache")
head -c 65536 /dev/urandom >"$TMPD/random.db"
head -c $((size / 2)) "$cache" >"$TMPD/trunc.db"
cp "$cache" "$TMPD/header.db"
printf 'GARBAGE-GARBAGE-GARBAGE-GARBAGE!' |
    dd of="$TMPD/header.db" conv=notrunc 2>/dev/null
for c in random trunc header; do
	db=$TMPD/$c.db
	cp "$db" "$TMPD/$c.orig"
	ui_start 100 30 -u "$urls" -C "$db"
	ui_exited 200
	tap_is "$(cat "$TMPD/ui.status")" 2 "the interface on a $c cache exits 2"
	grep -q "^akhbar: cannot open the cache: $db is damaged.*move it aside (mv '$db' '$db.broken')" \
	    "$TMPD/ui.err"
	tap_ok $? "... saying it is damaged, naming it and how to recover"
	gone
	tap_ok $? "... without having taken the terminal"
	cmp -s "$db" "$TMPD/$c.orig"
	tap_ok $? "... and leaves the file as it was"
done

# Damaged inside: the header is good, the item table's first page is
# garbage. The interface starts; the list that reads it says why.
cp "$cache" "$TMPD/inside.db"
"$PYTHON3" - "$TMPD/inside.db" <<'EOF'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
page = db.execute("PRAGMA page_size").fetchone()[0]
root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'item'"
    ).fetchone()[0]
db.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((root - 1) * page)
    f.write(os.urandom(page))
EOF
cp "$TMPD/inside.db" "$TMPD/inside.orig"
ui_start 120 30 -u "$urls" -C "$TMPD/inside.db"
ui_wait "Starred articles"
ui_keys g j j Enter
ui_wait "is damaged"
tap_ok $? "a cache damaged inside: the list that reads it says it is damaged"
grep -q "$TMPD/inside.db is damaged" "$TMPD/screen"
tap_ok $? "... in the message line, naming the cache"
ui_keys Q
ui_exited 200
tap_is "$(cat "$TMPD/ui.status")" 0 "... Q quits with status 0"
[ "$(T display -p -t ui '#{alternate_on}')" = 0 ]
tap_ok $? "... the terminal given back"
grep -q "^akhbar: $TMPD/inside.db is damaged" "$TMPD/ui.err"
tap_ok $? "... the error repeated on standard error"
cmp -s "$TMPD/inside.db" "$TMPD/inside.orig"
tap_ok $? "... and the file left as it was"

# ---- a second akhbar ----
sql() { sqlq "$@"; }
sql "$cache" "$q" >"$TMPD/before"
ui_start 100 30 -u "$urls" -C "$cache"
ui_wait "Test News"
tap_ok $? "an interface runs"
pid1=$(sed -n 's/^\([0-9]*\)$/\1/p' "$cache.lock")
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null >/dev/null 2>"$TMPD/err"
tap_is $? 2 "--reload beside it exits 2"
grep -q "^akhbar: cannot open the cache: $cache is in use by another akhbar (pid $pid1)" \
    "$TMPD/err"
tap_ok $? "... naming the cache and the interface's pid"
rm -f "$TMPD/st2"
T new-window -d -t ui -n two "$(ui_quote "$AKHBAR" -u "$urls" -C "$cache") \
    2>$TMPD/err2; echo \$? >$TMPD/st2; sleep 60"
i=0
while [ ! -s "$TMPD/st2" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
tap_is "$(cat "$TMPD/st2" 2>/dev/null)" 2 "a second interface exits 2"
grep -q "$cache is in use by another akhbar (pid $pid1)" "$TMPD/err2"
tap_ok $? "... saying the cache is in use, by whom"
[ "$(T display -p -t ui:two '#{alternate_on}')" = 0 ] &&
    ! T capture-pane -p -t ui:two | grep -q "Test News"
tap_ok $? "... having drawn nothing in its terminal"
ui_keys j
ui_wait " 2/4 " 40
tap_ok $? "the first interface still answers keys"
ui_keys Q
ui_exited 200
tap_is "$(cat "$TMPD/ui.status")" 0 "... and quits with status 0"
sql "$cache" "$q" >"$TMPD/after"
cmp -s "$TMPD/before" "$TMPD/after"
tap_ok $? "... nothing in the cache changed"

# An interface started while a --reload runs (a feed drips in slowly).
printf '%s\n' "$B/plain/ui/english.xml" \
    "$B/drip/poller/big.xml?chunk=256&delay=100" >"$TMPD/urls-drip"
"$AKHBAR" -u "$TMPD/urls-drip" -C "$cache" --reload </dev/null \
    >/dev/null 2>&1 &
bg=$!
i=0
while ! grep -q "^$bg$" "$cache.lock" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
ui_start 100 30 -u "$urls" -C "$cache"
ui_exited 200
tap_is "$(cat "$TMPD/ui.status")" 2 "an interface beside a --reload exits 2"
grep -q "$cache is in use by another akhbar (pid $bg)" "$TMPD/ui.err"
tap_ok $? "... naming the reload's pid"
gone
tap_ok $? "... without having taken the terminal"
kill -9 $bg
wait $bg 2>/dev/null
bg=
sql "$cache" "$q" >"$TMPD/after"
cmp -s "$TMPD/before" "$TMPD/after"
tap_ok $? "the killed reload left the items and marks as they were"

# ---- a full disk, a read-only file system (a tmpfs) ----
if mkdir "$TMPD/mnt" && mount -t tmpfs -o size=8m tmpfs "$TMPD/mnt" \
    2>/dev/null; then
	mnt=$TMPD/mnt
fi
if [ -n "$mnt" ]; then
	fc=$mnt/cache.db
	cp "$cache" "$fc"
	id=$(sql "$fc" "select min(id) from item")
	"$AKHBAR" -C "$fc" --star "$id" >/dev/null
	sql "$fc" "$q" >"$TMPD/before"
	: >"$TMPD/urls-full"
	cat "$urls" >>"$TMPD/urls-full"
	i=0
	while [ $i -lt 12 ]; do
		echo "$B/plain/poller/big.xml?full=$i" >>"$TMPD/urls-full"
		i=$((i + 1))
	done
	# Room for the feed list's update, not for twelve big feeds.
	dd if=/dev/zero of="$mnt/filler" bs=64k 2>/dev/null
	truncate -s -512K "$mnt/filler"
	ui_start 120 30 -u "$TMPD/urls-full" -C "$fc"
	ui_wait "Reloaded:" 600
	tap_ok $? "the interface on a nearly full disk starts and reloads"
	grep -q "failed (! in the list)" "$TMPD/screen" &&
	    grep -q "cache error" "$TMPD/screen"
	tap_ok $? "... the feeds that did not fit are marked, as cache errors"
	ui_keys g j j Enter
	ui_wait "Markets rise"
	ui_keys N
	sleep 0.5
	ui_wait "the disk is full" 20
	full=$?
	if [ $full -eq 0 ]; then
		grep -q "cannot change the article: $fc: the disk is full" \
		    "$TMPD/screen" && grep -q "^ N.*Markets rise" "$TMPD/screen"
		tap_ok $? "marking read on a full disk: the message line says so, naming the cache, and the row stays unread"
	else
		ui_screen >"$TMPD/screen"
		! grep -q "^ N.*Markets rise" "$TMPD/screen" &&
		    [ "$(sql "$fc" "select unread from item where title like 'Markets rise%'")" = 0 ]
		tap_ok $? "marking read on a nearly full disk: it fitted, shown and stored"
	fi
	ui_keys Q
	ui_exited 200
	tap_is "$(cat "$TMPD/ui.status")" 0 "Q quits with status 0"
	[ "$(T display -p -t ui '#{alternate_on}')" = 0 ]
	tap_ok $? "... the terminal given back (the alternate screen left)"
	if [ $full -eq 0 ]; then
		grep -q "^akhbar: cannot change the article: $fc: the disk is full" \
		    "$TMPD/ui.err"
		tap_ok $? "... the last error repeated on standard error"
	else
		tap_skip "the change fitted: no error to repeat"
	fi
	ui_san_check
	rm -f "$mnt/filler"
	tap_is "$(sql "$fc" "select * from pragma_integrity_check")" ok \
	    "the cache is intact"
	# (Markets rise was marked read, or not: the check above says.)
	mg=$(sql "$fc" "select guid from item where title like 'Markets rise%'")
	sql "$fc" "$q" | grep -vF "$mg|" >"$TMPD/after"
	grep -vF "$mg|" "$TMPD/before" | cmp -s - "$TMPD/after"
	tap_ok $? "... every item it held is there with its marks"

	"$AKHBAR" -C "$fc" --mark-read "$id" >/dev/null
	mount -o remount,ro "$mnt"
	ui_start 100 30 -u "$urls" -C "$fc"
	ui_exited 200
	tap_is "$(cat "$TMPD/ui.status")" 2 "the interface on a read-only file system exits 2"
	grep -q "^akhbar: cannot open the cache: cannot open $fc.lock: Read-only file system" \
	    "$TMPD/ui.err"
	tap_ok $? "... naming the cache's lock file and why"
	gone
	tap_ok $? "... without having taken the terminal"
	mount -o remount,rw "$mnt"
else
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP cannot mount a tmpfs here"
	done
fi

# ---- a scripted session, for the sanitizer build's leak check ----
cp "$cache" "$TMPD/session.db"
ui_start 100 30 -u "$urls" -C "$TMPD/session.db"
ui_wait "Test News"
ui_keys g j j Enter
ui_wait "Markets rise"
tap_ok $? "session: a feed's articles"
ui_keys Enter
ui_wait "Apple"
ui_keys J J K s
ui_keys q q /
ui_wait "Search:"
ui_type "Apple"
ui_keys Enter
ui_wait "Search: Apple"
tap_ok $? "... an article read, search"
ui_keys Enter
ui_wait "Markets rise after Apple earnings"
ui_keys q q
ui_wait "Starred articles"
ui_keys R
ui_wait "Reloaded:" 400
tap_ok $? "... a reload of every feed"
ui_keys r
ui_wait "Reloaded:" 400
ui_keys '?'
ui_wait "Keys of the feed list"
ui_keys q q
ui_exited 400
tap_is "$(cat "$TMPD/ui.status")" 0 "... and quit: status 0"
if $san; then
	grep -q "LeakSanitizer\|AddressSanitizer\|runtime error:" "$TMPD/ui.err"
	tap_ok $((! $?)) "... and no sanitizer report (LeakSanitizer at exit)"
	sed 's/^/# /' "$TMPD/ui.err" | head -40
else
	tap_skip "not a sanitizer build: no leak check"
fi
ui_done
