package org.dmmedge.origin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A request body that the caller writes chunk by chunk while the origin client sends it.
 *
 * <p>Concurrency: the caller (a Netty event loop) calls {@link #write}, {@link #end} and
 * {@link #abort}; the origin client's I/O thread drains the queue when the connection can take
 * bytes. All state is guarded by {@code this}. Each chunk's {@code onDone} runs exactly once
 * (usually on the I/O thread): when the chunk has been handed to the connection, or when it is
 * dropped because the exchange ended first. That is when the caller may release the chunk's
 * memory and read the next chunk from its client: the queue holds what one client read
 * produced, not more.
 */
public final class RequestBodyStream {
  private final long contentLength;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private DataStreamChannel channel;
  private boolean ended;
  private boolean endSent;
  private boolean released;
  private Exception failure;

  private record Pending(ByteBuffer data, Runnable onDone) {}

  /**
   * @param contentLength the body length when the client declared it (sent as
   *     {@code Content-Length}), or -1 to send it chunked
   */
  public RequestBodyStream(long contentLength) {
    if (contentLength < -1) {
      throw new IllegalArgumentException("contentLength: " + contentLength + " (expected: >= -1)");
    }
    this.contentLength = contentLength;
  }

  /**
   * Queues {@code data} (not copied: keep it unchanged until {@code onDone} runs). After the
   * exchange failed, {@code onDone} runs at once and the data is dropped.
   *
   * @throws IllegalStateException when {@link #end()} was already called
   */
  public void write(ByteBuffer data, Runnable onDone) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(onDone, "onDone");
    DataStreamChannel wake = null;
    boolean drop;
    synchronized (this) {
      drop = failure != null || released;
      if (!drop) {
        if (ended) {
          throw new IllegalStateException("body already ended");
        }
        queue.add(new Pending(data, onDone));
        wake = channel;
      }
    }
    if (drop) {
      onDone.run();
      return;
    }
    if (wake != null) {
      wake.requestOutput();
    }
  }

  /** No more chunks follow. */
  public void end() {
    DataStreamChannel wake;
    synchronized (this) {
      ended = true;
      wake = channel;
    }
    if (wake != null) {
      wake.requestOutput();
    }
  }

  /** The client side failed: the origin request is abandoned. */
  public void abort(Exception cause) {
    DataStreamChannel wake;
    synchronized (this) {
      failure = Objects.requireNonNull(cause, "cause");
      ended = true;
      wake = channel;
    }
    if (wake != null) {
      wake.requestOutput();
    }
  }

  AsyncEntityProducer producer() {
    return new Producer();
  }

  /** HttpClient 5's view: pulls queued chunks when the connection is ready. */
  private final class Producer implements AsyncEntityProducer {
    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public void failed(Exception cause) {
      abort(cause);
    }

    @Override
    public long getContentLength() {
      return contentLength;
    }

    @Override
    public String getContentType() {
      return null;
    }

    @Override
    public String getContentEncoding() {
      return null;
    }

    @Override
    public boolean isChunked() {
      return contentLength < 0;
    }

    @Override
    public Set<String> getTrailerNames() {
      return Set.of();
    }

    @Override
    public int available() {
      synchronized (RequestBodyStream.this) {
        if (!queue.isEmpty()) {
          return Math.max(1, queue.peek().data().remaining());
        }
        return ended && !endSent ? 1 : 0;
      }
    }

    @Override
    public void produce(DataStreamChannel out) throws IOException {
      while (true) {
        Runnable sent;
        synchronized (RequestBodyStream.this) {
          channel = out;
          if (failure != null) {
            throw new IOException("request body aborted", failure);
          }
          Pending head = queue.peek();
          if (head == null) {
            if (ended && !endSent) {
              endSent = true;
              out.endStream();
            }
            return;
          }
          out.write(head.data());
          if (head.data().hasRemaining()) {
            return; // the connection is full; produce() is called again when it drains
          }
          queue.poll();
          sent = head.onDone();
        }
        sent.run();
      }
    }

    @Override
    public void releaseResources() {
      ArrayDeque<Pending> dropped;
      synchronized (RequestBodyStream.this) {
        released = true;
        dropped = new ArrayDeque<>(queue);
        queue.clear();
      }
      dropped.forEach(p -> p.onDone().run());
    }
  }
}
