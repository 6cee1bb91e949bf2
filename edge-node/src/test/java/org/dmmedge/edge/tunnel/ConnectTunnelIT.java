package org.dmmedge.edge.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.dmmedge.edge.LogLines;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.config.ConnectConfig;
import org.dmmedge.edge.tunnel.TunnelClient.Drained;
import org.dmmedge.edge.tunnel.TunnelClient.Opened;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CONNECT tunnels through a real forward-proxy edge to real loopback TCP peers: exact bytes
 * both ways, bytes sent before the 200, backpressure, half-close, every refusal and failure
 * status, and that nothing is left open.
 */
class ConnectTunnelIT {
  private static final int DEAD_PORT = deadPort();

  @Order(1)
  @RegisterExtension static final TcpPeer PEER = new TcpPeer();
  @Order(2)
  @RegisterExtension static final SilentPeer SILENT = new SilentPeer();
  @Order(3)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.forward(c ->
      c.withServer(c.server().withConnect(new ConnectConfig(true,
          List.of(PEER.port(), DEAD_PORT, SILENT.port()), Duration.ofSeconds(30),
          Duration.ofSeconds(30)))));

  /** Tiny timeouts: connects to the silent peer time out, quiet tunnels close. */
  @Order(4)
  @RegisterExtension static final EdgeServerExtension SHORT = EdgeServerExtension.forward(c ->
      c.withServer(c.server().withConnect(new ConnectConfig(true,
          List.of(PEER.port(), SILENT.port()), Duration.ofMillis(300),
          Duration.ofMillis(300)))));

  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  /** Tunnels log a warning only for unexpected errors; none of these tests has one. */
  private LogLines warnings;

  @BeforeEach
  void captureWarnings() {
    warnings = LogLines.warnings("org.dmmedge.edge.tunnel");
  }

  @AfterEach
  void noTunnelWarned() {
    warnings.close();
    assertThat(warnings.lines()).as("tunnel warnings").isEmpty();
  }

  @AfterAll
  static void stopThreads() {
    THREADS.shutdownNow();
  }

  private static int deadPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String peer() {
    return "127.0.0.1:" + PEER.port();
  }

  @Test
  void eightMebibytesEachWayArriveExactly() throws Exception {
    long size = 8L << 20;
    double fromBefore = tunnelBytes("from_client");
    double toBefore = tunnelBytes("to_client");
    Opened opened = TunnelClient.open(EDGE.port(), peer());
    assertThat(opened.head()).startsWith("HTTP/1.1 200 Connection established\r\n");
    try (Socket client = opened.socket(); Socket server = PEER.accept()) {
      Future<String> up = THREADS.submit(() -> {
        String sha = TunnelClient.send(client.getOutputStream(), 1, size, n -> { });
        client.shutdownOutput();
        return sha;
      });
      Future<String> down = THREADS.submit(() -> {
        String sha = TunnelClient.send(server.getOutputStream(), 2, size, n -> { });
        server.shutdownOutput();
        return sha;
      });
      Future<Drained> atServer = THREADS.submit(() -> TunnelClient.drain(server.getInputStream()));
      Drained atClient = TunnelClient.drain(client.getInputStream());

      assertThat(atServer.get(30, TimeUnit.SECONDS))
          .isEqualTo(new Drained(up.get(30, TimeUnit.SECONDS), size));
      assertThat(atClient).isEqualTo(new Drained(down.get(30, TimeUnit.SECONDS), size));
    }
    awaitNoTunnels();
    assertThat(tunnelBytes("from_client") - fromBefore).isEqualTo(size);
    assertThat(tunnelBytes("to_client") - toBefore).isEqualTo(size);
  }

