#!/bin/sh
# The interface against hostile feeds (issue 16, terminal safety): titles,
# bodies, links, authors, categories, enclosures and the feed's title carry
# ESC/CSI/OSC (OSC 8 hyperlinks, OSC 52 clipboard, OSC 2 title)/DCS/APC/PM
# sequences, C1 controls (as code points and as raw ISO-8859-1 bytes), BEL,
# backspace, carriage return, bidi overrides dressing up a link, a 1 MB
# line; an exec: feed fails with them in its message; then a cache written
# by something else holds them raw. akhbar runs in tmux under script(1),
# which records every byte it writes to the terminal (its standard error
# too), through every view: feed list, article list, article, link list,
# help, search results, the message line. The record must hold no C1, no
# BEL, no control but curses' own, no OSC/DCS/APC/PM/SOS string that
# curses did not also send for a harmless feed, no CSI curses would not
# send, and no injected marker right after an escape; tmux (with
# set-clipboard on) must have no buffer and its pane title unchanged; the
# screen's title bar and status line are intact. Links open with the
# allowed schemes only, as one argv element, never through a shell.
# Prints TAP; skips without tmux, python3 or script.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

if ! command -v script >/dev/null 2>&1; then
	echo "1..0 # SKIP script (util-linux) not found"
	exit 0
fi

# ---- the hostile feeds ----
"$PYTHON3" - "$TMPD" <<'EOF'
import json, os, sys
d = sys.argv[1]
# Each payload is followed by a marker MK<letter>: after sanitising the
# marker must follow plain text, never an escape sequence.
E = {
 "a": "\x1b[2JMKa", "b": "\x1b[6nMKb", "c": "\x1b]52;c;TUtjbGlw\x07MKc",
 "d": "\x1b]8;;https://evil.example/\x1b\\MKd\x1b]8;;\x1b\\",
 "e": "\x1bP+q544e\x1b\\MKe", "f": "\x9b31mMKf", "g": "\x9d2;MKg\x9c",
 "h": "\x07MKh", "i": "ab\x08\x08MKi", "j": "xy\rMKj",
 "k": "\x1b]2;MKk\x07", "l": "\x1b_MKl\x1b\\", "m": "\x1b[?1049lMKm",
 "n": "\x1bcMKn", "o": "\x1b[21tMKo", "p": "\x90MKp\x9c",
 "q": "\x1b^MKq\x1b\\", "r": "\x1bX\x1b[8mMKr\x1b\\",
}
ALL = "".join(E.values())
esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;")
big = "Z" * (1 << 20)
items = [
 {"id": "h1", "title": "T1 " + ALL, "url": "https://ok.example/one" + E["a"],
  "authors": [{"name": "Au " + ALL}], "tags": ["Cat " + ALL],
  "content_html": "<p>Body " + esc(ALL) + "</p>"
    "<p>ent &#27;[2JMKs &#x9b;31mMKt &#7;MKu &#x1b;]52;c;eA==&#7;MKv</p>"
    "<p><a href=\"javascript:alert(1)\">js</a> "
    "<a href=\"file:///etc/passwd\">file</a> "
    "<a href=\"data:text/html,&lt;script&gt;x&lt;/script&gt;\">data</a> "
    "<a href=\"https://evil.example/&#x202e;gpj.exe\">bidi</a> "
    "<a href=\"https://evil.example/\">https://bank.example/\u202e"
    "exe.gpj</a> "
    "<a href=\"https://ok.example/x;y$(touch PWNED3)&amp;z='q'\">sh</a>"
    "</p>",
  "attachments": [{"url": "https://ok.example/enc" + E["c"] + ".mp3",
     "mime_type": "audio/mpeg" + E["a"], "title": "Enc " + ALL}],
  "date_published": "2026-11-28T10:00:00Z"},
 {"id": "h2", "title": "T2 shell",
  "url": "https://ok.example/a;b$(touch PWNED)`touch PWNED2`'\"c d&e|f>g",
  "content_text": "shell link", "date_published": "2026-11-27T10:00:00Z"},
 {"id": "h3", "title": "T3 js", "url": "javascript:alert(" + E["c"] + ")",
  "content_text": "js link", "date_published": "2026-11-26T10:00:00Z"},
 {"id": "h4", "title": "T4 file", "url": "file:///etc/passwd",
  "content_text": "file link", "date_published": "2026-11-25T10:00:00Z"},
 {"id": "h5", "title": "T5 data", "url": "data:text/html;base64,PHNjcmlwdD4=",
  "content_text": "data link", "date_published": "2026-11-24T10:00:00Z"},
 {"id": "h6", "title": "T6 bidi \u202emoc.knab\u202c \u2066x\u2069 \u2067y\u2068z",
  "url": "https://evil.example/\u202egpj.exe",
  "content_text": "bidi link", "date_published": "2026-11-23T10:00:00Z"},
 {"id": "h7", "title": "T7 big " + big[:5000], "url": "https://ok.example/big",
  "content_text": "big " + big + " theend", "date_published": "2026-11-22T10:00:00Z"},
 {"id": "h8", "title": "T8 newline", "url": "https://ok.example/n\nl m",
  "content_text": "nl link", "date_published": "2026-11-21T10:00:00Z"},
]
feed = {"version": "https://jsonfeed.org/version/1.1", "title": "HF " + ALL,
  "home_page_url": "https://ok.example/", "language": "en", "items": items}
