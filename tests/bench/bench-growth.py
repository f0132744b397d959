#!/usr/bin/env python3
"""Memory growth of one interface session over many reloads (issue 16).

    bench-growth.py --akhbar PATH --data DIR [--reloads 100] [--feeds 20]
                    [--items 50]

Generates FEEDS feeds of ITEMS items (tests/bench/gen-feeds.py), serves
them with tests/feedserver.py on 127.0.0.1 (half of them without
validators, so each reload fetches and parses them again, half with
ETag/Last-Modified, answered 304), fills a cache with a --reload, then
starts the interface in a tmux of its own and presses R (reload-all, the
key src/ui-keys.c binds) RELOADS times, waiting for each reload to end:
the feed server has answered every feed of it and the message line says
"Reloaded:". Resident memory (VmRSS of /proc/PID/status) is read after
reload 10 and after the last; the target is that it stays flat, within
1 MB (1024 kB). Prints the figures and the verdict; exits 0 unless it
could not measure (a benchmark does not fail a build).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
TARGET_KB = 1024


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


class Tmux:
    def __init__(self, tmux):
        self.tmux = tmux
        self.sock = "akhbar-growth-%d" % os.getpid()

    def __call__(self, *args, check=True):
        return subprocess.run([self.tmux, "-u", "-L", self.sock, "-f",
                               "/dev/null"] + list(args), check=check,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode(
                                  "utf-8", "replace")

    def screen(self):
        return self("capture-pane", "-p", "-t", "ui", check=False)

    def wait(self, pred, timeout):
        end = time.time() + timeout
        while time.time() < end:
            if pred(self.screen()):
                return True
            time.sleep(0.05)
        return False

    def gone(self):
        self("kill-server", check=False)


def log_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--akhbar", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--reloads", type=int, default=100)
    ap.add_argument("--feeds", type=int, default=20)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=120,
                    help="seconds one reload may take")
    a = ap.parse_args()
    tmux_bin = shutil.which("tmux")
    if tmux_bin is None:
        print("bench-growth: tmux not found; nothing measured")
        return 0
    name = "growth-%dx%d" % (a.feeds, a.items)
    os.makedirs(a.data, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-feeds.py"),
                    "--out", a.data, "--name", name, "--feeds",
                    str(a.feeds), "--items", str(a.items)], check=True,
                   stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="akhbar-growth.")
    srvlog = os.path.join(work, "srv.log")
    srv = subprocess.Popen([sys.executable, os.path.join(TOP, "tests",
                                                         "feedserver.py"),
                            "--port", "0", "--root", a.data, "--log",
                            srvlog], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
    t = Tmux(tmux_bin)
    try:
        port = int(srv.stdout.readline())
        urls = os.path.join(work, "urls")
        with open(urls, "w") as f:
            for n in range(a.feeds):
                how = "plain/" if n % 2 == 0 else ""
                f.write("http://127.0.0.1:%d/%s%s/feed-%04d.xml\n"
                        % (port, how, name, n))
        cache = os.path.join(work, "cache.db")
        env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work + "/config",
                   XDG_DATA_HOME=work + "/data", LC_ALL="C.UTF-8",
                   AKHBAR_RELOAD_INTERVAL="86400")
        env.pop("TMUX", None)
        subprocess.run([a.akhbar, "-q", "-u", urls, "-C", cache, "--reload"],
                       env=env, check=True, stdin=subprocess.DEVNULL)
        cmd = "exec '%s' -u '%s' -C '%s' 2>'%s/ui.err'" % (
            a.akhbar, urls, cache, work)
        subprocess.run([tmux_bin, "-u", "-L", t.sock, "-f", "/dev/null",
                        "new-session", "-d", "-s", "ui", "-x", "100", "-y",
                        "30", cmd], env=env, check=True)
        pid = int(t("display", "-p", "-t", "ui", "#{pane_pid}").strip())
        if not t.wait(lambda s: "Starred articles" in s, 30):
            print("bench-growth: the interface did not start; nothing "
                  "measured")
            return 1
        base = log_lines(srvlog)
        series = {}
        t0 = time.time()
        for k in range(1, a.reloads + 1):
            t("send-keys", "-t", "ui", "R")
            want = base + k * a.feeds
            end = time.time() + a.timeout
            while log_lines(srvlog) < want and time.time() < end:
                time.sleep(0.02)
            if not t.wait(lambda s: "Reloaded:" in s and " feeds" not in s,
                          max(1.0, end - time.time())):
                print("bench-growth: reload %d did not finish in %g s"
                      % (k, a.timeout))
                return 1
            if k == 1 or k % 10 == 0 or k == a.reloads:
                series[k] = rss_kb(pid)
        took = time.time() - t0
        t("send-keys", "-t", "ui", "Q")
        r10 = series.get(10, series[1])
        rlast = series[a.reloads]
        growth = rlast - r10
        print("bench-growth: one interface session, %d reloads of %d "
              "unchanged feeds (%d items each; half refetched and parsed, "
              "half 304), %.1f s" % (a.reloads, a.feeds, a.items, took))
        print("bench-growth: VmRSS by reload: " + ", ".join(
            "%d: %d kB" % (k, v) for k, v in sorted(series.items())))
        print("bench-growth: VmRSS after reload 10: %d kB, after reload "
              "%d: %d kB, growth %+d kB (target: within +-%d kB) %s"
              % (r10, a.reloads, rlast, growth, TARGET_KB,
                 "ok" if abs(growth) <= TARGET_KB else "OVER TARGET"))
        return 0
    finally:
        t.gone()
        try:
            srv.stdin.close()
        except OSError:
            pass
        srv.terminate()
        srv.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
