package org.dmmedge.mobility.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.MobilityOption.AccessTechnologyType;
import org.dmmedge.mobility.codec.MobilityOption.HandoffIndicator;
import org.dmmedge.mobility.codec.MobilityOption.HomeNetworkPrefix;
import org.dmmedge.mobility.codec.MobilityOption.MobileNodeIdentifier;
import org.dmmedge.mobility.codec.MobilityOption.PreviousAnchor;
import org.dmmedge.mobility.codec.MobilityOption.Timestamp;

/** The messages of the golden vectors and the pcap test. */
final class CodecFixtures {
  /** 1 600 000 000.5 s after the epoch. */
  static final long TIMESTAMP = 0x5f5e1000_8000L;

  private CodecFixtures() {}

  static ProxyBindingUpdate pbu() {
    return new ProxyBindingUpdate(0x1234, Set.of(PbuFlag.A, PbuFlag.H, PbuFlag.P), 0x40, List.of(
        new MobileNodeIdentifier("mn1"),
        new HomeNetworkPrefix(Ipv6Prefix.parse("2001:db8:1::/64")),
        new HandoffIndicator(4),
        new AccessTechnologyType(4),
        new Timestamp(TIMESTAMP)));
  }

  static ProxyBindingAck pba() {
    return new ProxyBindingAck(PbaStatus.ACCEPTED, Set.of(PbaFlag.P), 0x1234, 0x40, List.of(
        new MobileNodeIdentifier("mn1"),
        new PreviousAnchor(address("192.0.2.1"), Ipv6Prefix.parse("2001:db8:1::/64"), false, false,
            new byte[0])));
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
