package org.dmmedge.edge.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.cache.range.ByteRange;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.edge.proxy.ResponseHeads.CacheResult;

/**
 * The head of a stored response in HTTP/1.1 wire form, so that a hit builds no header objects.
 *
 * <p>What does not depend on the request is encoded once per stored entry ({@link #of}, kept
 * by {@link StoredResponse#derived}; a 304 refresh makes a new entry and so a new encoding):
 * the status line and the fields {@link ResponseHeads#base} keeps, then {@code Via} and
 * {@code X-Served-By}. {@link #encode} copies those bytes into a fresh buffer and appends the
 * fields of this answer: {@code Content-Length} (and {@code Content-Range} with a 206 status
 * line for a range), {@code Age}, {@code Cache-Status}, {@code X-Cache}, {@code Connection}.
 * The stored fields were validated when stored ({@link org.dmmedge.cache.Headers}), so they are
 * not validated again. Immutable and thread-safe; the encoding lives on the heap, so nothing
 * needs releasing when the entry goes.
 */
final class HitHead {
  private static final byte[] PARTIAL = statusLine(206);
  private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
  private static final byte[] CONTENT_RANGE = ascii("Content-Range: ");
  private static final byte[] AGE = ascii("Age: ");
  private static final byte[] CACHE_STATUS = ascii("Cache-Status: ");
  private static final byte[] CONNECTION = ascii("Connection: ");
  private static final byte[][] X_CACHE = xCacheFields();
  /** Room for the per-answer fields besides Cache-Status and Content-Range values. */
  private static final int ANSWER_FIELDS_BYTES = 160;

  private final int status;
  private final byte[] stored;
  private final int statusLineBytes;
  private final String contentType;
  private final ResponseHeads.Base base;

  private HitHead(int status, byte[] stored, int statusLineBytes, String contentType,
      ResponseHeads.Base base) {
    this.status = status;
    this.stored = stored;
    this.statusLineBytes = statusLineBytes;
    this.contentType = contentType;
    this.base = base;
  }

  /** The wire head of {@code stored} for this node, encoded on first use per entry. */
  static HitHead of(StoredResponse stored, ProxyServices services) {
    return stored.derived(services, HitHead.class, s -> encodeStored(s, services));
  }

  private static HitHead encodeStored(StoredResponse stored, ProxyServices services) {
    ResponseHeads.Base base = ResponseHeads.base(
        CacheRequests.toList(stored.clientHeaders()), services);
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    byte[] statusLine = statusLine(stored.status());
    out.writeBytes(statusLine);
    for (Map.Entry<String, String> h : base.fields()) {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) {
        field(out, h.getKey(), h.getValue());
      }
    }
    field(out, "Via", base.via());
    field(out, "X-Served-By", services.nodeName());
    String contentType = stored.clientHeaders().get("Content-Type");
    return new HitHead(stored.status(), out.toByteArray(), statusLine.length,
        contentType == null ? "" : contentType, base);
  }

  /** The stored status (a range answer sends 206 instead). */
  int status() {
    return status;
  }

  /** The stored {@code Content-Type}, or "" when there is none. */
  String contentType() {
    return contentType;
  }

  /**
   * The whole head of one answer, ending with the empty line; the caller owns the buffer.
   *
   * @param range the range answered (206), or empty for the whole body (stored status)
   * @param bodyLength the length of the whole stored body
   * @param cacheStatus this node's Cache-Status member ({@link org.dmmedge.cache.CacheStatus})
   * @param connection the Connection value to send, or null for none
   */
  ByteBuf encode(ByteBufAllocator alloc, Optional<ByteRange> range, long bodyLength,
      long ageSeconds, CacheResult result, String cacheStatus, String connection) {
    String statusValue = base.cacheStatus(cacheStatus);
    ByteBuf out = alloc.directBuffer(stored.length + PARTIAL.length + ANSWER_FIELDS_BYTES
        + statusValue.length());
    if (range.isPresent()) {
      ByteRange r = range.get();
      out.writeBytes(PARTIAL);
      out.writeBytes(stored, statusLineBytes, stored.length - statusLineBytes);
      out.writeBytes(CONTENT_RANGE);
      out.writeCharSequence(r.contentRange(), StandardCharsets.ISO_8859_1);
      crlf(out);
      number(out, CONTENT_LENGTH, r.length());
    } else {
      out.writeBytes(stored);
      if (status != 204) { // RFC 9110 §8.6: a 204 carries no Content-Length
        number(out, CONTENT_LENGTH, bodyLength);
      }
    }
    number(out, AGE, ageSeconds);
    out.writeBytes(CACHE_STATUS);
    out.writeCharSequence(statusValue, StandardCharsets.ISO_8859_1);
    crlf(out);
    out.writeBytes(X_CACHE[result.ordinal()]);
    if (connection != null) {
      out.writeBytes(CONNECTION);
      out.writeCharSequence(connection, StandardCharsets.ISO_8859_1);
      crlf(out);
    }
    crlf(out);
    return out;
  }

  private static void number(ByteBuf out, byte[] name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(new String(name, StandardCharsets.ISO_8859_1) + value
          + " (expected: >= 0)");
    }
    out.writeBytes(name);
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    int at = out.writerIndex() + digits;
    out.ensureWritable(digits);
    long rest = value;
    for (int i = 1; i <= digits; i++) {
      out.setByte(at - i, (int) ('0' + rest % 10));
      rest /= 10;
    }
    out.writerIndex(at);
    crlf(out);
  }

  private static void crlf(ByteBuf out) {
    out.writeShort(('\r' << 8) | '\n');
  }

  private static void field(ByteArrayOutputStream out, String name, String value) {
    out.writeBytes(ascii(name + ": " + value + "\r\n"));
  }

  private static byte[] statusLine(int code) {
    HttpResponseStatus status = HttpResponseStatus.valueOf(code);
    return ascii("HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n");
  }

  private static byte[][] xCacheFields() {
    CacheResult[] results = CacheResult.values();
    byte[][] fields = new byte[results.length][];
    for (CacheResult r : results) {
      fields[r.ordinal()] = ascii("X-Cache: " + r.name() + "\r\n");
    }
    return fields;
  }

  /** Field text as sent: one byte per char, as Netty's encoder does (ISO-8859-1). */
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
