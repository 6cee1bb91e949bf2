package org.dmmedge.mobility.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal pcap file (libpcap format, LINKTYPE_IPV6 = 229) of IPv6 packets carrying Mobility
 * Headers, either after a UDP header (port 5436) or directly as next header 135.
 */
final class PcapWriter {
  private static final int LINKTYPE_IPV6 = 229;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int seconds = 1_600_000_000;

  PcapWriter() {
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(65_535).putInt(LINKTYPE_IPV6);
    out.writeBytes(header.array());
  }

  /** IPv6 / UDP 5436 -> 5436 / {@code mh}, UDP checksum computed. */
  PcapWriter udp(Inet6Address src, Inet6Address dst, byte[] mh) {
    ByteBuffer udp = ByteBuffer.allocate(8 + mh.length);
    udp.putShort((short) 5436).putShort((short) 5436).putShort((short) (8 + mh.length))
        .putShort((short) 0).put(mh);
    byte[] segment = udp.array();
    int checksum = checksum(src, dst, 17, segment);
    segment[6] = (byte) (checksum >>> 8);
    segment[7] = (byte) checksum;
    return packet(ipv6(src, dst, 17, segment));
  }

  /** IPv6 next header 135 / {@code mh}, MH checksum filled. */
  PcapWriter raw(Inet6Address src, Inet6Address dst, byte[] mh) {
    byte[] copy = mh.clone();
    MhChecksum.fill(src, dst, copy);
    return packet(ipv6(src, dst, 135, copy));
  }

  void writeTo(Path file) throws IOException {
    Files.write(file, out.toByteArray());
  }

  private PcapWriter packet(byte[] data) {
    ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    record.putInt(seconds++).putInt(0).putInt(data.length).putInt(data.length);
    out.writeBytes(record.array());
    out.writeBytes(data);
    return this;
  }

  private static byte[] ipv6(Inet6Address src, Inet6Address dst, int nextHeader, byte[] payload) {
    ByteBuffer ip = ByteBuffer.allocate(40 + payload.length);
    ip.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64)
        .put(src.getAddress()).put(dst.getAddress()).put(payload);
    return ip.array();
  }

  static int checksum(Inet6Address src, Inet6Address dst, int protocol, byte[] data) {
    ByteBuffer pseudo = ByteBuffer.allocate(40 + data.length + (data.length & 1));
    pseudo.put(src.getAddress()).put(dst.getAddress()).putInt(data.length).putInt(protocol)
        .put(data);
    byte[] all = pseudo.array();
    long sum = 0;
    for (int i = 0; i < all.length; i += 2) {
      sum += ((all[i] & 0xff) << 8) | (all[i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    int result = (int) (~sum & 0xffff);
    return result == 0 ? 0xffff : result;
  }
}
