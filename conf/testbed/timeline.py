#!/usr/bin/env python3
"""Breaks each move of a MobilityTestbedIT run down into a timeline of the downlink flow
(origin -> MN, addressed to the MN's MAR1 prefix, so MAR1 is its anchor).

Usage: timeline.py [edge-node/target/testbed]
Reads moves.csv, the MARs' logs and the captures tcpdump-core.log (core bridge) and
tcpdump-mn.log (the MN's link) the test writes there. Times are ms after the new MAR saw the
access link come up (LinkWatcher's "attach: access link" line); "link up" is that instant
after the move started (handover.sh's process start included):
  PBU, PBA        new MAR -> CMD, CMD -> new MAR (core bridge)
  reach           new MAR installed ReachRemoteAnchor for 2001:db8:1::/64 (log, at its end)
  tell            the anchor MAR1 is told: relay PBU from the new MAR, or the CMD's (proxy)
  anchor          MAR1 installed ForwardToServing to the new MAR, or AnchorLocal when the MN
                  came back to it (log, at its end)
  tunnel          first tunnelled downlink packet MAR1 -> new MAR (core bridge)
  NS, NA          first neighbour solicitation / advertisement on the MN's link
  first           first downlink packet at the MN after the link came up
  last            last downlink packet at the MN before it (negative)
  gap             first - last - 20 ms (the flow's interval): the move's interruption
"""
import datetime
import re
import statistics
import sys
from pathlib import Path

DIR = Path(sys.argv[1] if len(sys.argv) > 1 else "edge-node/target/testbed")
CORE = {"mar1": "2001:db8:c::1", "mar2": "2001:db8:c::2", "mar3": "2001:db8:c::3"}
LONG = {k: v.replace("::", ":0:0:0:0:") for k, v in CORE.items()}
CMD = "2001:db8:c::a"


def wall(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def log(name):
    out = []
    for line in (DIR / name).read_text().splitlines():
        if line[:2] == "20" and "T" in line[:11]:
            out.append((wall(line.split()[0]), line))
    return out


def capture(name):
    return [(float(l.split()[0]), l) for l in (DIR / name).read_text().splitlines()
            if l[:1].isdigit()]


def first(events, start, end, test):
    return next((t for t, line in events if start <= t < end and test(line)), None)


moves = [(a, b, wall(t)) for a, b, t in
         (l.split(",") for l in (DIR / "moves.csv").read_text().split())]
core, mn = capture("tcpdump-core.log"), capture("tcpdump-mn.log")
logs = {m: log(m + ".log") for m in CORE}
columns = ["link up", "PBU", "PBA", "reach", "tell", "anchor", "tunnel", "NS", "NA", "first",
           "last", "gap"]
rows = []
print("move".ljust(11) + "".join(c.rjust(8) for c in columns))
for i, (old, new, start) in enumerate(moves):
    end = moves[i + 1][2] if i + 1 < len(moves) else float("inf")
    a, tunnel_to = CORE[new], LONG[new]
    up = first(logs[new], start, end, lambda l: "attach: access link" in l) or start
    t = {"link up": up}
    t["PBU"] = first(core, up, end, lambda l: f"{a}.5436 > {CMD}.5436" in l)
    t["PBA"] = first(core, up, end, lambda l: f"{CMD}.5436 > {a}.5436" in l)
    t["reach"] = first(logs[new], up, end, lambda l: "installed ReachRemoteAnchor" in l
                       and "prefix=2001:db8:1::/64" in l)
    t["tell"] = first(core, up, end, lambda l: f"> {CORE['mar1']}.5436" in l
                      and (f"{a}.5436" in l or f"{CMD}.5436" in l))
    t["anchor"] = first(logs["mar1"], up, end, lambda l: "installed ForwardToServing" in l
                        and f"servingMar=/{tunnel_to}]" in l or "installed AnchorLocal" in l)
    t["tunnel"] = first(core, up, end, lambda l: f"{CORE['mar1']} > {a}: IP6" in l)
    t["NS"] = first(mn, up, end, lambda l: "neighbor solicitation" in l)
    t["NA"] = first(mn, up, end, lambda l: "neighbor advertisement" in l)
    t["first"] = first(mn, up, end, lambda l: ".9001: UDP" in l)
    before = [x for x, l in mn if x < up and ".9001: UDP" in l]
    t["last"] = before[-1] if before else None
    row = {c: (t[c] - up) * 1000 if t.get(c) else None for c in columns[1:-1]}
    row["link up"] = (up - start) * 1000
    row["gap"] = (t["first"] - t["last"]) * 1000 - 20 if t["first"] and t["last"] else None
    rows.append(row)
    print(f"{old}->{new}".ljust(11) + "".join(
        f"{row[c]:8.1f}" if row[c] is not None else "       -" for c in columns))
print("median".ljust(11) + "".join(
    f"{statistics.median(v):8.1f}" if (v := [r[c] for r in rows if r[c] is not None])
    else "       -" for c in columns))
