package org.dmmedge.mobility.codec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Wire constants of the Mobility Header and its options, and the alignment rule of each option
 * ({@code xn+y}: the option's Type octet must start at an offset from the start of the Mobility
 * Header that is {@code y} modulo {@code x}, RFC 6275 §6.2).
 */
final class WireFormat {
  /** Payload Proto of every MH message: IPPROTO_NONE (RFC 6275 §6.1.1). */
  static final int NO_NEXT_HEADER = 59;
  static final int MH_TYPE_PBU = 5;
  static final int MH_TYPE_PBA = 6;
  /** MH header (6 octets) plus the fixed PBU/PBA fields (6 octets): where options start. */
  static final int FIXED_LENGTH = 12;
  static final int CHECKSUM_OFFSET = 4;

  static final int PAD1 = 0;
  static final int PADN = 1;
  static final int MN_ID = 8;
  static final int AUTH = 16;
  static final int VENDOR = 19;
  static final int HNP = 22;
  static final int HANDOFF = 23;
  static final int ATT = 24;
  static final int LL_ID = 25;
  static final int LL_ADDR = 26;
  static final int TIMESTAMP = 27;
  /** MAD-PMIPv6's serving MAR option: IANA assigned 28 to another option; input only. */
  static final int MAD_SERVING_MAR = 28;
  /** MAD-PMIPv6's previous MAR option: IANA assigned 29 to another option; input only. */
  static final int MAD_PREVIOUS_MAR = 29;

  static final int MN_ID_SUBTYPE_NAI = 1;
  static final int AUTH_SUBTYPE_MN_HA = 1;
  /** The IANA enterprise number reserved for documentation (RFC 5612). */
  static final int ENTERPRISE_NUMBER = 32473;
  static final int VENDOR_PREVIOUS_ANCHOR = 1;
  static final int VENDOR_SERVING_MAR = 2;
  static final int PREVIOUS_ANCHOR_NOTIFIED = 0x80;
  static final int PREVIOUS_ANCHOR_LAST_SERVING = 0x40;
  static final int HMAC_LENGTH = 32;

  private WireFormat() {}

  /** Modulus {@code x} of the option's alignment. */
  static int alignModulus(int type) {
    return switch (type) {
      case HNP, LL_ID, LL_ADDR, TIMESTAMP, AUTH -> 8;
      case VENDOR -> 4;
      default -> 1;
    };
  }

  /**
   * Remainder {@code y} of the option's alignment. The authentication option (39 octets) goes at
   * 8n+1 so that, being last (RFC 4285 §5), it ends the message on an 8-octet boundary.
   */
  static int alignRemainder(int type) {
    return switch (type) {
      case HNP -> 4;
      case LL_ID, TIMESTAMP, VENDOR -> 2;
      case LL_ADDR -> 6;
      case AUTH -> 1;
      default -> 0;
    };
  }

  /** 16 octets: the IPv6 address, or the IPv4-mapped form of an IPv4 address. */
  static byte[] address16(InetAddress address) {
    byte[] raw = address.getAddress();
    if (raw.length == 16) {
      return raw;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(raw, 0, mapped, 12, 4);
    return mapped;
  }

  /** The inverse of {@link #address16}: IPv4-mapped addresses come back as IPv4. */
  static InetAddress address(byte[] sixteen) {
    try {
      return InetAddress.getByAddress(sixteen);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Inet6Address ipv6(byte[] sixteen) {
    try {
      return Inet6Address.getByAddress(null, sixteen, null);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
