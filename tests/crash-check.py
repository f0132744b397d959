#!/usr/bin/env python3
"""The checks of tests/test-crash.sh after each SIGKILL of akhbar.

    crash-check.py plan SEED TRIALS RELOAD_MS
        one line per trial: its number, its kind and the delay (ms) before
        the kill, drawn from SEED alone
    crash-check.py storm FILE N
        write an RSS feed of N items titled storm-0000 ... (newest first)
    crash-check.py premark DB read|star
        the ids of the items a trial's cache starts with marked (every
        7th read, every 11th starred), for akhbar --mark-read / --star
    crash-check.py snap DB OUT
        write the cache's items (guid, unread, starred) to OUT
    crash-check.py check DB SNAP [--full TOTAL] [CAPTURE...]
        after a kill: the cache passes PRAGMA integrity_check, every item
        of SNAP is still there, SNAP's read items are still read and its
        starred ones still starred (the trials only mark read and star,
        never the other way), and every change the captures of the screen
        showed as done is in the cache; with --full, also exactly TOTAL
        items with no guid twice in a feed (after a complete reload)

A capture is a `tmux capture-pane -p` of the interface: an article list
row " N* Nov 01   storm-0007" (N: unread, *: starred) or a feed list row
" N     0/100  big-0003". Shown as done: a storm-NNNN row without its N
(read) or with its * (starred), and a big-NNNN row whose unread count is
0 of a total above 0 (every article of the feed read).

Prints one "key=value" line per figure and a "LOST ..." line per change
that did not survive; exits 1 when anything is wrong.
"""

import email.utils
import os
import random
import re
import sqlite3
import sys

KINDS = ("reload", "storm", "storm+reload", "feeds+reload")
STORM_ROW = re.compile(r"^ ([N ])([* ]) .*\bstorm-(\d{4})\s*$")
FEED_ROW = re.compile(r"^ ([N ]) +(\d+)/(\d+)  +big-(\d{4})\b")


def plan(seed, trials, reload_ms):
    rng = random.Random(int(seed))
    for t in range(int(trials)):
        kind = KINDS[t % len(KINDS)]
        if kind == "reload":
            delay = rng.randint(50, max(100, int(reload_ms)))
        else:
            delay = rng.randint(100, 1500)
        print(t + 1, kind, delay)


def storm(path, n):
    items = []
    for i in range(int(n)):
        # One minute apart, newest first: the list shows them in order.
        t = 1793534400 - 60 * i
        items.append(
            "<item><title>storm-%04d</title>"
            "<link>https://crash.test/s/%d</link>"
            "<guid isPermaLink=\"false\">urn:crash:s:%d</guid>"
            "<pubDate>%s</pubDate><description>storm %d</description>"
            "</item>" % (i, i, i, email.utils.formatdate(t), i))
    with open(path, "w") as f:
        f.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                "<title>Storm</title><link>https://crash.test/</link>"
                + "".join(items) + "</channel></rss>\n")


def premark(db, which):
    con = sqlite3.connect(db)
    step = 7 if which == "read" else 11
    ids = [r[0] for r in con.execute(
        "SELECT id FROM item WHERE guid NOT LIKE 'urn:crash:s:%%'"
        " AND id %% %d = 0 ORDER BY id" % step)]
    print(" ".join(str(i) for i in ids))


def snap(db, out):
    con = sqlite3.connect(db)
    with open(out, "w") as f:
        for guid, unread, starred in con.execute(
                "SELECT guid, unread, starred FROM item ORDER BY id"):
            f.write("%s %d %d\n" % (guid, unread, starred))


def shown(paths):
    """The changes the captures showed as done."""
    read, starred, feeds = set(), set(), set()
    for p in paths:
        if not os.path.isfile(p):
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                m = STORM_ROW.match(line)
                if m:
                    n = int(m.group(3))
                    if m.group(1) == " ":
                        read.add(n)
                    if m.group(2) == "*":
                        starred.add(n)
                    continue
                m = FEED_ROW.match(line)
                if m and int(m.group(2)) == 0 and int(m.group(3)) > 0:
                    feeds.add(int(m.group(4)))
    return read, starred, feeds


def check(db, snapf, full, caps):
    bad = []
    con = sqlite3.connect(db)
    integ = [r[0] for r in con.execute("PRAGMA integrity_check")]
    print("integrity=%s" % ",".join(integ)[:200])
    if integ != ["ok"]:
        bad.append("integrity_check: %s" % ",".join(integ)[:200])
    now = {}
    for guid, unread, starred in con.execute(
            "SELECT guid, unread, starred FROM item"):
        now[guid] = (unread, starred)
    before = {}
    with open(snapf) as f:
        for line in f:
            g, u, s = line.split()
            before[g] = (int(u), int(s))
    lost = [g for g in before if g not in now]
    print("stored=%d present=%d" % (len(before), len(before) - len(lost)))
    for g in lost[:10]:
        bad.append("item %s" % g)
    unmarked = [g for g, (u, s) in before.items() if g in now and
                ((u == 0 and now[g][0] != 0) or (s == 1 and now[g][1] != 1))]
    print("premarked=%d" % sum(1 for u, s in before.values()
                               if u == 0 or s == 1))
    for g in unmarked[:10]:
        bad.append("mark of %s: was %s, now %s" % (g, before[g], now[g]))
    read, starred, feeds = shown(caps)
    for n in sorted(read):
        st = now.get("urn:crash:s:%d" % n)
        if st is None or st[0] != 0:
            bad.append("storm-%04d shown read, cache says %s" % (n, st))
    for n in sorted(starred):
        st = now.get("urn:crash:s:%d" % n)
        if st is None or st[1] != 1:
            bad.append("storm-%04d shown starred, cache says %s" % (n, st))
    for n in sorted(feeds):
        row = con.execute(
            "SELECT count(*), coalesce(sum(unread <> 0), 0) FROM item"
            " WHERE feed_id = (SELECT id FROM feed WHERE url LIKE ?)",
            ("%%/feed-%04d.xml" % n,)).fetchone()
        if row[0] == 0 or row[1] != 0:
            bad.append("big-%04d shown all read, cache has %d unread of %d"
                       % (n, row[1], row[0]))
    print("shown_read=%d shown_starred=%d shown_feeds_read=%d"
          % (len(read), len(starred), len(feeds)))
    if full is not None:
        total = len(now)
        dups = con.execute(
            "SELECT count(*) FROM (SELECT feed_id, guid FROM item"
            " GROUP BY feed_id, guid HAVING count(*) > 1)").fetchone()[0]
        print("total=%d duplicates=%d" % (total, dups))
        if total != full:
            bad.append("%d items after a full reload, %d expected"
                       % (total, full))
        if dups:
            bad.append("%d guids twice in a feed" % dups)
    for b in bad:
        print("LOST " + b)
    return 1 if bad else 0


def main():
    a = sys.argv[1:]
    if a[0] == "plan":
        plan(a[1], a[2], a[3])
        return 0
    if a[0] == "storm":
        storm(a[1], a[2])
        return 0
    if a[0] == "premark":
        premark(a[1], a[2])
        return 0
    if a[0] == "snap":
        snap(a[1], a[2])
        return 0
    db, snapf, rest = a[1], a[2], a[3:]
    full = None
    if rest[:1] == ["--full"]:
        full = int(rest[1])
        rest = rest[2:]
    return check(db, snapf, full, rest)


if __name__ == "__main__":
    sys.exit(main())
