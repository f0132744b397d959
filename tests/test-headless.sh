#!/bin/sh
# The headless edges (issue 21): exit codes and messages that never hide a
# broken feed, the search language from the command line, marking items
# without the interface, --parse's schemes. Feeds are files and exec:
# commands; nothing touches the network.
. "${top_srcdir:-.}/tests/lib.sh"
data=$(cd "$top_srcdir/tests/data" && pwd)
FILL=${top_builddir:-.}/tests/db-fill
export TZ=UTC
tab=$(printf '\t')
cache=$TMPD/cache.db
urls=$TMPD/urls

# ---- a feed backing off after failures still fails, and says until when ----
printf 'file://%s/missing.xml\nfile://%s/rss2.xml\n' "$TMPD" "$data" >"$urls"
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err1"
r1=$?
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err2"
r2=$?
tap_is "$r1:$r2" "1:1" "a feed that fails exits 1, twice"
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err3"
tap_is $? 1 "... and 1 again once it backs off (not tried this time)"
tap_is "$(grep -c . "$TMPD/err3")" 1 "... with one line"
grep -q "^akhbar: file://$TMPD/missing.xml: cannot read file.*; failed 2 times in a row, not tried again before 20[0-9-]* [0-9:]* (--force tries it now)$" \
    "$TMPD/err3"
tap_ok $? "... naming the feed, its failure, the count and when it is tried next"
"$AKHBAR" -q -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err4"
tap_is "$?:$(cat "$TMPD/err4")" "1:" "--quiet silences that line, not the exit status"
"$AKHBAR" -u "$urls" -C "$cache" --reload --force </dev/null 2>"$TMPD/err5"
tap_is "$?:$(cat "$TMPD/err5")" "1:akhbar: file://$TMPD/missing.xml: cannot read file" \
    "--force tries it, and it fails as a failure"
: >"$TMPD/missing.xml"
printf 'file://%s/rss2.xml\n' "$data" >"$TMPD/urls-good"
"$AKHBAR" -u "$TMPD/urls-good" -C "$cache" --reload </dev/null 2>"$TMPD/err6"
tap_is "$?:$(cat "$TMPD/err6")" "0:" "a feed that asked for a pause after working is no failure"

# ---- a document cut off before its first item is not an empty feed ----
deep_doc() {
	awk 'BEGIN { printf "<rss version=\"2.0\"><channel><title>Deep</title>";
	    for (i = 0; i < 5000; i++) printf "<x>";
	    for (i = 0; i < 5000; i++) printf "</x>";
	    printf "<item><guid>1</guid><title>late</title></item></channel></rss>\n" }'
}
deep_doc >"$TMPD/deep.xml"
printf '<rss version="2.0"><channel><title>Cut</title><item><title>a' >"$TMPD/cut.xml"
printf 'file://%s/deep.xml\nfile://%s/cut.xml\n' "$TMPD" "$TMPD" >"$TMPD/urls-cut"
"$AKHBAR" -u "$TMPD/urls-cut" -C "$TMPD/cut.db" --reload </dev/null 2>"$TMPD/err"
tap_is $? 1 "a reload of documents cut off before their first item exits 1"
grep -q "^akhbar: file://$TMPD/deep.xml: not a feed: the document is cut off before its first item (line 1: elements nested deeper than 4096)$" "$TMPD/err"
tap_ok $? "... saying nesting too deep cut it off"
grep -q "^akhbar: file://$TMPD/cut.xml: not a feed: the document is cut off before its first item (it ends inside item 1)$" "$TMPD/err"
tap_ok $? "... or that it ends inside its first item"
"$AKHBAR" --parse "$TMPD/deep.xml" >"$TMPD/out" 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/out")" "1:" "--parse of it exits 1 and prints no feed"

# ---- no message says the same thing twice ----
printf 'file://%s/html-page.html\nfile://%s/not-feed.xml\nfile://%s/json-not-feed.json\nfile://%s/empty.xml\n' \
    "$data" "$data" "$data" "$data" >"$TMPD/urls-nf"
"$AKHBAR" -u "$TMPD/urls-nf" -C "$TMPD/nf.db" --reload </dev/null 2>"$TMPD/err"
tap_is "$?:$(grep -c ': not a feed' "$TMPD/err")" "1:4" "four documents that are not feeds, one line each"
for f in html-page.html not-feed.xml json-not-feed.json empty.xml; do
	"$AKHBAR" --parse "$data/$f" 2>>"$TMPD/err" >/dev/null
done
tap_is "$(grep -ic 'not a feed.*not a feed\|: \([a-z ]*\): \1' "$TMPD/err")" 0 \
    "no line says 'not a feed' twice"

