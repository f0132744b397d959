# Shared helpers for akhbar's shell tests (TAP). Source it, then call
# tap_ok/tap_is, and tap_done at the end.
: "${AKHBAR:=${top_builddir:-.}/src/akhbar}"
: "${top_srcdir:=.}"
tap_n=0
tap_fail=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
export XDG_CONFIG_HOME="$TMPD/config" XDG_DATA_HOME="$TMPD/data" HOME="$TMPD"

# tap_ok STATUS NAME: record a check from a command's exit status.
tap_ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_fail=$((tap_fail + 1))
	fi
}

# tap_is GOT WANT NAME: record a string comparison.
tap_is() {
	tap_n=$((tap_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $tap_n - $3"
	else
		echo "not ok $tap_n - $3"
		printf '#      got: %s\n# expected: %s\n' "$1" "$2"
		tap_fail=$((tap_fail + 1))
	fi
}

# tap_skip REASON: record a check that could not run here.
tap_skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_fail" -eq 0 ]
}
