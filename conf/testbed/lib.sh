# Shared by the test bed scripts. Every namespace is named <prefix>-<node>; the prefix is
# "dmmtb<pid>" of the process owning the test bed, so parallel runs never collide and
# leftovers of dead runs can be recognised and removed.
set -euo pipefail

NODES=(core mn mar1 mar2 mar3 cmd origin)
CORE_MTU=1600
ACCESS_LINK=acc0

prefix_arg() {
  local p="${1:-}"
  if [[ ! "$p" =~ ^dmmtb[0-9]+$ ]]; then
    echo "prefix: '$p' (expected: dmmtb<pid>, e.g. dmmtb$$)" >&2
    exit 2
  fi
  echo "$p"
}

# Namespaces of test beds whose owning process is gone.
stale_namespaces() {
  local ns pid
  for ns in $(ip netns list | awk '{print $1}' | grep -E '^dmmtb[0-9]+-' || true); do
    pid="${ns#dmmtb}"; pid="${pid%%-*}"
    [ -d "/proc/$pid" ] || echo "$ns"
  done
}

delete_namespaces() {
  local ns
  for ns in "$@"; do
    # Processes left in a namespace would keep it alive after unmounting: end them first.
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}