# ---- option errors start with akhbar: ----
for args in "--no-such-option" "--search" "-x" "-u" "--reload=1" "--re"; do
	# shellcheck disable=SC2086
	err=$("$AKHBAR" $args 2>&1 >/dev/null); rc=$?
	case $(printf '%s\n' "$err" | sed -n 1p) in
	"akhbar: "*) r=0 ;;
	*) r=1 ;;
	esac
	tap_is "$rc:$r" "2:0" "'akhbar $args' is a usage error said by akhbar: ($(printf '%s' "$err" | head -n 1))"
done
tap_is "$("$AKHBAR" --search 2>&1 | head -n 1)" "akhbar: --search needs an argument" \
    "a missing argument is named"
tap_is "$("$AKHBAR" --re 2>&1 | head -n 1)" "akhbar: --re is short for more than one option" \
    "an ambiguous abbreviation is said to be one"

# ---- a mistyped -u FILE is an error for every action ----
FC=$TMPD/fill.db
"$FILL" "$FC" <<EOT >/dev/null
https://a.example/ar${tab}أخبار${tab}1${tab}1700000000${tab}أعلن الجيش${tab}<p>قال الجيشُ</p>${tab}-
https://a.example/ar${tab}أخبار${tab}2${tab}1700003600${tab}والجيش يتقدم${tab}نص${tab}r
https://a.example/ar${tab}أخبار${tab}3${tab}1700007200${tab}جيش كبير${tab}نص${tab}s
https://b.example/en${tab}News${tab}1${tab}1700010800${tab}Army news${tab}The ARMY${tab}-
EOT
for action in --unread-count "--search army" --reload --export-opml \
    "--mark-all-read" "--parse $data/rss2.xml" --vacuum; do
	# shellcheck disable=SC2086
	"$AKHBAR" -u "$TMPD/urlz" -C "$FC" $action >"$TMPD/out" 2>"$TMPD/err" </dev/null
	rc=$?
	grep -q "^akhbar: $TMPD/urlz: no such file" "$TMPD/err"
	tap_is "$rc:$?" "2:0" "-u naming no file: $action exits 2 and says so"
done
"$AKHBAR" -u "$TMPD/new-urls" --import-opml "$data/opml2.opml" >/dev/null 2>&1
tap_is "$?:$(test -s "$TMPD/new-urls"; echo $?)" "0:0" "... but --import-opml makes it"
tap_is "$("$AKHBAR" -C "$FC" --unread-count)" 3 \
    "without -u and with no urls file, every feed of the cache counts"

# ---- with no cache yet, --unread-count and --search agree ----
u=$("$AKHBAR" -C "$TMPD/none.db" --unread-count 2>"$TMPD/eu"); ru=$?
s=$("$AKHBAR" -C "$TMPD/none.db" --search army 2>"$TMPD/es"); rs=$?
tap_is "$ru:$u:$rs:$s" "0:0:0:" "no cache yet: 0 unread, nothing found, both exit 0"
tap_is "$(cat "$TMPD/eu")" "$(cat "$TMPD/es")" "... and both say the same"
tap_is "$(cat "$TMPD/es")" "akhbar: no cache yet at $TMPD/none.db; akhbar --reload makes it" \
    "... that there is no cache yet"
tap_is "$("$AKHBAR" -q -C "$TMPD/none.db" --search army 2>&1)" "" "--quiet silences the note"

# ---- the search language ----
S() { "$AKHBAR" -C "$FC" --search "$@" 2>/dev/null | cut -f1 | tr '\n' ' '; }
tap_is "$(S 'جيش OR army')" "4 3 2 1 " "OR"
tap_is "$(S 'جيش AND كبير')" "3 " "AND"
tap_is "$(S 'جيش كبير')" "3 " "words side by side"
tap_is "$(S 'جيش NOT كبير')" "2 1 " "NOT"
tap_is "$(S 'جيش -كبير')" "2 1 " "-word"
tap_is "$(S '(army OR كبير) -news')" "3 " "parentheses"
tap_is "$(S 'الجيش' --limit 2)" "3 2 " "--limit N prints the first N"
for q in '' '  ' 'جيش OR' '(جيش' '-جيش' 'AND army'; do
	"$AKHBAR" -C "$FC" --search "$q" >"$TMPD/out" 2>"$TMPD/err"
	tap_is "$?:$(cat "$TMPD/out")" "2:" "'$q' is a usage error ($(cat "$TMPD/err"))"
done
"$AKHBAR" -C "$FC" --search '(جيش' 2>"$TMPD/err"
grep -q "^akhbar: cannot search for '(جيش': a parenthesis without its pair in the search at column 1$" "$TMPD/err"
tap_ok $? "... saying what and where"
"$AKHBAR" -C "$FC" --limit 0 --search x >/dev/null 2>&1
tap_is $? 2 "--limit 0 is a usage error"
"$AKHBAR" -C "$FC" --limit 3 --unread-count >/dev/null 2>&1
tap_is $? 2 "--limit goes with --search only"

