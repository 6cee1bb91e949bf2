package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rtattr} attributes of one received message, by type (the last one wins when a
 * type repeats). Malformed lengths end the walk rather than throw: the kernel is trusted, but
 * a short read must not turn into an exception on an event thread.
 */
final class NetlinkAttributes {

  private final Map<Integer, ByteBuffer> byType = new HashMap<>();

  private NetlinkAttributes() {}

  /** Parses attributes in {@code message[from, to)}. */
  static NetlinkAttributes parse(ByteBuffer message, int from, int to) {
    NetlinkAttributes attrs = new NetlinkAttributes();
    ByteBuffer b = message.duplicate().order(ByteOrder.nativeOrder());
    int pos = from;
    while (pos + 4 <= to) {
      int len = Short.toUnsignedInt(b.getShort(pos));
      int type = Short.toUnsignedInt(b.getShort(pos + 2)) & 0x3fff;
      if (len < 4 || pos + len > to) {
        break;
      }
      ByteBuffer payload = b.duplicate().position(pos + 4).limit(pos + len).slice()
          .order(ByteOrder.nativeOrder());
      attrs.byType.put(type, payload);
      pos += (len + 3) & ~3;
    }
    return attrs;
  }

  Optional<ByteBuffer> get(int type) {
    // duplicate() resets the byte order to big-endian: set it again.
    return Optional.ofNullable(byType.get(type)).map(b -> b.duplicate().order(ByteOrder.nativeOrder()));
  }

  Optional<Integer> u32(int type) {
    return get(type).filter(b -> b.remaining() >= 4).map(b -> b.getInt(0));
  }

  Optional<String> string(int type) {
    return get(type).map(b -> {
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      int n = 0;
      while (n < bytes.length && bytes[n] != 0) {
        n++;
      }
      return new String(bytes, 0, n, StandardCharsets.US_ASCII);
    });
  }

  Optional<byte[]> bytes(int type) {
    return get(type).map(b -> {
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return bytes;
    });
  }
}
