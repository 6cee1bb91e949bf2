package org.dmmedge.edge.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is a
 * network of one. Used for the client networks allowed to send {@code PURGE}.
 *
 * @param network the network address (host bits are ignored when matching)
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {
  static final String EXPECTED = "an IP network such as 10.0.0.0/8, fd00::/8 or 127.0.0.1";

  public Cidr {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefixLength: " + prefixLength + " (expected: 0.." + bits + ")");
    }
  }

  /** Parses {@code address[/length]}; only IP literals, never a name lookup. */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException(EXPECTED);
    }
    InetAddress network;
    try {
      network = InetAddress.getByName(address); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(EXPECTED);
    }
    int bits = network.getAddress().length * 8;
    int length;
    try {
      length = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(EXPECTED);
    }
    if (length < 0 || length > bits) {
      throw new IllegalArgumentException(EXPECTED + ", prefix length 0.." + bits);
    }
    return new Cidr(network, length);
  }

  /** Whether {@code address} lies in this network (an IPv4 address never matches IPv6). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != n[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (a[full] & mask) == (n[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
