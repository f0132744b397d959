#!/bin/sh
# The manual pages against the program: the OPTIONS section of
# akhbar.conf(5) is what the option table writes (make update-man), every
# option of --dump-config has its default in it, every command of the
# configuration file and every action of the command line is in a page.
. "${top_srcdir:-.}/tests/lib.sh"
MAN=${top_builddir:-.}/tests/conf-man
conf5=$top_srcdir/doc/akhbar.conf.5
man1=$top_srcdir/doc/akhbar.1

if [ ! -x "$MAN" ]; then
	echo "1..0 # SKIP tests/conf-man not built"
	exit 0
fi
"$MAN" >"$TMPD/want"
${AWK:-awk} '/^\.\\" OPTIONS: written/ { on = 1 } on { print }
    /^\.\\" END OPTIONS/ { on = 0 }' "$conf5" >"$TMPD/got"
cmp -s "$TMPD/want" "$TMPD/got"; r=$?
tap_ok $r "akhbar.conf.5's OPTIONS are the option table's (else: make update-man)"
[ $r -eq 0 ] || diff "$TMPD/got" "$TMPD/want" | head -20 | sed 's/^/# /'

# The page as text, hyphens plain, for the searches below.
sed 's/\\-/-/g; s/\\f[BIR]//g' "$conf5" >"$TMPD/conf5.txt"
sed 's/\\-/-/g; s/\\f[BIR]//g' "$man1" >"$TMPD/man1.txt"

# Every option --dump-config prints, with its default, is in the page.
"$AKHBAR" -c /dev/null --dump-config >"$TMPD/dump"; rc=$?
tap_is "$rc" 0 "--dump-config runs"
missing=
n=0
while read -r name value rest; do
	case $name in ''|'#'*) continue ;; esac
	n=$((n + 1))
	grep -q "^\.B $name " "$TMPD/conf5.txt" || missing="$missing $name"
	[ "$value" = '""' ] && continue
	sed -n "/^\.B $name /,/^\.TP/p" "$TMPD/conf5.txt" |
	    grep -q "^Default: $value\.$" || missing="$missing $name=$value"
done <"$TMPD/dump"
[ "$n" -gt 20 ]; tap_ok $? "--dump-config lists the options ($n)"
[ -z "$missing" ]; tap_ok $? "every option and its default is in akhbar.conf.5"
[ -z "$missing" ] || echo "# missing:$missing"

# The commands of the file.
for c in bind unbind color include; do
	grep -q "^\.BI $c " "$TMPD/conf5.txt"
	tap_ok $? "akhbar.conf.5 describes $c"
done

# Every option of --help is in akhbar(1), and the other way round.
man_opts=$(grep '^\.BR* ' "$man1" | sed 's/\\//g' | grep -o -- '--[a-z-]*' |
    sort -u)
help_opts=$("$AKHBAR" --help | grep -o -- '--[a-z-]*' | sort -u)
tap_is "$help_opts" "$man_opts" "akhbar(1) has exactly --help's options"
for f in config urls cache.db; do
	grep -q "akhbar/$f" "$TMPD/man1.txt"
	tap_ok $? "akhbar(1) names the file $f"
done
grep -q "akhbar.conf (5)\|akhbar.conf(5)\|^\.BR akhbar.conf" "$man1"
tap_ok $? "akhbar(1) points at akhbar.conf(5)"
for s in 0 1 2; do
	sed -n '/^\.SH EXIT STATUS/,/^\.SH/p' "$man1" | grep -q "^\.B $s$"
	tap_ok $? "akhbar(1) documents exit status $s"
done
# The shell completions know every option of --help.
for c in "$top_srcdir/contrib/completions/akhbar.bash" \
    "$top_srcdir/contrib/completions/_akhbar"; do
	missing=
	for o in $help_opts; do
		grep -q -- "$o" "$c" || missing="$missing $o"
	done
	[ -z "$missing" ]; tap_ok $? "${c##*/} completes every option of --help"
	[ -z "$missing" ] || echo "# missing:$missing"
done
bash -n "$top_srcdir/contrib/completions/akhbar.bash"
tap_ok $? "the bash completion is bash"

# The example configuration and the themes are configurations akhbar reads.
for f in config.example themes/light themes/solarized-dark; do
	"$AKHBAR" -c "$top_srcdir/contrib/$f" --dump-config >/dev/null 2>&1
	tap_ok $? "contrib/$f reads without a problem"
done
tap_done
