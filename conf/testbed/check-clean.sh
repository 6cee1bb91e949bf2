#!/usr/bin/env bash
# Exits non-zero and lists what a test bed left behind: namespaces of <prefix>, and links in
# the caller's namespace that the test bed uses as names (it creates none there).
# Usage: check-clean.sh <prefix>.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
P="$(prefix_arg "${1:-}")"
left=$(ip netns list | awk '{print $1}' | grep -E "^$P-" || true)
links=$(ip -o link show | awk -F': ' '{print $2}' | grep -E "^(to-(mar[123]|cmd|origin)|acc0|core0)(@|$)" || true)
if [ -n "$left$links" ]; then
  echo "left behind: ${left//$'\n'/ } ${links//$'\n'/ }"
  exit 1
fi
echo "clean: $P"
