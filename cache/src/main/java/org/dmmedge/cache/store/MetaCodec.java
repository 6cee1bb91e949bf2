package org.dmmedge.cache.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.dmmedge.cache.CacheKey;
import org.dmmedge.cache.Headers;

/**
 * The metadata file of a disk entry: key, Vary names, status, stored fields, request and
 * response times, body length; a magic number in front and a CRC32 at the end, so a partial
 * or corrupt file is recognised and dropped at start.
 */
final class MetaCodec {
  private static final int MAGIC = 0x444d4d31; // "DMM1"

  /**
   * The decoded metadata.
   *
   * @param key variant key
   * @param varyNames Vary field names
   * @param status response status
   * @param headers stored fields
   * @param requestTimeMillis request_time
   * @param responseTimeMillis response_time
   * @param bodyLength body file length
   */
  record Meta(
      VariantKey key,
      List<String> varyNames,
      int status,
      Headers headers,
      long requestTimeMillis,
      long responseTimeMillis,
      long bodyLength) {}

  private MetaCodec() {}

  static byte[] encode(Meta meta) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      CacheKey key = meta.key().key();
      out.writeUTF(key.method());
      out.writeUTF(key.scheme());
      out.writeUTF(key.authority());
      writeText(out, key.pathAndQuery());
      writeText(out, meta.key().secondary());
      out.writeInt(meta.varyNames().size());
      for (String name : meta.varyNames()) {
        out.writeUTF(name);
      }
      out.writeInt(meta.status());
      out.writeInt(meta.headers().size());
      for (int i = 0; i < meta.headers().size(); i++) {
        out.writeUTF(meta.headers().name(i));
        writeText(out, meta.headers().value(i));
      }
      out.writeLong(meta.requestTimeMillis());
      out.writeLong(meta.responseTimeMillis());
      out.writeLong(meta.bodyLength());
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a metadata file's bytes.
   *
   * @throws IOException if truncated, corrupt or of another format
   */
  static Meta decode(byte[] data) throws IOException {
    if (data.length < 12) {
      throw new IOException("metadata: " + data.length + " bytes (expected: at least 12)");
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - 8);
    long stored = new DataInputStream(
        new ByteArrayInputStream(data, data.length - 8, 8)).readLong();
    if (stored != crc.getValue()) {
      throw new IOException("metadata: checksum mismatch (expected: an intact file)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("metadata: bad magic (expected: DMM1)");
      }
      CacheKey key = new CacheKey(in.readUTF(), in.readUTF(), in.readUTF(), readText(in));
      VariantKey variant = new VariantKey(key, readText(in));
      int varyCount = in.readInt();
      List<String> varyNames = new ArrayList<>();
      for (int i = 0; i < varyCount; i++) {
        varyNames.add(in.readUTF());
      }
      int status = in.readInt();
      int headerCount = in.readInt();
      Headers.Builder headers = Headers.builder();
      for (int i = 0; i < headerCount; i++) {
        headers.add(in.readUTF(), readText(in));
      }
      return new Meta(variant, varyNames, status, headers.build(), in.readLong(), in.readLong(),
          in.readLong());
    } catch (IllegalArgumentException malformed) {
      throw new IOException("metadata: " + malformed.getMessage(), malformed);
    }
  }

  /** Strings of any length (writeUTF stops at 64 KiB), as int length + UTF-8. */
  private static void writeText(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > 1 << 20) {
      throw new IOException("metadata: string of " + length + " bytes (expected: 0..1 MiB)");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
