package org.dmmedge.edge.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponse;
import java.util.concurrent.RejectedExecutionException;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.fill.FillReader;
import org.dmmedge.edge.proxy.ResponseHeads.CacheResult;

/**
 * Streams one client's response from a growing cache fill (read-while-write): the head once
 * the fill has it, then the body as far as it has arrived, then more whenever the fill
 * progresses, as fast as the client takes it (writes stop while the channel is not writable
 * and resume on writability).
 *
 * <p>Endings: END finishes the response; ABORTED after the head closes the connection (never a
 * short body that looks complete); ABORTED, UNCACHEABLE or an unsatisfiable range before the
 * head go to the {@link Outcome} so the exchange can choose (stale-if-error, its own origin
 * fetch, 416, 502). Event-loop confined, except the fill's listener which only schedules a
 * drain. The reader is always closed.
 */
final class FillStreamWriter {
  private static final int SLICE_BYTES = 64 * 1024;

  /** What the exchange decides when the fill cannot serve this client before its head. */
  interface Outcome {
    void abortedBeforeHead();

    void uncacheable();

    void rangeNotSatisfiable(long totalLength);

    /** Labels of the response, asked when its head is sent. */
    CacheResult result();

    String cacheStatus();
  }

  private final ChannelHandlerContext ctx;
  private final ClientResponse response;
  private final FillReader reader;
  private final HttpCache cache;
  private final ProxyServices services;
  private final Outcome outcome;
  private boolean headSent;
  private boolean closed;

  FillStreamWriter(ChannelHandlerContext ctx, ClientResponse response, FillReader reader,
      HttpCache cache, ProxyServices services, Outcome outcome) {
    this.ctx = ctx;
    this.response = response;
    this.reader = reader;
    this.cache = cache;
    this.services = services;
    this.outcome = outcome;
  }

  void start() {
    reader.listen(this::wake);
    drain();
  }

  private void wake() {
    try {
      ctx.executor().execute(this::drain);
    } catch (RejectedExecutionException e) {
      // shutting down: the channel closes, clientClosed() closes the reader
    }
  }

  /** Sends whatever the fill has for this client now. */
  void drain() {
    if (closed) {
      return;
    }
    FillReader.Status status = reader.status();
    if (!headSent && reader.headReady()) {
      sendHead();
    }
    if (headSent) {
      writeWhileWritable();
      if (closed) {
        return; // a drain run by our own flush's writability event ended the response
      }
      status = reader.status();
    }
    switch (status) {
      case END -> {
        if (headSent) {
          close();
          response.finish();
        }
      }
      case ABORTED -> {
        close();
        if (headSent) {
          response.fail(new java.io.IOException("origin fill aborted mid-body"));
        } else {
          outcome.abortedBeforeHead();
        }
      }
      case UNCACHEABLE -> {
        close();
        outcome.uncacheable();
      }
      case RANGE_NOT_SATISFIABLE -> {
        long total = reader.totalLength();
        close();
        outcome.rangeNotSatisfiable(total);
      }
      default -> { } // WAITING: the listener fires on progress; READABLE: on writability
    }
  }

  /**
   * Writes slices while the channel takes them, until it stays unwritable (its writability
   * event resumes) or the reader has nothing (the reader is armed). Not stopping at the first
   * flush matters: a flush can make the channel writable again at once, and that event is lost
   * when it fires before this exchange is the connection's current one (the first drain runs
   * inside the request's dispatch), which left a follower that joined a fill holding more than
   * the high water mark waiting forever for an event that had already passed.
   */
  private void writeWhileWritable() {
    boolean wrote = true;
    while (wrote && !closed) {
      wrote = false;
      ByteBuf slice;
      while (ctx.channel().isWritable() && (slice = reader.readSlice(SLICE_BYTES)) != null) {
        response.sendBodyNoFlush(slice, slice.readableBytes());
        wrote = true;
      }
      if (wrote) {
        ctx.flush();
      }
    }
  }

  private void sendHead() {
    headSent = true;
    HttpResponse head = CachedResponseWriter.head(reader.head(), cache.ageSeconds(reader.head()),
        reader.range(), services, outcome.result(), outcome.cacheStatus());
    response.sendHead(head);
  }

  void writabilityChanged() {
    if (ctx.channel().isWritable()) {
      drain();
    }
  }

  /** Stops streaming and lets the fill go (idempotent). */
  void close() {
    if (!closed) {
      closed = true;
      reader.close();
    }
  }
}
