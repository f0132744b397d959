#!/usr/bin/env python3
"""A loopback proxy in front of the test TT-RSS server that kills it mid-sync.

cutproxy.py PORTFILE UPSTREAM PIDFILE KILLFILE

Forwards each POST to UPSTREAM (the API's URL). When the number of
requests so far reaches the number in KILLFILE (read at each request; no
file: never), the request first kills the PHP server (SIGKILL to the
process group in PIDFILE, as a crash would) and the connection is dropped
without an answer. Later requests are forwarded again (to a restarted
server).
Writes its port to PORTFILE; counts requests in PORTFILE.count. Stops by
itself after 10 minutes."""
import http.server, os, signal, socket, sys, threading, urllib.request

portfile, upstream, pidfile, killfile = sys.argv[1:5]
count = 0
lock = threading.Lock()

class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            count += 1
            n = count
            with open(portfile + ".count", "w") as f:
                f.write(str(n))
        try:
            kill_at = int(open(killfile).read())
        except (OSError, ValueError):
            kill_at = 0
        if n == kill_at:
            try:
                pid = int(open(pidfile).read())
                os.killpg(pid, signal.SIGKILL)
            except (OSError, ValueError):
                pass
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        try:
            req = urllib.request.Request(upstream, data=body,
                headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as r:
                data = r.read()
                code = r.status
        except Exception:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + ".tmp", portfile)
threading.Timer(600, srv.shutdown).start()
srv.serve_forever()
