#!/bin/sh
# Crash safety (issue 16): akhbar is killed with SIGKILL at random points
# and nothing it had stored, nor any change the interface had shown as
# done, may be lost. Each trial is one of, in turn:
#   reload        a headless --reload of a large set of feeds (served by
#                 tests/feedserver.py on 127.0.0.1) into a cache that has
#                 part of them, killed DELAY ms after it started;
#   storm         the interface (tmux) on an article list, read/star keys
#                 (N s j, over and over) sent in bursts, killed DELAY ms
#                 into the storm;
#   storm+reload  the same while the interface's poller reloads the large
#                 set (it starts at once: most feeds were never fetched);
#   feeds+reload  mark-feed-read (A j) down the feed list during a reload.
# After each kill: the cache opens, PRAGMA integrity_check says ok, every
# item stored before is there with its read and starred marks, and every
# change shown as done is in the cache; then a full reload runs and
# leaves exactly the items it should, none twice.
#
# "Shown as done" (the interface marks synchronously: the row is redrawn
# only after the change's transaction committed): a row captured with
# capture-pane during the storm or after the kill (the pane keeps the
# last screen akhbar drew) that shows an article without its N (read) or
# with its * (starred), or a feed with 0 unread of more than 0. A trial
# marks only one way (read, starred) and visits each article once, so a
# change shown must still be there, whatever keys were still pending.
#
# AKHBAR_CRASH_SEED (default: from the clock, printed) makes the kinds and
# the delays reproducible (not the machine's timing under them);
# AKHBAR_CRASH_TRIALS (default 5; make check-long runs 50);
# AKHBAR_CRASH_FEEDS and AKHBAR_CRASH_ITEMS size the large set (30 x 100).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

seed=${AKHBAR_CRASH_SEED:-$(($(date +%s) % 100000))}
trials=${AKHBAR_CRASH_TRIALS:-5}
nfeeds=${AKHBAR_CRASH_FEEDS:-30}
nitems=${AKHBAR_CRASH_ITEMS:-100}
nstorm=300
echo "# AKHBAR_CRASH_SEED=$seed AKHBAR_CRASH_TRIALS=$trials (feeds $nfeeds x $nitems, storm $nstorm)"
chk() { "$PYTHON3" "$top_srcdir/tests/crash-check.py" "$@"; }

srv=
cleanup() {
	ui_gone
	exec 9>&-
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$TMPD"
}
trap cleanup EXIT INT TERM

mkdir "$TMPD/www"
"$PYTHON3" "$top_srcdir/tests/bench/gen-feeds.py" --out "$TMPD/www" \
    --name big --feeds "$nfeeds" --items "$nitems" --seed 16 >/dev/null
chk storm "$TMPD/www/storm.xml" $nstorm
mkfifo "$TMPD/srv.in"
"$PYTHON3" "$top_srcdir/tests/feedserver.py" --port 0 --root "$TMPD/www" \
    <"$TMPD/srv.in" >"$TMPD/srv.port" 2>"$TMPD/srv.err" &
