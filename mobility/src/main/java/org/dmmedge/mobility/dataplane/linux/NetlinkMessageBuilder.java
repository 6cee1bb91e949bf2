package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one netlink message: the {@code nlmsghdr}, a family header ({@code rtmsg},
 * {@code ifaddrmsg}, {@code fib_rule_hdr}, {@code ifinfomsg}) and {@code rtattr} attributes,
 * nested ones included, each padded to 4 bytes (netlink(7), rtnetlink(7)). Native byte order.
 * The sequence number is left 0; {@link NetlinkSocket} stamps it when sending. Not thread-safe.
 */
final class NetlinkMessageBuilder {

  static final int HEADER_BYTES = 16;
  private static final int MAX_BYTES = 8192;

  private final ByteBuffer buf = ByteBuffer.allocate(MAX_BYTES).order(ByteOrder.nativeOrder());

  NetlinkMessageBuilder(int type, int flags) {
    buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
  }

  NetlinkMessageBuilder u8(int value) {
    buf.put((byte) value);
    return this;
  }

  NetlinkMessageBuilder u16(int value) {
    buf.putShort((short) value);
    return this;
  }

  NetlinkMessageBuilder u32(int value) {
    buf.putInt(value);
    return this;
  }

  NetlinkMessageBuilder attr(int type, byte[] payload) {
    buf.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
    pad();
    return this;
  }

  NetlinkMessageBuilder attrU32(int type, int value) {
    return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
  }

  NetlinkMessageBuilder attrU16(int type, int value) {
    return attr(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
  }

  NetlinkMessageBuilder attrU8(int type, int value) {
    return attr(type, new byte[] {(byte) value});
  }

  /** A NUL-terminated string attribute (interface names, link kinds). */
  NetlinkMessageBuilder attrString(int type, String value) {
    byte[] text = value.getBytes(StandardCharsets.US_ASCII);
    return attr(type, Arrays.copyOf(text, text.length + 1));
  }

  NetlinkMessageBuilder attrAddress(int type, Inet6Address address) {
    return attr(type, address.getAddress());
  }

  /** Opens a nested attribute; close it with {@link #end(int)} passing the returned mark. */
  int begin(int type) {
    int mark = buf.position();
    buf.putShort((short) 0).putShort((short) type);
    return mark;
  }

  NetlinkMessageBuilder end(int mark) {
    buf.putShort(mark, (short) (buf.position() - mark));
    return this;
  }

  /** The finished message, its length field set. */
  byte[] build() {
    buf.putInt(0, buf.position());
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private void pad() {
    while ((buf.position() & 3) != 0) {
      buf.put((byte) 0);
    }
  }
}
