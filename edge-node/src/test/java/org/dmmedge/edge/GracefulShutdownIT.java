package org.dmmedge.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping a node: no new connections, in-flight responses finish. */
class GracefulShutdownIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  @Test
  void stopRefusesNewConnectionsAndFinishesTheResponseInFlight() throws Exception {
    byte[] body = new byte[256 * 1024];
    new Random(7).nextBytes(body);
    CountDownLatch gate = new CountDownLatch(1);
    ORIGIN.respond("/slow", OriginReply.builder().body(body).pauseAt(1024, gate).build());
    try {
      EdgeConfigs.withTimeout(ORIGIN, Duration.ofSeconds(15), node -> {
        int port = node.localAddress().getPort();
        CompletableFuture<byte[]> inFlight = CompletableFuture.supplyAsync(() -> {
          try {
            return Http.get(java.net.URI.create("http://127.0.0.1:" + port + "/slow")).body();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        ORIGIN.awaitRequests("/slow", 1, Duration.ofSeconds(10));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
          try {
            node.close();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        awaitRefused(port);
        assertThat(stopping).isNotDone(); // still waiting for the response in flight
        gate.countDown();

        assertThat(inFlight.get(20, TimeUnit.SECONDS)).isEqualTo(body);
        stopping.get(20, TimeUnit.SECONDS);
      });
    } finally {
      gate.countDown();
    }
  }

  private static void awaitRefused(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        Thread.sleep(5);
      } catch (ConnectException refused) {
        return;
      }
    }
    throw new AssertionError("port " + port + " still accepts connections");
  }
}
