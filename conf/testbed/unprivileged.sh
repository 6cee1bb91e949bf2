#!/usr/bin/env bash
# Runs a command (a test bed script, or the whole build) as root of a new user namespace, for a
# user who is not root: unprivileged user namespaces give it CAP_NET_ADMIN over namespaces it
# creates, and a private tmpfs on /run/netns lets `ip netns add` work there. Everything created
# vanishes with the command's user namespace.
# Usage: unprivileged.sh <command> [args...]   e.g. unprivileged.sh ./up.sh dmmtb$$
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }
exec unshare --user --map-root-user --net --mount bash -c \
  'mkdir -p /run/netns 2>/dev/null || true; mount -t tmpfs tmpfs /run/netns && exec "$@"' unprivileged "$@"
