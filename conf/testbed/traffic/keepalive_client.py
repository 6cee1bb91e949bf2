# A DASH-like client on one keep-alive connection to [HOST]:80 (as a player would hold one):
# for each path read from stdin it sends a GET on the connection it has, opening a new one when
# the server closed it (as browsers retry a request on a closed idle connection), and prints
# "<status> <X-Served-By> <X-Cache> <local address> <reused|new> <body bytes>".
import http.client, sys

host = sys.argv[1]
conn = None


def get(path):
    global conn
    fresh = conn is None
    if fresh:
        conn = http.client.HTTPConnection(host, 80, timeout=20)
    try:
        conn.request("GET", path)
        local = conn.sock.getsockname()[0]
        resp = conn.getresponse()
    except (http.client.RemoteDisconnected, ConnectionError, BrokenPipeError):
        if fresh:
            raise
        conn.close()
        conn = None
        return get(path)
    body = resp.read()
    print(resp.status, resp.getheader("X-Served-By", "-"), resp.getheader("X-Cache", "-"),
          local, "new" if fresh else "reused", len(body), flush=True)
    if conn.sock is None:  # the response said Connection: close
        conn = None


print("ready", flush=True)
for line in sys.stdin:
    get(line.strip())
