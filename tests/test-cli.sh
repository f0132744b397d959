#!/bin/sh
# The command line: --help, --version, bad options and exit codes.
. "${top_srcdir:-.}/tests/lib.sh"

out=$("$AKHBAR" --version); tap_ok $? "--version exits 0"
case $out in "akhbar "[0-9]*) r=0 ;; *) r=1 ;; esac
tap_ok $r "--version prints the name and version"

out=$("$AKHBAR" --help); tap_ok $? "--help exits 0"
case $out in *--urls*--cache*) r=0 ;; *) r=1 ;; esac
tap_ok $r "--help lists --urls and --cache"

# Every long option --help names must be accepted by the parser.
for opt in $(printf '%s\n' "$out" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
	# run in the scratch directory: an option taking a file must not
	# leave one in the build tree
	err=$(cd "$TMPD" && "$AKHBAR" $opt 2>&1 </dev/null >/dev/null)
	case $err in *"unrecognized option"*|*"unknown option"*) rc=1 ;; *) rc=0 ;; esac
	tap_ok $rc "--help's $opt is a real option"
done

"$AKHBAR" --no-such-option >/dev/null 2>&1; rc=$?
tap_is "$rc" 2 "an unknown option exits 2"
err=$("$AKHBAR" --no-such-option 2>&1 >/dev/null)
case $err in *"--help"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "an unknown option points at --help"
"$AKHBAR" --help --version >/dev/null 2>&1; rc=$?
tap_is "$rc" 2 "two actions at once exit 2"
"$AKHBAR" stray >/dev/null 2>&1; rc=$?
tap_is "$rc" 2 "a stray argument exits 2"

tap_done
