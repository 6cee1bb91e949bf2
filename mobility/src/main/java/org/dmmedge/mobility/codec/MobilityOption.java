package org.dmmedge.mobility.codec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * One mobility option of a PBU or PBA (RFC 6275 §6.2, RFC 5213 §8). Pad1 and PadN are not
 * modelled: the encoder inserts them for alignment and the decoder skips them. Options carrying
 * bytes copy them in and out, so every option is an immutable value.
 */
public sealed interface MobilityOption {

  /** Mobile Node Identifier option (type 8, RFC 4283), subtype 1: a Network Access Identifier. */
  record MobileNodeIdentifier(String nai) implements MobilityOption {
    public MobileNodeIdentifier {
      Objects.requireNonNull(nai, "nai");
      int length = nai.getBytes(StandardCharsets.UTF_8).length;
      if (length == 0 || length > 254) {
        throw new IllegalArgumentException("nai: " + length + " bytes (expected: 1..254)");
      }
    }
  }

  /** Home Network Prefix option (type 22, RFC 5213 §8.3); a PBU may carry several. */
  record HomeNetworkPrefix(Ipv6Prefix prefix) implements MobilityOption {
    public HomeNetworkPrefix {
      Objects.requireNonNull(prefix, "prefix");
    }
  }

  /** Handoff Indicator option (type 23, RFC 5213 §8.4). */
  record HandoffIndicator(int value) implements MobilityOption {
    /** Handoff state unknown (4): what a MAR says on a first attach. */
    public static final int UNKNOWN = 4;
    /** Handoff state not changed (5): a re-registration. */
    public static final int NOT_CHANGED = 5;

    public HandoffIndicator {
      requireOctet("value", value);
    }
  }

  /** Access Technology Type option (type 24, RFC 5213 §8.5), e.g. 4 for IEEE 802.11. */
  record AccessTechnologyType(int value) implements MobilityOption {
    public AccessTechnologyType {
      requireOctet("value", value);
    }
  }

  /** Mobile Node Link-layer Identifier option (type 25, RFC 5213 §8.6). */
  record LinkLayerIdentifier(byte[] id) implements MobilityOption {
    public LinkLayerIdentifier {
      id = requireBytes("id", id, 1, 252).clone();
    }

    @Override
    public byte[] id() {
      return id.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LinkLayerIdentifier other && Arrays.equals(id, other.id);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
      return "LinkLayerIdentifier[" + HexFormat.ofDelimiter(":").formatHex(id) + "]";
    }
  }

  /** Link-local Address option (type 26, RFC 5213 §8.7). */
  record LinkLocalAddress(Inet6Address address) implements MobilityOption {
    public LinkLocalAddress {
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * Timestamp option (type 27, RFC 5213 §8.8): 48 bits of seconds since 1970 and 16 bits of
   * 1/65536 second, kept as the raw 64-bit value so that encoding is exact.
   */
  record Timestamp(long value) implements MobilityOption {
    /** The timestamp of {@code instant}, truncated to 1/65536 s. */
    public static Timestamp of(Instant instant) {
      long fraction = ((long) instant.getNano() << 16) / 1_000_000_000L;
      return new Timestamp((instant.getEpochSecond() << 16) | fraction);
    }

    public Instant toInstant() {
      long nanos = ((value & 0xffff) * 1_000_000_000L) >>> 16;
      return Instant.ofEpochSecond(value >>> 16, nanos);
    }
  }

  /**
   * DMM: a MAR that anchors one of the MN's prefixes (vendor-specific option, enterprise 32473,
   * sub-type 1). {@code notified} is set when the CMD has already told the anchor about the move
   * (proxy mode), so the serving MAR must not send it a PBU itself (relay mode);
   * {@code lastServing} marks the MAR the MN has just left.
   */
  record PreviousAnchor(InetAddress anchor, Ipv6Prefix prefix, boolean notified,
      boolean lastServing, byte[] mnLinkLayerId) implements MobilityOption {
    public PreviousAnchor {
      Objects.requireNonNull(anchor, "anchor");
      Objects.requireNonNull(prefix, "prefix");
      mnLinkLayerId = requireBytes("mnLinkLayerId", mnLinkLayerId, 0, 200).clone();
    }

    @Override
    public byte[] mnLinkLayerId() {
      return mnLinkLayerId.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PreviousAnchor other && anchor.equals(other.anchor)
          && prefix.equals(other.prefix) && notified == other.notified
          && lastServing == other.lastServing && Arrays.equals(mnLinkLayerId, other.mnLinkLayerId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(anchor, prefix, notified, lastServing, Arrays.hashCode(mnLinkLayerId));
    }

    @Override
    public String toString() {
      return "PreviousAnchor[" + anchor.getHostAddress() + " anchors " + prefix
          + (notified ? ", notified" : "") + (lastServing ? ", last serving" : "") + "]";
    }
  }

  /** DMM: the MAR now serving the MN (vendor-specific option, enterprise 32473, sub-type 2). */
  record ServingMar(InetAddress address) implements MobilityOption {
    public ServingMar {
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * Mobility Message Authentication option (type 16, RFC 4285 §5) as this project uses it:
   * subtype 1 (MN-HA), the sender's SPI and an HMAC-SHA256 authenticator (32 octets). Always
   * the last option; the encoder computes the authenticator.
   */
  record Authentication(int spi, byte[] authenticator) implements MobilityOption {
    public Authentication {
      authenticator = requireBytes("authenticator", authenticator, 1, 64).clone();
    }

    @Override
    public byte[] authenticator() {
      return authenticator.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Authentication other && spi == other.spi
          && Arrays.equals(authenticator, other.authenticator);
    }

    @Override
    public int hashCode() {
      return 31 * spi + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
      return "Authentication[spi=" + Integer.toUnsignedString(spi) + "]";
    }
  }

  /** An option this implementation does not interpret, kept with its data (RFC 6275 §6.2.1). */
  record UnknownOption(int type, byte[] data) implements MobilityOption {
    public UnknownOption {
      requireOctet("type", type);
      if (type <= 1) {
        throw new IllegalArgumentException("type: " + type + " (expected: 2..255, not a pad)");
      }
      data = requireBytes("data", data, 0, 255).clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof UnknownOption other && type == other.type
          && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
      return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "UnknownOption[type=" + type + ", " + data.length + " bytes]";
    }
  }

  private static void requireOctet(String field, int value) {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: 0..255)");
    }
  }

  private static byte[] requireBytes(String field, byte[] value, int min, int max) {
    Objects.requireNonNull(value, field);
    if (value.length < min || value.length > max) {
      throw new IllegalArgumentException(
          field + ": " + value.length + " bytes (expected: " + min + ".." + max + ")");
    }
    return value;
  }
}
