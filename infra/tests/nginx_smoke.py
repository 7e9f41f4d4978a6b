#!/usr/bin/env python3
"""Runs the real nginx configuration against two fake service instances and checks what it does.

Started by infra/validate inside a private mount and network namespace (unshare -m -n), where
/etc/nginx holds the compose layout of infra/nginx (with the TLS server enabled and a throwaway
self-signed certificate), /etc/hosts maps chat-1 and chat-2 to 127.0.0.2 and 127.0.0.3, and
/run and /var/log/nginx are private directories. Only loopback addresses of that namespace are used.

Fake instances answer every request with what they received, so the checks see the headers nginx
sends upstream: load balancing over both, X-Request-Id passed through or made up, forwarding
headers, WebSocket upgrade on /ws, the 64 KiB body limit, /metrics and /cache/stats not reachable,
JSON access log lines with the request id, and the same over TLS.
"""
import http.client
import http.server
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time

BACKENDS = {"chat-1": ("127.0.0.2", 8000), "chat-2": ("127.0.0.3", 8000)}
ACCESS_LOG = "/var/log/nginx/access.log"
hits = []            # (backend, method, path)
failures = []


class Backend(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    name = "?"

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        hits.append((self.name, self.command, self.path))
        if self.path.startswith("/ws") and self.headers.get("Upgrade", "").lower() == "websocket":
            self.send_response(101, "Switching Protocols")
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("X-Seen", json.dumps(dict(self.headers.items())))
            self.end_headers()
            self.wfile.write(b"tunnel-from-" + self.name.encode() + b"\n")
            self.wfile.flush()
            self.close_connection = True
            return
        body = json.dumps({"backend": self.name, "path": self.path,
                           "headers": {k.lower(): v for k, v in self.headers.items()}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Backend", self.name)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer


def start_backends():
    for name, address in BACKENDS.items():
        handler = type("Backend_" + name, (Backend,), {"name": name})
        server = http.server.ThreadingHTTPServer(address, handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()


def wait_for_port(host, port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection((host, port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def request(method, path, headers=None, body=None, tls=False):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", 443, timeout=5, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", 80, timeout=5)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    seen = None
    if response.getheader("X-Backend"):
        seen = json.loads(data)
    return response.status, response, seen


def check(condition, message):
    if not condition:
        failures.append(message)


def main():
    start_backends()
    nginx = subprocess.Popen(["nginx", "-c", "/etc/nginx/nginx.conf", "-g", "daemon off;"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        if not (wait_for_port("127.0.0.1", 80) and wait_for_port("127.0.0.1", 443)):
            nginx.terminate()
            print(nginx.communicate(timeout=5)[0].decode(errors="replace"))
            print("nginx did not listen on 80 and 443")
            return 1
        run_checks()
    finally:
        if nginx.poll() is None:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(timeout=5)
            except subprocess.TimeoutExpired:
                nginx.kill()
    if failures:
        print("nginx smoke test: %d failed check(s):" % len(failures))
        for failure in failures:
            print("  - " + failure)
        return 1
    return 0


def run_checks():
    # Both instances get traffic.
    backends = set()
    for _ in range(8):
        status, _, seen = request("GET", "/users/me")
        check(status == 200 and seen, "GET /users/me through nginx: %s" % status)
        if seen:
            backends.add(seen["backend"])
    check(backends == {"chat-1", "chat-2"}, "requests reached %s, not both instances" % sorted(backends))

    # Request ids: kept when sane, made up otherwise; forwarding headers; keep-alive upstream.
    _, _, seen = request("GET", "/health", {"X-Request-Id": "client-id-42"})
    h = seen["headers"] if seen else {}
    check(h.get("x-request-id") == "client-id-42", "client X-Request-Id not passed: %r" % h.get("x-request-id"))
    check(h.get("x-forwarded-proto") == "http", "X-Forwarded-Proto: %r" % h.get("x-forwarded-proto"))
    check(h.get("x-forwarded-for") == "127.0.0.1", "X-Forwarded-For: %r" % h.get("x-forwarded-for"))
    check(h.get("x-real-ip") == "127.0.0.1", "X-Real-IP: %r" % h.get("x-real-ip"))
    check(h.get("connection", "") == "" and "upgrade" not in h, "plain request sent upgrade headers: %r" % h)
    _, _, seen = request("GET", "/health")
    generated = (seen or {}).get("headers", {}).get("x-request-id", "")
    check(re.fullmatch(r"[0-9a-f]{32}", generated or ""), "no generated X-Request-Id: %r" % generated)
    _, _, seen = request("GET", "/health", {"X-Request-Id": "bad id\"<x>"})
    replaced = (seen or {}).get("headers", {}).get("x-request-id", "")
    check(re.fullmatch(r"[0-9a-f]{32}", replaced or ""), "unsafe X-Request-Id not replaced: %r" % replaced)

    # Operator endpoints are not served, in any spelling, and never reach an instance.
    before = len(hits)
    for path in ("/metrics", "/metrics/", "//metrics", "/%6Detrics", "/metrics;x", "/METRICS",
                 "/metrics?name=up", "/cache/stats", "/cache//stats", "/cache/stats/"):
        status, response, _ = request("GET", path)
        check(status == 404 and not response.getheader("X-Backend"), "%s answered %s" % (path, status))
    check(len(hits) == before, "operator paths reached an instance: %s" % hits[before:])
    status, _, _ = request("GET", "/metricsfoo")
    check(status == 200, "/metricsfoo (not an operator path) answered %s" % status)

    # Body size limit: 64 KiB.
    status, _, _ = request("POST", "/send", {"Content-Type": "application/json"}, b"x" * (60 * 1024))
    check(status == 200, "60 KiB body answered %s" % status)
    status, _, _ = request("POST", "/send", {"Content-Type": "application/json"}, b"x" * (65 * 1024))
    check(status == 413, "65 KiB body answered %s, not 413" % status)

    # nginx's own health endpoint.
    status, response, _ = request("GET", "/nginx-health")
    check(status == 200 and not response.getheader("X-Backend"), "/nginx-health answered %s" % status)

    # WebSocket upgrade on /ws: 101, upgrade headers upstream, bytes tunnelled afterwards.
    sock = socket.create_connection(("127.0.0.1", 80), timeout=5)
    sock.sendall(b"GET /ws?token=t HTTP/1.1\r\nHost: chat.example\r\nUpgrade: websocket\r\n"
                 b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 b"Sec-WebSocket-Version: 13\r\nX-Request-Id: ws-1\r\n\r\n")
    data = b""
    deadline = time.time() + 5
    while b"tunnel-from-" not in data and time.time() < deadline:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    sock.close()
    text = data.decode(errors="replace")
    check(text.startswith("HTTP/1.1 101"), "/ws upgrade answered: %r" % text[:60])
    check("tunnel-from-chat-" in text, "/ws: no data through the upgraded connection")
    seen_headers = re.search(r"X-Seen: (.*)\r\n", text)
    if seen_headers:
        upstream = {k.lower(): v for k, v in json.loads(seen_headers.group(1)).items()}
        check(upstream.get("upgrade") == "websocket", "/ws: Upgrade upstream %r" % upstream.get("upgrade"))
        check(upstream.get("connection", "").lower() == "upgrade", "/ws: Connection upstream %r" % upstream.get("connection"))
        check(upstream.get("x-request-id") == "ws-1", "/ws: X-Request-Id upstream %r" % upstream.get("x-request-id"))
    else:
        failures.append("/ws: the instance did not see the upgrade request")

    # TLS server (enabled for this test) serves the same locations.
    status, _, seen = request("GET", "/users/me", {"X-Request-Id": "tls-1"}, tls=True)
    h = (seen or {}).get("headers", {})
    check(status == 200 and h.get("x-forwarded-proto") == "https", "TLS: %s, X-Forwarded-Proto %r" % (status, h.get("x-forwarded-proto")))
    status, _, _ = request("GET", "/metrics", tls=True)
    check(status == 404, "TLS: /metrics answered %s" % status)

    # Access log: one JSON object per line, with the request id and the status.
    time.sleep(0.2)
    try:
        with open(ACCESS_LOG) as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
    except OSError as e:
        lines = []
        failures.append("no access log: %s" % e)
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            failures.append("access log line is not JSON: %r" % line[:120])
    ids = {entry.get("request_id") for entry in parsed}
    check("client-id-42" in ids and "tls-1" in ids, "access log lacks the request ids: %s" % sorted(map(str, ids))[:5])
    check(all({"level", "logger", "status", "request_id"} <= entry.keys() for entry in parsed),
          "access log lines lack level/logger/status/request_id")


if __name__ == "__main__":
    if os.geteuid() != 0 or not os.path.exists("/etc/nginx/tls/chat-tls.conf"):
        sys.exit("nginx_smoke.py runs inside infra/validate's private namespace")
    sys.exit(main())
