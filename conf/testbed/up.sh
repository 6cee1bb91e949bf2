#!/usr/bin/env bash
# Builds the DMM test bed: namespaces <prefix>-{core,mn,mar1,mar2,mar3,cmd,origin}.
#   core:   bridge br0 joining every node's core0 (MTU 1600, so 1500 + 40 bytes of
#           IPv6-in-IPv6 pass between MARs), 2001:db8:c::/64
#   marN:   core0 2001:db8:c::N, forwarding on, MN prefixes 2001:db8:N::/48
#   cmd:    core0 2001:db8:c::a
#   origin: core0 2001:db8:c::f0, routes each MAR's /48 via that MAR
#   mn:     eth0 <-> acc0 in mar1 (the access link, MTU 1500); kernel SLAAC (accept_ra 2)
# Usage: up.sh <prefix>. Removes stale test beds of dead processes first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
P="$(prefix_arg "${1:-}")"

mapfile -t stale < <(stale_namespaces)
[ ${#stale[@]} -eq 0 ] || { echo "removing stale: ${stale[*]}"; delete_namespaces "${stale[@]}"; }
delete_namespaces $(ip netns list | awk '{print $1}' | grep -E "^$P-" || true)

trap 'echo "up.sh failed; tearing down $P" >&2; "$(dirname "${BASH_SOURCE[0]}")/down.sh" "$P"' ERR

sysctl6() { ip netns exec "$P-$1" sysctl -qw "net.ipv6.conf.$2=$3"; }

for n in "${NODES[@]}"; do
  ip netns add "$P-$n"
  ip -n "$P-$n" link set lo up
  # Test bed addresses are unique by construction: no DAD delay on links created later.
  sysctl6 "$n" all.accept_dad 0
  sysctl6 "$n" default.accept_dad 0
done

ip -n "$P-core" link add br0 type bridge
ip -n "$P-core" link set br0 mtu "$CORE_MTU" up
declare -A CORE_ADDR=([mar1]=1 [mar2]=2 [mar3]=3 [cmd]=a [origin]=f0)
for n in mar1 mar2 mar3 cmd origin; do
  ip -n "$P-core" link add "to-$n" mtu "$CORE_MTU" type veth peer name core0 mtu "$CORE_MTU" netns "$P-$n"
  ip -n "$P-core" link set "to-$n" master br0 up
  ip -n "$P-$n" link set core0 up
  ip -n "$P-$n" -6 addr add "2001:db8:c::${CORE_ADDR[$n]}/64" dev core0 nodad
done
for i in 1 2 3; do
  sysctl6 "mar$i" all.forwarding 1
  sysctl6 "mar$i" default.forwarding 1
  ip -n "$P-origin" -6 route add "2001:db8:$i::/48" via "2001:db8:c::$i" dev core0
done

ip -n "$P-mn" link add eth0 type veth peer name "$ACCESS_LINK" netns "$P-mar1"
sysctl6 mn all.forwarding 0
sysctl6 mn eth0.accept_ra 2
sysctl6 mn eth0.autoconf 1
ip -n "$P-mn" link set eth0 up
ip -n "$P-mar1" link set "$ACCESS_LINK" up
echo "test bed $P up"
