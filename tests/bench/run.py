#!/usr/bin/env python3
"""akhbar's benchmark: `make bench` runs this (issue 7).

    run.py --akhbar build/src/akhbar --data build/bench-data [--runs 3]
           [--size default|small] [--newsboat auto|no|install|PATH]
           [--bench-db PATH] [--bench-layout PATH] [--bench-article PATH]
           [--only NAME,...]

Generates the data once (tests/bench/gen-feeds.py, reused between runs),
serves it over loopback, and runs each scenario --runs times, printing the
median and the spread (min-max) of wall time, CPU (user+sys) and peak RSS
beside the target from the issues. Scenarios whose akhbar feature has not
landed print "not yet available" instead of a figure. When newsboat is
installed the scenarios it supports run against it on the same data, and
akhbar/newsboat ratios are printed.

The benchmark reports; it never fails. Exit status is 0 unless the command
line is wrong. A machine-readable copy goes to DATA/results.tsv.

Measurement: each run is one child process; its CPU and peak RSS come from
wait4(2) (the kernel's rusage of that child), its wall time from a
monotonic clock around fork and reap. Nothing outside Python's standard
library is needed.
"""

import argparse
import collections
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Data-set sizes: (feeds, items per feed).
SIZES = {
    "default": {"reload_small": (200, 50), "reload_big": (100, 1000),
                "cache_small": 100000, "cache_big": 1000000},
    "small": {"reload_small": (20, 50), "reload_big": (10, 1000),
              "cache_small": 10000, "cache_big": 100000},
}

MB = 1e6


# ---------------------------------------------------------------- measuring

class Run:
    """One measured child process."""

    def __init__(self, wall, user, sys_, rss_kb, rc, out, err):
        self.wall = wall
        self.user = user
        self.sys = sys_
        self.cpu = user + sys_
        self.rss_mb = rss_kb / 1024.0
        self.rc = rc
        self.out = out
        self.err = err


