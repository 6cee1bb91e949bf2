/**
 * The Linux data plane: rtnetlink over jnr-ffi (routes, source-prefix rules, addresses, links),
 * IPv6-in-IPv6 tunnel backends (kernel seg6, kernel ip6tnl, or TUN devices and a raw socket),
 * Router Advertisements and attach detection on access links, nftables interception, and
 * network-namespace support so tests can program namespaces from one JVM. Entry point:
 * {@link org.dmmedge.mobility.dataplane.linux.LinuxDataPlane}; see mobility/DATAPLANE.md.
 */
package org.dmmedge.mobility.dataplane.linux;
