package org.dmmedge.mobility.dataplane;

import java.net.InetAddress;
import java.util.Objects;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * One forwarding state the MAR agent asks its {@link DataPlane} to hold for a mobile node.
 * Records with value equality, so a data plane can keep them in a set and install and remove
 * them idempotently.
 */
public sealed interface DataPlaneAction {

  /** The mobile node this state serves (its MN identifier, RFC 4283). */
  String mnId();

  /** The MN's prefix this state routes. */
  Ipv6Prefix prefix();

  /**
   * This MAR anchors {@code prefix} and the MN is attached here: deliver the prefix on
   * {@code accessLink}, advertise it preferred in Router Advertisements.
   */
  record AnchorLocal(String mnId, Ipv6Prefix prefix, String accessLink) implements DataPlaneAction {
    public AnchorLocal {
      Objects.requireNonNull(mnId, "mnId");
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(accessLink, "accessLink");
    }
  }

  /**
   * The MN is attached here but {@code prefix} is anchored at the remote MAR {@code anchor}:
   * packets from the prefix arriving on {@code accessLink} go through a tunnel to the anchor,
   * packets for the prefix coming out of that tunnel go to {@code accessLink}; the prefix is
   * advertised deprecated (preferred lifetime 0) so that only old flows use it.
   */
  record ReachRemoteAnchor(String mnId, Ipv6Prefix prefix, InetAddress anchor, String accessLink)
      implements DataPlaneAction {
    public ReachRemoteAnchor {
      Objects.requireNonNull(mnId, "mnId");
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(anchor, "anchor");
      Objects.requireNonNull(accessLink, "accessLink");
    }
  }

  /**
   * This MAR anchors {@code prefix} but the MN now is attached at {@code servingMar}: packets
   * for the prefix go through a tunnel to the serving MAR, packets from the tunnel are routed
   * on as if they came from the MN.
   */
  record ForwardToServing(String mnId, Ipv6Prefix prefix, InetAddress servingMar)
      implements DataPlaneAction {
    public ForwardToServing {
      Objects.requireNonNull(mnId, "mnId");
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(servingMar, "servingMar");
    }
  }
}
