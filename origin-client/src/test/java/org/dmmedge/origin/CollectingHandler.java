package org.dmmedge.origin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Test handler: keeps the head and body, completes when the exchange ends or fails. */
final class CollectingHandler implements OriginResponseHandler {
  private final Executor releaser;
  final CompletableFuture<OriginResponseHead> head = new CompletableFuture<>();
  final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private BodyFlow flow;

  /** Releases credit at once. */
  CollectingHandler() {
    this(Runnable::run);
  }

  /** Releases credit through {@code releaser} (another thread, later). */
  CollectingHandler(Executor releaser) {
    this.releaser = releaser;
  }

  @Override
  public void onHead(OriginResponseHead h, BodyFlow f) {
    flow = f;
    head.complete(h);
  }

  @Override
  public void onBody(ByteBuffer chunk) {
    int n = chunk.remaining();
    synchronized (bytes) {
      byte[] copy = new byte[n];
      chunk.get(copy);
      bytes.write(copy, 0, n);
    }
    releaser.execute(() -> flow.release(n));
  }

  @Override
  public void onEnd() {
    synchronized (bytes) {
      body.complete(bytes.toByteArray());
    }
  }

  @Override
  public void onError(OriginException error) {
    head.completeExceptionally(error);
    body.completeExceptionally(error);
  }

  int received() {
    synchronized (bytes) {
      return bytes.size();
    }
  }

  byte[] awaitBody() throws Exception {
    return body.get(20, TimeUnit.SECONDS);
  }
}