def measure(cmd, env=None, cwd=None, stdout=None, timeout=1800,
            stderr_through=False):
    """Run cmd, return a Run with its wall time, CPU and peak RSS."""
    out_f = tempfile.TemporaryFile() if stdout is None else stdout
    err_f = None if stderr_through else tempfile.TemporaryFile()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=out_f, stderr=err_f)
    # Block in wait4 (a timer kills a run past its timeout): polling for
    # the child every few milliseconds took CPU from the measured run on
    # a 2-core machine, and its own figures rose by a fifth.
    timer = threading.Timer(timeout, p.kill)
    timer.start()
    try:
        pid, status, ru = os.wait4(p.pid, 0)
    finally:
        timer.cancel()
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    out = b""
    if stdout is None:
        out_f.seek(0)
        out = out_f.read()
        out_f.close()
    err = b""
    if err_f is not None:
        err_f.seek(0)
        err = err_f.read()
        err_f.close()
    return Run(wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, p.returncode,
               out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def spread(vals):
    """(median, min, max) of a list of numbers."""
    return statistics.median(vals), min(vals), max(vals)


# ---------------------------------------------------------------- serving

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    """The loopback HTTP server over the data directory.

    tests/feedserver.py (ETag + Last-Modified, 304 on either) when the tree
    has it, else python3 -m http.server (Last-Modified, 304 on
    If-Modified-Since). conditional() tells how many requests since the
    last mark() were answered, or asked, conditionally.
    """

    def __init__(self, root, logdir):
        self.root = root
        self.log = os.path.join(logdir, "server.log")
        open(self.log, "w").close()
        fs = os.path.join(HERE, "..", "feedserver.py")
        if os.path.exists(fs):
            self.kind = "tests/feedserver.py"
            self.p = subprocess.Popen(
                [sys.executable, fs, "--port", "0", "--root", root,
                 "--log", self.log],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL)
            self.port = int(self.p.stdout.readline())
        else:
            self.kind = "python3 -m http.server"
            self.port = free_port()
            self.logf = open(self.log, "a")
            self.p = subprocess.Popen(
                [sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                 "--directory", root, str(self.port)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=self.logf)
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", self.port),
                                             0.1).close()
                    break
                except OSError:
                    time.sleep(0.02)
        self.offset = 0

    def mark(self):
        self.offset = os.path.getsize(self.log)

    def conditional(self):
        """(requests, conditional ones) since mark()."""
        with open(self.log, "rb") as f:
            f.seek(self.offset)
            data = f.read().decode("utf-8", "replace")
        n = c = 0
        for line in data.splitlines():
            if self.kind == "tests/feedserver.py":
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                n += 1
                h = rec.get("headers", {})
                if "if-none-match" in h or "if-modified-since" in h:
                    c += 1
            else:
                m = re.search(r'"[A-Z]+ [^"]*" (\d{3})', line)
                if m:
                    n += 1
                    c += m.group(1) == "304"
        return n, c

    def stop(self):
        try:
            self.p.terminate()
            self.p.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            self.p.kill()


# ---------------------------------------------------------------- results

class Results:
    def __init__(self, tsv_path):
        self.rows = []
        self.tsv_path = tsv_path

    def add(self, scenario, reader, runs=None, figure=None, unit="",
            target=None, met=None, note=""):
        self.rows.append({"scenario": scenario, "reader": reader,
                          "runs": runs or [], "figure": figure, "unit": unit,
                          "target": target, "met": met, "note": note})
        self.print_row(self.rows[-1])

    @staticmethod
    def fmt_spread(vals, fmt):
        if not vals:
            return "-"
        med, lo, hi = spread(vals)
        if len(vals) == 1:
            return fmt % med
        return (fmt % med) + " (" + (fmt % lo) + "–" + (fmt % hi) + ")"

    def print_row(self, r):
        runs = r["runs"]
        wall = self.fmt_spread([x.wall for x in runs], "%.3f")
        cpu = self.fmt_spread([x.cpu for x in runs], "%.3f")
        rss = self.fmt_spread([x.rss_mb for x in runs], "%.1f")
        fig = "" if r["figure"] is None else (fmt_num(r["figure"]) + " "
                                              + r["unit"])
        met = {True: "MET", False: "NOT MET", None: ""}[r["met"]]
        tgt = r["target"] or ""
        print("%-44s %-8s" % (r["scenario"], r["reader"]), flush=True)
        if runs:
            print("    runs %d  wall s %s  cpu s %s  peak RSS MB %s"
                  % (len(runs), wall, cpu, rss))
        if fig or tgt:
            print("    %s%s%s" % (fig, ("   target " + tgt) if tgt else "",
                                  ("   " + met) if met else ""))
        if r["note"]:
            print("    " + r["note"])
        sys.stdout.flush()

    def write_tsv(self):
        cols = ("scenario", "reader", "runs", "wall_med", "wall_min",
                "wall_max", "cpu_med", "cpu_min", "cpu_max", "rss_mb_med",
                "rss_mb_min", "rss_mb_max", "figure", "unit", "target",
                "met", "note")
        with open(self.tsv_path, "w") as f:
            f.write("\t".join(cols) + "\n")
            for r in self.rows:
                v = [r["scenario"], r["reader"], str(len(r["runs"]))]
                for key in ("wall", "cpu", "rss_mb"):
                    vals = [getattr(x, key) for x in r["runs"]]
                    v += ["%.4f" % x for x in spread(vals)] if vals \
                        else ["", "", ""]
                v.append("" if r["figure"] is None else "%.6g" % r["figure"])
                v += [r["unit"], r["target"] or "",
                      {True: "met", False: "not met", None: ""}[r["met"]],
                      r["note"]]
                f.write("\t".join(x.replace("\t", " ") for x in v) + "\n")

    def cells(self, r):
        """The row's table cells: wall, CPU, RSS, figure, target, met."""
        runs = r["runs"]
        c = [self.fmt_spread([x.wall for x in runs], "%.3f"),
             self.fmt_spread([x.cpu for x in runs], "%.3f"),
             self.fmt_spread([x.rss_mb for x in runs], "%.1f")]
        fig = "" if r["figure"] is None else (fmt_num(r["figure"]) + " "
                                              + r["unit"].split(";")[0])
        c += [fig, r["target"] or "",
              {True: "met", False: "NOT MET", None: ""}[r["met"]]]
        if not runs and r["note"] and r["figure"] is None:
            c[0] = r["note"]
            c[1] = c[2] = ""
        return c

    def table(self):
        """The summary table for a terminal."""
        head = ("scenario", "reader", "wall s", "CPU s", "peak RSS MB",
                "figure", "target", "")
        rows = [head] + [tuple([r["scenario"], r["reader"]] + self.cells(r))
                         for r in self.rows]
        w = [max(len(x[i]) for x in rows if x[2] == x[2].strip()
                 and (i != 2 or x[3] or x is head)) for i in range(8)]
        w[2] = max(len(x[2]) for x in rows if x[3] or x is head)
        out = []
        for x in rows:
            if not x[3] and not x[5] and x is not head and x[2]:
                out.append("%-*s  %-*s  %s" % (w[0], x[0], w[1], x[1], x[2]))
                continue
            out.append("  ".join("%-*s" % (w[i], x[i]) for i in range(8))
                       .rstrip())
        return "\n".join(out)

    def markdown(self):
        """The same table as Markdown, for doc/performance.md."""
        out = ["| scenario | reader | runs | wall s | CPU s | peak RSS MB "
               "| figure | target | met | note |",
               "|---|---|---|---|---|---|---|---|---|---|"]
        for r in self.rows:
            c = self.cells(r)
            if not r["runs"]:
                c = ["—", "—", "—"] + c[3:]
            c[-1] = c[-1].replace("NOT MET", "**not met**")
            scen = r["scenario"]
            if scen.startswith("  "):
                scen = "↳ " + scen.strip()
            out.append("| " + " | ".join(
                [scen, r["reader"], str(len(r["runs"]) or "—")] +
                c + [r["note"].replace("|", "/")]) + " |")
        return "\n".join(out) + "\n"

    def find(self, scenario, reader):
        for r in self.rows:
            if r["scenario"] == scenario and r["reader"] == reader:
                return r
        return None


def driver_marks(out):
    """bench-reload's "name value" lines as a dict of floats."""
    m = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 2:
            try:
                m[f[0]] = float(f[1])
            except ValueError:
                pass
    return m


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def fmt_num(x):
    if x == int(x) and abs(x) < 1e9:
        return "%d" % x
    if x >= 100:
        return "%.0f" % x
    if x >= 10:
        return "%.1f" % x
    if x >= 0.1:
        return "%.2f" % x
    return "%.3g" % x


# ---------------------------------------------------------------- readers

class Akhbar:
    name = "akhbar"

    def __init__(self, path):
        self.path = os.path.abspath(path)
        try:
            self.help = subprocess.run([self.path, "--help"],
                                       capture_output=True, text=True,
                                       timeout=30).stdout
        except OSError:
            self.help = ""

    def has(self, opt):
        return re.search(r"(^|\s)" + re.escape(opt) + r"\b", self.help) \
            is not None

    def env(self, home):
        e = dict(os.environ)
        e.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
                 XDG_DATA_HOME=os.path.join(home, "data"), LC_ALL="C.UTF-8")
        return e

    def reload_cmd(self, urls, state):
        return [self.path, "-u", urls, "-C",
                os.path.join(state, "cache.db"), "--reload"]

    def unread_cmd(self, urls, state):
        return [self.path, "-u", urls, "-C",
                os.path.join(state, "cache.db"), "--unread-count"]


