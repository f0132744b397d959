#!/bin/sh
# The configuration and the cache's actions from the command line: a
# broken configuration stops akhbar with every problem named, -c, the
# default file, --dump-config read back, the values reaching what they
# set (datetime-format), --json, --mark-all-read, --vacuum.
. "${top_srcdir:-.}/tests/lib.sh"
FILL=${top_builddir:-.}/tests/db-fill
PY=${PYTHON3:-python3}
export TZ=UTC
C=$TMPD/cache.db
conf=$XDG_CONFIG_HOME/akhbar/config
mkdir -p "$XDG_CONFIG_HOME/akhbar"

tab=$(printf '\t')
"$FILL" "$C" <<EOT
https://a.example/ar${tab}أخبار${tab}1${tab}1700000000${tab}أعلن الجيش${tab}<p>قال الجيش</p>${tab}-
https://a.example/ar${tab}أخبار${tab}2${tab}1700003600${tab}والجيش يتقدم${tab}نص${tab}r
https://b.example/en${tab}News${tab}1${tab}1700010800${tab}Army news${tab}The ARMY${tab}-
https://b.example/en${tab}News${tab}2${tab}1700014400${tab}Weather${tab}sunny${tab}-
EOT
tap_ok $? "a cache filled"
printf 'https://a.example/ar\nhttps://b.example/en\n' >"$TMPD/urls"
A() { "$AKHBAR" -C "$C" -u "$TMPD/urls" "$@"; }

# No configuration file: the defaults, silently.
out=$(A --unread-count 2>&1); tap_is "$out" 3 "no configuration file is no problem"

# A broken one: every problem, with its place; akhbar does not go on.
cat >"$conf" <<'EOF'
# a typo, a bad value, a bad colour, a key bound twice
relaod-time 30
bidi ap
color title purple blue
bind j down
bind j up
EOF
err=$(A --unread-count 2>&1 >/dev/null); rc=$?
tap_is "$rc" 2 "a broken configuration exits 2"
tap_is "$err" "akhbar: $conf:2:1: unknown option 'relaod-time' (did you mean 'reload-time'?)
akhbar: $conf:3:6: bidi takes one of auto, app, terminal, off, not 'ap' (did you mean 'app'?)
akhbar: $conf:4:13: 'purple' is not a colour: default, black, red, green, yellow, blue, magenta, cyan, white, or color0 to color255
akhbar: $conf:6:6: key 'j' is bound twice (first at $conf:5)
akhbar: 4 problems in the configuration: akhbar does not start until they are mended" \
    "... after naming each problem: file, line, column, nearest name"
out=$(A --unread-count 2>/dev/null); tap_is "$out" "" "... and does nothing"
out=$(A --version); tap_is "$?" 0 "--version does not read it"
A --help >/dev/null; tap_is "$?" 0 "... nor does --help"

# The interface's names are checked before anything starts.
printf 'bind x opne\ncolor titel red blue\nbind X quit\ncolor title red blue\n' >"$conf"
err=$(A --unread-count 2>&1 >/dev/null); rc=$?
tap_is "$rc:$err" "2:akhbar: $conf:1:8: unknown action 'opne' (did you mean 'open'?)
akhbar: $conf:2:7: unknown element 'titel' (did you mean 'title'?)
akhbar: 2 problems in the configuration: akhbar does not start until they are mended" \
    "an unknown action or element stops akhbar, named with the nearest"

# An include loop, named.
printf 'include b\n' >"$XDG_CONFIG_HOME/akhbar/a"
printf '\n\ninclude a\n' >"$XDG_CONFIG_HOME/akhbar/b"
err=$(A -c "$XDG_CONFIG_HOME/akhbar/a" --unread-count 2>&1 >/dev/null); rc=$?
tap_is "$rc:$err" "2:akhbar: $XDG_CONFIG_HOME/akhbar/b:3:9: include loop: $XDG_CONFIG_HOME/akhbar/a is being read already
akhbar: 1 problem in the configuration: akhbar does not start until it is mended" \
    "an include loop exits 2, named where it closes"

