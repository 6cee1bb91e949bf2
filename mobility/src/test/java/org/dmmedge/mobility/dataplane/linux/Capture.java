package org.dmmedge.mobility.dataplane.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tcpdump running in a test bed namespace, counting the packets that match a filter. A reader
 * thread drains its output so tcpdump never blocks on a full pipe.
 */
final class Capture implements AutoCloseable {

  private final Process process;
  private final AtomicLong packets = new AtomicLong();
  private final CountDownLatch listening = new CountDownLatch(1);
  private final Thread reader;

  Capture(Testbed bed, String node, String link, String filter) {
    Testbed.assumeTool("tcpdump");
    process = bed.startMerged(node, "tcpdump", "-l", "-n", "-q", "-i", link, filter);
    reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("listening on")) {
            listening.countDown();
          } else if (line.contains(" > ")) {
            packets.incrementAndGet();
          }
        }
      } catch (IOException e) {
        // process ended
      }
      listening.countDown();
    }, "tcpdump-reader");
    reader.start();
    try {
      if (!listening.await(Testbed.seconds(10), TimeUnit.SECONDS) || !process.isAlive()) {
        close();
        throw new IllegalStateException("tcpdump did not start listening on " + node + "/" + link);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops tcpdump and returns how many packets it printed. */
  long stop() {
    close();
    return packets.get();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
