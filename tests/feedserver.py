#!/usr/bin/env python3
"""A feed server for akhbar's tests and benchmark (standard library only).

    python3 tests/feedserver.py --port 0 --root DIR [--log FILE] [--tls PEM]

Listens on 127.0.0.1 (port 0: an ephemeral one), prints the port on the
first line of stdout, and serves any file under DIR. It exits when its
stdin closes or on SIGTERM. The first path segment may select a
misbehaviour; the rest of the path names the file:

  /NAME                    the file, with ETag and Last-Modified; answers
                           304 to a matching If-None-Match/If-Modified-Since
  /plain/NAME              the file without validators
  /etag/NAME               validator ETag only (304 on If-None-Match)
  /lastmod/NAME            validator Last-Modified only (304 on If-Modified-Since)
  /maxage/SECS/NAME        the file with Cache-Control: max-age=SECS
  /expires/SECS/NAME       the file with Expires SECS seconds from now
  /gzip/NAME, /deflate/NAME, /br/NAME
                           compressed when the request's Accept-Encoding
                           allows it (br only if the brotli module exists)
  /chunked/NAME            chunked transfer encoding, 512-byte chunks
  /drip/NAME?chunk=N&delay=MS
                           chunked, N bytes every MS milliseconds
  /stall/NAME[?bytes=N]    headers and half the body (or N bytes), then silence
  /reset/NAME              half the body, then a TCP reset
  /redirect/C1,C2,.../NAME one redirect per code (301, 302, 303, 307, 308),
                           then the file
  /loop                    a redirect to itself, for ever
  /status/CODE[?retry-after=V]
                           that status with a small body (V: seconds or a date)
  /ctype/TYPE/NAME         the file with Content-Type TYPE ("text-plain"
                           means text/plain: the first '-' becomes '/')
  /html                    an HTML page instead of a feed
  /endless[?limit=BYTES][&type=html]
                           a 200 whose body never ends (1 GB at most): a
                           feed, or with type=html a web page
  /gzipbomb[?size=BYTES]   gzip that inflates to SIZE bytes (default 1 GB)
  /slowheaders/SECS/NAME   waits SECS seconds before answering
  /auth/USER:PASS/NAME     the file behind HTTP Basic authentication

With --tls PEM it answers HTTPS with that certificate and key (the tests
use a self-signed one, which a client must refuse).

It also answers as an HTTP proxy: a request for http://ANY-HOST/PATH is
served as /PATH (and logged with "proxied": "ANY-HOST").

With --log FILE, each request is appended as one JSON object per line:
{"method", "path", "headers": {lower-case name: value}, "active": N},
where N counts the requests of its group being answered when this one
arrived, itself included (a client's connection limits show there). A
request's group is its "group" query parameter, if any; a drip answer
stops counting just before its last chunk, so the client cannot start the
next request before it does.
"""

import argparse
import base64
import email.utils
import hashlib
import json
import os
import posixpath
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = "."
LOG = None
LOG_LOCK = threading.Lock()
STOP = threading.Event()
BOMBS = {}
BOMB_LOCK = threading.Lock()
ACTIVE = {}
ACTIVE_LOCK = threading.Lock()
REDIRECT_CODES = {301, 302, 303, 307, 308}
GB = 1 << 30


def content_type_for(name):
    ext = os.path.splitext(name)[1].lower()
    return {
        ".xml": "application/xml",
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
        ".json": "application/feed+json",
        ".html": "text/html; charset=utf-8",
        ".txt": "text/plain",
    }.get(ext, "application/octet-stream")


