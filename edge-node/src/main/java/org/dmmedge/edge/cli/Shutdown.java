package org.dmmedge.edge.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a started service running until SIGINT/SIGTERM, then closes it from the hook. */
final class Shutdown {
  /** Closing a service may be interrupted. */
  interface Closer {
    void close() throws InterruptedException;
  }

  private Shutdown() {}

  /** Blocks until the JVM is asked to stop and {@code closer} has run. */
  static void awaitSignal(String threadName, Closer closer) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        closer.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        stopped.countDown();
      }
    }, threadName));
    stopped.await();
  }
}