class Newsboat:
    name = "newsboat"
    threads = 8

    def __init__(self, path):
        self.path = path
        v = subprocess.run([path, "--version"], capture_output=True,
                           text=True).stdout.split("\n")[0]
        self.version = v.split(" - ")[0].strip()

    def env(self, home):
        e = dict(os.environ)
        e.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
                 XDG_DATA_HOME=os.path.join(home, "data"), LC_ALL="C.UTF-8")
        return e

    def config(self, state):
        c = os.path.join(state, "newsboat.conf")
        if not os.path.exists(c):
            with open(c, "w") as f:
                f.write("reload-threads %d\n" % self.threads)
                f.write("download-timeout 120\n")
                f.write("show-read-feeds yes\n")
        return c

    def reload_cmd(self, urls, state):
        return [self.path, "-u", urls, "-c",
                os.path.join(state, "cache.db"), "-C", self.config(state),
                "-x", "reload"]

    def unread_cmd(self, urls, state):
        return [self.path, "-u", urls, "-c",
                os.path.join(state, "cache.db"), "-C", self.config(state),
                "-x", "print-unread"]


def find_newsboat(how):
    """The newsboat binary, installing the Debian package if asked/able."""
    if how == "no":
        return None, "newsboat comparison disabled (BENCH_NEWSBOAT=no)"
    if how not in ("auto", "install"):
        if os.access(how, os.X_OK):
            return how, ""
        return None, "newsboat not found at %s" % how
    nb = shutil.which("newsboat")
    if nb:
        return nb, ""
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("bench: newsboat is not installed; installing the Debian "
              "package for the side-by-side comparison", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for cmd in (["apt-get", "install", "-y", "-qq",
                     "--no-install-recommends", "newsboat"],
                    ["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq",
                     "--no-install-recommends", "newsboat"]):
            r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            if cmd[1] == "install" and r.returncode == 0:
                break
        nb = shutil.which("newsboat")
        if nb:
            return nb, ""
        return None, "newsboat could not be installed (apt-get failed): " \
            "comparison skipped"
    return None, ("newsboat is not installed and this is not root with "
                  "apt-get: comparison skipped (apt-get install newsboat)")


# ---------------------------------------------------------------- scenarios

NOT_LANDED = "not yet available: %s has not landed"


class Bench:
    def __init__(self, a):
        self.a = a
        self.size = SIZES[a.size]
        self.data = os.path.abspath(a.data)
        self.work = os.path.join(self.data, "work")
        os.makedirs(self.work, exist_ok=True)
        self.res = Results(os.path.join(self.data, "results.tsv"))
        self.akhbar = Akhbar(a.akhbar)
        nb, why = find_newsboat(a.newsboat)
        self.newsboat = Newsboat(nb) if nb else None
        self.nb_note = why
        self.server = None
        self.full = a.size == "default"

    def target(self, text):
        """Targets are for the default sizes only."""
        return text if self.full else None

    def gen(self, name, feeds, items):
        subprocess.run([sys.executable, os.path.join(HERE, "gen-feeds.py"),
                        "--out", os.path.join(self.data, "feeds"),
                        "--name", name, "--feeds", str(feeds),
                        "--items", str(items)], check=True)
        d = os.path.join(self.data, "feeds", name)
        with open(os.path.join(d, "stamp.json")) as f:
            return d, json.load(f)["bytes"]

    def urls(self, name, feeds, state):
        """A urls file for this run pointing at the live server's port."""
        p = os.path.join(state, "urls")
        with open(p, "w") as f:
            for n in range(feeds):
                f.write("http://127.0.0.1:%d/%s/feed-%04d.xml\n"
                        % (self.server.port, name, n))
        return p

    def fresh(self, tag):
        d = os.path.join(self.work, tag)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(os.path.join(d, "home"))
        return d

    def readers(self):
        r = [self.akhbar]
        if self.newsboat:
            r.append(self.newsboat)
        return r

    # -- parse ---------------------------------------------------------
    def parse(self):
        feeds, items = self.size["reload_big"]
        d, _ = self.gen("reload-%dx%d" % (feeds, items), feeds, items)
        for fmt, n in (("RSS 2.0", 0), ("Atom", 1)):
            path = os.path.join(d, "feed-%04d.xml" % n)
            size = os.path.getsize(path)
            scen = "parse %s, %d items (%.1f MB)" % (fmt, items, size / MB)
            if not self.akhbar.has("--parse"):
                self.res.add(scen, "akhbar", note=NOT_LANDED % "--parse")
                continue
            runs = []
            with open(os.devnull, "wb") as null:
                for _ in range(self.a.runs):
                    runs.append(measure([self.akhbar.path, "--parse", path],
                                        env=self.akhbar.env(self.work),
                                        stdout=null))
            bad = [r for r in runs if r.rc != 0]
            cpu = statistics.median(r.cpu for r in runs)
            wall = statistics.median(r.wall for r in runs)
            self.res.add(scen, "akhbar", runs, figure=size / MB / max(cpu, 1e-6),
                         unit="MB/s (CPU); %.0f MB/s wall"
                         % (size / MB / max(wall, 1e-6)),
                         note=("exit %d: %s" % (bad[0].rc,
                                                bad[0].err.strip()[:200])
                               if bad else "akhbar --parse FILE >/dev/null "
                               "(includes writing the JSON)"))

    # -- reload --------------------------------------------------------
    def reload(self, which):
        feeds, items = self.size[which]
        name = "reload-%dx%d" % (feeds, items)
        d, nbytes = self.gen(name, feeds, items)
        total = feeds * items
        big = which == "reload_big"
        first = "first reload %d×%d (%.0f MB)" % (feeds, items, nbytes / MB)
        second = "second reload %d×%d, all 304" % (feeds, items)
        unread = "unread count after reload %d×%d" % (feeds, items)
        for rd in self.readers():
            drv = rd is self.akhbar and self.a.bench_reload and \
                os.access(self.a.bench_reload, os.X_OK)
            if rd is self.akhbar and not rd.has("--reload") and not drv:
                for scen in (first, unread) + (() if big else (second,)):
                    self.res.add(scen, "akhbar",
                                 note=NOT_LANDED % "--reload")
                continue
            nruns = min(self.a.runs, self.a.big_runs) if big \
                else self.a.runs
            runs, marks, counts = [], [], []
            state = urls = None
            for i in range(nruns):
                state = self.fresh("%s-%s" % (rd.name, which))
                urls = self.urls(name, feeds, state)
                self.server.mark()
                if drv:
                    r = measure([os.path.abspath(self.a.bench_reload), urls,
                                 os.path.join(state, "cache.db")],
                                env=rd.env(os.path.join(state, "home")))
                    marks.append(driver_marks(r.out))
                else:
                    r = measure(rd.reload_cmd(urls, state),
                                env=rd.env(os.path.join(state, "home")))
                runs.append(r)
                counts.append(self.server.conditional()[0])
            note = self.check_rc(runs)
            how = ""
            if rd is self.newsboat:
                how = "newsboat -x reload, reload-threads %d; " % rd.threads
            elif drv:
                how = ("tests/bench/bench-reload (the poller, parser and "
                       "cache code of akhbar --reload) until the index is "
                       "complete; ")
            else:
                how = "akhbar --reload; "
            tgt = met = None
            if rd is self.akhbar and big:
                tgt = self.target("peak RSS ≤ 40 MB")
                if tgt and not note:
                    met = statistics.median(r.rss_mb for r in runs) <= 40
            mem = ""
            anon = [m["end_anon_peak_kb"] for m in marks
                    if "end_anon_peak_kb" in m]
            fil = [m["end_file_peak_kb"] for m in marks
                   if "end_file_peak_kb" in m]
            if anon and fil:
                mem = ("; of the peak RSS, private memory (RssAnon) peaked "
                       "at %.1f MB and mapped cache-file pages (RssFile) at "
                       "%.1f MB" % (statistics.median(anon) / 1024,
                                    statistics.median(fil) / 1024))
            self.res.add(first, rd.name, runs, figure=total / max(
                statistics.median(r.wall for r in runs), 1e-6),
                unit="items/s wall", target=tgt, met=met,
                note=how + (note + "; " if note else "") +
                "requests per run: %s" % ",".join(map(str, counts)) + mem)
            if drv:
                self.split(feeds, items, runs, marks, big)
            # Listable: the reader's own count of what it stored.
            self.unread(rd, unread, urls, state, total)
            if rd is self.akhbar and rd.has("--search"):
                self.search(urls, state, total)
            if not big:
                cmd = rd.reload_cmd(urls, state)
                if drv and not rd.has("--reload"):
                    cmd = [os.path.abspath(self.a.bench_reload), urls,
                           os.path.join(state, "cache.db")]
                self.second(rd, second, cmd, state)
                if drv:
                    self.repeated(feeds, items, urls)
            if big and self.a.first_screen and (rd is self.newsboat or
                                               rd.has("--demo")):
                self.first_screen(rd, urls, state, total)

    def split(self, feeds, items, runs, marks, big):
        """akhbar's first reload cut at 'listable' and 'index complete'."""
        ok = [m for m in marks if "listable_cpu" in m]
        scen = "  until every item is listable"
        if not ok:
            self.res.add(scen, "akhbar",
                         note="bench-reload printed no figures")
            return
        lst = [Run(m["listable_wall"], m["listable_cpu"], 0.0,
                   m.get("listable_rss_kb", 0), 0, "", "") for m in ok]
        tgt = met = None
        if not big:
            tgt = self.target("CPU ≤ 0.5 s, peak RSS ≤ 30 MB")
            if tgt:
                met = (statistics.median(r.cpu for r in lst) <= 0.5 and
                       statistics.median(r.rss_mb for r in runs) <= 30)
        self.res.add(scen, "akhbar", lst, figure=statistics.median(
            m.get("new_items", 0) for m in ok), unit="items stored",
            target=tgt, met=met,
            note="at the poller's FINISHED event: all committed; "
            "peak RSS target checked on the whole run (%.1f MB)"
            % statistics.median(r.rss_mb for r in runs) +
            ("; private memory (RssAnon) peak so far %.1f MB" %
             (statistics.median(m["listable_anon_peak_kb"] for m in ok)
              / 1024) if all("listable_anon_peak_kb" in m for m in ok)
             else ""))
        idx = [Run(m["indexed_wall"] - m["listable_wall"],
                   m["indexed_cpu"] - m["listable_cpu"], 0.0,
                   m.get("indexed_rss_kb", 0), 0, "", "")
               for m in ok if "indexed_cpu" in m]
        scen = "  then until the full-text index is complete"
        if not idx:
            self.res.add(scen, "akhbar", note="no INDEXED event seen")
            return
        tgt = met = None
        if not big:
            tgt = self.target("CPU ≤ 1.5 s")
            if tgt:
                met = statistics.median(r.cpu for r in idx) <= 1.5
        self.res.add(scen, "akhbar", idx, target=tgt, met=met,
                     note="from FINISHED to the INDEXED event; RSS is the "
                     "peak so far")

    def search(self, urls, state, total):
        """akhbar --search on the reloaded cache (issue 20, item 2).

        A word in about 1% of the items; a common word, every match
        printed; and a common word with a urls file whose feeds the cache
        does not hold (the same feeds on another port: what a urls file
        edited since the last reload, or a benchmark run on a new port,
        looks like), which must answer without reading the matches.
        """
        cache = os.path.join(state, "cache.db")
        env = self.akhbar.env(os.path.join(state, "home"))
        word = "الجيش"
        scen = "search '%s', %d-item cache (CLI)" % (word, total)
        runs = [measure([self.akhbar.path, "-u", urls, "-C", cache,
                         "--search", word], env=env)
                for _ in range(self.a.runs)]
        n = len([x for x in runs[-1].out.splitlines() if x.strip()])
        self.res.add(scen, "akhbar", runs, figure=n, unit="lines printed",
                     note=self.check_rc(runs) or "whole process: open, "
                     "query, print; the 50-result query time is in the "
                     "cache rows")
        word = "الحكومة"
        scen = "  every match of a common word '%s'" % word
        # To a file, counted from there: holding tens of MB of output
        # here would raise this process's RSS, which the kernel counts in
        # each child's peak (the child is forked from it).
        outp = os.path.join(state, "search.out")
        runs = []
        for _ in range(self.a.runs):
            with open(outp, "wb") as f:
                runs.append(measure([self.akhbar.path, "-u", urls, "-C",
                                     cache, "--search", word], env=env,
                                    stdout=f))
        n = 0
        with open(outp, "rb") as f:
            for _ in f:
                n += 1
        os.unlink(outp)
        tgt = self.target("wall ≤ 1 s, peak RSS ≤ 30 MB (for 58 836)")
        met = None
        if tgt and not self.check_rc(runs):
            met = (statistics.median(r.wall for r in runs) <= 1.0 and
                   statistics.median(r.rss_mb for r in runs) <= 30)
        self.res.add(scen, "akhbar", runs, figure=n, unit="lines printed",
                     target=tgt, met=met,
                     note=self.check_rc(runs) or "whole process: open, "
                     "query, print every match to a file; CPU is user+sys; "
                     "peak RSS is wait4's, which counts the RSS of the "
                     "benchmark's own process at the fork (some 20 MB) "
                     "as a floor")
        other = os.path.join(state, "urls-elsewhere")
        with open(urls) as f, open(other, "w") as g:
            for line in f:
                g.write(re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:1", line))
        scen = "  '%s', none of the urls file's feeds cached" % word
        runs = [measure([self.akhbar.path, "-u", other, "-C", cache,
                         "--search", word], env=env)
                for _ in range(self.a.runs)]
        n = len([x for x in runs[-1].out.splitlines() if x.strip()])
        tgt = self.target("wall ≤ 50 ms")
        met = None
        if tgt and not self.check_rc(runs):
            met = n == 0 and statistics.median(r.wall for r in runs) <= 0.05
        self.res.add(scen, "akhbar", runs, figure=n, unit="lines printed",
                     target=tgt, met=met,
                     note=self.check_rc(runs) or "the same feeds on another "
                     "port: the urls file lists none of the cache's feeds, "
                     "which match it tens of thousands of times; the "
                     "restriction is in the query (bench-db's "
                     "search_nothing_in_feeds is the case of listed feeds "
                     "without a match)")

    def check_rc(self, runs):
        bad = [r for r in runs if r.rc != 0]
        if not bad:
            return ""
        return "exit %d in %d of %d runs: %s" % (
            bad[0].rc, len(bad), len(runs),
            (bad[0].err.strip().splitlines() or [""])[-1][:200])

    def unread(self, rd, scen, urls, state, total):
        if rd is self.akhbar and not rd.has("--unread-count"):
            self.res.add(scen, "akhbar", note=NOT_LANDED % "--unread-count")
            return
        nruns = self.a.runs
        if total >= 50000:
            nruns = min(nruns, self.a.big_runs)
        runs = [measure(rd.unread_cmd(urls, state),
                        env=rd.env(os.path.join(state, "home")))
                for _ in range(nruns)]
        m = re.search(r"\d+", runs[-1].out)
        got = int(m.group(0)) if m else None
        note = self.check_rc(runs)
        self.res.add(scen, rd.name, runs, figure=got, unit="unread",
                     note=(note + "; " if note else "") +
                     ("all %d items listable" % total if got == total
                      else "expected %d" % total))

    def second(self, rd, scen, cmd, state):
        """Reload an up-to-date cache: every answer should be 304."""
        runs = []
        skipped = 0
        cond = []
        while len(runs) < self.a.runs and skipped < 3:
            self.server.mark()
            r = measure(cmd, env=rd.env(os.path.join(state, "home")))
            n, c = self.server.conditional()
            if c < n or n == 0:
                # not an all-304 reload (newsboat sends no validators on
                # the reload after the first); not what this row measures
                skipped += 1
                continue
            runs.append(r)
            cond.append("%d/%d" % (c, n))
        note = self.check_rc(runs) if runs else \
            "no reload was all-304 in %d tries" % skipped
        if skipped and runs:
            note = (note + "; " if note else "") + \
                "%d reload(s) before these re-downloaded everything " \
                "(no conditional GET) and were not counted" % skipped
        if cond:
            note = (note + "; " if note else "") + "requests answered " \
                "304 (or sent with validators) per run: " + ", ".join(cond)
        tgt = self.target("CPU ≤ 0.1 s") if rd is self.akhbar else None
        met = None
        if tgt and runs and not self.check_rc(runs):
            met = statistics.median(r.cpu for r in runs) <= 0.1
        self.res.add(scen, rd.name, runs, target=tgt, met=met, note=note)

    def repeated(self, feeds, items, urls):
        """Ten reloads in one process, as the interface makes them."""
        scen = "10 reloads in one process %d×%d (memory)" % (feeds, items)
        n = 10
        state = self.fresh("akhbar-repeat")
        self.server.mark()
        r = measure([os.path.abspath(self.a.bench_reload), "-r", str(n),
                     urls, os.path.join(state, "cache.db")],
                    env=self.akhbar.env(os.path.join(state, "home")))
        m = driver_marks(r.out)
        first = m.get("reload_1_anon_kb")
        last = m.get("reload_%d_anon_kb" % n)
        if r.rc != 0 or first is None or last is None:
            self.res.add(scen, "akhbar", [r], note="exit %d: %s" % (
                r.rc, r.err.strip()[:200]))
            return
        grew = (last - first) / 1024
        self.res.add(scen, "akhbar", [r], figure=grew,
                     unit="MB private memory grown from reload 1 to %d" % n,
                     note="bench-reload -r %d: the first reload stores "
                     "everything, the nine after it are all 304; private "
                     "memory (RssAnon) after the first %.1f MB, after the "
                     "last %.1f MB (newsboat's grows on every reload of "
                     "unchanged feeds, its issue #3210)"
                     % (n, first / 1024, last / 1024))

    def first_screen(self, rd, urls, state, total):
        """Time to the first feed list screen, in tmux (both readers)."""
        scen = "first screen, %d cached items (tmux)" % total
        tmux = shutil.which("tmux")
        if not tmux:
            self.res.add(scen, rd.name, note="skipped: tmux not installed")
            return
        runs = []
        sock = os.path.join(state, "tmux.sock")
        if rd is self.akhbar:
            cmd = [rd.path, "-u", urls, "-C", os.path.join(state,
                                                          "cache.db")]
            seen_re = r"\d+ unread"
        else:
            cmd = rd.reload_cmd(urls, state)[:-2]   # without -x reload
            seen_re = r"\(\d+/\d+\)"
        for _ in range(min(self.a.runs, self.a.big_runs)):
            subprocess.run([tmux, "-S", sock, "kill-server"],
                           stderr=subprocess.DEVNULL)
            t0 = time.monotonic()
            subprocess.run([tmux, "-S", sock, "new-session", "-d", "-x",
                            "120", "-y", "40", "env", "LC_ALL=C.UTF-8",
                            "AKHBAR_RELOAD_INTERVAL=0",
                            "HOME=" + os.path.join(state, "home")] + cmd,
                           check=True)
            pid = subprocess.run([tmux, "-S", sock, "display", "-p",
                                  "#{pane_pid}"], capture_output=True,
                                 text=True).stdout.strip()
            seen = None
            while time.monotonic() - t0 < 300:
                scr = subprocess.run([tmux, "-S", sock, "capture-pane",
                                      "-p"], capture_output=True,
                                     text=True).stdout
                if re.search(seen_re, scr):
                    seen = time.monotonic() - t0
                    break
                time.sleep(0.02)
            cpu = rss = 0.0
            # the pane runs env, which execs newsboat: same pid
            try:
                with open("/proc/%s/stat" % pid) as f:
                    st = f.read().rsplit(")", 1)[1].split()
                hz = os.sysconf("SC_CLK_TCK")
                cpu = (int(st[11]) + int(st[12])) / hz
                with open("/proc/%s/status" % pid) as f:
                    m = re.search(r"VmHWM:\s+(\d+)", f.read())
                rss = int(m.group(1)) if m else 0
            except (OSError, IndexError, ValueError):
                pass
            subprocess.run([tmux, "-S", sock, "kill-server"],
                           stderr=subprocess.DEVNULL)
            if seen is None:
                break
            runs.append(Run(seen, cpu, 0.0, rss, 0, "", ""))
        self.res.add(scen, rd.name, runs,
                     note="time until the feed list with unread counts is "
                     "on screen; CPU and RSS read from /proc at that moment"
                     if runs else "the feed list never appeared")

    # -- interface scenarios -------------------------------------------
    def interface(self):
        """bench-ui on bench-db's caches: first screen, End, memory, bytes.

        The 1 000 000-item cache is measured when bench-db built it (make
        bench BENCH_CACHE=all); its first feed holds 100 000 items, which
        is what "open a feed of 100 000 items and press End" is timed on.
        """
        d = os.path.join(self.data, "cache")
        drv = self.a.bench_ui
        if not drv or not os.access(drv, os.X_OK):
            self.res.add("interface", "akhbar",
                         note="not yet available: bench-ui did not build")
            return
        for tag in ("100k", "1m"):
            path = os.path.join(d, "cache-%s.db" % tag)
            if not os.path.exists(path):
                self.res.add("interface: %s cache" % tag, "akhbar",
                             note="skipped: bench-db has not built %s; "
                             "make bench BENCH_CACHE=all builds the 1M one"
                             % os.path.basename(path))
                continue
            # A copy: the interface writes (read marks, its own pragmas).
            work = os.path.join(self.work, "ui-%s.db" % tag)
            shutil.copyfile(path, work)
            self.driver(drv, "interface",
                        ["-r", str(max(self.a.runs, 3)), "-t", tag,
                         self.akhbar.path, work], 600)
            for suffix in ("", "-wal", "-shm", ".lock"):
                try:
                    os.unlink(work + suffix)
                except OSError:
                    pass

    # -- drivers -------------------------------------------------------
    def driver(self, path, what, args, timeout):
        """Run a bench driver of another module and report its metrics.

        Drivers print one line per figure, tab-separated: [metric]
        NAME VALUE UNIT TARGET MET [DETAILS], where TARGET is "-", a number
        or "<=N"/">=N" and MET is met/yes, not-met/no or info; lines
        starting with '#' and anything else are context.
        """
        if not path or not os.access(path, os.X_OK):
            self.res.add(what, "akhbar",
                         note="not yet available: the %s driver (%s) has "
                         "not landed or did not build"
                         % (what, os.path.basename(path or "?")))
            return
        print("bench: running %s %s" % (os.path.basename(path),
                                         " ".join(args)), flush=True)
        r = measure([path] + args, env=self.akhbar.env(self.work),
                    timeout=timeout, stderr_through=True)
        n = 0
        context = []
        for line in r.out.splitlines():
            f = line.split("\t")
            if line.startswith("#"):
                continue
            if len(f) < 3:
                if line.strip():
                    context.append(" ".join(line.split()))
                continue
            if f[0] == "metric":
                f = f[1:]
            try:
                value = float(f[1])
            except (ValueError, IndexError):
                continue
            unit = f[2] if len(f) > 2 else ""
            tgt = f[3].strip() if len(f) > 3 else "-"
            verdict = f[4].strip().lower() if len(f) > 4 else ""
            details = f[5].strip() if len(f) > 5 else ""
            cpu_note = ""
            if tgt in ("", "-"):
                tgt = None
            else:
                m = re.match(r"(<=|>=|<|>)?\s*([0-9.]+)$", tgt)
                if m:
                    op = m.group(1) or (">=" if "/s" in unit else "<=")
                    tgt = "%s %s %s" % ({"<=": "≤", ">=": "≥", "<": "<",
                                          ">": ">"}[op], m.group(2), unit)
                    # The same target on the driver's CPU-time median, which
                    # other work on the machine disturbs far less.
                    c = re.search(r"cpu_median=([0-9.]+)", details)
                    if c:
                        cv, tv = float(c.group(1)), float(m.group(2))
                        ok = cv >= tv if op in (">=", ">") else cv <= tv
                        cpu_note = "; on CPU time (%s %s): %s" % (
                            fmt_num(cv), unit, "met" if ok else "not met")
            met = {"met": True, "yes": True, "not-met": False,
                   "no": False}.get(verdict)
            if not self.full:
                tgt = met = None
            note = details.replace(";", ", ") + cpu_note
            if what == "cache" and "100k" in f[0] and tgt and \
                    not f[0].startswith("insert"):
                note += " (the issue sets this target for the " \
                    "1 000 000-item cache)"
            self.res.add("%s: %s" % (what, f[0]), "akhbar", figure=value,
                         unit=unit, target=tgt, met=met, note=note)
            n += 1
        note = self.check_rc([r])
        if n == 0:
            note = (note + "; " if note else "") + "the driver printed " \
                "no figures"
        if context:
            note = (note + "; " if note else "") + "; ".join(context)
        self.res.add("%s: driver run (all of the above)" % what, "akhbar",
                     [r], note=note)

    def cache(self):
        """The cache driver on 100 000 items, and on 1 000 000 when asked.

        Building the 1M-item cache (with its full-text index) takes longer
        than the whole default run may, so by default it is measured only
        when an earlier `make bench BENCH_CACHE=all` left it built.
        """
        d = os.path.join(self.data, "cache")
        size = self.a.cache
        if not self.full:
            size = "100k"
        elif size == "auto":
            size = "all" if os.path.exists(os.path.join(
                d, "cache-1m.db")) else "100k"
            if size == "100k":
                self.res.add("cache: 1 000 000-item cache", "akhbar",
                             note="skipped: not built yet, and building it "
                             "takes longer than the default run may; "
                             "make bench BENCH_CACHE=all builds it once")
        self.driver(self.a.bench_db, "cache", ["-d", d, "-s", size], 3600)

    def layout(self):
        self.driver(self.a.bench_layout, "layout", [], 300)

    def article(self):
        """Full articles: extraction per page, cache bytes per 1 000."""
        self.driver(self.a.bench_article, "full articles",
                    ["-d", self.work], 600)

    # -- summary -------------------------------------------------------
    def ratios(self):
        if not self.newsboat:
            return
        print("\nakhbar / newsboat (median over median; below 1 means "
              "akhbar is faster or smaller)")
        print("  %-44s %8s %8s %8s" % ("scenario", "wall", "CPU", "RSS"))
        seen = set()
        for r in self.res.rows:
            if r["reader"] != "newsboat" or r["scenario"] in seen:
                continue
            seen.add(r["scenario"])
            a = self.res.find(r["scenario"], "akhbar")
            if not a or not a["runs"] or not r["runs"]:
                txt = "akhbar: not yet available" if not a or not a["runs"] \
                    else "newsboat: no runs"
                print("  %-44s %s" % (r["scenario"], txt))
                self.ratio_rows.append((r["scenario"], None, None, None))
                continue
            q = []
            for key in ("wall", "cpu", "rss_mb"):
                x = statistics.median(getattr(v, key) for v in a["runs"])
                y = statistics.median(getattr(v, key) for v in r["runs"])
                q.append(x / y if y > 0 else None)
            self.ratio_rows.append((r["scenario"],) + tuple(q))
            print("  %-44s %8s %8s %8s" % ((r["scenario"],) + tuple(
                "-" if v is None else "%.3f" % v for v in q)))
            # newsboat has no search index: also compare its whole reload
            # with akhbar's reload up to "listable".
            i = self.res.rows.index(a)
            nxt = self.res.rows[i + 1] if i + 1 < len(self.res.rows) \
                else None
            if nxt and nxt["scenario"].strip().startswith("until every") \
                    and nxt["runs"]:
                q = []
                for key in ("wall", "cpu", "rss_mb"):
                    x = statistics.median(getattr(v, key)
                                          for v in nxt["runs"])
                    y = statistics.median(getattr(v, key) for v in r["runs"])
                    q.append(x / y if y > 0 else None)
                name = "  akhbar until listable / newsboat"
                self.ratio_rows.append((r["scenario"] + name.rstrip(),)
                                       + tuple(q))
                print("  %-44s %8s %8s %8s" % ((name,) + tuple(
                    "-" if v is None else "%.3f" % v for v in q)))
        with open(os.path.join(self.data, "ratios.tsv"), "w") as f:
            f.write("scenario\twall\tcpu\trss\n")
            for row in self.ratio_rows:
                f.write("\t".join([row[0]] + ["" if v is None else "%.4f" % v
                                              for v in row[1:]]) + "\n")

    def header(self):
        cpu = "?"
        try:
            with open("/proc/cpuinfo") as f:
                m = re.search(r"model name\s*:\s*(.*)", f.read())
                cpu = m.group(1).strip() if m else "?"
        except OSError:
            pass
        mem = "?"
        try:
            with open("/proc/meminfo") as f:
                m = re.search(r"MemTotal:\s+(\d+)", f.read())
                mem = "%.1f GiB" % (int(m.group(1)) / 1024 / 1024)
        except (OSError, AttributeError):
            pass
        deb = ""
        try:
            with open("/etc/debian_version") as f:
                deb = "Debian " + f.read().strip()
        except OSError:
            pass
        rev = subprocess.run(["git", "-C", HERE, "describe", "--always",
                              "--dirty"], capture_output=True,
                             text=True).stdout.strip() or "?"
        info = collections.OrderedDict([
            ("date", datetime.datetime.now(datetime.timezone.utc)
             .strftime("%Y-%m-%d %H:%M UTC")),
            ("machine", "%s cores, %s, %s RAM" % (os.cpu_count(), cpu, mem)),
            ("system", "Linux %s %s" % (platform.release(), deb)),
            ("akhbar", "%s (git %s)" % (self.akhbar.path, rev)),
            ("newsboat", self.newsboat.version if self.newsboat
             else self.nb_note),
            ("server", self.server.kind if self.server else "-"),
            ("load", "load average %s at the start (other work on the "
             "machine inflates wall times)" % loadavg()),
            ("size", "%s, %d runs per scenario (100×1000 set: %d)"
             % (self.a.size, self.a.runs,
                min(self.a.runs, self.a.big_runs))),
        ])
        print("akhbar benchmark")
        for k, v in info.items():
            print("  %-9s %s" % (k, v))
        print()
        with open(os.path.join(self.data, "machine.tsv"), "w") as f:
            for k, v in info.items():
                f.write("%s\t%s\n" % (k, v))
        self.info = info

    def run(self):
        self.ratio_rows = []
        t0 = time.monotonic()
        only = set(self.a.only.split(",")) if self.a.only else None
        os.makedirs(os.path.join(self.data, "feeds"), exist_ok=True)
        self.server = Server(os.path.join(self.data, "feeds"), self.work)
        try:
            self.header()
            steps = [("parse", self.parse),
                     ("reload", lambda: self.reload("reload_small")),
                     ("reload-big", lambda: self.reload("reload_big")),
                     ("cache", self.cache),
                     ("layout", self.layout),
                     ("article", self.article),
                     ("interface", self.interface)]
            for name, fn in steps:
                if only and name not in only:
                    continue
                try:
                    fn()
                except Exception as e:  # report and go on: never fail
                    self.res.add(name, "-", note="error: %s: %s"
                                 % (type(e).__name__, e))
            print("\n" + self.res.table())
            self.ratios()
        finally:
            self.server.stop()
            self.res.write_tsv()
            took = time.monotonic() - t0
            with open(os.path.join(self.data, "results.md"), "w") as f:
                f.write(self.report_md(took))
        print("\nbench: done in %.0f s (load average now %s); results in %s"
              % (took, loadavg(), self.res.tsv_path))

    def report_md(self, took):
        """The whole report as Markdown, for doc/performance.md."""
        out = []
        for k, v in getattr(self, "info", {}).items():
            out.append("- %s: %s" % (k, v))
        out.append("- took: %.0f s; load average at the end: %s"
                   % (took, loadavg()))
        out.append("")
        out.append(self.res.markdown())
        if self.ratio_rows:
            out.append("| akhbar / newsboat | wall | CPU | peak RSS |")
            out.append("|---|---|---|---|")
            for row in self.ratio_rows:
                out.append("| %s | %s |" % (row[0].replace("  ", " — "),
                                           " | ".join(
                    "—" if v is None else "%.3f" % v for v in row[1:])))
            out.append("")
        return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description="akhbar's benchmark")
    ap.add_argument("--akhbar", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--size", choices=sorted(SIZES), default="default")
    ap.add_argument("--newsboat", default="auto",
                    help="auto (use it or install it as root), no, or a path")
    ap.add_argument("--big-runs", type=int, default=1,
                    help="runs on the 100×1000 set and its 100 000-item "
                    "cache (newsboat needs minutes there)")
    ap.add_argument("--no-first-screen", dest="first_screen",
                    action="store_false")
    ap.add_argument("--cache", choices=("auto", "100k", "1m", "all"),
                    default="auto", help="cache sizes for the cache "
                    "driver (auto: 100k, and 1m once it was built)")
    ap.add_argument("--bench-db", default=None)
    ap.add_argument("--bench-reload", default=None)
    ap.add_argument("--bench-layout", default=None)
    ap.add_argument("--bench-ui", default=None)
    ap.add_argument("--bench-article", default=None)
    ap.add_argument("--only", default=None,
                    help="comma-separated: parse,reload,reload-big,cache,"
                    "layout,interface")
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    os.makedirs(a.data, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *x: sys.exit(1))
    Bench(a).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