srv=$!
exec 9>"$TMPD/srv.in"
i=0
while [ ! -s "$TMPD/srv.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(head -n 1 "$TMPD/srv.port")

# urls-a: the first third of the large set and the storm feed; urls: all.
: >"$TMPD/urls"
: >"$TMPD/urls-a"
n=0
while [ $n -lt "$nfeeds" ]; do
	line=$(printf '%s/plain/big/feed-%04d.xml "~big-%04d"' "$B" $n $n)
	echo "$line" >>"$TMPD/urls"
	[ $n -lt $((nfeeds / 3)) ] && echo "$line" >>"$TMPD/urls-a"
	n=$((n + 1))
done
echo "$B/plain/storm.xml" >>"$TMPD/urls"
echo "$B/plain/storm.xml" >>"$TMPD/urls-a"
total=$((nfeeds * nitems + nstorm))

# base-a: part of the set, some articles read and starred from the
# command line; base-b: all of it, the reload that makes it timed.
"$AKHBAR" -u "$TMPD/urls-a" -C "$TMPD/base-a.db" --reload -q </dev/null
tap_is $? 0 "the first cache is made"
# shellcheck disable=SC2046
"$AKHBAR" -C "$TMPD/base-a.db" --mark-read $(chk premark "$TMPD/base-a.db" read) \
    >/dev/null && "$AKHBAR" -C "$TMPD/base-a.db" \
    --star $(chk premark "$TMPD/base-a.db" star) >/dev/null
tap_ok $? "... some of its articles read and starred with --mark-read, --star"
cp "$TMPD/base-a.db" "$TMPD/base-b.db"
t0=$(now_ms)
"$AKHBAR" -u "$TMPD/urls" -C "$TMPD/base-b.db" --reload -q </dev/null
tap_is $? 0 "a reload of the whole set into a copy"
reload_ms=$(($(now_ms) - t0))
echo "# the large reload takes $reload_ms ms here"
chk snap "$TMPD/base-a.db" "$TMPD/base-a.snap"
chk snap "$TMPD/base-b.db" "$TMPD/base-b.snap"
tap_is "$(wc -l <"$TMPD/base-b.snap" | tr -d ' ')" $total \
    "... holds all $total items"

# crash_start CACHE: the interface on CACHE in a fresh tmux session; the
# pid of akhbar itself goes to $TMPD/ui.pid, its exit status (137 after
# SIGKILL) to $TMPD/ui.status, and the pane keeps its last screen.
crash_start() {
	ui_gone
	ui_sockn=$((ui_sockn + 1))
	ui_sock=akhbar-crash-$$-$ui_sockn
	rm -f "$TMPD/ui.status" "$TMPD/ui.pid"
	T new-session -d -s ui -x 100 -y 30 \
	    "sh -c 'echo \$\$ >$TMPD/ui.pid; exec \"\$@\"' sh \
	    $(ui_quote "$AKHBAR" -u "$TMPD/urls" -C "$1") 2>$TMPD/ui.err; \
	    echo \$? >$TMPD/ui.status; sleep 60"
}

# storm DELAY KEYS PER MAX: send KEYS (PER changes) in bursts, capturing
# the screen after each, at most MAX changes, until DELAY ms have passed;
# then SIGKILL akhbar. Captures go to $TMPD/cap/.
storm() {
	_st0=$(now_ms) _k=0 _c=0
	while [ $(($(now_ms) - _st0)) -lt "$1" ]; do
		if [ $((_k + $3)) -le "$4" ]; then
			ui_type "$2"
			_k=$((_k + $3))
		else
			sleep 0.05
		fi
		ui_screen >"$TMPD/cap/$_c"
		_c=$((_c + 1))
	done
	kill -KILL "$(cat "$TMPD/ui.pid")"
	ui_exited 100
	ui_screen >"$TMPD/cap/last"
	sent=$_k
}

nkilled=0 nshown=0 nmid=0
chk plan "$seed" "$trials" "$reload_ms" >"$TMPD/plan"
while read -r t kind delay; do
	db=$TMPD/t$t.db
	rm -rf "$TMPD/cap" "$db" "$db-wal" "$db-shm" "$db.lock"
	mkdir "$TMPD/cap"
	case $kind in
	reload|storm+reload) base=a ;;
	*) base=b ;;
	esac
	cp "$TMPD/base-$base.db" "$db"
	what=
	case $kind in
	reload)
		"$AKHBAR" -u "$TMPD/urls" -C "$db" --reload -q </dev/null \
		    2>"$TMPD/err" &
		pid=$!
		sleep "$(awk "BEGIN { print $delay / 1000 }")"
		kill -KILL $pid 2>/dev/null
		wait $pid 2>/dev/null
		rc=$?
		[ $rc -eq 137 ] && nmid=$((nmid + 1))
		tap_ok $((rc != 137 && rc != 0)) "trial $t ($kind): killed (137) or done (0) before: $rc"
		what="--reload, status $rc"
		;;
	storm|storm+reload)
		crash_start "$db"
		ui_wait "Starred articles" 200
		ui_keys G Enter
		ui_wait "storm-0000" 200
		tap_ok $? "trial $t ($kind): the storm's article list is open"
		grep -q "feeds" "$TMPD/screen" && nmid=$((nmid + 1))
		storm "$delay" "NsjNsjNsjNsjNsjNsjNsjNsjNsjNsj" 10 $((nstorm - 20))
		what="$sent read+star changes sent, status $(cat "$TMPD/ui.status" 2>/dev/null)"
		;;
	feeds+reload)
		crash_start "$db"
		ui_wait "Starred articles" 200
		tap_ok $? "trial $t ($kind): the feed list is open"
		ui_keys R
		# (A fast machine may finish before the progress is seen.)
		ui_wait "feeds" 40 && nmid=$((nmid + 1))
		ui_keys g j j
		storm "$delay" "AjAjAjAjAj" 5 $((nfeeds - 2))
		what="$sent feeds marked, status $(cat "$TMPD/ui.status" 2>/dev/null)"
		;;
	esac
	case $kind in
	reload) ;;
	*)	tap_is "$(cat "$TMPD/ui.status" 2>/dev/null)" 137 \
		    "trial $t ($kind): the interface ran until the kill"
		ui_san_check ;;
	esac
	nkilled=$((nkilled + 1))
	ui_gone
	"$AKHBAR" -C "$db" --unread-count >/dev/null 2>"$TMPD/err"
	tap_is $? 0 "trial $t ($kind, killed after $delay ms; $what): the cache opens"
	chk check "$db" "$TMPD/base-$base.snap" "$TMPD"/cap/* >"$TMPD/res"
	r=$?
	tap_ok $r "... integrity_check ok, nothing stored lost, every change shown kept: $(grep -v '^LOST' "$TMPD/res" | tr '\n' ' ')"
	grep '^LOST' "$TMPD/res" | head -20 | sed 's/^/# /'
	nshown=$((nshown + $(sed -n 's/.*shown_read=\([0-9]*\) shown_starred=\([0-9]*\) shown_feeds_read=\([0-9]*\).*/\1+\2+\3/p' "$TMPD/res")))
	"$AKHBAR" -u "$TMPD/urls" -C "$db" --reload -q </dev/null 2>"$TMPD/err"
	rc=$?
	chk check "$db" "$TMPD/base-$base.snap" --full $total "$TMPD"/cap/* \
	    >"$TMPD/res"
	r=$?
	tap_ok $((rc + r)) "... then a full reload (status $rc) leaves all $total items once, marks kept"
	grep '^LOST' "$TMPD/res" | head -20 | sed 's/^/# /'
	sed 's/^/# /' "$TMPD/err" | head -5
	rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
done <"$TMPD/plan"

echo "# $nkilled trials, $nmid killed while a reload ran, $nshown changes shown before the kills"
tap_ok $((nkilled != trials)) "every trial ran ($nkilled of $trials)"
if [ "$trials" -ge 2 ]; then
	tap_ok $((nshown == 0)) "the storms showed changes before their kills ($nshown)"
fi
ui_done
