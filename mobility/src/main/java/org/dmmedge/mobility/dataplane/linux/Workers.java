package org.dmmedge.mobility.dataplane.linux;

/**
 * The data plane's background threads (RA, link watch, tunnel forwarding): daemons, so a node
 * that forgets to close cannot hang the JVM's exit, each ending within its poll interval once
 * told to stop, and joined with a bound.
 */
final class Workers {

  private static final long JOIN_MILLIS = 2000;

  private Workers() {}

  static Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Waits for {@code thread} to end, at most {@value #JOIN_MILLIS} ms. */
  static void join(Thread thread) {
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
