package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.mobility.dataplane.DataPlaneException;

/**
 * IPv6-in-IPv6 through the kernel's SRv6 lightweight tunnels (RFC 8986, RFC 9433): routes into
 * a tunnel carry {@code encap seg6 mode encap.red segs <peer decap address>} (one segment, no
 * SRH: plain RFC 2473 on the wire); this node decapsulates what is sent to its own decap
 * address with a {@code seg6local action End.DX6 nh6 ::} route (inner packet looked up in the
 * main table). The decap address must not be a local address (local delivery would win over
 * the seg6local route). Each peer's decap address is routed via that peer's core address while
 * a tunnel to it is open, so the peers need no other routing between them.
 */
final class Srv6Backend implements TunnelBackend {

  private final Rtnetlink rtnl;
  private final int coreIndex;
  private final Map<Inet6Address, Inet6Address> peerDecapAddresses;
  private final Route decapRoute;
  private final Map<Inet6Address, Route> segmentRoutes = new HashMap<>();

  Srv6Backend(Rtnetlink rtnl, int coreIndex, Inet6Address decapAddress,
      Map<Inet6Address, Inet6Address> peerDecapAddresses) {
    this.rtnl = rtnl;
    this.coreIndex = coreIndex;
    this.peerDecapAddresses = Map.copyOf(peerDecapAddresses);
    this.decapRoute = Route.onLink(Rtnetlink.host(decapAddress), Route.MAIN_TABLE, LinuxDataPlane.ROUTE_METRIC,
        coreIndex).withEncap(new RouteEncap.Seg6LocalEndDx6(RtMessages.unspecified()));
    rtnl.replaceRoute(decapRoute);
  }

  @Override
  public TunnelBackendKind kind() {
    return TunnelBackendKind.SRV6;
  }

  @Override
  public TunnelPath open(Inet6Address peer) {
    Inet6Address segment = peerDecapAddresses.get(peer);
    if (segment == null) {
      throw new DataPlaneException("peer: " + peer.getHostAddress()
          + " (expected: a peer with a decap address, one of " + peerDecapAddresses.keySet() + ")");
    }
    if (!segmentRoutes.containsKey(peer)) {
      // Without it the encapsulated packets have no route (Ip6InNoRoutes): the core link
      // carries the peers' core addresses, not their decap addresses.
      Route toSegment = Route.onLink(Rtnetlink.host(segment), Route.MAIN_TABLE, LinuxDataPlane.ROUTE_METRIC,
          coreIndex).withGateway(peer);
      rtnl.replaceRoute(toSegment);
      segmentRoutes.put(peer, toSegment);
    }
    return new TunnelPath(coreIndex, Optional.of(new RouteEncap.Seg6EncapRed(segment)));
  }

  @Override
  public void release(Inet6Address peer) {
    Route toSegment = segmentRoutes.remove(peer);
    if (toSegment != null) {
      rtnl.removeRoute(toSegment);
    }
  }

  @Override
  public void close() {
    List.copyOf(segmentRoutes.keySet()).forEach(this::release);
    rtnl.removeRoute(decapRoute);
  }
}
