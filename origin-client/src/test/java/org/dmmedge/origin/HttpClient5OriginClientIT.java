package org.dmmedge.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.dmmedge.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpClient5OriginClientIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  private static HttpClient5OriginClient client;
  private static ScheduledExecutorService later;

  @BeforeAll
  static void start() {
    client = new HttpClient5OriginClient(OriginClientConfig.builder()
        .responseTimeout(Duration.ofSeconds(2))
        .connectRetries(2)
        .retryBackoff(Duration.ofMillis(5))
        .build());
    later = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stop() {
    client.close();
    later.shutdownNow();
  }

  private static OriginRequest get(String path) {
    return OriginRequest.of("GET", OriginTarget.of(ORIGIN.uri()), path,
        List.of(Map.entry("Host", ORIGIN.authority())));
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  @Test
  void streamsALargeBodyByteForByteWithTheHead() throws Exception {
    byte[] body = random(2 * 1024 * 1024);
    ORIGIN.respond("/big", OriginReply.builder().body(body).header("ETag", "\"v1\"").build());
    CollectingHandler handler = new CollectingHandler();

    client.send(get("/big"), handler);

    assertThat(handler.awaitBody()).isEqualTo(body);
    OriginResponseHead head = handler.head.get();
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.hasBody()).isTrue();
    assertThat(head.header("etag")).contains("\"v1\"");
    assertThat(head.protocol()).isEqualTo("HTTP/1.1");
  }

  @Test
  void bodyCompletesWhenCreditIsReturnedLaterFromAnotherThread() throws Exception {
    // Far more than HttpClient's read window: without credit coming back the transfer stalls.
    byte[] body = random(1024 * 1024);
    ORIGIN.respond("/slow-reader", OriginReply.builder().body(body).chunked().build());
    CollectingHandler handler =
        new CollectingHandler(task -> later.schedule(task, 1, TimeUnit.MILLISECONDS));

    client.send(get("/slow-reader"), handler);

    assertThat(handler.awaitBody()).isEqualTo(body);
  }

  @Test
  void headAndNotModifiedHaveNoBody() throws Exception {
    ORIGIN.respond("/v", OriginReply.builder().body("hello").build());
    ORIGIN.respond("/nm", OriginReply.builder().status(304).header("ETag", "\"x\"").build());
    CollectingHandler head = new CollectingHandler();
    CollectingHandler notModified = new CollectingHandler();

    client.send(OriginRequest.of("HEAD", OriginTarget.of(ORIGIN.uri()), "/v", List.of()), head);
    client.send(get("/nm"), notModified);

    assertThat(head.awaitBody()).isEmpty();
    assertThat(head.head.get().hasBody()).isFalse();
    assertThat(head.head.get().header("Content-Length")).contains("5");
    assertThat(notModified.awaitBody()).isEmpty();
    assertThat(notModified.head.get().status()).isEqualTo(304);
  }

  @Test
  void sendsHeadersAndQueryUnchanged() throws Exception {
    ORIGIN.respond("/q", OriginReply.ok("q"));
    CollectingHandler handler = new CollectingHandler();

    client.send(OriginRequest.of("GET", OriginTarget.of(ORIGIN.uri()), "/q?a=1&b=%20",
        List.of(Map.entry("X-Test", "one"), Map.entry("If-None-Match", "\"e\""))), handler);

    handler.awaitBody();
    RecordedRequest seen = ORIGIN.requests("/q").get(0);
    assertThat(seen.query()).isEqualTo("a=1&b=%20");
    assertThat(seen.header("X-Test")).contains("one");
    assertThat(seen.header("If-None-Match")).contains("\"e\"");
    assertThat(seen.header("Accept-Encoding")).isEmpty();
  }

  @Test
  void streamsARequestBodyWithItsDeclaredLength() throws Exception {
    ORIGIN.respond("/post", OriginReply.status(201));
    RequestBodyStream body = new RequestBodyStream(10);
    CollectingHandler handler = new CollectingHandler();
    CompletableFuture<Void> firstSent = new CompletableFuture<>();

    client.send(new OriginRequest("POST", OriginTarget.of(ORIGIN.uri()), "/post", List.of(),
        Optional.of(body)), handler);
    body.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)),
        () -> firstSent.complete(null));
    firstSent.get(10, TimeUnit.SECONDS);
    body.write(ByteBuffer.wrap("world".getBytes(StandardCharsets.US_ASCII)), () -> { });
    body.end();

    assertThat(handler.head.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
    RecordedRequest seen = ORIGIN.requests("/post").get(0);
    assertThat(seen.bodyText()).isEqualTo("helloworld");
    assertThat(seen.header("Content-Length")).contains("10");
  }

  @Test
  void streamsARequestBodyOfUnknownLengthChunked() throws Exception {
    ORIGIN.respond("/put", OriginReply.status(204));
    RequestBodyStream body = new RequestBodyStream(-1);
    CollectingHandler handler = new CollectingHandler();

    client.send(new OriginRequest("PUT", OriginTarget.of(ORIGIN.uri()), "/put", List.of(),
        Optional.of(body)), handler);
    body.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)), () -> { });
    body.end();

    assertThat(handler.head.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
    RecordedRequest seen = ORIGIN.requests("/put").get(0);
    assertThat(seen.bodyText()).isEqualTo("abc");
    assertThat(seen.header("Transfer-Encoding")).contains("chunked");
  }

  @Test
  void originResetMidBodyFailsAfterTheHeadAsAProtocolError() throws Exception {
    byte[] body = random(256 * 1024);
    ORIGIN.respond("/reset", OriginReply.builder().body(body).resetAt(100_000).build());
    CollectingHandler handler = new CollectingHandler();

    client.send(get("/reset"), handler);

    assertThat(handler.head.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThatThrownBy(handler::awaitBody)
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(OriginProtocolException.class)
        .satisfies(e -> assertThat(((OriginException) e).status()).isEqualTo(502));
    assertThat(handler.received()).isLessThan(body.length);
  }

  @Test
  void silentOriginIsATimeout504() throws Exception {
    ORIGIN.respond("/slow", OriginReply.builder().headDelay(Duration.ofSeconds(4)).build());
    CollectingHandler handler = new CollectingHandler();

    client.send(get("/slow"), handler);

    assertThatThrownBy(handler::awaitBody)
        .cause().isInstanceOf(OriginTimeoutException.class)
        .hasMessageContaining("timeout")
        .satisfies(e -> assertThat(((OriginException) e).status()).isEqualTo(504));
  }

  @Test
  void refusedConnectIsAConnectError502NamingTheOrigin() throws Exception {
    ORIGIN.down();
    // A client of its own: a keep-alive connection pooled by an earlier test, cut by down(),
    // would fail as a reset (a protocol error) instead of the refused connect tested here.
    try (HttpClient5OriginClient fresh = new HttpClient5OriginClient(OriginClientConfig.builder()
        .connectRetries(2).retryBackoff(Duration.ofMillis(5)).build())) {
      CollectingHandler handler = new CollectingHandler();

      fresh.send(get("/any"), handler);

      assertThatThrownBy(handler::awaitBody)
          .cause().isInstanceOf(OriginConnectException.class)
          .hasMessageContaining(ORIGIN.authority())
          .satisfies(e -> assertThat(((OriginException) e).status()).isEqualTo(502));
    } finally {
      ORIGIN.up();
    }
  }

  @Test
  void cancelEndsTheExchangeWithAnError() throws Exception {
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    ORIGIN.respond("/held", OriginReply.builder().body(random(100_000)).pauseAt(10, gate).build());
    CollectingHandler handler = new CollectingHandler();
    try {
      OriginExchange exchange = client.send(get("/held"), handler);
      handler.head.get(10, TimeUnit.SECONDS);

      exchange.cancel();

      assertThatThrownBy(handler::awaitBody).cause().isInstanceOf(OriginException.class);
    } finally {
      gate.countDown();
    }
  }
}
