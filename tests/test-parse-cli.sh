#!/bin/sh
# akhbar --parse: exit codes, JSON on stdout, problems on stderr.
. "${top_srcdir:-.}/tests/lib.sh"
data="$top_srcdir/tests/data"

"$AKHBAR" --parse "$data/rss2.xml" >"$TMPD/out.json" 2>"$TMPD/err"
tap_is "$?" 0 "--parse of an RSS feed exits 0"
case $(cat "$TMPD/err") in *"cannot read the date"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "--parse reports a recoverable problem on stderr"

"$AKHBAR" --parse "$data/html-page.html" >"$TMPD/html.out" 2>"$TMPD/html.err"
tap_is "$?" 1 "--parse of an HTML page exits 1"
case $(cat "$TMPD/html.err") in *"not a feed but a web page"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "--parse says why an HTML page is not a feed"
tap_is "$(wc -c <"$TMPD/html.out" | tr -d ' ')" 0 "nothing on stdout when it is not a feed"

# Not a feed: a program, a JSON document that is not a JSON Feed, an
# HTML page, which names the feeds it links to (feed discovery).
fid=$top_srcdir/tests/data/fidelity
for f in not-feed.py json-no-version.json html-no-feed.html; do
	"$AKHBAR" --parse "$fid/$f" >"$TMPD/nf.out" 2>"$TMPD/nf.err"
	rc=$?
	case $(cat "$TMPD/nf.err") in *": not a feed: "*) r=0 ;; *) r=1 ;; esac
	tap_is "$rc:$r:$(wc -c <"$TMPD/nf.out" | tr -d ' ')" "1:0:0" \
	    "--parse of $f exits 1 saying it is not a feed"
done
"$AKHBAR" --parse "$fid/html-discovery.html" >/dev/null 2>"$TMPD/nf.err"
tap_is "$(head -n 1 "$TMPD/nf.err")" "akhbar: $fid/html-discovery.html: not a \
feed but a web page; the feeds it announces: \
https://sabah.example/ar/rss/news.xml https://sabah.example/sport.atom \
https://sabah.example/feed.json" "--parse of an HTML page names the feeds it links to"

"$AKHBAR" --parse "$TMPD/no-such-file.xml" >"$TMPD/none.out" 2>"$TMPD/none.err"
tap_is $? 1 "--parse of a missing file exits 1"
tap_is "$(cat "$TMPD/none.err")" \
    "akhbar: cannot read $TMPD/no-such-file.xml: No such file or directory" \
    "... saying it cannot read it, not that it is not a feed"
"$AKHBAR" --parse "$TMPD" >/dev/null 2>"$TMPD/none.err"
tap_is "$(cat "$TMPD/none.err")" "akhbar: cannot read $TMPD: Is a directory" \
    "--parse of a directory says so"

"$AKHBAR" --parse "$data/no-such-file.xml" >/dev/null 2>&1
tap_is "$?" 1 "--parse of a missing file exits 1"

"$AKHBAR" --parse - <"$data/atom10.xml" >"$TMPD/stdin.json" 2>/dev/null
tap_is "$?" 0 "--parse - reads standard input"

abs=$(cd "$data" && pwd)/jsonfeed11.json
"$AKHBAR" --parse "file://$abs" >"$TMPD/file.json" 2>/dev/null
tap_is "$?" 0 "--parse accepts a file:// URL"

# A file: URL is percent-decoded (by libcurl's URL API, in url.c).
cp "$abs" "$TMPD/a b.json"
"$AKHBAR" --parse "file://$TMPD/a%20b.json" >"$TMPD/pct.json" 2>/dev/null
tap_is "$?" 0 "--parse decodes a file:// URL's %20"
"$AKHBAR" --parse "file://example.org$TMPD/a%20b.json" >/dev/null 2>&1
tap_is "$?" 1 "--parse refuses a file:// URL of another host"

# http(s) URLs are fetched by the poller's code (tests/test-reload.sh
# fetches a real one); nothing listens on port 1.
err=$("$AKHBAR" --parse http://127.0.0.1:1/feed 2>&1 >/dev/null)
rc=$?
tap_is "$rc" 1 "--parse of an unreachable http URL exits 1"
case $err in *"http://127.0.0.1:1/feed: connection refused"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "--parse of an unreachable URL says why"

if [ -z "${PYTHON3:-}" ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
	echo "ok $((tap_n + 1)) # SKIP python3 not found"
	tap_n=$((tap_n + 1))
else
	"$PYTHON3" - "$TMPD/out.json" "$TMPD/stdin.json" "$TMPD/file.json" <<'PY'
import json, sys
rss = json.load(open(sys.argv[1], encoding="utf-8"))
atom = json.load(open(sys.argv[2], encoding="utf-8"))
jf = json.load(open(sys.argv[3], encoding="utf-8"))
keys = {"format", "title", "link", "language", "direction", "items"}
ikeys = {"id", "title", "link", "authors", "categories", "published",
         "updated", "summary", "content", "enclosures"}
res = []
res.append((keys <= set(rss), "feed object has the documented keys"))
res.append((all(ikeys <= set(i) for i in rss["items"]), "items have the documented keys"))
res.append((rss["format"] == "rss2.0" and atom["format"] == "atom1.0" and jf["format"] == "json1.1", "formats"))
res.append((rss["direction"] == "rtl", "direction of an Arabic feed is rtl"))
res.append((rss["items"][0]["published"] == "2026-11-28T11:05:00Z", "dates are ISO 8601 UTC"))
res.append((rss["items"][2]["published"] is None, "an unreadable date is null"))
res.append(("\u064e" in rss["items"][0]["title"], "harakat arrive as UTF-8, not escapes"))
res.append((isinstance(rss["items"][0]["enclosures"][0]["length"], int), "enclosure length is a number"))
res.append((atom["items"][0]["link"] == "https://atom.example/ar/news/one.html", "xml:base resolved"))
for i, (c, name) in enumerate(res):
    print(("ok" if c else "not ok"), "%d - json: %s" % (i + 1, name))
PY
fi > "$TMPD/py.tap"
if [ -s "$TMPD/py.tap" ]; then
	while IFS= read -r line; do
		case $line in
		"ok "*"# SKIP"*) echo "$line" ;;
		"ok "*) tap_ok 0 "${line#ok * - }" ;;
		"not ok "*) tap_ok 1 "${line#not ok * - }" ;;
		esac
	done <"$TMPD/py.tap"
fi

# No raw control bytes ever reach stdout.
"$AKHBAR" --parse "$data/control-chars.xml" 2>/dev/null | LC_ALL=C grep -q "$(printf '\033')"
tap_is "$?" 1 "no ESC byte in --parse output"

tap_done