json.dump(feed, open(os.path.join(d, "hostile.json"), "w"))
# ISO-8859-1: the bytes 0x80-0x9f are C1 controls there (or cp1252's).
x = (b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss version="2.0"><channel>'
     b'<title>L1 \x9b2JMKw \x9d2;MKx\x9c \x1b[2JMKy</title>'
     b'<link>https://ok.example/</link>'
     b'<item><title>L1 item \x9b31mMKz \x85 \x8d \x1b]52;c;eA==\x07MKA</title>'
     b'<link>https://ok.example/l1</link><guid>l1</guid>'
     b'<author>a\x9b2J@ok.example (\x1b[31mMKB)</author><category>c\x9b1m</category>'
     b'<enclosure url="https://ok.example/l1\x9bx.ogg" type="audio/ogg\x9b2J" length="10"/>'
     b'<description>desc \x9b2JMKC \x07 \x08</description></item></channel></rss>\n')
open(os.path.join(d, "latin1.xml"), "wb").write(x)
EOF
cat >"$TMPD/browser" <<EOF
#!/bin/sh
# Records its arguments, NUL-terminated, one call after another.
printf '%s\n' "\$#" >>"$TMPD/browser.n"
for a in "\$@"; do printf '%s\\0' "\$a"; done >>"$TMPD/browser.out"
EOF
chmod +x "$TMPD/browser"
cache=$TMPD/cache.db
urls=$TMPD/urls
cat >"$urls" <<EOF
file://$TMPD/hostile.json
file://$TMPD/latin1.xml
exec:sh -c 'printf "\\033]52;c;TUtjbGlw\\007\\033[2JMKerr \\033]2;MKE\\007\\n" >&2; exit 3'
EOF
"$AKHBAR" -u "$urls" -C "$cache" --reload >/dev/null 2>&1
tap_is $? 1 "the hostile feeds load; the exec: one fails"
tap_is "$(sqlq "$cache" "select count(*) from item")" 9 "... their 9 items stored"

# ---- recording the terminal ----
# The scanner: every escape sequence of the record, the strings (OSC, DCS,
# APC, PM, SOS) allowed when the harmless run sent them too.
cat >"$TMPD/scan.py" <<'EOF'
import re, sys
def load(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"Script started"):
        raw = raw[raw.index(b"\n") + 1:]
    i = raw.rfind(b"\nScript done")
    if i >= 0:
        raw = raw[:i]
    return raw
CSI = re.compile(r"\x1b\[([0-?]*)([ -/]*)([@-~])")
STR = re.compile(r"\x1b[P\]_^X](?:[^\x1b\x07]|\x1b(?!\\))*(?:\x1b\\|\x07)?")
def sgr_odd(params):
    # Blink, rapid blink or conceal: attributes akhbar never asks for.
    p = params.split(";")
    i = 0
    while i < len(p):
        if p[i] in ("38", "48", "58"):
            i += 3 if i + 1 < len(p) and p[i + 1] == "5" else 5
            continue
        if p[i] in ("5", "6", "8"):
            return True
        i += 1
    return False