# Each line has the item's id and link.
printf 'file://%s/rss2.xml\n' "$data" >"$TMPD/urls-rss"
"$AKHBAR" -u "$TMPD/urls-rss" -C "$TMPD/rss.db" --reload </dev/null 2>/dev/null
line=$("$AKHBAR" -u "$TMPD/urls-rss" -C "$TMPD/rss.db" --search 'الخبر' | head -n 1)
case $line in [0-9]*"${tab}"*"${tab}"*"${tab}"*"${tab}https://"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "a result line: id, feed, date, title, link ($line)"
id=$(printf '%s\n' "$line" | cut -f1)
tap_is "$("$AKHBAR" -C "$TMPD/rss.db" --render "$id" --width 200 | head -n 1)" \
    "$(printf '%s\n' "$line" | cut -f4)" "... the id is the item's, as --render takes it"

# --search --json has every field.
if [ -n "${PYTHON3:-}" ]; then
	"$AKHBAR" -C "$FC" --search 'الجيش' --json --limit 2 >"$TMPD/j"
	"$PYTHON3" - "$TMPD/j" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 2, d
keys = {"id", "feed_id", "feed", "title", "link", "date", "published",
    "updated", "unread", "starred", "direction", "snippet", "matches"}
assert all(set(x) == keys for x in d), d
assert d[0]["id"] == 3 and d[0]["starred"] is True and d[0]["unread"] is True
assert d[1]["published"] == "2023-11-14T23:13:20Z" and d[1]["updated"] is None
assert d[1]["matches"] == ["والجيش"], d[1]
EOF
	tap_ok $? "--search --json: every field, --limit, the matches of each snippet"
else
	tap_skip "python3 not found"
fi

# ---- every key of --parse and --search --json is documented ----
if [ -n "${PYTHON3:-}" ]; then
	"$AKHBAR" --parse "$data/rss2.xml" >"$TMPD/p.json" 2>/dev/null
	"$AKHBAR" -C "$FC" --search 'الجيش' --json >"$TMPD/s.json"
	"$PYTHON3" - "$TMPD/p.json" "$TMPD/s.json" "$top_srcdir/README.md" \
	    "$top_srcdir/doc/akhbar.1" <<'EOF'
import json, re, sys
def keys(o, out):
    if isinstance(o, dict):
        for k, v in o.items():
            out.add(k)
            keys(v, out)
    elif isinstance(o, list):
        for v in o:
            keys(v, out)
    return out
parse = keys(json.load(open(sys.argv[1])), set())
search = keys(json.load(open(sys.argv[2])), set())
assert "enclosures" in parse and "length" in parse, parse
readme = open(sys.argv[3]).read()
man = open(sys.argv[4]).read().replace("\\-", "-")
def section(text, start, end):
    i = text.index(start)
    return text[i:text.index(end, i + 1)]
r_parse = section(readme, "- `--parse FILE|URL`", "\n- ")
r_search = section(readme, "`--search --json` prints", "\n- ")
m_parse = section(man, ".BR -P \", \" --parse", "\n.TP\n.B --reload")
m_search = section(man, ".B --search --json", "\n.TP")
bad = []
for k in sorted(parse):
    if "`%s`" % k not in r_parse:
        bad.append("README --parse: " + k)
    if not re.search(r"^\.BR? %s( |$)" % k, m_parse, re.M):
        bad.append("akhbar.1 --parse: " + k)
for k in sorted(search):
    if "`%s`" % k not in r_search:
        bad.append("README --search --json: " + k)
    if not re.search(r"^\.BR? %s( |$)" % k, m_search, re.M):
        bad.append("akhbar.1 --search --json: " + k)
if bad:
    print("\n".join("# undocumented: " + b for b in bad))
    sys.exit(1)
EOF
	tap_ok $? "every key --parse and --search --json print is in the README and akhbar(1)"
else
	tap_skip "python3 not found"
fi

# ---- marking items without the interface ----
tap_is "$("$AKHBAR" -C "$FC" --mark-read 1 4)" "2 articles marked read" "--mark-read ID ID"
tap_is "$("$AKHBAR" -C "$FC" --unread-count)" 1 "... and the counts follow"
tap_is "$("$AKHBAR" -C "$FC" --mark-unread 2)" "1 article marked unread" "--mark-unread ID"
tap_is "$("$AKHBAR" -C "$FC" --star 1 2)" "2 articles starred" "--star ID ID"
tap_is "$("$AKHBAR" -C "$FC" --unstar 3)" "1 article unstarred" "--unstar ID"
st=$("$AKHBAR" -C "$FC" --search 'جيش OR army' --json | tr -d ' \n' |
    grep -o '"id":[0-9]*\|"unread":[a-z]*\|"starred":[a-z]*' | tr '\n' ' ')
