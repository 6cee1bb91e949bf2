package org.dmmedge.mobility;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv6 prefix such as {@code 2001:db8:1:2::/64}: the network address (host bits zero) and a
 * length from 0 to 128.
 *
 * @param address the network address; host bits must be zero
 * @param length prefix length in bits, 0..128
 */
public record Ipv6Prefix(Inet6Address address, int length) {

  public Ipv6Prefix {
    Objects.requireNonNull(address, "address");
    if (length < 0 || length > 128) {
      throw new IllegalArgumentException("length: " + length + " (expected: 0..128)");
    }
    byte[] bytes = address.getAddress();
    if (!Arrays.equals(bytes, mask(bytes, length))) {
      throw new IllegalArgumentException(
          "address: " + address.getHostAddress() + " has bits set beyond /" + length);
    }
  }

  /** Parses {@code "2001:db8::/64"}; the address part must be an IPv6 literal. */
  public static Ipv6Prefix parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("prefix: " + text + " (expected: address/length)");
    }
    String addr = text.substring(0, slash);
    if (addr.indexOf(':') < 0) {
      throw new IllegalArgumentException("prefix: " + text + " (expected: an IPv6 address)");
    }
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("prefix: " + text + " (expected: length 0..128)", e);
    }
    try {
      return new Ipv6Prefix((Inet6Address) InetAddress.getByName(addr), length);
    } catch (UnknownHostException | ClassCastException e) {
      throw new IllegalArgumentException("prefix: " + text + " (expected: an IPv6 address)", e);
    }
  }

  /** Builds a prefix from raw bytes, zeroing the host bits. */
  public static Ipv6Prefix of(byte[] address, int length) {
    if (address.length != 16) {
      throw new IllegalArgumentException("address: " + address.length + " bytes (expected: 16)");
    }
    try {
      return new Ipv6Prefix((Inet6Address) InetAddress.getByAddress(mask(address, length)), length);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Whether {@code candidate} lies inside this prefix. */
  public boolean contains(InetAddress candidate) {
    byte[] bytes = candidate.getAddress();
    return bytes.length == 16 && Arrays.equals(mask(bytes, length), address.getAddress());
  }

  /** The network address as 16 bytes (a copy). */
  public byte[] bytes() {
    return address.getAddress();
  }

  @Override
  public String toString() {
    return address.getHostAddress().replaceFirst("(^|:)(0(:|$)){2,}", "::") + "/" + length;
  }

  private static byte[] mask(byte[] bytes, int length) {
    byte[] masked = bytes.clone();
    for (int i = 0; i < masked.length; i++) {
      int keep = Math.max(0, Math.min(8, length - 8 * i));
      masked[i] &= (byte) (0xff00 >>> keep);
    }
    return masked;
  }
}