# -c: a file named must exist.
err=$(A -c "$TMPD/none" --unread-count 2>&1 >/dev/null); rc=$?
tap_is "$rc:$err" "2:akhbar: $TMPD/none: cannot read the file: No such file or directory
akhbar: 1 problem in the configuration: akhbar does not start until it is mended" \
    "-c with a missing file exits 2"
"$AKHBAR" -c "" --unread-count >/dev/null 2>&1
tap_is "$?" 2 "-c with an empty name exits 2"

# A good one, applied; --dump-config reads back.
cat >"$conf" <<'EOF'
datetime-format "%d/%m/%Y"
reload-time = 15
mouse no
bind ^R reload-all
color title white blue bold
EOF
out=$(A --search army); rc=$?
tap_is "$rc:$out" "0:3${tab}News${tab}15/11/2023${tab}Army news${tab}" \
    "datetime-format sets --search's dates"
A --dump-config >"$TMPD/dump"; rc=$?
tap_is "$rc" 0 "--dump-config exits 0"
grep -q "^reload-time 15	# $conf:2$" "$TMPD/dump"
tap_ok $? "... with each value and the line that set it"
grep -q "^bind \\^R reload-all	# $conf:4$" "$TMPD/dump" &&
    grep -q "^color title white blue bold	# $conf:5$" "$TMPD/dump"
tap_ok $? "... and the bind and color lines"
A -c "$TMPD/dump" --dump-config >"$TMPD/dump2"; rc=$?
tap_is "$rc" 0 "the dump is a configuration akhbar reads"
grep -v '^#\|^$' "$TMPD/dump" | sed 's/	#.*//' >"$TMPD/d1"
grep -v '^#\|^$' "$TMPD/dump2" | sed 's/	#.*//' >"$TMPD/d2"
cmp -s "$TMPD/d1" "$TMPD/d2"; tap_ok $? "... to the same configuration"
rm "$conf"

# Dates in the user's locale: Arabic month names under ar_EG, Persian
# digits where fa_IR's alt_digits say so (%O).
mkdir -p "$TMPD/loc"
if localedef -i ar_EG -f UTF-8 "$TMPD/loc/ar_EG.UTF-8" >/dev/null 2>&1 &&
    localedef -i fa_IR -f UTF-8 "$TMPD/loc/fa_IR.UTF-8" >/dev/null 2>&1; then
	printf 'datetime-format "%%d %%B %%Y"\n' >"$TMPD/ar.conf"
	out=$(LOCPATH=$TMPD/loc LC_ALL=ar_EG.UTF-8 A -c "$TMPD/ar.conf" \
	    --search army)
	tap_is "$out" "3${tab}News${tab}15 نوفمبر 2023${tab}Army news${tab}" \
	    "an Arabic locale gives Arabic month names"
	printf 'datetime-format "%%Od/%%Om"\n' >"$TMPD/fa.conf"
	out=$(LOCPATH=$TMPD/loc LC_ALL=fa_IR.UTF-8 A -c "$TMPD/fa.conf" \
	    --search army)
	tap_is "$out" "3${tab}News${tab}۱۵/۱۱${tab}Army news${tab}" \
	    "... and %O the locale's own digits where it has them"
else
	tap_skip "cannot build the ar_EG and fa_IR locales here"
	tap_skip "cannot build the ar_EG and fa_IR locales here"
fi

# The fetch settings and retention reach --reload.
$PY - "$TMPD/big.xml" "$TMPD/feed.xml" <<'PYEOF'
import sys
def feed(path, items, start):
    with open(path, 'w') as f:
        f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>')
        for i in items:
            f.write('<item><guid>g%d</guid><title>story %d %s</title>'
                '<pubDate>%s</pubDate></item>' % (i, i, 'x' * 60,
                'Mon, %02d Nov 2026 10:00:00 GMT' % (1 + i % 28)))
        f.write('</channel></rss>')
feed(sys.argv[1], range(20000), 0)
feed(sys.argv[2], range(20), 0)
PYEOF
printf 'file://%s\n' "$TMPD/big.xml" >"$TMPD/urls-big"
printf 'max-feed-size 1\n' >"$TMPD/small.conf"
err=$("$AKHBAR" -c "$TMPD/small.conf" -u "$TMPD/urls-big" -C "$TMPD/big.db" \
    --reload </dev/null 2>&1); rc=$?
