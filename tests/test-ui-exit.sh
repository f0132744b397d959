#!/bin/sh
# The interface gives the terminal back on every way out: akhbar runs on a
# pseudo-terminal under script(1), and the bytes it writes must end with
# the alternate screen left (rmcup) and the terminal's own BiDi back (CSI
# 8 h, after the CSI 8 l it sent at start) after a quit, SIGTERM, SIGINT,
# SIGHUP, a crash (SIGSEGV), and around ^Z (SIGTSTP) and fg (SIGCONT).
# Prints TAP; skips without script(1).
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v script >/dev/null 2>&1; then
	echo "1..0 # SKIP script(1) not found"
	exit 0
fi
export LC_ALL=C.UTF-8 TERM=xterm
unset TMUX STY
esc=$(printf '\033')
data=$(cd "$top_srcdir/tests/data/ui" && pwd)
echo "file://$data/english.xml" >"$TMPD/urls"
cache=$TMPD/cache.db
"$AKHBAR" -u "$TMPD/urls" -C "$cache" --reload >/dev/null 2>&1
mkfifo "$TMPD/in"
exec 3<>"$TMPD/in"	# the pty's input, open without EOF
ulimit -c 0 2>/dev/null

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

# start: run the interface under script; wait until it has drawn.
start() {
	rm -f "$TMPD/ts" "$TMPD/pid"
	script -q -f -e -c "sh -c 'echo \$\$ >$TMPD/pid; exec $AKHBAR -u $TMPD/urls -C $cache'" \
	    "$TMPD/ts" <"$TMPD/in" >/dev/null 2>&1 &
	spid=$!
	i=0
	until grep -q "Test News" "$TMPD/ts" 2>/dev/null || [ $i -ge 200 ]; do
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

# events: the switches written so far, in order: l and h for CSI 8 l/h,
# S and E for entering and leaving the alternate screen.
events() {
	LC_ALL=C grep -ao "$esc\[8[hl]\|$esc\[?1049[hl]" "$TMPD/ts" 2>/dev/null |
	    sed "s/$esc\[8l/l/; s/$esc\[8h/h/; s/$esc\[?1049h/S/; s/$esc\[?1049l/E/" |
	    tr -d '\n'
}

start
tap_is "$(events)" "lS" "at start: CSI 8 l, then the alternate screen"
printf q >&3
finish
tap_is "$(events)" "lSEh" "quit with q: the screen left, then CSI 8 h"

for sig in TERM INT HUP SEGV; do
	start
	kill -"$sig" "$pid"
	finish
	tap_is "$(events)" "lSEh" "SIG$sig: the terminal given back before dying"
done

start
kill -TSTP "$pid"
i=0
state=
while [ "$state" != T ] && [ $i -lt 100 ]; do
	sleep 0.05
	state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)
	i=$((i + 1))
done
tap_is "$state" "T" "^Z: the process stops"
# (script(1) stops with its child: what it logged is read after fg.)
kill -CONT "$spid" "$pid" 2>/dev/null
i=0
while [ "$(events)" != "lSEhlS" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
tap_is "$(events)" "lSEhlS" \
    "^Z gave the terminal back; fg: CSI 8 l and the alternate screen again"
printf q >&3
finish
tap_is "$(events)" "lSEhlSEh" "quit after fg: given back again"

# A text-mode browser gets the terminal: given back, then taken again.
mkdir -p "$TMPD/bin"
printf '#!/bin/sh\necho "$@" >%s/lynx.out\n' "$TMPD" >"$TMPD/bin/lynx"
chmod +x "$TMPD/bin/lynx"
PATH=$TMPD/bin:$PATH BROWSER=lynx start
printf 'GG\ro' >&3
i=0
while [ ! -s "$TMPD/lynx.out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
tap_is "$(cat "$TMPD/lynx.out" 2>/dev/null)" "https://ui.test/en/1" \
    "o with BROWSER=lynx runs it on the link"
i=0
while [ "$(events)" != "lSEhlS" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
tap_is "$(events)" "lSEhlS" "... with the terminal given back around it"
printf q >&3
finish

# A hostile title from a cache written by something else: none of its
# control bytes reaches the terminal (the raw bytes, not tmux's reading).
"${PYTHON3:-python3}" - "$cache" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE item SET title = 'EVIL' || char(27) || ']52;c;cHduZWQ=' ||"
    " char(7) || char(27) || 'P+q' || char(27) || char(92) || char(155) ||"
    " '2J' || char(133) || 'X' || char(127) || 'Y'"
    " WHERE guid = 'urn:akhbar:ui:en:1'")
db.commit()
EOF
start
printf 'G\r' >&3
i=0
until grep -q "EVIL" "$TMPD/ts" 2>/dev/null || [ $i -ge 100 ]; do sleep 0.05; i=$((i + 1)); done
grep -q "EVIL" "$TMPD/ts"
tap_ok $? "a hostile title is shown"
LC_ALL=C grep -aqF -e "$esc]52" -e "${esc}P+q" -e "$(printf '\302\233')" \
    -e "$(printf '\302\205')" -e "$(printf '\177')" "$TMPD/ts"
tap_ok $((! $?)) "... and no OSC, DCS, C1 or DEL from it reaches the terminal"
printf q >&3
finish

# A second akhbar on the same cache is refused before touching the terminal.
start
"$AKHBAR" -u "$TMPD/urls" -C "$cache" </dev/null >"$TMPD/out2" 2>"$TMPD/err2"
tap_is "$?" 2 "a second akhbar on the cache exits 2"
grep -q "in use by another akhbar" "$TMPD/err2"
tap_ok $? "... saying the cache is in use"
tap_is "$(cat "$TMPD/out2")" "" "... having written nothing to the terminal"
printf q >&3
finish
tap_done
