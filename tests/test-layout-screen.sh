#!/bin/sh
# Screen test for the layout layer: tests/layout-show paints laid-out
# Arabic and Hebrew with ncursesw inside a detached tmux (its own socket),
# and tmux's capture-pane must hold exactly the golden rows in
# tests/data/layout-screen.golden, cell for cell: visual order, presentation
# forms, lam-alef ligatures (also with a vowel on the lam), harakat after
# their letters, right alignment.
# Prints TAP; skips when tmux is missing.
. "${top_srcdir:-.}/tests/lib.sh"

tmux=${TMUX_BIN:-}
[ -n "$tmux" ] || tmux=$(command -v tmux 2>/dev/null || true)
if [ -z "$tmux" ] || [ ! -x "$tmux" ]; then
	echo "1..0 # SKIP tmux not found"
	exit 0
fi
show=${top_builddir:-.}/tests/layout-show
if [ ! -x "$show" ]; then
	echo "1..0 # SKIP $show not built"
	exit 0
fi
golden=$top_srcdir/tests/data/layout-screen.golden
example='ارتفعت الأسواق بنسبة 2.5% بعد إعلان Apple نتائجها.'
vowelled='كَتَبَ الطالبُ رسالةً'
hebrew='שלום (עולם)'
salam='السَّلَامُ عَلَيْكُمْ'

export LC_ALL=C.UTF-8
unset TMUX
# Each session gets a server (socket) of its own: a new session on the
# socket of a server that kill-server is still shutting down can reach
# the dying server and vanish with it ("server exited unexpectedly").
sockn=0
sock=akhbar-test-$$-$sockn
T() { "$tmux" -u -L "$sock" -f /dev/null "$@"; }
gone() {
	T kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
}
fresh() {
	gone
	sockn=$((sockn + 1))
	sock=akhbar-test-$$-$sockn
}
trap 'gone; rm -rf "$TMPD"' EXIT INT TERM

# capture ROWS: the first ROWS rows of the pane, trailing blanks dropped.
capture() {
	T capture-pane -p -t akhbar -S 0 -E "$(($1 - 1))" 2>/dev/null
}

# run NAME ARGS...: paint with layout-show and compare with the golden.
run() {
	name=$1
	shift
	fresh
	T new-session -d -s akhbar -x 40 -y 10 \
	    "TERM=xterm-256color $(printf '%s ' "$@")"
	rows=$(wc -l <"$golden")
	i=0
	while [ $i -lt 300 ]; do
		capture "$rows" >"$TMPD/got"
		cmp -s "$TMPD/got" "$golden" && break
		sleep 0.1
		i=$((i + 1))
	done
	if cmp -s "$TMPD/got" "$golden"; then
		tap_ok 0 "$name"
	else
		tap_ok 1 "$name"
		echo "# want (code points):"
		od -An -tx1 "$golden" | sed 's/^/#   /'
		echo "# got:"
		od -An -tx1 "$TMPD/got" | sed 's/^/#   /'
		sed 's/^/# | /' "$TMPD/got"
	fi
}

q() { printf "'%s'" "$1"; }

run "tmux shows the golden rows, cell for cell" \
    "$show" -w 16 -x 1 -y 1 "$(q "$example")" "$(q "$vowelled")" \
    "$(q "$hebrew")" "$(q "$salam")"

# Without the layout layer (logical order, unshaped), tmux holds
# something else: the golden rows are not what any output would give.
fresh
T new-session -d -s akhbar -x 40 -y 10 \
    "$show -m off -w 16 -x 1 -y 1 $(q "$example") $(q "$vowelled") $(q "$hebrew") $(q "$salam")"
i=0
while [ $i -lt 300 ]; do
	capture "$(wc -l <"$golden")" >"$TMPD/off"
	grep -q "$(printf 'ارتفعت')" "$TMPD/off" && break
	sleep 0.1
	i=$((i + 1))
done
! cmp -s "$TMPD/off" "$golden"
tap_ok $? "logical (bidi = off) output differs from the golden rows"
grep -q "$(printf 'ارتفعت')" "$TMPD/off"
tap_ok $? "bidi = off keeps logical order on screen"
tap_done