tap_is "$rc:$err" "1:akhbar: file://$TMPD/big.xml: too large" \
    "max-feed-size reaches the fetcher"
printf 'file://%s\n' "$TMPD/feed.xml" >"$TMPD/urls-ret"
printf 'max-items 5\n' >"$TMPD/ret.conf"
R() { "$AKHBAR" -c "$TMPD/ret.conf" -u "$TMPD/urls-ret" -C "$TMPD/ret.db" "$@"; }
R --reload </dev/null >/dev/null 2>&1
R --mark-all-read >/dev/null
$PY - "$TMPD/feed.xml" <<'PYEOF'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>')
    for i in range(100, 103):
        f.write('<item><guid>g%d</guid><title>story %d</title>'
            '<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item>' % (i, i))
    f.write('</channel></rss>')
PYEOF
R --reload </dev/null >/dev/null 2>&1
tap_is "$(R --search story | wc -l | tr -d ' ')" 5 \
    "max-items keeps five: the three new unread ones and the two newest read"

# --json.
out=$(A --unread-count --json); rc=$?
tap_is "$rc" 0 "--unread-count --json exits 0"
$PY -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["unread"] == 3, d
f = {x["url"]: (x["title"], x["unread"]) for x in d["feeds"]}
assert f == {"https://a.example/ar": ("أخبار", 1),
    "https://b.example/en": ("News", 2)}, f
' "$out"
tap_ok $? "... the sum and each feed's title and count"
out=$(A --search 'الجيش' --json); rc=$?
tap_is "$rc" 0 "--search --json exits 0"
$PY -c '
import json, sys
d = json.loads(sys.argv[1])
assert [x["title"] for x in d] == ["والجيش يتقدم", "أعلن الجيش"], d
assert d[0]["feed"] == "أخبار" and d[0]["unread"] is False, d[0]
assert d[1]["date"] == "2023-11-14T22:13:20Z" and d[1]["unread"] is True, d[1]
assert set(d[0]) == {"id", "feed_id", "feed", "title", "link", "date",
    "published", "updated", "unread", "starred", "direction", "snippet",
    "matches"}, d[0]
' "$out"
tap_ok $? "... an array of the items, newest first, with their fields"
out=$(A --search 'nothing-like-this' --json 2>/dev/null)
$PY -c 'import json, sys; assert json.loads(sys.argv[1]) == []' "$out"
tap_ok $? "... an empty array when nothing matches"
out=$("$AKHBAR" -C "$TMPD/none.db" --unread-count --json)
$PY -c 'import json, sys; assert json.loads(sys.argv[1]) == {"unread": 0, "feeds": []}' "$out"
tap_ok $? "--unread-count --json with no cache yet"
A --reload --json >/dev/null 2>&1; tap_is "$?" 2 "--json with another action exits 2"

# --mark-all-read [FEED].
out=$(A --mark-all-read News); rc=$?
tap_is "$rc:$out" "0:2 articles marked read" "--mark-all-read FEED (by title)"
tap_is "$(A --unread-count)" 1 "... only that feed's"
out=$(A --mark-all-read https://nowhere.example/ 2>&1); rc=$?
tap_is "$rc" 1 "... a feed not in the cache exits 1"
out=$(A --mark-all-read); rc=$?
tap_is "$rc:$out" "0:1 article marked read" "--mark-all-read: every feed"
tap_is "$(A --unread-count)" 0 "... nothing unread is left"

# --vacuum.
out=$(A --vacuum); rc=$?
case $out in "$C: "*" before, "*" after") r=0 ;; *) r=1 ;; esac
tap_is "$rc:$r" "0:0" "--vacuum says the sizes before and after ($out)"
tap_is "$(A --unread-count)" 0 "... and the cache still reads"
"$AKHBAR" -C "$TMPD/none.db" --vacuum >/dev/null 2>&1
tap_is "$?" 1 "--vacuum with no cache exits 1"
[ ! -e "$TMPD/none.db" ]; tap_ok $? "... and makes none"
tap_done