def scan(s, allowed, bad):
    strings = set()
    st = s.find("\x1b")
    while st >= 0:
        c = CSI.match(s, st)
        if c:
            end = c.end()
            # curses moves, clears, scrolls, sets modes and attributes.
            if c.group(2) or c.group(3) not in "@ABCDEFGHJKLMPSTXZbdfhlmrsu":
                bad.append("CSI %r" % c.group())
            if c.group(3) == "m" and sgr_odd(c.group(1)):
                bad.append("SGR %r" % c.group())
        elif s[st + 1:st + 2] in ("P", "]", "_", "^", "X"):
            t = STR.match(s, st)
            end = t.end()
            strings.add(t.group())
            if allowed is not None and t.group() not in allowed:
                bad.append("string %r" % t.group()[:40])
        elif s[st + 1:st + 2] in ("(", ")", "*", "+"):
            end = st + 3
        elif s[st + 1:st + 2] in ("7", "8", "=", ">", "M", "D", "E", "H", "\\"):
            end = st + 2
        else:
            end = st + 2
            bad.append("ESC %r" % s[st:st + 8])
        if s.startswith("MK", end):
            bad.append("marker after an escape: %r" % s[st:end + 4])
        st = s.find("\x1b", end)
    return strings
mode = sys.argv[1]
raw = load(sys.argv[2])
bad = []
try:
    s = raw.decode("utf-8")
except UnicodeDecodeError as e:
    bad.append("invalid UTF-8: %r" % raw[max(0, e.start - 16):e.start + 16])
    s = raw.decode("utf-8", "replace")
if mode == "ref":
    for t in sorted(scan(s, None, bad)):
        print(repr(t))
    sys.exit(0)
allowed = set(eval(l) for l in open(sys.argv[3]) if l.strip())
for m in re.finditer("[\u0080-\u009f]", s):
    bad.append("C1 U+%04X" % ord(m.group()))
for m in re.finditer("[\x00-\x07\x0b\x0c\x10-\x1a\x1c-\x1f\x7f]", s):
    bad.append("C0 %r near %r" % (m.group(), s[max(0, m.start() - 12):m.start() + 12]))
for m in re.finditer("[\b\r]MK", s):
    bad.append("marker after a control: %r" % m.group())
scan(s, allowed, bad)
if "Sanitizer" in s or "runtime error:" in s:
    bad.append("a sanitizer report")
markers = len(re.findall("MK", s))
print("%d bytes, %d markers painted" % (len(raw), markers))
for b in bad[:20]:
    print("BAD " + b)
sys.exit(1 if bad or markers == 0 else 0)
EOF

# rec_start W H LOG ARGS...: akhbar ARGS in a fresh W x H tmux session
# (set-clipboard on, so that an OSC 52 would land in a buffer), under
# script(1) writing the terminal's bytes to LOG; its pid in $TMPD/ui.pid.
rec_start() {
	w=$1 h=$2 log=$3
	shift 3
	ui_gone
	ui_sockn=$((ui_sockn + 1))
	ui_sock=akhbar-ui-$$-$ui_sockn
	rm -f "$TMPD/ui.status" "$TMPD/ui.pid"
	{
		echo '#!/bin/sh'
		echo "echo \$\$ >'$TMPD/ui.pid'"
		echo "exec env ${UI_ENV:-} $(ui_quote "$AKHBAR" "$@")"
	} >"$TMPD/run.sh"
	chmod +x "$TMPD/run.sh"
	T new-session -d -s boot -x "$w" -y "$h" "sleep 600"
	T set -s set-clipboard on
	T set -g allow-rename off
	T new-session -d -s ui -x "$w" -y "$h" \
	    "script -q -f -c '$TMPD/run.sh' '$log'; echo \$? >$TMPD/ui.status; sleep 60"
}

# rec_stop: quit akhbar (Q), kill it if it did not go (script keeps the
# terminal open, so the end of tmux would not end it).
rec_stop() {
	ui_keys Q
	ui_exited 100
	if [ -s "$TMPD/ui.pid" ] && kill -0 "$(cat "$TMPD/ui.pid")" 2>/dev/null; then
		kill "$(cat "$TMPD/ui.pid")" 2>/dev/null
		ui_exited 40
	fi
}
trap 'rec_stop >/dev/null 2>&1; ui_gone; rm -rf "$TMPD"' EXIT INT TERM

# tmux_leaks: the buffers and pane title an escape could have set.
tmux_leaks() {
	T list-buffers -F '#{buffer_sample}' 2>/dev/null
	T display -p -t ui '#{pane_title}' 2>/dev/null | grep MK
}

