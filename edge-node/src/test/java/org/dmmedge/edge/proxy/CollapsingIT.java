package org.dmmedge.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request collapsing and read-while-write through a real edge and a real origin. Each test is
 * bounded so that a stalled stream fails the test instead of hanging the build.
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class CollapsingIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.reverseTo(ORIGIN);
  @Order(3)
  @RegisterExtension static final EdgeServerExtension IMPATIENT =
      EdgeServerExtension.reverseTo(ORIGIN, java.time.Duration.ofMillis(500));

  private static final ExecutorService POOL = Executors.newFixedThreadPool(100);
  /** A client per test: no keep-alive connection outlives the test that opened it. */
  private java.net.http.HttpClient client;

  @org.junit.jupiter.api.BeforeEach
  void newClient() {
    client = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void hundredConcurrentMissesMakeOneOriginRequestAndIdenticalBodies() throws Exception {
    byte[] body = random(2 * 1024 * 1024, 1);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch allStreaming = new CountDownLatch(100);
    // The origin holds the body after 64 KiB until every client has its first bytes, so all
    // 100 requests are provably in flight together.
    ORIGIN.respond("/collapse/2mib", OriginReply.builder().body(body)
        .header("Cache-Control", "max-age=600").pauseAt(64 * 1024, gate).build());
    List<Future<byte[]>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        results.add(POOL.submit(() -> {
          HttpResponse<InputStream> r = client.send(
              Http.request(EDGE.uri("/collapse/2mib")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
          try (InputStream in = r.body()) {
            int first = in.read();
            allStreaming.countDown();
            byte[] rest = in.readAllBytes();
            byte[] all = new byte[rest.length + 1];
            all[0] = (byte) first;
            System.arraycopy(rest, 0, all, 1, rest.length);
            return all;
          }
        }));
      }
      assertThat(allStreaming.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(gate.getCount()).isEqualTo(1); // the origin was still holding the body
    } finally {
      gate.countDown();
    }
    for (Future<byte[]> f : results) {
      assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(body);
    }
    assertThat(ORIGIN.requestCount("/collapse/2mib")).isEqualTo(1);
  }

  @Test
  void followerReceivesFirstBytesBeforeTheOriginHasSentTheWholeBody() throws Exception {
    byte[] body = random(512 * 1024, 2);
    CountDownLatch gate = new CountDownLatch(1);
    String path = "/collapse/follow" + System.nanoTime();
    ORIGIN.respond(path, OriginReply.builder().body(body)
        .header("Cache-Control", "max-age=600").pauseAt(200 * 1024, gate).build());
    try {
      Future<byte[]> leader = POOL.submit(() -> client.send(
          Http.request(EDGE.uri(path)).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body());
      ORIGIN.awaitRequests(path, 1, java.time.Duration.ofSeconds(10));

      HttpResponse<InputStream> follower = client.send(
          Http.request(EDGE.uri(path)).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = follower.body()) {
        byte[] firstBytes = readWithin(in, 100 * 1024);
        assertThat(gate.getCount()).isEqualTo(1); // origin still paused mid-body
        assertThat(firstBytes).isEqualTo(Arrays.copyOf(body, 100 * 1024));
        gate.countDown();
        byte[] rest = readWithin(in, body.length);
        assertThat(rest.length + firstBytes.length).isEqualTo(body.length);
      }
      assertThat(follower.headers().firstValue("X-Cache")).contains("MISS");
      assertThat(follower.headers().firstValue("Cache-Status").orElseThrow())
          .contains("collapsed");
      assertThat(leader.get(30, TimeUnit.SECONDS)).isEqualTo(body);
      assertThat(ORIGIN.requestCount(path)).isEqualTo(1);
    } finally {
      gate.countDown();
    }
  }

  @Test
  void followerJoiningAFillThatHoldsMoreThanTheWriteBufferGetsItWhileTheOriginPauses()
      throws Exception {
    // The follower's first drain (still inside the request's dispatch) fills its channel past
    // the high water mark and flushes; the flush makes it writable again at once, an event the
    // handler cannot pass on yet, so the drain itself must go on writing.
    byte[] body = random(512 * 1024, 5);
    int pause = 200 * 1024;
    CountDownLatch gate = new CountDownLatch(1);
    String path = "/collapse/joinfull";
    ORIGIN.respond(path, OriginReply.builder().body(body)
        .header("Cache-Control", "max-age=600").pauseAt(pause, gate).build());
    try {
      HttpResponse<InputStream> leader = client.send(
          Http.request(EDGE.uri(path)).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream leaderIn = leader.body()) {
        // The leader got every byte before the pause, so the fill holds all of them now.
        assertThat(readWithin(leaderIn, pause)).isEqualTo(Arrays.copyOf(body, pause));

        HttpResponse<InputStream> follower = client.send(
            Http.request(EDGE.uri(path)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = follower.body()) {
          assertThat(readWithin(in, pause)).isEqualTo(Arrays.copyOf(body, pause));
          assertThat(gate.getCount()).isEqualTo(1); // the origin is still paused
          gate.countDown();
          assertThat(readWithin(in, body.length))
              .isEqualTo(Arrays.copyOfRange(body, pause, body.length));
        }
        assertThat(follower.headers().firstValue("Cache-Status").orElseThrow())
            .contains("collapsed");
        assertThat(readWithin(leaderIn, body.length))
            .isEqualTo(Arrays.copyOfRange(body, pause, body.length));
      }
      assertThat(ORIGIN.requestCount(path)).isEqualTo(1);
    } finally {
      gate.countDown();
    }
  }

  /** Reads up to {@code n} bytes (fewer at the end): a stalled stream fails, never hangs. */
  private static byte[] readWithin(InputStream in, int n) throws Exception {
    return POOL.submit(() -> in.readNBytes(n)).get(30, TimeUnit.SECONDS);
  }

  @Test
  void originResetMidBodyClosesTheClientAndStoresNothing() throws Exception {
    byte[] body = random(300 * 1024, 3);
    ORIGIN.respond("/collapse/reset", OriginReply.builder().body(body)
        .header("Cache-Control", "max-age=600").resetAt(100 * 1024).build());

    // Either the head went out and the connection closes short (an IOException here), or the
    // reset reached the edge first and the answer is an honest 502.
    try {
      assertThat(Http.get(EDGE.uri("/collapse/reset")).statusCode()).isEqualTo(502);
    } catch (IOException expected) {
      // closed short of Content-Length
    }
    String raw = Http.raw(EDGE.port(),
        "GET /collapse/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    int headerEnd = raw.indexOf("\r\n\r\n") + 4;
    if (raw.startsWith("HTTP/1.1 200")) {
      // The head went out before the failure: the connection closes short of Content-Length.
      assertThat(raw).containsIgnoringCase("content-length: " + body.length);
      assertThat(raw.length() - headerEnd).isLessThan(body.length);
    } else {
      // The failure came before the head: an honest 502 and a closed connection.
      assertThat(raw).startsWith("HTTP/1.1 502").containsIgnoringCase("connection: close");
    }

    ORIGIN.respond("/collapse/reset", OriginReply.builder().body(body)
        .header("Cache-Control", "max-age=600").build());
    HttpResponse<byte[]> after = Http.get(EDGE.uri("/collapse/reset"));
    assertThat(after.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(after.body()).isEqualTo(body);
    assertThat(ORIGIN.requestCount("/collapse/reset")).isEqualTo(3);
  }

  @Test
  void originSilentMidBodyPastTheTimeoutClosesLeaderAndFollower() throws Exception {
    byte[] body = random(200 * 1024, 4);
    CountDownLatch gate = new CountDownLatch(1);
    ORIGIN.respond("/collapse/silent", OriginReply.builder().body(body)
        .header("Cache-Control", "max-age=600").pauseAt(50 * 1024, gate).build());
    try {
      HttpResponse<InputStream> leader = client.send(
          Http.request(IMPATIENT.uri("/collapse/silent")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      HttpResponse<InputStream> follower = client.send(
          Http.request(IMPATIENT.uri("/collapse/silent")).build(),
          HttpResponse.BodyHandlers.ofInputStream());

      assertThatThrownBy(() -> leader.body().readAllBytes()).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> follower.body().readAllBytes()).isInstanceOf(IOException.class);
      assertThat(ORIGIN.requestCount("/collapse/silent")).isEqualTo(1);
    } finally {
      gate.countDown();
    }
    ORIGIN.respond("/collapse/silent", OriginReply.builder().body(body)
        .header("Cache-Control", "max-age=600").build());
    assertThat(Http.get(IMPATIENT.uri("/collapse/silent")).headers().firstValue("X-Cache"))
        .contains("MISS");
  }

  @Test
  void uncacheableResponseIsRelayedToTheLeaderAndFollowersFetchTheirOwn() throws Exception {
    ORIGIN.respond("/collapse/private", OriginReply.builder().body("mine")
        .header("Cache-Control", "private").build());

    HttpResponse<String> first = Http.getText(EDGE.uri("/collapse/private"));
    HttpResponse<String> second = Http.getText(EDGE.uri("/collapse/private"));

    assertThat(first.body()).isEqualTo("mine");
    assertThat(second.body()).isEqualTo("mine");
    assertThat(ORIGIN.requestCount("/collapse/private")).isEqualTo(2);
  }
}
