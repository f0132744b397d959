# Helpers for the interface's screen tests (tests/test-ui*.sh): the real
# akhbar in a detached tmux with a server (socket) of its own per session,
# keys sent with send-keys, the screen read with capture-pane. Source it
# after tests/lib.sh. Waits poll the screen instead of sleeping.
tmux=${TMUX_BIN:-}
[ -n "$tmux" ] || tmux=$(command -v tmux 2>/dev/null || true)
if [ -z "$tmux" ] || [ ! -x "$tmux" ]; then
	echo "1..0 # SKIP tmux not found"
	exit 0
fi
if ! command -v "${PYTHON3:-python3}" >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 not found"
	exit 0
fi
export LC_ALL=${LC_ALL:-C.UTF-8}
unset TMUX
data=$(cd "$top_srcdir/tests/data/ui" && pwd)
ui_sockn=0
ui_sock=akhbar-ui-$$-0
T() { "$tmux" -u -L "$ui_sock" -f /dev/null "$@"; }

# ui_gone: end the tmux server of the current session.
ui_gone() {
	T kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$ui_sock"
}
trap 'ui_gone; rm -rf "$TMPD"' EXIT INT TERM

# ui_san_check: fail when the last session's standard error holds a
# sanitizer's report (the sanitizer build runs these tests too).
ui_san_check() {
	[ -s "$TMPD/ui.err" ] || return 0
	if grep -q "Sanitizer\|runtime error:" "$TMPD/ui.err"; then
		tap_ok 1 "no sanitizer report from the interface"
		sed 's/^/# /' "$TMPD/ui.err" | head -40
	fi
	: >"$TMPD/ui.err"
}

# ui_done: the last checks, then the plan.
ui_done() {
	ui_gone
	ui_san_check
	tap_done
}

# ui_start W H ARGS...: run akhbar ARGS in a fresh W x H session; its
# standard error goes to $TMPD/ui.err and its exit status to
# $TMPD/ui.status (with the time it ended, in ms, in $TMPD/ui.end).
ui_start() {
	w=$1 h=$2
	shift 2
	ui_gone
	ui_san_check
	ui_sockn=$((ui_sockn + 1))
	ui_sock=akhbar-ui-$$-$ui_sockn
	rm -f "$TMPD/ui.status" "$TMPD/ui.end"
	printf '%s\n' "$@" >"$TMPD/ui.args"
	T new-session -d -s ui -x "$w" -y "$h" \
	    "${UI_ENV:-} $(ui_quote "$AKHBAR" "$@") \
	    2>$TMPD/ui.err; echo \$? >$TMPD/ui.status; \
	    date +%s%3N >$TMPD/ui.end; sleep 60"
}

# ui_quote WORDS...: the words quoted for sh.
ui_quote() {
	for a in "$@"; do
		printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
}

# ui_screen: the whole pane now.
ui_screen() {
	T capture-pane -p -t ui 2>/dev/null
}

# ui_wait TEXT [TENTHS]: wait until the pane shows TEXT (a fixed string);
# 0 when it did, 1 after TENTHS tenths of a second (default 100).
ui_wait() {
	i=0
	while [ $i -lt "${2:-100}" ]; do
		ui_screen >"$TMPD/screen"
		grep -qF -- "$1" "$TMPD/screen" && return 0
		[ -s "$TMPD/ui.status" ] && { ui_screen >"$TMPD/screen"; grep -qF -- "$1" "$TMPD/screen"; return $?; }
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# ui_wait_gone TEXT [TENTHS]: wait until the pane no longer shows TEXT.
ui_wait_gone() {
	i=0
	while [ $i -lt "${2:-100}" ]; do
		ui_screen >"$TMPD/screen"
		grep -qF -- "$1" "$TMPD/screen" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# ui_keys KEYS...: send keys (tmux key names).
ui_keys() {
	T send-keys -t ui "$@"
}

# ui_type TEXT: send TEXT literally.
ui_type() {
	T send-keys -t ui -l "$1"
}

# ui_exited [TENTHS]: wait for akhbar to end; 0 when it did.
ui_exited() {
	i=0
	while [ $i -lt "${1:-100}" ]; do
		[ -s "$TMPD/ui.status" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# ui_row N: row N (0-based) of the pane.
ui_row() {
	ui_screen | sed -n "$(($1 + 1))p"
}

# ui_fill CACHE URLS FEED...: write a urls file of file:// URLs of the
# fixtures and reload them into CACHE.
ui_fill() {
	_ui_cache=$1 _ui_urls=$2
	shift 2
	: >"$_ui_urls"
	for f in "$@"; do
		echo "file://$data/$f" >>"$_ui_urls"
	done
	"$AKHBAR" -u "$_ui_urls" -C "$_ui_cache" --reload >/dev/null 2>&1
}

# sqlq CACHE QUERY: one value from the cache (python's sqlite3).
sqlq() {
	"${PYTHON3:-python3}" - "$1" "$2" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
db.commit()
EOF
}

# now_ms: the time in milliseconds.
now_ms() {
	date +%s%3N
}