tap_is "$st" '"id":4 "unread":false "starred":false "id":3 "unread":true "starred":false "id":2 "unread":true "starred":true "id":1 "unread":false "starred":true ' \
    "... as --search sees them"
"$AKHBAR" -C "$FC" --mark-read 3 999 >"$TMPD/out" 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "1:akhbar: no item 999 in the cache" \
    "an id the cache does not have is said, exit 1"
tap_is "$(cat "$TMPD/out")" "1 article marked read" "... the others are marked"
"$AKHBAR" -C "$FC" --mark-read abc >/dev/null 2>"$TMPD/err"
tap_is "$?:$(head -n 1 "$TMPD/err")" "2:akhbar: not an item id: 'abc' (the first column of --search)" \
    "a word that is no id is a usage error"
"$AKHBAR" -C "$TMPD/none.db" --star 1 >/dev/null 2>&1
tap_is $? 1 "--star with no cache exits 1"

# ---- bidi controls stay inside their field ----
rlo=$(printf '\342\200\256')	# U+202E, unterminated
pdf=$(printf '\342\200\254')	# U+202C, what closes it
rli=$(printf '\342\201\247')	# U+2067
pdi=$(printf '\342\201\251')	# U+2069
BC=$TMPD/bidi.db
"$FILL" "$BC" <<EOT >/dev/null
https://a.example/ar${tab}أخبار${rlo}${tab}1${tab}1700000000${tab}عنوان ${rlo}معكوس${tab}نص${tab}-
https://a.example/ar${tab}أخبار${rlo}${tab}2${tab}1700000001${tab}stray ${pdi}closer${tab}نص${tab}-
https://a.example/ar${tab}أخبار${rlo}${tab}3${tab}1700000002${tab}x ${rli}y${tab}نص${tab}-
EOT
"$AKHBAR" -C "$BC" --search 'نص' >"$TMPD/out"
tap_is "$(sed -n 3p "$TMPD/out")" "1${tab}أخبار${rlo}${pdf}${tab}2023-11-14 22:13${tab}عنوان ${rlo}معكوس${pdf}${tab}" \
    "--search: a field's open override is closed before the next tab"
tap_is "$(sed -n 2p "$TMPD/out" | cut -f4)" "stray closer" \
    "... a closer of nothing the field opened is dropped"
tap_is "$(sed -n 1p "$TMPD/out" | cut -f4)" "x ${rli}y${pdi}" "... an open isolate is closed"
printf '<p>a %sreversed</p><p>next</p>\n' "$rlo" >"$TMPD/bidi.html"
tap_is "$("$AKHBAR" --render "$TMPD/bidi.html" --width 40)" "a ${rlo}reversed${pdf}

next" "--render: each line closes what it opened"
printf '<rss version="2.0"><channel><title>t</title><item><guid>1</guid><pubDate>%snot a date</pubDate></item></channel></rss>\n' \
    "$rlo" >"$TMPD/bidi.xml"
"$AKHBAR" --parse "$TMPD/bidi.xml" >/dev/null 2>"$TMPD/err"
tap_is "$(cat "$TMPD/err")" "akhbar: warning: $TMPD/bidi.xml: item 1: cannot read the date '${rlo}not a date${pdf}'" \
    "a message: the feed's words close their override before the message goes on"
printf "exec:sh -c 'printf \"%s oops\\\\n\" >&2; exit 3'\n" "$rlo" >"$TMPD/urls-bidi"
for i in 1 2 3; do
	"$AKHBAR" -u "$TMPD/urls-bidi" -C "$TMPD/bidi2.db" --reload </dev/null 2>"$TMPD/err"
done
grep -qF "command failed (exit 3): ${rlo} oops${pdf}; failed 2 times in a row" "$TMPD/err"
tap_ok $? "... a command's words too, before the rest of the line ($(cat "$TMPD/err"))"

# ---- --parse names the schemes it reads ----
for u in ftp://example.org/feed.xml gopher://example.org/1 HTTPX://a/b; do
	"$AKHBAR" --parse "$u" >/dev/null 2>"$TMPD/err"
	tap_is "$?" 2 "--parse $u is a usage error"
done
tap_is "$(cat "$TMPD/err")" \
    "akhbar: --parse reads a file, - (standard input) or an http://, https:// or file:// URL; HTTPX:// is none of them" \
    "... naming what it reads"
"$AKHBAR" --parse "file://$data/rss2.xml" >/dev/null 2>&1
tap_is $? 0 "--parse file://... still reads the file"

tap_done
