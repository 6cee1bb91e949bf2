package org.dmmedge.mobility.codec;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.MobilityOption.AccessTechnologyType;
import org.dmmedge.mobility.codec.MobilityOption.HandoffIndicator;
import org.dmmedge.mobility.codec.MobilityOption.HomeNetworkPrefix;
import org.dmmedge.mobility.codec.MobilityOption.LinkLayerIdentifier;
import org.dmmedge.mobility.codec.MobilityOption.MobileNodeIdentifier;
import org.dmmedge.mobility.codec.MobilityOption.PreviousAnchor;
import org.dmmedge.mobility.codec.MobilityOption.ServingMar;
import org.dmmedge.mobility.codec.MobilityOption.Timestamp;

/** Builds the PBUs and PBAs the CMD and the MARs send, options in the order RFC 5213 lists them. */
public final class ProxyMessages {
  private ProxyMessages() {}

  /**
   * A PBU with flags A, H, P for {@code mnId}'s {@code prefixes}, stamped {@code now}.
   *
   * @param servingMar present when telling a previous anchor where the MN is now
   */
  public static ProxyBindingUpdate pbu(int sequence, int lifetimeUnits, String mnId,
      Collection<Ipv6Prefix> prefixes, int handoff, int accessTechnology, byte[] linkLayerId,
      Optional<InetAddress> servingMar, Instant now) {
    List<MobilityOption> options = new ArrayList<>();
    options.add(new MobileNodeIdentifier(mnId));
    prefixes.forEach(p -> options.add(new HomeNetworkPrefix(p)));
    options.add(new HandoffIndicator(handoff));
    options.add(new AccessTechnologyType(accessTechnology));
    if (linkLayerId.length > 0) {
      options.add(new LinkLayerIdentifier(linkLayerId));
    }
    options.add(Timestamp.of(now));
    servingMar.ifPresent(s -> options.add(new ServingMar(s)));
    return new ProxyBindingUpdate(sequence, ProxyBindingUpdate.PROXY_FLAGS, lifetimeUnits, options);
  }

  /**
   * The PBA answering {@code pbu}: same sequence number, MN identifier, prefixes, handoff
   * indicator, access technology and timestamp (RFC 5213 §6.9.1.2), plus the previous anchors.
   */
  public static ProxyBindingAck pba(ProxyBindingUpdate pbu, PbaStatus status, int lifetimeUnits,
      List<PreviousAnchor> previousAnchors) {
    List<MobilityOption> options = new ArrayList<>();
    pbu.option(MobileNodeIdentifier.class).ifPresent(options::add);
    options.addAll(pbu.options(HomeNetworkPrefix.class));
    pbu.option(HandoffIndicator.class).ifPresent(options::add);
    pbu.option(AccessTechnologyType.class).ifPresent(options::add);
    pbu.option(LinkLayerIdentifier.class).ifPresent(options::add);
    pbu.option(Timestamp.class).ifPresent(options::add);
    options.addAll(previousAnchors);
    return new ProxyBindingAck(status, Set.of(PbaFlag.P), pbu.sequence(), lifetimeUnits, options);
  }

  /**
   * The status 135 answer to {@code pbu}: its Sequence Number is the last one accepted, from
   * which the sender resumes (RFC 6275 §9.5.1).
   */
  public static ProxyBindingAck outOfWindow(ProxyBindingUpdate pbu, int lastAccepted) {
    ProxyBindingAck refusal = pba(pbu, PbaStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW, 0, List.of());
    return new ProxyBindingAck(refusal.status(), refusal.flags(), lastAccepted, 0,
        refusal.options());
  }

  /** The prefixes of a message's Home Network Prefix options. */
  public static List<Ipv6Prefix> prefixes(MobilityMessage message) {
    return message.options(HomeNetworkPrefix.class).stream().map(HomeNetworkPrefix::prefix)
        .toList();
  }

  /** Whether sequence number {@code candidate} comes after {@code last} (RFC 6275 §9.5.1). */
  public static boolean isNewer(int candidate, int last) {
    int distance = (candidate - last) & 0xffff;
    return distance != 0 && distance < 0x8000;
  }
}
