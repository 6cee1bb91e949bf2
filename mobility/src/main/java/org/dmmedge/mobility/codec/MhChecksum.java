package org.dmmedge.mobility.codec;

import java.net.Inet6Address;

/**
 * The Mobility Header checksum: the Internet checksum over the IPv6 pseudo-header (source,
 * destination, upper-layer length, next header 135; RFC 8200 §8.1) and the whole MH with the
 * Checksum field taken as zero (RFC 6275 §6.1.1). Only raw IPv6 carries it; over UDP the UDP
 * checksum protects the datagram and the field stays zero.
 */
public final class MhChecksum {
  private static final int MH_PROTOCOL = 135;

  private MhChecksum() {}

  /** The checksum for {@code mh} sent from {@code source} to {@code destination}. */
  public static int compute(Inet6Address source, Inet6Address destination, byte[] mh) {
    long sum = sum(source.getAddress()) + sum(destination.getAddress());
    sum += (mh.length >>> 16) + (mh.length & 0xffff) + MH_PROTOCOL;
    for (int i = 0; i < mh.length; i += 2) {
      if (i == WireFormat.CHECKSUM_OFFSET) {
        continue;
      }
      int high = (mh[i] & 0xff) << 8;
      int low = i + 1 < mh.length ? mh[i + 1] & 0xff : 0;
      sum += high | low;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  /** Writes the checksum into {@code mh} (octets 4 and 5). */
  public static void fill(Inet6Address source, Inet6Address destination, byte[] mh) {
    int checksum = compute(source, destination, mh);
    mh[WireFormat.CHECKSUM_OFFSET] = (byte) (checksum >>> 8);
    mh[WireFormat.CHECKSUM_OFFSET + 1] = (byte) checksum;
  }

  /** Whether the Checksum field of {@code mh} is right for these addresses. */
  public static boolean verify(Inet6Address source, Inet6Address destination, byte[] mh) {
    if (mh.length < WireFormat.CHECKSUM_OFFSET + 2) {
      return false;
    }
    int stored = ((mh[WireFormat.CHECKSUM_OFFSET] & 0xff) << 8)
        | (mh[WireFormat.CHECKSUM_OFFSET + 1] & 0xff);
    return stored == compute(source, destination, mh);
  }

  private static long sum(byte[] bytes) {
    long sum = 0;
    for (int i = 0; i < bytes.length; i += 2) {
      sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
    }
    return sum;
  }
}