def bomb(size):
    """A gzip stream inflating to size bytes of a feed start and spaces."""
    with BOMB_LOCK:
        if size in BOMBS:
            return BOMBS[size]
        head = b'<?xml version="1.0"?>\n<rss version="2.0"><channel>' \
            b'<title>bomb</title>'
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        parts = [c.compress(head)]
        block = b" " * (1 << 20)
        left = size - len(head)
        while left > 0:
            n = min(left, len(block))
            parts.append(c.compress(block[:n]))
            left -= n
        parts.append(c.flush())
        BOMBS[size] = b"".join(parts)
        return BOMBS[size]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "feedserver/1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def log_request_json(self):
        if LOG is None:
            return
        rec = {"method": self.command, "path": self.path,
               "headers": {k.lower(): v for k, v in self.headers.items()},
               "active": self.active}
        if getattr(self, "proxied", None):
            rec["proxied"] = self.proxied
        with LOG_LOCK:
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")

    # -- helpers -------------------------------------------------------
    def read_file(self, name):
        name = urllib.parse.unquote(name)
        path = posixpath.normpath("/" + name).lstrip("/")
        full = os.path.join(ROOT, path)
        if not path or not os.path.isfile(full):
            return None, None
        with open(full, "rb") as f:
            data = f.read()
        return data, os.stat(full).st_mtime

    def simple(self, code, body=b"", ctype="text/plain", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and code != 304:
            self.wfile.write(body)

    def not_found(self):
        self.simple(404, b"not found\n")

    def send_chunk(self, b):
        if b:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(b), b))

    def end_chunks(self):
        self.wfile.write(b"0\r\n\r\n")

    def serve_file(self, name, etag=True, lastmod=True, extra=(),
                   encoding=None, ctype=None, mode=None, query=None):
        data, mtime = self.read_file(name)
        if data is None:
            self.not_found()
            return
        tag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        lm = email.utils.formatdate(int(mtime), usegmt=True)
        val = []
        if etag:
            val.append(("ETag", tag))
        if lastmod:
            val.append(("Last-Modified", lm))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if etag and inm is not None:
            fresh = tag in [t.strip() for t in inm.split(",")] or inm == "*"
        elif lastmod and ims is not None:
            try:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
                fresh = int(mtime) <= t
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.simple(304, headers=val + list(extra))
            return
        hdrs = val + list(extra)
        ae = self.headers.get("Accept-Encoding", "")
        accepted = [a.split(";")[0].strip() for a in ae.split(",")]
        if encoding == "gzip" and "gzip" in accepted:
            c = zlib.compressobj(6, zlib.DEFLATED, 31)
            data = c.compress(data) + c.flush()
            hdrs.append(("Content-Encoding", "gzip"))
        elif encoding == "deflate" and "deflate" in accepted:
            data = zlib.compress(data)
            hdrs.append(("Content-Encoding", "deflate"))
        elif encoding == "br" and "br" in accepted:
            try:
                import brotli  # not in the standard library; optional
                data = brotli.compress(data)
                hdrs.append(("Content-Encoding", "br"))
            except ImportError:
                pass
        ctype = ctype or content_type_for(name)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        for k, v in hdrs:
            self.send_header(k, v)
        if mode in ("chunked", "drip"):
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if mode == "chunked":
                size, delay = 512, 0.0
            else:
                size = int(query.get("chunk", ["64"])[0])
                delay = int(query.get("delay", ["20"])[0]) / 1000.0
            for i in range(0, len(data), size):
                self.send_chunk(data[i:i + size])
                self.wfile.flush()
                if delay:
                    time.sleep(delay)
            # No longer counted before the client can see the end.
            self.leave()
            self.end_chunks()
            return
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode == "stall":
            n = int(query.get("bytes", [str(len(data) // 2)])[0])
            self.wfile.write(data[:n])
            self.wfile.flush()
            STOP.wait(120)
            self.close_connection = True
            return
        if mode == "reset":
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            time.sleep(0.05)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        self.wfile.write(data)

    # -- routes --------------------------------------------------------
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        # As a proxy it gets absolute URLs: serve their path all the same.
        if self.path.startswith("http://"):
            abs_url = urllib.parse.urlsplit(self.path)
            self.proxied = abs_url.netloc
            self.path = urllib.parse.urlunsplit(
                ("", "", abs_url.path or "/", abs_url.query, ""))
        group = urllib.parse.parse_qs(
            urllib.parse.urlsplit(self.path).query).get("group", [""])[0]
        with ACTIVE_LOCK:
            ACTIVE[group] = ACTIVE.get(group, 0) + 1
            self.active = ACTIVE[group]
            self.group = group
        try:
            self.log_request_json()
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            parts = url.path.lstrip("/").split("/")
            first = parts[0]
            rest = "/".join(parts[1:])
            try:
                self.route(first, parts, rest, query)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
        finally:
            self.leave()

    def leave(self):
        """Stop counting this request as being answered (once)."""
        with ACTIVE_LOCK:
            if self.group is not None:
                ACTIVE[self.group] -= 1
                self.group = None

    def route(self, first, parts, rest, query):
        if first == "plain":
            self.serve_file(rest, etag=False, lastmod=False)
        elif first == "etag":
            self.serve_file(rest, lastmod=False)
        elif first == "lastmod":
            self.serve_file(rest, etag=False)
        elif first == "maxage" and len(parts) > 2:
            self.serve_file("/".join(parts[2:]), extra=[
                ("Cache-Control", "max-age=%d" % int(parts[1]))])
        elif first == "expires" and len(parts) > 2:
            when = time.time() + int(parts[1])
            self.serve_file("/".join(parts[2:]), extra=[
                ("Expires", email.utils.formatdate(when, usegmt=True))])
        elif first in ("gzip", "deflate", "br"):
            self.serve_file(rest, encoding=first)
        elif first in ("chunked", "drip", "stall", "reset"):
            self.serve_file(rest, etag=False, lastmod=False, mode=first,
                            query=query)
        elif first == "redirect" and len(parts) > 2:
            codes = [c for c in parts[1].split(",") if c]
            if not codes:
                self.serve_file("/".join(parts[2:]))
                return
            code = int(codes[0])
            if code not in REDIRECT_CODES:
                self.not_found()
                return
            left = ",".join(codes[1:])
            name = "/".join(parts[2:])
            loc = "/redirect/%s/%s" % (left, name) if left else "/" + name
            self.simple(code, b"moved\n", headers=[("Location", loc)])
        elif first == "loop":
            self.simple(302, b"again\n", headers=[("Location", "/loop")])
        elif first == "status" and len(parts) > 1:
            code = int(parts[1])
            hdrs = []
            if "retry-after" in query:
                hdrs.append(("Retry-After", query["retry-after"][0]))
            self.simple(code, b"error %d\n" % code, headers=hdrs)
        elif first == "ctype" and len(parts) > 2:
            self.serve_file("/".join(parts[2:]),
                            ctype=parts[1].replace("-", "/", 1))
        elif first == "html":
            body = (b"<!DOCTYPE html>\n<html><head><title>Not a feed</title>"
                    b"</head><body><p>This is a web page.</p></body></html>\n")
            self.simple(200, body, ctype="text/html; charset=utf-8")
        elif first == "endless":
            limit = int(query.get("limit", [str(GB)])[0])
            html = query.get("type", [""])[0] == "html"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8"
                             if html else "application/rss+xml")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if html:
                self.send_chunk(b"<!DOCTYPE html>\n<html><body><div>")
                block = b"<p>endless, endless, endless text.</p>" * 1724
            else:
                self.send_chunk(b'<?xml version="1.0"?>\n<rss version="2.0">'
                                b'<channel><title>endless</title>')
                block = b" " * 65536
            sent = 0
            while sent < limit and not STOP.is_set():
                self.send_chunk(block)
                sent += len(block)
            self.end_chunks()
        elif first == "gzipbomb":
            size = int(query.get("size", [str(GB)])[0])
            body = bomb(size)
            self.simple(200, body, ctype="application/rss+xml",
                        headers=[("Content-Encoding", "gzip")])
        elif first == "auth" and len(parts) > 2:
            want = "Basic " + base64.b64encode(parts[1].encode()).decode()
            if self.headers.get("Authorization") != want:
                self.simple(401, b"who are you?\n", headers=[
                    ("WWW-Authenticate", 'Basic realm="feeds"')])
                return
            self.serve_file("/".join(parts[2:]))
        elif first == "slowheaders" and len(parts) > 2:
            STOP.wait(float(parts[1]))
            self.serve_file("/".join(parts[2:]))
        else:
            self.serve_file(self.path.split("?")[0].lstrip("/"))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # clients hang up on purpose in the tests
        super().handle_error(request, client_address)


def watch_stdin():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    STOP.set()
    os._exit(0)


def main():
    global ROOT, LOG
    ap = argparse.ArgumentParser(description="akhbar's test feed server")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--root", default=".")
    ap.add_argument("--log", default=None)
    ap.add_argument("--no-stdin", action="store_true",
                    help="do not exit when stdin closes")
    ap.add_argument("--tls", default=None, metavar="PEM",
                    help="answer HTTPS with the certificate and key in PEM")
    args = ap.parse_args()
    ROOT = os.path.abspath(args.root)
    LOG = args.log
    srv = Server(("127.0.0.1", args.port), Handler)
    if args.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    print(srv.server_address[1], flush=True)
    if not args.no_stdin:
        threading.Thread(target=watch_stdin, daemon=True).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
