package org.dmmedge.cache.fill;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.policy.Validators;
import org.dmmedge.cache.policy.VarySelector;
import org.dmmedge.cache.range.ByteRange;
import org.dmmedge.cache.range.RangeRequest;
import org.dmmedge.cache.store.StoredResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's pull-based cursor over a {@link Fill}: it reads the head, then the body from
 * byte 0 (or from its range) as it arrives, whether it joined before or after bytes came in.
 *
 * <p>Use: set a listener with {@link #listen}, then drain: call {@link #status()}; when the
 * head is ready ({@link #headReady()}) send it once; while {@link #readSlice} returns bytes,
 * write them; on {@link Status#END} finish the response, on {@link Status#ABORTED} close the
 * connection, on {@link Status#UNCACHEABLE} (only ever before the head) fetch from the origin
 * yourself, on {@link Status#RANGE_NOT_SATISFIABLE} answer 416. Always {@link #close()} the
 * reader at the end.
 *
 * <p>Concurrency: a reader is used by one thread at a time (the client's event loop). When
 * {@link #status()} returns {@link Status#WAITING} or {@link #readSlice} returns null, the
 * reader arms itself: the next progress of the fill (head, bytes, outcome) calls the listener
 * once, on the fill writer's thread (the origin client's I/O thread) right after the publish,
 * while that thread holds the fill's monitor. The listener must be cheap and never block or
 * wait for another thread; the edge's is {@code eventLoop.execute(drain)}.
 * Wake-ups can be spurious (a drain that finds nothing simply re-arms).
 *
 * <p>Ownership: each slice from {@link #readSlice} is retained for the caller, who writes it
 * (the write releases it) or releases it. The reader holds the fill's blocks alive until
 * {@link #close()}.
 */
public final class FillReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FillReader.class);

  /** What the reader can do now. */
  public enum Status {
    /** Nothing new yet; the listener will be called on progress. */
    WAITING,
    /** Head ready and body bytes available: call {@link #readSlice}. */
    READABLE,
    /** Head ready and every body byte (of the range) has been read: finish the response. */
    END,
    /** The origin failed: close the client connection (or, before the head, answer 502). */
    ABORTED,
    /** This fill cannot serve this request (not storable, or Vary mismatch): go to the origin. */
    UNCACHEABLE,
    /** The requested range lies outside the body: answer 416 ({@link #totalLength()}). */
    RANGE_NOT_SATISFIABLE
  }

  private final Fill fill;
  private final Headers requestHeaders;
  private final boolean headOnly;
  private final Optional<RangeRequest> rangeRequest;
  private final AtomicBoolean armed = new AtomicBoolean();
  private volatile Runnable listener;
  private volatile long position;
  private long end = -1;
  private boolean resolved;
  private boolean varyMismatch;
  private ByteRange range;
  private boolean closed;

  FillReader(Fill fill, CacheRequest request) {
    this.fill = fill;
    this.requestHeaders = request.headers();
    this.headOnly = request.isHead();
    this.rangeRequest = headOnly ? Optional.empty() : RangeRequest.of(request.headers());
  }

  /** The fill being read. */
  public Fill fill() {
    return fill;
  }

  /**
   * Sets the progress listener (see the class comment for when and where it runs). Set it
   * before the first {@link #status()}.
   */
  public void listen(Runnable listener) {
    this.listener = listener;
  }

  /** The current status; arms the listener when {@link Status#WAITING}. */
  public Status status() {
    Status status = evaluate();
    if (status != Status.WAITING) {
      return status;
    }
    armed.set(true);
    status = evaluate(); // progress between the first look and arming is not lost
    if (status != Status.WAITING) {
      armed.set(false);
    }
    return status;
  }

  /**
   * Whether the head can be sent: published, matching this request's Vary, and its range (if
   * any) resolved. Send {@link #head()} with status 206 and {@link #range()}'s Content-Range
   * when a range is present.
   */
  public boolean headReady() {
    Status status = evaluate();
    return status == Status.READABLE || status == Status.END
        || status == Status.WAITING && resolved && !varyMismatch;
  }

  /**
   * The head to send.
   *
   * @throws IllegalStateException before {@link #headReady()}
   */
  public StoredResponse head() {
    if (!headReady()) {
      throw new IllegalStateException("head of " + fill.key().key().uri() + " not ready");
    }
    return fill.head();
  }

  /**
   * The client's conditional fields evaluated against the head (RFC 9110 §13.2.2): on
   * NOT_MODIFIED answer 304 with {@code Validators.notModifiedHeaders(head().clientHeaders())},
   * on PRECONDITION_FAILED answer 412, instead of the body (then close the reader).
   *
   * @throws IllegalStateException before {@link #headReady()}
   */
  public Validators.ClientCondition clientCondition() {
    return Validators.evaluate(requestHeaders, head().headers());
  }

  /** The resolved range this reader serves (send 206), empty for a full response. */
  public Optional<ByteRange> range() {
    return Optional.ofNullable(range);
  }

  /** Complete body length once known, -1 before (for 416's {@code Content-Range: bytes *}). */
  public long totalLength() {
    return fill.totalLength();
  }

  /** Body bytes this reader has consumed, counted from byte 0 of the body. */
  public long position() {
    return position;
  }

  /**
   * The next bytes, at most {@code maxBytes}, as a retained slice the caller owns; null when
   * none are available now (then the reader is armed; check {@link #status()}).
   *
   * @throws IllegalArgumentException if {@code maxBytes < 1}
   * @throws IllegalStateException if the reader was closed
   */
  public ByteBuf readSlice(int maxBytes) {
    if (closed) {
      throw new IllegalStateException("reader of " + fill.key().key().uri() + " is closed");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 1)");
    }
    if (status() != Status.READABLE) {
      return null;
    }
    long available = limit() - position;
    ByteBuf slice = fill.slice(position, available, maxBytes);
    position += slice.readableBytes();
    return slice;
  }

  /** Stops reading and lets the fill free its blocks. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      listener = null;
      fill.readerClosed(this);
    }
  }

  /** Runs the listener once if armed; a failing listener is logged, never the writer's problem. */
  void signal() {
    if (armed.compareAndSet(true, false)) {
      Runnable current = listener;
      if (current != null) {
        try {
          current.run();
        } catch (RuntimeException e) {
          log.warn("fill listener of {} failed", fill.key().key().uri(), e);
        }
      }
    }
  }

  private long limit() {
    long published = fill.published();
    return end >= 0 ? Math.min(end, published) : published;
  }

  private Status evaluate() {
    FillOutcome outcome = fill.outcome();
    if (outcome == FillOutcome.ABORTED) {
      return Status.ABORTED;
    }
    StoredResponse head = fill.head();
    if (head == null) {
      return outcome == null ? Status.WAITING : Status.UNCACHEABLE;
    }
    if (!resolved) {
      Status unresolved = resolve(head);
      if (unresolved != null) {
        return unresolved;
      }
    }
    if (varyMismatch) {
      return Status.UNCACHEABLE;
    }
    if (headOnly) {
      return Status.END;
    }
    boolean complete = fill.isBodyComplete();
    long published = fill.published();
    long limit = end >= 0 ? Math.min(end, published) : published;
    if (position < limit) {
      return Status.READABLE;
    }
    if (end >= 0 ? position >= end : complete) {
      return Status.END;
    }
    return Status.WAITING;
  }

  /** Checks Vary and resolves the range; null when done, else the status to report. */
  private Status resolve(StoredResponse head) {
    String secondary = VarySelector.secondaryKey(head.varyNames(), requestHeaders);
    if (!secondary.equals(head.variantKey().secondary())) {
      varyMismatch = true;
      resolved = true;
      return Status.UNCACHEABLE;
    }
    if (rangeRequest.isPresent() && head.status() == 200) {
      long total = fill.totalLength();
      if (total < 0) {
        return Status.WAITING; // length known only at the end of a body without Content-Length
      }
      Optional<ByteRange> resolvedRange = rangeRequest.get().resolve(total);
      if (resolvedRange.isEmpty()) {
        return Status.RANGE_NOT_SATISFIABLE;
      }
      range = resolvedRange.get();
      position = range.offset();
      end = range.offset() + range.length();
    }
    resolved = true;
    return null;
  }
}
