package org.dmmedge.cache.fill;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.policy.Cacheability;
import org.dmmedge.cache.store.RefCount;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.cache.store.VariantKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One origin fetch in progress for one key: the response head, the growing body every waiting
 * client streams from (read-while-write), and the terminal {@link FillOutcome}.
 *
 * <p>Design. States: HEAD_PENDING, then either STREAMING (the head was storable and is shared
 * with the readers) or ended. STREAMING ends in COMPLETE (indexed), ABORTED, or UNCACHEABLE
 * (the body outgrew the maximum object size: the fill leaves the registry at once, goes on
 * streaming to the readers it has, frees blocks every reader has passed, and is not stored).
 * HEAD_PENDING ends in UNCACHEABLE ({@link #start} refused the head), ABORTED, or COMPLETE
 * through {@link #notModified} (a revalidation answered 304: the refreshed stored body is
 * published whole).
 *
 * <p>Concurrency: one writer, the leader that got the fill from {@code Lookup.Miss} or
 * {@code Lookup.MustRevalidate}, calls {@link #start}, {@link #append}, {@link #complete},
 * {@link #abort} and {@link #notModified} (from any thread, e.g. the origin client's I/O
 * thread). These are serialised on the fill's monitor, so a timeout may {@link #abort} from
 * another thread while the I/O thread appends. Any number of {@link FillReader}s read on
 * other threads without locking. The writer
 * copies into fixed-size off-heap blocks and publishes with volatile writes in the order
 * blocks, then {@code published} byte count, then body-complete flag and outcome; readers read
 * in the opposite order, so a reader never sees a byte count beyond the blocks it can see.
 * After each publish the writer calls the listener of every reader that asked to be woken
 * (see {@link FillReader}); listeners run on the writer's thread and must not block.
 *
 * <p>Memory: the fill holds one reference on each block and one count of its own; every open
 * reader holds one count. Blocks are freed when the fill has ended and the last reader closed;
 * on COMPLETE the stored body takes its own references first. A reader's slices are retained
 * and outlive all of this.
 */
public final class Fill {
  /** Block size of bodies of unknown length. */
  static final int DEFAULT_BLOCK_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(Fill.class);

  /** The cache side of a fill: policy decisions and indexing. Implemented by {@code HttpCache}. */
  public interface Owner {
    /** Decides whether the head may be stored; the head to publish when it may. */
    HeadDecision onHead(Fill fill, int status, Headers headers);

    /**
     * A 304 answered the revalidation: merge the fields into the stored entry and return it
     * with a retained duplicate of its body (the fill owns that reference), or null when the
     * stored entry is gone.
     */
    Refreshed onNotModified(Fill fill, Headers headers);

    /**
     * A 200 answered a HEAD revalidation (RFC 9111 §4.3.5): as {@link #onNotModified} when it
     * matches the stored entry, but with an empty body (nobody reads one); otherwise
     * invalidate that entry and return null.
     */
    Refreshed onHeadUpdate(Fill fill, Headers headers);

    /** The body is complete: index {@code head} with {@code body} (ownership passes). */
    void onComplete(Fill fill, StoredResponse head, ByteBuf body);

    /** The fill must not take new readers (body too large): leave the registry. */
    void onOverflow(Fill fill);

    /** The fill ended with {@code outcome}. */
    void onEnd(Fill fill, FillOutcome outcome);
  }

  /**
   * The owner's verdict on a head.
   *
   * @param cacheability storable or why not
   * @param head the head to publish (non-null only when storable)
   */
  public record HeadDecision(Cacheability cacheability, StoredResponse head) {}

  /**
   * A refreshed stored entry after a 304.
   *
   * @param head the entry with merged fields
   * @param body a retained duplicate of its body, owned by the receiver
   */
  public record Refreshed(StoredResponse head, ByteBuf body) {}

  private final VariantKey key;
  private final CacheRequest request;
  private final Owner owner;
  private final ByteBufAllocator alloc;
  private final long maxObjectBytes;
  private final long requestTimeMillis;
  private final StoredResponse revalidating;
  private final boolean shared;
  private final List<FillReader> readers = new CopyOnWriteArrayList<>();
  private final RefCount refs = new RefCount();

  // Written by the writer only; read by readers through the volatile publication order.
  private volatile StoredResponse head;
  private volatile ByteBuf[] blocks = new ByteBuf[0];
  private volatile long published;
  private volatile boolean bodyComplete;
  private volatile boolean overflow;
  private volatile boolean invalidated;
  private volatile boolean refresh;
  private volatile FillOutcome outcome;
  // Guarded by this (writer methods); blockBytes is published to readers through head.
  private int blockBytes = DEFAULT_BLOCK_BYTES;
  private long declaredLength = -1;
  private boolean started;

  /**
   * @param key the entry being filled
   * @param request the leader's request (its fields decide storability, RFC 9111 §3)
   * @param owner the cache
   * @param alloc allocator of the off-heap blocks
   * @param maxObjectBytes largest body that is stored
   * @param requestTimeMillis when the origin request is sent (request_time, RFC 9111 §4.2.3)
   * @param revalidating the stale entry this fill revalidates, or null for a plain miss
   * @param shared whether other requests may join (false for requests with Authorization)
   */
  public Fill(
      VariantKey key,
      CacheRequest request,
      Owner owner,
      ByteBufAllocator alloc,
      long maxObjectBytes,
      long requestTimeMillis,
      StoredResponse revalidating,
      boolean shared) {
    this.key = Objects.requireNonNull(key, "key");
    this.request = Objects.requireNonNull(request, "request");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.alloc = Objects.requireNonNull(alloc, "alloc");
    this.maxObjectBytes = maxObjectBytes;
    this.requestTimeMillis = requestTimeMillis;
    this.revalidating = revalidating;
    this.shared = shared;
  }

  /** The key being filled. */
  public VariantKey key() {
    return key;
  }

  /** The leader's request. */
  public CacheRequest request() {
    return request;
  }

  /** When the origin request was (about to be) sent. */
  public long requestTimeMillis() {
    return requestTimeMillis;
  }

  /** Whether other requests may join this fill. */
  public boolean isShared() {
    return shared;
  }

  /** Whether this fill revalidates a stored entry (send the conditional fields to the origin). */
  public boolean isRevalidation() {
    return revalidating != null;
  }

  /** The stale entry being revalidated, or null. */
  public StoredResponse revalidating() {
    return revalidating;
  }

  /** The published head, or null before {@link #start} accepted one. */
  public StoredResponse head() {
    return head;
  }

  /**
   * Whether the published head is the stored entry refreshed by the revalidation (a 304, or a
   * matching HEAD response) rather than a new response being stored.
   */
  public boolean isRefresh() {
    return refresh;
  }

  /** The outcome, or null while the fill runs. */
  public FillOutcome outcome() {
    return outcome;
  }

  /** Bytes of body received so far. */
  public long receivedBytes() {
    return published;
  }

  /**
   * The complete body length once known: Content-Length of the head, or the byte count once
   * the body is complete; -1 before.
   */
  public long totalLength() {
    if (bodyComplete) {
      return published;
    }
    return head == null ? -1 : declaredLength;
  }

  /**
   * A reader for {@code request}, positioned at byte 0 (or at its Range once resolvable); null
   * when the fill no longer takes readers (it overflowed or has been freed).
   *
   * @param request the request to serve; its Vary-selected fields are checked against the head
   *     and its Range (if any) selects the bytes
   */
  public FillReader newReader(CacheRequest request) {
    Objects.requireNonNull(request, "request");
    if (!refs.tryRetain()) {
      return null;
    }
    FillReader reader = new FillReader(this, request);
    readers.add(reader);
    if (overflow) {
      readers.remove(reader);
      release();
      return null;
    }
    return reader;
  }

  // ---- writer side ------------------------------------------------------------------------

  /**
   * The origin's response head arrived. Returns whether it is stored; when not, the fill ends
   * UNCACHEABLE, readers are told to go to the origin themselves, and the leader passes the
   * response through to its client directly (its own reader sees UNCACHEABLE too).
   *
   * @throws IllegalStateException if called twice or after the fill ended
   */
  public synchronized Cacheability start(int status, Headers headers) {
    if (started || outcome != null) {
      throw new IllegalStateException("fill of " + key.key().uri() + " already started or ended");
    }
    started = true;
    HeadDecision decision = owner.onHead(this, status, headers);
    if (!decision.cacheability().storable()) {
      end(FillOutcome.UNCACHEABLE);
      return decision.cacheability();
    }
    StoredResponse accepted = decision.head();
    declaredLength = accepted.bodyLength();
    if (declaredLength > 0) {
      blockBytes = (int) declaredLength;
    }
    head = accepted;
    signalReaders();
    return decision.cacheability();
  }

  /** {@link #append(ByteBuf)} for a NIO buffer: its remaining bytes are copied. */
  public boolean append(ByteBuffer chunk) {
    return append(Unpooled.wrappedBuffer(chunk));
  }

  /**
   * Appends body bytes (copied into the fill's off-heap blocks) and wakes the readers. Takes
   * ownership of {@code chunk} and releases it. Returns false when the fill has ended (aborted,
   * uncacheable): the leader can stop feeding it. A body longer than the head's Content-Length
   * aborts the fill.
   *
   * @throws IllegalStateException if no head was started
   */
  public synchronized boolean append(ByteBuf chunk) {
    try {
      if (outcome != null) {
        return false;
      }
      if (head == null) {
        throw new IllegalStateException("append before start on " + key.key().uri());
      }
      int length = chunk.readableBytes();
      long total = published + length;
      if (declaredLength >= 0 && total > declaredLength) {
        abort(new IllegalStateException(
            "body of " + key.key().uri() + ": more than Content-Length " + declaredLength));
        return false;
      }
      if (!overflow && total > maxObjectBytes) {
        overflow = true;
        owner.onOverflow(this);
      }
      copy(chunk, length);
      if (overflow) {
        freePassedBlocks();
      }
      signalReaders();
      return true;
    } finally {
      chunk.release();
    }
  }

  private void copy(ByteBuf chunk, int length) {
    int from = chunk.readerIndex();
    long position = published;
    int left = length;
    while (left > 0) {
      int index = (int) (position / blockBytes);
      int offset = (int) (position % blockBytes);
      ByteBuf[] current = blocks;
      if (index >= current.length) {
        ByteBuf[] grown = Arrays.copyOf(current, index + 1);
        grown[index] = alloc.directBuffer(blockBytes, blockBytes);
        blocks = grown;
        current = grown;
      }
      int n = Math.min(left, blockBytes - offset);
      current[index].setBytes(offset, chunk, from, n);
      from += n;
      left -= n;
      position += n;
      published = position;
    }
  }

  /**
   * The body is complete. Indexes the entry (unless it outgrew the maximum object size) and
   * ends the fill; a body shorter than the head's Content-Length aborts it instead. No-op
   * after the fill ended.
   *
   * @throws IllegalStateException if no head was started
   */
  public synchronized void complete() {
    if (outcome != null) {
      return;
    }
    if (head == null) {
      throw new IllegalStateException("complete before start on " + key.key().uri());
    }
    if (declaredLength >= 0 && published != declaredLength) {
      abort(new IllegalStateException(
          "body of " + key.key().uri() + ": " + published + " of Content-Length "
              + declaredLength + " bytes"));
      return;
    }
    bodyComplete = true;
    if (overflow || invalidated) {
      end(FillOutcome.UNCACHEABLE);
      return;
    }
    owner.onComplete(this, head, storedBody());
    end(FillOutcome.COMPLETE);
  }

  /**
   * The origin failed: every reader sees ABORTED, nothing is stored. No-op after the fill
   * ended.
   */
  public synchronized void abort(Throwable cause) {
    if (outcome != null) {
      return;
    }
    log.debug("fill of {} aborted after {} bytes", key.key().uri(), published, cause);
    end(FillOutcome.ABORTED);
  }

  /**
   * The revalidation was answered 304 (RFC 9111 §4.3.4): the stored entry's fields are
   * refreshed and its body is published whole to the readers; the fill ends COMPLETE. Returns
   * false when the stored entry disappeared meanwhile or the 304 does not match it: the fill
   * then ends UNCACHEABLE (readers fetch for themselves) and the leader should fetch again
   * without conditions.
   *
   * @throws IllegalStateException if this is no revalidation or the head was already started
   */
  public synchronized boolean notModified(Headers headers) {
    if (revalidating == null || started || outcome != null) {
      throw new IllegalStateException("notModified on " + key.key().uri() + " out of order");
    }
    started = true;
    return publishRefreshed(owner.onNotModified(this, headers));
  }

  /**
   * Whether this revalidation is sent to the origin as HEAD: the leader's client asked HEAD,
   * so nobody needs the body, and no other request can join (RFC 9111 §4.3.5 then updates or
   * invalidates the stored response; see {@link #headResponse}).
   */
  public boolean isHeadRevalidation() {
    return revalidating != null && !shared && request.isHead();
  }

  /**
   * A {@link #isHeadRevalidation HEAD revalidation} was answered {@code status} (other than
   * 304, which goes to {@link #notModified}). A 200 whose validators and Content-Length match
   * the stored response refreshes it like a 304 and returns true (the fill ends COMPLETE with
   * the refreshed head and no body bytes: its one reader, the HEAD client's, reads none); a
   * 200 that does not match invalidates the stored response (RFC 9111 §4.3.5); any other
   * status changes nothing stored. Except on true the fill ends UNCACHEABLE: the leader relays
   * the origin's response to its client.
   *
   * @throws IllegalStateException if this is no HEAD revalidation or the head was started
   */
  public synchronized boolean headResponse(int status, Headers headers) {
    if (!isHeadRevalidation() || started || outcome != null) {
      throw new IllegalStateException("headResponse on " + key.key().uri() + " out of order");
    }
    started = true;
    return publishRefreshed(status == 200 ? owner.onHeadUpdate(this, headers) : null);
  }

  /** Publishes a refreshed stored entry whole (COMPLETE), or ends UNCACHEABLE without one. */
  private boolean publishRefreshed(Refreshed refreshed) {
    if (refreshed == null) {
      // Nothing was sent to readers yet: they fetch for themselves rather than fail.
      end(FillOutcome.UNCACHEABLE);
      return false;
    }
    ByteBuf body = refreshed.body();
    int length = body.readableBytes();
    blockBytes = Math.max(1, length);
    declaredLength = length;
    // Blocks are addressed from index 0; the slice shares (and on release drops) body's count.
    blocks = new ByteBuf[] {body.slice(body.readerIndex(), length)};
    published = length;
    refresh = true; // before head: a reader that sees the head sees this
    head = refreshed.head();
    bodyComplete = true;
    end(FillOutcome.COMPLETE);
    return true;
  }

  /**
   * Withdraws a fill nobody has joined yet (no reader, not started): it ends ABORTED and can
   * take no reader any more. Returns false, changing nothing, when a reader already joined;
   * then the fill must be led as usual.
   */
  public synchronized boolean withdrawIfUnjoined() {
    if (started || outcome != null || !refs.releaseIfOnly()) {
      return false;
    }
    outcome = FillOutcome.ABORTED;
    owner.onEnd(this, FillOutcome.ABORTED);
    return true;
  }

  /**
   * The key was invalidated while this fill ran (RFC 9111 §4.4): readers still get the body,
   * but it is not stored. Callable from any thread.
   */
  public void invalidate() {
    invalidated = true;
  }

  /** Whether {@link #invalidate()} was called. */
  public boolean isInvalidated() {
    return invalidated;
  }

  private void end(FillOutcome result) {
    outcome = result;
    signalReaders();
    try {
      owner.onEnd(this, result);
    } finally {
      release();
    }
  }

  /**
   * The body for the index: the blocks as they are (one slice, or a composite of slices), or
   * copied into one exact buffer when unused block space would exceed an eighth of the body
   * (small bodies of unknown length), so the memory budget counts what is really held.
   */
  private ByteBuf storedBody() {
    ByteBuf[] current = blocks;
    int length = (int) published;
    if (current.length == 0) {
      return Unpooled.EMPTY_BUFFER;
    }
    long capacity = (long) current.length * blockBytes;
    if (capacity - length > length / 8) {
      ByteBuf exact = alloc.directBuffer(length, length);
      for (int i = 0; i < current.length; i++) {
        exact.writeBytes(current[i], 0, Math.min(blockBytes, length - i * blockBytes));
      }
      return exact;
    }
    if (current.length == 1) {
      return current[0].retainedSlice(0, length);
    }
    CompositeByteBuf composite = alloc.compositeDirectBuffer(current.length);
    for (int i = 0; i < current.length; i++) {
      int used = Math.min(blockBytes, length - i * blockBytes);
      composite.addComponent(true, current[i].retainedSlice(0, used));
    }
    return composite;
  }

  private void freePassedBlocks() {
    long slowest = published;
    for (FillReader reader : readers) {
      slowest = Math.min(slowest, reader.position());
    }
    ByteBuf[] current = blocks;
    int passed = (int) (slowest / blockBytes);
    for (int i = 0; i < passed && i < current.length; i++) {
      if (current[i] != null) {
        current[i].release();
        current[i] = null;
      }
    }
  }

  private void signalReaders() {
    for (FillReader reader : readers) {
      reader.signal();
    }
  }

  // ---- reader side ------------------------------------------------------------------------

  boolean isBodyComplete() {
    return bodyComplete;
  }

  long published() {
    return published;
  }

  /** A retained slice of at most {@code max} bytes at {@code position} (within one block). */
  ByteBuf slice(long position, long available, int max) {
    ByteBuf[] current = blocks;
    int index = (int) (position / blockBytes);
    int offset = (int) (position % blockBytes);
    int n = (int) Math.min(Math.min(available, max), blockBytes - offset);
    return current[index].retainedSlice(offset, n);
  }

  void readerClosed(FillReader reader) {
    readers.remove(reader);
    release();
  }

  private void release() {
    if (refs.release()) {
      for (ByteBuf block : blocks) {
        if (block != null) {
          block.release();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Fill[" + key.key().uri() + ", " + published + " B, " + outcome + "]";
  }
}
