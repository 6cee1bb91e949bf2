#!/usr/bin/env bash
# Tears a test bed down: deletes its namespaces, which takes every link, address, route and
# rule inside them along (nothing of the test bed lives in the caller's namespace). Safe to
# run twice and after a failed up.sh. Usage: down.sh <prefix>.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
P="$(prefix_arg "${1:-}")"
delete_namespaces $(ip netns list | awk '{print $1}' | grep -E "^$P-" || true)
