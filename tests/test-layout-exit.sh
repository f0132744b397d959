#!/bin/sh
# The explicit-mode switch must be undone on every way out: tests/layout-show
# (the reference for the interface) runs on a pseudo-terminal under
# script(1), and the bytes it writes must hold CSI 8 l at start and CSI 8 h
# after a normal quit, an error exit, SIGINT, SIGTERM, and a ^Z suspend
# (with CSI 8 l again on resume); inside tmux each is repeated through
# tmux's passthrough.  In terminal mode neither is sent.
# Prints TAP; skips without script(1).
. "${top_srcdir:-.}/tests/lib.sh"

show=${top_builddir:-.}/tests/layout-show
if ! command -v script >/dev/null 2>&1; then
	echo "1..0 # SKIP script(1) not found"
	exit 0
fi
export LC_ALL=C.UTF-8 TERM=xterm
unset TMUX
esc=$(printf '\033')
mkfifo "$TMPD/in"
exec 3<>"$TMPD/in"	# keeps the pty's input open, without EOF

pid=
spid=
cleanup() {
	for p in $pid $spid; do
		kill -CONT "$p" 2>/dev/null
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "$TMPD"
}
trap cleanup EXIT

# start ARGS: run layout-show under script, wait until it has painted.
start() {
	rm -f "$TMPD/ts" "$TMPD/pid"
	script -q -f -e -c "$show -p $TMPD/pid $*" "$TMPD/ts" \
	    <"$TMPD/in" >/dev/null 2>&1 &
	spid=$!
	i=0
	while [ ! -s "$TMPD/pid" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	pid=$(cat "$TMPD/pid" 2>/dev/null)
}

# finish: wait for script to end (at most 5 s).
finish() {
	i=0
	while kill -0 "$spid" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if kill -0 "$spid" 2>/dev/null; then
		[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
		kill -CONT "$spid" 2>/dev/null
		kill -KILL "$spid" 2>/dev/null
	fi
	wait "$spid" 2>/dev/null
}

# modes: the CSI 8 l/h switches written so far, in order.
modes() {
	LC_ALL=C grep -ao "$esc\[8[hl]" "$TMPD/ts" 2>/dev/null |
	    sed "s/$esc\[8//" | tr -d '\n'
}

start -w 20 "'سلام عليكم'"
printf q >&3
finish
tap_is "$(modes)" "lh" "quit with q: CSI 8 l at start, CSI 8 h at the end"

start -q 200 -w 20 "'سلام'"
finish
tap_is "$(modes)" "lh" "error exit: atexit restores CSI 8 h"

for sig in INT TERM; do
	start -w 20 "'سلام'"
	kill -"$sig" "$pid"
	finish
	tap_is "$(modes)" "lh" "SIG$sig: CSI 8 h before dying"
done

start -w 20 "'سلام'"
kill -TSTP "$pid"
i=0
state=
while [ "$state" != T ] && [ $i -lt 100 ]; do
	sleep 0.05
	state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)
	i=$((i + 1))
done
tap_is "$state" "T" "^Z: the process stops"
# fg: script(1) stops itself with its child; continue both, as a shell would.
kill -CONT "$spid" "$pid" 2>/dev/null
i=0
while [ "$(modes)" != "lhl" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
tap_is "$(modes)" "lhl" "^Z and fg: CSI 8 h before stopping, CSI 8 l on resume"
printf q >&3
finish
tap_is "$(modes)" "lhlh" "quit after resume: CSI 8 h"

TMUX=/tmp/akhbar-test-none,1,0 start -w 20 "'سلام'"
printf q >&3
finish
tap_is "$(modes)" "llhh" "inside tmux: both repeated through the passthrough"
pt=$(printf '\033Ptmux;\033\033[8h\033\\')
LC_ALL=C grep -aqF "$pt" "$TMPD/ts"
tap_ok $? "inside tmux: the passthrough is tmux's DCS form"
unset TMUX

start -m terminal -w 20 "'سلام'"
printf q >&3
finish
tap_is "$(modes)" "" "terminal mode sends neither"
tap_done