# intact NAME: the screen's title bar and status line are akhbar's own.
intact() {
	ui_screen >"$TMPD/intact"
	sed -n 1p "$TMPD/intact" | grep -q '^ akhbar [0-9]' &&
	    [ "$(wc -l <"$TMPD/intact")" -eq 30 ] &&
	    sed -n 29,30p "$TMPD/intact" | grep -q "$2" &&
	    ! grep -q '^MK' "$TMPD/intact" &&
	    ! tr -d ' \n' <"$TMPD/intact" | grep -o '..MK[ij]' |
	    grep -qv 'abMKi\|xyMKj'
	r=$?
	tap_ok $r "$1: title bar, status line and rows intact"
	[ $r -eq 0 ] || sed 's/^/# |/' "$TMPD/intact"
}

# A harmless run first: the strings curses itself sends for this terminal.
ref=$TMPD/ref.cache
ui_fill "$ref" "$TMPD/ref.urls" english.xml arabic.xml
rec_start 100 30 "$TMPD/tty.ref" -u "$TMPD/ref.urls" -C "$ref"
ui_wait "Starred articles"
ui_keys End Enter
ui_wait "Title:" 60
ui_keys '?'
ui_wait "quit akhbar" 60
rec_stop
"$PYTHON3" "$TMPD/scan.py" ref "$TMPD/tty.ref" >"$TMPD/allowed"
tap_ok $? "a harmless session is recorded ($(wc -l <"$TMPD/allowed" | tr -d ' ') string sequences of curses' own)"

# A control: this tmux does act on OSC 52 and OSC 2, so their absence
# below means something.
ui_gone
T new-session -d -s boot "sleep 600"
T set -s set-clipboard on
T new-session -d -s ui "printf '\\033]52;c;TUtjdHJs\\007\\033]2;MKctl\\007'; sleep 60"
i=0
while [ -z "$(tmux_leaks)" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
control=$(tmux_leaks | tr '\n' ' ')
case $control in *MKctrl*MKctl*) have_control=1 ;; *) have_control=0 ;; esac
ui_gone

