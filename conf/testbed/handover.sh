#!/usr/bin/env bash
# Moves the MN's access link peer (acc0) from one MAR namespace to another and brings it up:
# the link-layer part of a handover. Usage: handover.sh <prefix> <from: marN> <to: marN>.
# One netlink request does both (the kernel moves the link, then applies "up" in the new
# namespace): with two `ip` calls the link sat down in the new MAR for a whole process start
# (20-60 ms on a loaded machine), which counted into every measured interruption.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
P="$(prefix_arg "${1:-}")"
from="${2:?from (expected: mar1, mar2 or mar3)}"
to="${3:?to (expected: mar1, mar2 or mar3)}"
ip -n "$P-$from" link set "$ACCESS_LINK" netns "$P-$to" up
