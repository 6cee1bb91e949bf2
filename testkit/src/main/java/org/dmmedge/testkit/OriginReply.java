package org.dmmedge.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * What the test origin answers to one request: status, headers, body and how the body is
 * delivered (paced chunks, a pause on a gate, a reset part-way).
 *
 * <p>Immutable; build with {@link #builder()} or the shortcuts {@link #ok(String)} and
 * {@link #status(int)}.
 *
 * @param status the status code
 * @param headers response headers in order (name, value)
 * @param body the body bytes (sent for GET; never for HEAD, 204 or 304)
 * @param headDelay how long the origin waits before sending the head (simulates a slow origin)
 * @param chunkBytes the body is written in chunks of this many bytes, each flushed
 * @param chunked true to omit Content-Length (chunked transfer coding)
 * @param pauseAtBytes after this many body bytes the origin waits for {@code gate}; -1 never
 * @param gate the latch the origin waits on at {@code pauseAtBytes} (bounded: 30 s)
 * @param resetAtBytes after this many body bytes the origin closes the connection; -1 never
 */
public record OriginReply(
    int status,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    Duration headDelay,
    int chunkBytes,
    boolean chunked,
    long pauseAtBytes,
    CountDownLatch gate,
    long resetAtBytes) {

  /** The default write size: large enough to be fast, small enough to show streaming. */
  public static final int DEFAULT_CHUNK_BYTES = 16 * 1024;

  public OriginReply {
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headDelay, "headDelay");
    if (chunkBytes <= 0) {
      throw new IllegalArgumentException("chunkBytes: " + chunkBytes + " (expected: > 0)");
    }
    if (pauseAtBytes >= 0 && gate == null) {
      throw new IllegalArgumentException("gate: null (expected: a latch when pauseAtBytes is set)");
    }
  }

  /** A 200 with a UTF-8 text body. */
  public static OriginReply ok(String body) {
    return builder().body(body).build();
  }

  /** An empty reply with the given status. */
  public static OriginReply status(int status) {
    return builder().status(status).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this reply. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    b.headers.addAll(headers);
    b.body = body;
    b.headDelay = headDelay;
    b.chunkBytes = chunkBytes;
    b.chunked = chunked;
    b.pauseAtBytes = pauseAtBytes;
    b.gate = gate;
    b.resetAtBytes = resetAtBytes;
    return b;
  }

  /** Builds an {@link OriginReply}; every setter checks its argument at once. */
  public static final class Builder {
    private int status = 200;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private Duration headDelay = Duration.ZERO;
    private int chunkBytes = DEFAULT_CHUNK_BYTES;
    private boolean chunked;
    private long pauseAtBytes = -1;
    private CountDownLatch gate;
    private long resetAtBytes = -1;

    private Builder() {}

    public Builder status(int status) {
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("status: " + status + " (expected: 100..999)");
      }
      this.status = status;
      return this;
    }

    public Builder header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    public Builder body(String body) {
      return body(body.getBytes(StandardCharsets.UTF_8));
    }

    public Builder headDelay(Duration headDelay) {
      if (headDelay.isNegative()) {
        throw new IllegalArgumentException("headDelay: " + headDelay + " (expected: >= 0)");
      }
      this.headDelay = headDelay;
      return this;
    }

    public Builder chunkBytes(int chunkBytes) {
      if (chunkBytes <= 0) {
        throw new IllegalArgumentException("chunkBytes: " + chunkBytes + " (expected: > 0)");
      }
      this.chunkBytes = chunkBytes;
      return this;
    }

    public Builder chunked() {
      this.chunked = true;
      return this;
    }

    /** Sends {@code bytes} body bytes, then waits (at most 30 s) until {@code gate} opens. */
    public Builder pauseAt(long bytes, CountDownLatch gate) {
      if (bytes < 0) {
        throw new IllegalArgumentException("pauseAt: " + bytes + " (expected: >= 0)");
      }
      this.pauseAtBytes = bytes;
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /** Sends {@code bytes} body bytes, then closes the connection without finishing. */
    public Builder resetAt(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("resetAt: " + bytes + " (expected: >= 0)");
      }
      this.resetAtBytes = bytes;
      return this;
    }

    public OriginReply build() {
      return new OriginReply(
          status, headers, body, headDelay, chunkBytes, chunked, pauseAtBytes, gate, resetAtBytes);
    }
  }
}