# ---- every view over the hostile feeds ----
UI_ENV="BROWSER=$TMPD/browser"
rec_start 100 30 "$TMPD/tty.1" -u "$urls" -C "$cache"
ui_wait "Starred articles"
ui_wait "command failed"
tap_ok $? "feed list: the exec: feed's error is shown"
intact "feed list" " 1/5 "
grep -q '^ !  *0/0  exec:sh' "$TMPD/intact"
tap_ok $? "... with its error mark"
grep -q 'HF \[2JMKa\[6nMKb\]52;c;TUtjbGlwMKc' "$TMPD/intact"
tap_ok $? "... the feed title shown with its escapes dropped, the text kept"
ui_keys j j Enter
ui_wait " 1/8 " 60
intact "article list" " 1/8 "
ui_keys Enter
ui_wait "Title:" 60
intact "article view" "%"
grep -q "^ Link: https://ok.example/one\[2JMKa" "$TMPD/intact"
tap_ok $? "... the link shown without its escape"
ui_keys Space
ui_wait "Links" 40
ui_screen >"$TMPD/body"
grep -q "^ \[[0-9]\] https://evil.example/ *$" "$TMPD/body"
tap_ok $? "... the link list at its end names the real target of a dressed-up link"
grep -q "https://bank.example/.*jpg.exe.* sh\[2\]" "$TMPD/body"
tap_ok $? "... an override in a link's text ends with it: the next link ('sh') is not turned"
grep -q "ent \[2JMKs 31mMKt MKu \]52;c;eA==MKv" "$TMPD/body"
tap_ok $? "... escapes written as character references are dropped too"
ui_keys u
ui_wait "[1]" 40
intact "link list" "1/"
ui_screen >"$TMPD/links"
grep -q '^ \[[0-9]\] https://evil.example/$' "$TMPD/links"
tap_ok $? "... the target behind 'https://bank.example/' shown as it is"
grep -q 'evil.example/%e2%80%ae\|gpj.exe' "$TMPD/links"
tap_ok $((! $?)) "... a link whose target holds U+202E is not offered"
grep -Eq 'javascript|file:|data:' "$TMPD/links"
tap_ok $((! $?)) "... nor javascript:, file: and data: links"
n=$(grep -c '^ \[[0-9]\] ' "$TMPD/links")
rm -f "$TMPD/browser.out" "$TMPD/browser.n"
# The shell-looking link: find its row, open it.
row=$(grep -n 'x;y\$(touch%20PWNED3)' "$TMPD/links" | head -n 1 | cut -d: -f1)
if [ -n "$row" ]; then
	k=2
	while [ $k -lt "$row" ]; do ui_keys j; k=$((k + 1)); done
	ui_keys Enter
	i=0
	while [ ! -s "$TMPD/browser.n" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
fi
tap_is "$(cat "$TMPD/browser.n" 2>/dev/null)|$(tr '\0' '\n' 2>/dev/null <"$TMPD/browser.out")" \
    "1|https://ok.example/x;y\$(touch%20PWNED3)&z='q'" \
    "link list: a link with ; \$() & and quotes reaches the browser as one argument ($n links)"
ui_keys q q
ui_wait " 1/8 " 40

# opened KEYS...: press KEYS, wait for the browser or a message; print
# the browser's argument count and arguments, one a line.
opened() {
	rm -f "$TMPD/browser.out" "$TMPD/browser.n"
	ui_keys "$@"
	i=0
	while [ ! -s "$TMPD/browser.n" ] && [ $i -lt 30 ]; do sleep 0.05; i=$((i + 1)); done
	printf '%s|' "$(cat "$TMPD/browser.n" 2>/dev/null)"
	tr '\0' '\n' 2>/dev/null <"$TMPD/browser.out"
}
link2=$(sqlq "$cache" "select link from item where guid = 'h2'")
tap_is "$(opened j o)" "1|$link2" \
    "o: a link with ; \$() backticks quotes and a space opens as one argument"
case $link2 in *'$(touch'*'`touch'*"'"*'"'*) r=0 ;; *) r=1 ;; esac
tap_ok $r "... the stored link keeps ; \$() backticks and quotes ($link2)"
for k in 3:javascript 4:file 5:data; do
	tap_is "$(opened j o)" "|" "o: a ${k#*:}: link is not opened"
	ui_wait "not a link akhbar opens" 20
	tap_ok $? "... and the message line says so"
	intact "message line (${k#*:}:)" "not a link akhbar opens.*${k#*:}:"
done
link6=$(sqlq "$cache" "select link from item where guid = 'h6'")
tap_is "$link6" "https://evil.example/%e2%80%aegpj.exe" \
    "a link with U+202E is stored percent-encoded, which cannot disguise it"
ui_keys j Enter
ui_wait "Title: T6" 40
ui_screen >"$TMPD/t6"
grep -q "^ Link: https://evil.example/%e2%80%aegpj.exe" "$TMPD/t6"
tap_ok $? "... and the article shows it so"
ui_keys q j Enter
ui_wait "Title: T7 big" 60
intact "article view (1 MB line)" "%"
ui_keys End
ui_wait "theend" 100
tap_ok $? "... its last screen reached, the end of the 1 MB line on it"
ui_keys q j
ui_wait " 8/8 " 40
tap_is "$(opened o)" "|" "o: a link with a line break (stored as a blank) is not opened"
ls "$TMPD"/PWNED* "$PWD"/PWNED* >/dev/null 2>&1
tap_ok $((! $?)) "no command in a link ran"
ui_keys q
ui_wait "Starred articles" 40
ui_keys '?'
ui_wait "quit akhbar" 40
intact "help" "."
ui_keys q
ui_wait "Starred articles" 40
ui_keys /
ui_type "shell"
ui_keys Enter
ui_wait "T2 shell" 60
tap_ok $? "search: the results show"
intact "search results" " 1/1 "
ui_keys q
ui_wait "Starred articles" 40
ui_keys End Enter
ui_wait "No articles here" 40
intact "the failed feed's article list" "0/0"
ui_keys q
ui_wait "Starred articles" 40
ui_keys End k Enter
ui_wait "L1 item" 40
ui_keys Enter
ui_wait "Title: L1 item" 40
intact "article view (ISO-8859-1)" "%"
rec_stop
"$PYTHON3" "$TMPD/scan.py" check "$TMPD/tty.1" "$TMPD/allowed" >"$TMPD/scan.out"
tap_ok $? "the bytes written to the terminal hold no injected sequence ($(head -n 1 "$TMPD/scan.out"))"
sed -n '2,$s/^/# /p' "$TMPD/scan.out"
leaks=$(tmux_leaks)
if [ $have_control -eq 1 ]; then
	tap_is "$leaks" "" "no OSC 52 reached the clipboard, no OSC 2 the pane title"
