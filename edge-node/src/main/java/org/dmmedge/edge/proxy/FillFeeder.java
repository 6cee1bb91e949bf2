package org.dmmedge.edge.proxy;

import java.nio.ByteBuffer;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.origin.BodyFlow;
import org.dmmedge.origin.OriginException;
import org.dmmedge.origin.OriginResponseHandler;
import org.dmmedge.origin.OriginResponseHead;

/**
 * Feeds one origin response into a cache {@link Fill}: the head decides storability, each body
 * chunk is copied into the fill at once (so its credit goes straight back and the origin is
 * read at its own speed, whatever the clients' speeds), the end completes the fill, a failure
 * aborts it (readers see ABORTED, nothing is stored).
 *
 * <p>A revalidation answered 304 refreshes the stored entry instead; a HEAD revalidation's
 * response updates or invalidates it ({@link Fill#headResponse}). A response the cache
 * will not store is relayed to the leader's client through {@code relay} when there is one
 * (a miss or a foreground revalidation); a background revalidation has no client and drops it.
 *
 * <p>Runs on the origin client's I/O thread; the flags are read by the leader's event loop.
 * Public for fills without a client ({@code org.dmmedge.edge.fill.CacheFiller}).
 */
public final class FillFeeder implements OriginResponseHandler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FillFeeder.class);

  private final Fill fill;
  private final OriginResponseHandler relay;
  private BodyFlow flow;
  private volatile boolean relaying;
  private volatile boolean revalidated;
  private volatile int fwdStatus;
  private volatile OriginException failure;

  /** Feeds a fill that no client waits on (a pre-warm, a prefetch, a background refresh). */
  public FillFeeder(Fill fill) {
    this(fill, null);
  }

  /**
   * @param relay where an unstorable response goes, or null to drop it
   */
  FillFeeder(Fill fill, OriginResponseHandler relay) {
    this.fill = fill;
    this.relay = relay;
  }

  /**
   * The origin confirmed the stored entry, which was refreshed: a 304, or a matching 200 to a
   * HEAD revalidation (RFC 9111 §4.3.5).
   */
  boolean revalidated() {
    return revalidated;
  }

  /** The origin's status code (for Cache-Status fwd-status), 0 before its head. */
  int fwdStatus() {
    return fwdStatus;
  }

  /** The response was not storable and went to the leader's client directly. */
  boolean relaying() {
    return relaying;
  }

  /** Why the fill was aborted, or null. */
  OriginException failure() {
    return failure;
  }

  @Override
  public void onHead(OriginResponseHead head, BodyFlow bodyFlow) {
    this.flow = bodyFlow;
    Headers headers = CacheRequests.toCache(head.headers());
    fwdStatus = head.status();
    if (fill.isRevalidation() && head.status() == 304) {
      // Set first: notModified() wakes the readers, which label their head from this flag.
      // A 304 that does not fit sends them to the origin (UNCACHEABLE), never to a head.
      revalidated = true;
      revalidated = fill.notModified(headers);
      return;
    }
    if (fill.isHeadRevalidation()) {
      // A 200 matching the stored response refreshes it (its only reader, the leader's, sends
      // the stored head); anything else goes to the leader's client as the origin sent it.
      revalidated = true;
      relaying = relay != null;
      revalidated = fill.headResponse(head.status(), headers);
      if (revalidated) {
        relaying = false;
      } else if (relaying) {
        relay.onHead(head, bodyFlow);
      }
      return;
    }
    // Set before start() wakes the readers: the leader's reader that sees UNCACHEABLE must
    // already know its client is being served by the relay.
    relaying = relay != null;
    if (fill.start(head.status(), headers).storable()) {
      relaying = false;
    } else if (relaying) {
      relay.onHead(head, bodyFlow);
    }
  }

  @Override
  public void onBody(ByteBuffer chunk) {
    if (relaying) {
      relay.onBody(chunk);
      return;
    }
    int n = chunk.remaining();
    fill.append(chunk); // copies; a no-op once the fill has ended
    flow.release(n);
  }

  @Override
  public void onEnd() {
    if (relaying) {
      relay.onEnd();
    } else {
      fill.complete();
    }
  }

  @Override
  public void onError(OriginException error) {
    LOG.warn("origin fetch for {} failed: {}", fill.key().key().uri(), error.reason());
    failure = error;
    if (relaying) {
      relay.onError(error);
    } else {
      fill.abort(error);
    }
  }
}
