#!/usr/bin/env python3
"""A loopback server for bench/fetch: a generated N-section book in countrystudies.us's layout.

serve.py PORT N [GONE]  — serves /robots.txt, /soviet-union/ (the TOC) and /soviet-union/<n>.htm,
every page our own generated text; HTTP/1.1 keep-alive, one thread per connection. GONE is a
comma-separated list of section numbers that answer 404 (to show an incomplete book).
"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, N = int(sys.argv[1]), int(sys.argv[2])
GONE = {int(g) for g in sys.argv[3].split(",")} if len(sys.argv) > 3 and sys.argv[3] else set()
CHAPTERS = ["Geography", "The Society", "The Economy", "Government and Politics", "National Security"]


WORDS = (
    "river plain harbor market grain cotton wool timber copper railway canal village district "
    "province council ministry school clinic factory mine port ferry bridge road tractor harvest "
    "drought flood winter summer herd pasture orchard vineyard mill bakery library theater museum "
    "garrison border treaty envoy delegation congress union cooperative brigade academy journal "
    "census budget tariff loan credit wage pension housing water power coal oil gas steel glass"
).split()


def words(i, n):
    """n words chosen by a small linear congruential generator seeded with i: no two
    sections alike, even to a near-duplicate detector."""
    x, out = i * 2654435761 % 2**32, []
    for _ in range(n):
        x = (1103515245 * x + 12345) % 2**31
        out.append(WORDS[x % len(WORDS)])
    return " ".join(out)


def page(i):
    chapter = CHAPTERS[(i - 1) * len(CHAPTERS) // N]
    return (
        f"<html><head><title>Soviet Union - Section {i}</title></head><body>"
        f"<p><b>{chapter}: part {i}</b></p>"
        f"<p><a href='index.html'>Soviet Union Table of Contents</a></p>"
        f"<p>Survey {i} of the river basin counted {i * 7} collective farms along the lower "
        f"reaches: {words(i, 30)}.</p>"
        f"<p>In 1987 the planners of district {i} reported that {i * 3} new schools had opened "
        f"and that the harvest of the year had exceeded the plan by {i % 17} percent.</p>"
        f"<p>Data as of May 1989</p></body></html>"
    ).encode()


TOC = (
    "<html><body><h2>Soviet Union Table of Contents</h2><ul>"
    + "".join(f"<li><a href='{i}.htm'>Section {i}</a></li>" for i in range(1, N + 1))
    + "</ul></body></html>"
).encode()
PAGES = {f"/soviet-union/{i}.htm": page(i) for i in range(1, N + 1) if i not in GONE}
PAGES["/soviet-union/"] = TOC
PAGES["/robots.txt"] = b"User-agent: *\nDisallow: /private/\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes: without this, Nagle's algorithm holds the body until
    # the client's delayed ACK (40 ms a page), and the bench would measure that.
    disable_nagle_algorithm = True

    def do_GET(self):
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        body = body or b"not here"
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