else
	tap_skip "this tmux acts on neither OSC 52 nor OSC 2 ($control)"
fi

# ---- a cache written by something else: raw escapes in every field ----
evil=$TMPD/evil.db
cp "$cache" "$evil"
X="char(27)||'[2JMKa'||char(27)||']52;c;TUtjbGlw'||char(7)||'MKc'||char(155)||'31mMKf'||char(27)||'P+q'||char(27)||'\\MKe'||'xy'||char(8)||char(13)||'MKj'||char(27)||']8;;http://evil.example/'||char(27)||'\\MKd'"
sqlq "$evil" "update item set title = title || $X, authors = $X,
    categories = $X, summary = 'S' || $X, content = '<p>C' || $X || '</p>'" >/dev/null
sqlq "$evil" "update feed set title = 'EV' || $X, error = 'E' || $X
    where title like 'HF%'" >/dev/null
sqlq "$evil" "update enclosure set type = 'audio/x' || $X" >/dev/null
sqlq "$evil" "update item set link = 'https://ok.example/a b' || char(10) ||
    'c;\$(touch PWNED4)' where guid = 'h2'" >/dev/null
sqlq "$evil" "update item set link = 'https://evil.example/' || char(8238) ||
    'gpj.exe' where guid = 'h6'" >/dev/null
sqlq "$evil" "update item set link = 'https://evil.example/' || char(155) ||
    '2J' where guid = 'h7'" >/dev/null
rec_start 100 30 "$TMPD/tty.2" -u "$urls" -C "$evil"
ui_wait "Starred articles"
intact "raw cache: feed list" " 1/5 "
grep -q '^ !  *[0-9]*/8  EV\[2JMKa\]52;c;TUtjbGlwMKc31mMKfP+q\\MKexy' "$TMPD/intact"
tap_ok $? "... the feed's raw title and error mark shown, the escapes dropped"
ui_keys j j Enter
ui_wait " 1/8 " 60
intact "raw cache: article list" " 1/8 "
ui_keys Enter
ui_wait "Title:" 60
intact "raw cache: article view" "%"
ui_keys u
ui_wait "Links" 40
intact "raw cache: link list" "."
ui_keys q q
ui_wait " 1/8 " 40
tap_is "$(opened j o)" "|" "o: a stored link with a space and a line break is not opened"
ui_wait "not a link akhbar opens" 20
intact "raw cache: its message" "not a link akhbar opens"
tap_is "$(opened j j j j o)" "|" "o: a stored link with U+202E in it is not opened"
tap_is "$(opened j o)" "|" "o: a stored link with a C1 control in it is not opened"
intact "raw cache: its message" "not a link akhbar opens"
rec_stop
"$PYTHON3" "$TMPD/scan.py" check "$TMPD/tty.2" "$TMPD/allowed" >"$TMPD/scan.out"
tap_ok $? "raw cache: the terminal got no injected sequence ($(head -n 1 "$TMPD/scan.out"))"
sed -n '2,$s/^/# /p' "$TMPD/scan.out"
ls "$TMPD"/PWNED* "$PWD"/PWNED* >/dev/null 2>&1
tap_ok $((! $?)) "raw cache: no command in a link ran"

# ---- a browser setting with %s: the link is one word, in its place ----
printf 'browser "%s --url=%%s --then"\n' "$TMPD/browser" >"$TMPD/browser.conf"
UI_ENV=
rec_start 100 30 "$TMPD/tty.3" -c "$TMPD/browser.conf" -u "$urls" -C "$cache"
ui_wait "Starred articles"
ui_keys j j Enter
ui_wait " 1/8 " 60
tap_is "$(opened j o)" "$(printf '2|--url=%s\n--then' "$link2")" \
    "browser \"... --url=%s ...\": the link is put in its word, one argument"
rec_stop
ls "$TMPD"/PWNED* "$PWD"/PWNED* >/dev/null 2>&1
tap_ok $((! $?)) "... and nothing in it ran"
ui_done
