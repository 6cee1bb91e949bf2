package org.dmmedge.mobility.cmd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * The binary records of the binding journal and snapshot:
 * {@code [int length][int crc32c][byte op][payload]}, where length counts op and payload. A PUT
 * payload is the MN's whole state (so replaying a record twice changes nothing); a REMOVE
 * payload is the MN id. A record whose length or CRC does not check is a torn write.
 */
final class JournalFormat {
  static final byte PUT = 1;
  static final byte REMOVE = 2;
  static final int HEADER = 8;

  private JournalFormat() {}

  /** One MN state change read back. */
  record Entry(byte op, String mnId, MobileNodeBindings bindings) {}

  static byte[] put(MobileNodeBindings mn) {
    return frame(PUT, out -> {
      out.writeUTF(mn.mnId());
      writeAddress(out, mn.servingMar());
      out.writeByte(mn.linkLayerId().length);
      out.write(mn.linkLayerId());
      out.writeInt(mn.bindings().size());
      for (Binding b : mn.bindings()) {
        out.writeByte(b.prefix().length());
        out.write(b.prefix().bytes());
        writeAddress(out, b.anchor());
        out.writeLong(b.lifetime().toMillis());
        out.writeLong(b.registered().toEpochMilli());
      }
    });
  }

  static byte[] remove(String mnId) {
    return frame(REMOVE, out -> out.writeUTF(mnId));
  }

  /**
   * Reads the record at the start of {@code buf}, or returns null (buffer untouched) when the
   * rest of the buffer holds no complete, intact record.
   */
  static Entry read(ByteBuffer buf) {
    if (buf.remaining() < HEADER) {
      return null;
    }
    int start = buf.position();
    int length = buf.getInt(start);
    int crc = buf.getInt(start + 4);
    if (length < 1 || length > buf.remaining() - HEADER) {
      return null;
    }
    byte[] body = new byte[length];
    buf.get(start + HEADER, body);
    CRC32C check = new CRC32C();
    check.update(body);
    if ((int) check.getValue() != crc) {
      return null;
    }
    buf.position(start + HEADER + length);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
      byte op = in.readByte();
      String mnId = in.readUTF();
      if (op == REMOVE) {
        return new Entry(op, mnId, null);
      }
      InetAddress serving = readAddress(in);
      byte[] ll = in.readNBytes(in.readUnsignedByte());
      int count = in.readInt();
      List<Binding> bindings = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int prefixLength = in.readUnsignedByte();
        Ipv6Prefix prefix = Ipv6Prefix.of(in.readNBytes(16), prefixLength);
        InetAddress anchor = readAddress(in);
        Duration lifetime = Duration.ofMillis(in.readLong());
        Instant registered = Instant.ofEpochMilli(in.readLong());
        bindings.add(new Binding(prefix, anchor, lifetime, registered));
      }
      return new Entry(op, mnId, new MobileNodeBindings(mnId, serving, ll, bindings));
    } catch (IOException e) {
      throw new UncheckedIOException("journal record at " + start + " is inconsistent", e);
    }
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] frame(byte op, Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(op);
      body.write(out);
      byte[] content = bytes.toByteArray();
      CRC32C crc = new CRC32C();
      crc.update(content);
      return ByteBuffer.allocate(HEADER + content.length).putInt(content.length)
          .putInt((int) crc.getValue()).put(content).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeAddress(DataOutputStream out, InetAddress address) throws IOException {
    byte[] raw = address.getAddress();
    out.writeByte(raw.length);
    out.write(raw);
  }

  private static InetAddress readAddress(DataInputStream in) throws IOException {
    return InetAddress.getByAddress(in.readNBytes(in.readUnsignedByte()));
  }
}
