package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.util.Objects;

/** A lightweight-tunnel encapsulation attached to a route (RTA_ENCAP_TYPE + RTA_ENCAP). */
sealed interface RouteEncap {

  /**
   * {@code encap seg6 mode encap.red segs <segment>}: IPv6-in-IPv6 towards {@code segment};
   * with one segment the reduced mode puts it in the outer destination and adds no SRH
   * (RFC 8986 H.Encaps.Red), so the wire format is plain RFC 2473.
   */
  record Seg6EncapRed(Inet6Address segment) implements RouteEncap {
    public Seg6EncapRed {
      Objects.requireNonNull(segment, "segment");
    }

    @Override
    public String toString() {
      return "encap seg6 mode encap.red segs " + Route.text(segment);
    }
  }

  /**
   * {@code encap seg6local action End.DX6 nh6 <nextHop>}: decapsulate and forward the inner
   * packet; next hop {@code ::} means "look the inner destination up" (RFC 8986 §4.5).
   */
  record Seg6LocalEndDx6(Inet6Address nextHop) implements RouteEncap {
    public Seg6LocalEndDx6 {
      Objects.requireNonNull(nextHop, "nextHop");
    }

    @Override
    public String toString() {
      return "encap seg6local action End.DX6 nh6 " + Route.text(nextHop);
    }
  }
}
