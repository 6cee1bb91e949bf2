# The test bed's origin: an HTTP/1.1 server on [::]:PORT with DASH-like content. Prints
# "listening" when ready, then one line per request: "<client address> <method> <path>".
#   /video/manifest.mpd          a static MPD: one Representation "v1", SEGMENTS segments of 2 s,
#                                SegmentTemplate media="v1/seg-$Number$.m4s" (startNumber 1)
#   /video/v1/seg-<n>.m4s        SEGMENT_BYTES bytes of the pattern (n + i) % 251
#   /big?bytes=N&rate=R          N bytes of the pattern i % 251, paced at R bytes/s
# Everything but /big is cacheable for an hour; /big says max-age=60.
import socket, sys, time, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

PORT = int(sys.argv[1])
SEGMENTS, SEGMENT_BYTES = 30, 200_000
PATTERN = bytes(i % 251 for i in range(251 * 256))
MPD = f"""<?xml version="1.0" encoding="UTF-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT{2 * SEGMENTS}S"
     minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">
  <Period id="1" start="PT0S">
    <AdaptationSet mimeType="video/mp4" segmentAlignment="true">
      <SegmentTemplate timescale="1" duration="2" startNumber="1" media="$RepresentationID$/seg-$Number$.m4s"/>
      <Representation id="v1" bandwidth="800000" width="640" height="360" codecs="avc1.4d401e"/>
    </AdaptationSet>
  </Period>
</MPD>
""".encode()
log_lock = threading.Lock()


def pattern(offset, n):
    out = bytearray()
    offset %= 251
    while len(out) < n:
        out += PATTERN[offset:offset + n - len(out)]
        offset = 0
    return bytes(out)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        with log_lock:
            print(self.client_address[0], "GET", self.path, flush=True)
        if url.path == "/video/manifest.mpd":
            self.send(200, MPD, "application/dash+xml", "max-age=3600")
        elif url.path.startswith("/video/v1/seg-") and url.path.endswith(".m4s"):
            n = url.path[len("/video/v1/seg-"):-len(".m4s")]
            if not n.isdigit() or not 1 <= int(n) <= SEGMENTS:
                self.send(404, b"no such segment\n", "text/plain", "no-store")
            else:
                self.send(200, pattern(int(n), SEGMENT_BYTES), "video/mp4", "max-age=3600")
        elif url.path == "/big":
            q = parse_qs(url.query)
            self.paced(int(q.get("bytes", ["1000000"])[0]), int(q.get("rate", ["0"])[0]))
        else:
            self.send(404, b"not found\n", "text/plain", "no-store")

    def send(self, status, body, ctype, cache):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def paced(self, total, rate):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(total))
        self.send_header("Cache-Control", "max-age=60")
        self.end_headers()
        sent, start, chunk = 0, time.monotonic(), 16384
        while sent < total:
            n = min(chunk, total - sent)
            self.wfile.write(pattern(sent, n))
            sent += n
            if rate:
                ahead = sent / rate - (time.monotonic() - start)
                if ahead > 0:
                    time.sleep(ahead)


class Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True


server = Server(("::", PORT), Handler)
print("listening", flush=True)
server.serve_forever()