  @Test
  void bytesSentRightAfterTheConnectHeadReachTheDestinationUnchanged() throws Exception {
    // A TLS ClientHello-like record, then what would look like a fold and a request to HTTP.
    byte[] early = new byte[300];
    new java.util.Random(7).nextBytes(early);
    early[0] = 0x16;
    early[1] = 0x03;
    early[2] = 0x01;
    byte[] looksLikeHttp = "\r\n \tfolded\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(looksLikeHttp, 0, early, 100, looksLikeHttp.length);

    Opened opened = TunnelClient.open(EDGE.port(), peer(), early, 0);
    try (Socket client = opened.socket(); Socket server = PEER.accept()) {
      assertThat(opened.head()).startsWith("HTTP/1.1 200");
      assertThat(server.getInputStream().readNBytes(early.length)).isEqualTo(early);
      server.getOutputStream().write("server hello".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(client.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
          .isEqualTo("server hello");
    }
  }

  /**
   * A destination (or client) that stops reading: the edge stops reading the other side, so
   * the writer blocks while the edge holds little; once reading resumes every byte arrives.
   */
  @ParameterizedTest(name = "client writes: {0}")
  @ValueSource(booleans = {true, false})
  void aReaderThatStopsIsNotBufferedWithoutBound(boolean clientWrites) throws Exception {
    long size = 64L << 20;
    Opened opened = TunnelClient.open(EDGE.port(), peer(), new byte[0],
        TcpPeer.RECEIVE_BUFFER_BYTES);
    try (Socket client = opened.socket(); Socket server = PEER.accept()) {
      Socket writer = clientWrites ? client : server;
      Socket reader = clientWrites ? server : client;
      AtomicLong written = new AtomicLong();
      Future<String> sent = THREADS.submit(() -> {
        String sha = TunnelClient.send(writer.getOutputStream(), 3, size, written::set);
        writer.shutdownOutput();
        return sha;
      });
      long maxBuffered = awaitStall(written);

      assertThat(sent.isDone()).as("the writer is blocked").isFalse();
      assertThat(written.get()).isLessThan(size / 2);
      // The write high-water mark (64 KiB) plus at most one read (64 KiB) per direction.
      assertThat(maxBuffered).as("bytes the edge holds").isLessThanOrEqualTo(256 * 1024);
      assertThat(TunnelClient.drain(reader.getInputStream()))
          .isEqualTo(new Drained(sent.get(30, TimeUnit.SECONDS), size));
    }
  }

  /** Waits until the writer made no progress for 25 polls (bounded); the most buffered seen. */
  private static long awaitStall(AtomicLong written) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long maxBuffered = 0;
    long last = -1;
    int still = 0;
    while (still < 25 && System.nanoTime() < deadline) {
      maxBuffered = Math.max(maxBuffered, (long) gauge(EDGE, "edge.tunnels.buffered"));
      long now = written.get();
      still = now == last && now > 0 ? still + 1 : 0;
      last = now;
      Thread.sleep(20);
    }
    return maxBuffered;
  }

  @ParameterizedTest(name = "client half-closes first: {0}")
  @ValueSource(booleans = {true, false})
  void theOtherEndAnswersAfterOneHalfClosed(boolean clientFirst) throws Exception {
    Opened opened = TunnelClient.open(EDGE.port(), peer());
    try (Socket client = opened.socket(); Socket server = PEER.accept()) {
      Socket first = clientFirst ? client : server;
      Socket second = clientFirst ? server : client;
      first.getOutputStream().write("question".getBytes(StandardCharsets.US_ASCII));
      first.shutdownOutput();
      assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("question");
      second.getOutputStream().write("answer".getBytes(StandardCharsets.US_ASCII));
      second.shutdownOutput();
      assertThat(new String(first.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("answer");
    }
    awaitNoTunnels();
  }

  @Test
  void aDestinationThatClosesClosesTheClientAfterItsLastBytes() throws Exception {
    Opened opened = TunnelClient.open(EDGE.port(), peer());
    try (Socket client = opened.socket()) {
      try (Socket server = PEER.accept()) {
        server.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
      }
      assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("bye");
    }
    awaitNoTunnels();
  }

  @Test
  void aPortNotAllowedIs403() throws Exception {
    String raw = Http.raw(EDGE.port(), "CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 403").contains("connection: close")
        .contains("403 CONNECT to port 1 is not allowed (allowed: " + PEER.port() + ", ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /path                  | CONNECT target /path (expected: host:port)
      http://127.0.0.1:443/  | CONNECT target http://127.0.0.1:443/ (expected: host:port)
      127.0.0.1              | CONNECT target 127.0.0.1 (expected: host:port)
      ::1:443                | CONNECT target ::1:443 (expected: host:port)
      user@127.0.0.1:443     | bad host user@127.0.0.1:443
      127.0.0.1:0            | bad port in 127.0.0.1:0
      127.0.0.1:99999        | bad port in 127.0.0.1:99999
      """)
  void aTargetThatIsNotHostAndPortIs400(String target, String reason) throws Exception {
    String raw = Http.raw(EDGE.port(), "CONNECT " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 400").contains("400 " + reason);
    assertThat(PEER.nothingAccepted()).isTrue();
  }

  @Test
  void aConnectWithContentIs400() throws Exception {
    String raw = Http.raw(EDGE.port(), "CONNECT " + peer() + " HTTP/1.1\r\nHost: " + peer()
        + "\r\nContent-Length: 5\r\n\r\nhello");

    assertThat(raw).startsWith("HTTP/1.1 400").contains("CONNECT request with content");
    assertThat(PEER.nothingAccepted()).isTrue();
  }

  @Test
  void nothingListeningIs502() throws Exception {
    String target = "127.0.0.1:" + DEAD_PORT;
    String raw = Http.raw(EDGE.port(), "CONNECT " + target + " HTTP/1.1\r\nHost: " + target
        + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 502").contains("CONNECT to " + target
        + ": connect failed");
    awaitNoTunnels();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1", "localhost"})
  void aTunnelToTheNodeItselfIs508(String host) throws Exception {
    String target = host + ":" + EDGE.port();
    String raw = Http.raw(EDGE.port(), "CONNECT " + target + " HTTP/1.1\r\nHost: " + target
        + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 508").contains("loop");
  }

  @Test
  void aConnectThatAlreadyPassedThisNodeIs508() throws Exception {
    String raw = Http.raw(EDGE.port(), "CONNECT " + peer() + " HTTP/1.1\r\nHost: " + peer()
        + "\r\nVia: 1.1 " + EdgeServerExtension.NAME + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 508");
    assertThat(PEER.nothingAccepted()).isTrue();
  }

  @Test
  void aClientThatLeavesWhileConnectingCancelsTheConnect() throws Exception {
    try (Socket client = new Socket("127.0.0.1", EDGE.port())) {
      String target = "127.0.0.1:" + SILENT.port();
      client.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target
          + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      await(() -> gauge("edge.tunnels.connecting") == 1, "the edge is connecting");
    }
    // The connect timeout is 30 s: only the client's leaving ends the attempt this early.
    await(() -> gauge("edge.tunnels.connecting") == 0, "the connect was cancelled");
  }

  @Test
  void aDestinationThatDoesNotAnswerTheConnectIs504() throws Exception {
    String target = "127.0.0.1:" + SILENT.port();
    String raw = Http.raw(SHORT.port(), "CONNECT " + target + " HTTP/1.1\r\nHost: " + target
        + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 504").contains("CONNECT to " + target
        + ": timed out after 300ms");
    awaitNoTunnels(SHORT);
  }

  @Test
  void aQuietTunnelIsClosedAtItsIdleTimeout() throws Exception {
    Opened opened = TunnelClient.open(SHORT.port(), peer());
    try (Socket client = opened.socket(); Socket server = PEER.accept()) {
      assertThat(opened.head()).startsWith("HTTP/1.1 200");
      assertThat(client.getInputStream().read()).as("closed by the edge").isEqualTo(-1);
      assertThat(server.getInputStream().read()).as("closed by the edge").isEqualTo(-1);
    }
    awaitNoTunnels(SHORT);
  }

  @Test
  void aTunnelIsLoggedAndCountedWhenItEnds() throws Exception {
    double ended = EDGE.node().metrics().registry().counter("edge.requests", "status", "200",
        "cache", "tunnel").count();
    List<String> lines;
    try (LogLines access = LogLines.access()) {
      Opened opened = TunnelClient.open(EDGE.port(), peer(), "ping!".getBytes(
          StandardCharsets.US_ASCII), 0);
      try (Socket client = opened.socket(); Socket server = PEER.accept()) {
        assertThat(server.getInputStream().readNBytes(5)).isEqualTo("ping!".getBytes(
            StandardCharsets.US_ASCII));
        server.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
        assertThat(client.getInputStream().readNBytes(4)).isEqualTo("pong".getBytes(
            StandardCharsets.US_ASCII));
        await(() -> gauge("edge.tunnels.open") == 1, "one tunnel open");
      }
      awaitNoTunnels();
      lines = access.lines();
    }

    assertThat(EDGE.node().metrics().registry().counter("edge.requests", "status", "200",
        "cache", "tunnel").count()).isEqualTo(ended + 1);
    assertThat(lines).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("127.0.0.1 - - [")
        .endsWith("] \"CONNECT " + peer() + " HTTP/1.1\" 200 4 \"-\" \"tunnel-test\"");
  }

  private static double tunnelBytes(String direction) {
    return EDGE.node().metrics().registry().counter("edge.tunnel.bytes", "direction", direction)
        .count();
  }

  private static double gauge(String name) {
    return gauge(EDGE, name);
  }

  private static double gauge(EdgeServerExtension edge, String name) {
    MeterRegistry registry = edge.node().metrics().registry();
    return registry.get(name).gauge().value();
  }

  private static void awaitNoTunnels() throws InterruptedException {
    awaitNoTunnels(EDGE);
  }

  private static void awaitNoTunnels(EdgeServerExtension edge) throws InterruptedException {
    await(() -> gauge(edge, "edge.tunnels.open") == 0
        && gauge(edge, "edge.tunnels.connecting") == 0, "no tunnel open or connecting");
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(5);
    }
  }
}
