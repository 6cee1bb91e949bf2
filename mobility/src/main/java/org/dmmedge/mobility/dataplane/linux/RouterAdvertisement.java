package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * The ICMPv6 body of a Router Advertisement (RFC 4861 §4.2) with its Source Link-Layer
 * Address, MTU and Prefix Information options (§4.6.1, §4.6.3, §4.6.4), and the one field the
 * data plane reads from a Router Solicitation (§4.1): its source link-layer address. Network
 * byte order; the checksum is left 0 for the kernel to fill in (raw ICMPv6 sockets always
 * compute it, RFC 3542 §3.1).
 *
 * @param routerLifetime how long the MN may use this router as default (0..9000 s)
 * @param mtu the link MTU to advertise, 0 for none
 * @param sourceLinkLayer this router's link-layer address, empty for none
 * @param prefixes the prefixes, each preferred or deprecated
 */
record RouterAdvertisement(Duration routerLifetime, int mtu, Optional<byte[]> sourceLinkLayer,
    List<PrefixInfo> prefixes) {

  static final int TYPE_ROUTER_SOLICITATION = 133;
  static final int TYPE_ROUTER_ADVERTISEMENT = 134;
  private static final int OPTION_SOURCE_LINK_LAYER = 1;
  private static final int OPTION_PREFIX = 3;
  private static final int OPTION_MTU = 5;
  private static final int FLAG_ON_LINK = 0x80;
  private static final int FLAG_AUTONOMOUS = 0x40;
  private static final int HOP_LIMIT = 64;

  /**
   * One Prefix Information option: on-link and autonomous (SLAAC). A deprecated prefix has
   * preferred lifetime 0 (RFC 4862 §5.5.4): existing flows keep it, new ones choose another.
   */
  record PrefixInfo(Ipv6Prefix prefix, Duration validLifetime, Duration preferredLifetime) {
    PrefixInfo {
      Objects.requireNonNull(prefix, "prefix");
      if (preferredLifetime.compareTo(validLifetime) > 0) {
        throw new IllegalArgumentException("preferredLifetime: " + preferredLifetime
            + " (expected: <= validLifetime " + validLifetime + ")");
      }
    }
  }

  RouterAdvertisement {
    Objects.requireNonNull(sourceLinkLayer, "sourceLinkLayer");
    prefixes = List.copyOf(prefixes);
    if (routerLifetime.isNegative() || routerLifetime.getSeconds() > 9000) {
      throw new IllegalArgumentException("routerLifetime: " + routerLifetime + " (expected: 0..9000 s)");
    }
  }

  byte[] encode() {
    int size = 16 + (mtu > 0 ? 8 : 0) + sourceLinkLayer.map(a -> (a.length + 2 + 7) / 8 * 8).orElse(0)
        + 32 * prefixes.size();
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) TYPE_ROUTER_ADVERTISEMENT).put((byte) 0).putShort((short) 0)
        .put((byte) HOP_LIMIT).put((byte) 0).putShort((short) routerLifetime.getSeconds())
        .putInt(0).putInt(0);
    sourceLinkLayer.ifPresent(address -> {
      int units = (address.length + 2 + 7) / 8;
      b.put((byte) OPTION_SOURCE_LINK_LAYER).put((byte) units).put(address);
      b.position(b.position() + units * 8 - 2 - address.length);
    });
    if (mtu > 0) {
      b.put((byte) OPTION_MTU).put((byte) 1).putShort((short) 0).putInt(mtu);
    }
    for (PrefixInfo p : prefixes) {
      b.put((byte) OPTION_PREFIX).put((byte) 4).put((byte) p.prefix().length())
          .put((byte) (FLAG_ON_LINK | FLAG_AUTONOMOUS))
          .putInt(seconds(p.validLifetime())).putInt(seconds(p.preferredLifetime())).putInt(0)
          .put(p.prefix().bytes());
    }
    return b.array();
  }

  /**
   * The source link-layer address of a Router Solicitation ({@code aa:bb:cc:dd:ee:ff}), or
   * empty when {@code icmp} is not a well-formed RS or carries none (RS from ::, §4.1).
   */
  static Optional<String> solicitationSource(byte[] icmp, int length) {
    if (length < 8 || (icmp[0] & 0xff) != TYPE_ROUTER_SOLICITATION || icmp[1] != 0) {
      return Optional.empty();
    }
    int pos = 8;
    while (pos + 2 <= length) {
      int units = icmp[pos + 1] & 0xff;
      if (units == 0 || pos + units * 8 > length) {
        return Optional.empty(); // RFC 4861 §4.6: a zero-length option makes the packet invalid
      }
      if ((icmp[pos] & 0xff) == OPTION_SOURCE_LINK_LAYER && units == 1) {
        return Optional.of(HexFormat.ofDelimiter(":").formatHex(icmp, pos + 2, pos + 8));
      }
      pos += units * 8;
    }
    return Optional.empty();
  }

  private static int seconds(Duration d) {
    return (int) Math.min(d.getSeconds(), 0xffffffffL);
  }
}
