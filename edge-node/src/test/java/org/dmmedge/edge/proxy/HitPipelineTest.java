package org.dmmedge.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.Lookup;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.server.EdgeChannelInitializer;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClientConfig;
import org.dmmedge.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hits through the real client pipeline on an embedded channel: the head comes from the wire
 * form kept per stored entry ({@link HitHead}), byte for byte, and the encoder stays in step
 * with responses built the usual way on the same connection. Leaks fail the class (testkit).
 */
class HitPipelineTest {
  private static final String DATE = "Fri, 02 Jan 2026 03:04:05 GMT";
  private static final String BODY = "0123456789";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
  private HttpClient5OriginClient client;
  private HttpCache cache;
  private ProxyServices services;
  private EmbeddedChannel channel;

  @BeforeEach
  void start() throws Exception {
    client = new HttpClient5OriginClient(OriginClientConfig.defaults());
    cache = HttpCache.create(CacheConfig.defaults(), clock);
    OriginResolver resolver = new OriginResolver(ProxyMode.REVERSE,
        new OriginsConfig(Optional.of(URI.create("http://127.0.0.1:9")), Map.of()), "edge",
        () -> null);
    services = new ProxyServices("edge", resolver, client, new AccessLog(false, clock), clock,
        "CDN-Cache-Control");
    ServerConfig config = new ServerConfig(new HostPort("127.0.0.1", 0), ProxyMode.REVERSE,
        8 * 1024, 2 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(1), 1);
    channel = new EmbeddedChannel(false, false);
    channel.config().setAutoRead(false);
    channel.pipeline().addLast(new EdgeChannelInitializer(config,
        () -> new ProxyHandler(services, cache),
        new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
    channel.register();
  }

  @AfterEach
  void stop() throws Exception {
    channel.finishAndReleaseAll();
    cache.close();
    client.close();
  }

  /** Stores {@code BODY} under {@code path} with the given origin fields, through a fill. */
  private void store(String path, String... fields) {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get(path));
    miss.fill().start(200, Headers.of(fields));
    miss.fill().append(Unpooled.copiedBuffer(BODY, StandardCharsets.ISO_8859_1));
    miss.fill().complete();
    miss.reader().close();
  }

  private static CacheRequest get(String path) {
    return new CacheRequest("GET", "http", "edge", path, Headers.empty());
  }

  private String answer(String request) {
    channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    channel.runPendingTasks();
    StringBuilder out = new StringBuilder();
    ByteBuf b;
    while ((b = channel.readOutbound()) != null) {
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  private void storeTypical(String path) {
    store(path, "Date", DATE, "Cache-Control", "max-age=60", "Content-Type", "video/mp4",
        "ETag", "\"v1\"", "Via", "1.1 upstream", "Cache-Status", "upstream; hit",
        "X-Cache", "MISS", "CDN-Cache-Control", "max-age=60, no-transform", "Content-Length", "10");
  }

  private static final String STORED_FIELDS = "Date: " + DATE + "\r\n"
      + "Cache-Control: max-age=60\r\n"
      + "Content-Type: video/mp4\r\n"
      + "ETag: \"v1\"\r\n"
      + "Via: 1.1 upstream, 1.1 edge\r\n"
      + "X-Served-By: edge\r\n";

  /** The fields after Content-Length of a keep-alive HTTP/1.1 hit, and the empty line. */
  private static String answerFields(long age, long ttl) {
    return "Age: " + age + "\r\n"
        + "Cache-Status: upstream; hit, edge; hit; ttl=" + ttl + "\r\n"
        + "X-Cache: HIT\r\n"
        + "\r\n";
  }

  @Test
  void hitHeadIsTheStoredFieldsThenThisAnswersFields() {
    storeTypical("/a");
    clock.advance(Duration.ofSeconds(7));

    String out = answer("GET /a HTTP/1.1\r\nHost: edge\r\n\r\n");

    assertThat(out).isEqualTo("HTTP/1.1 200 OK\r\n"
        + STORED_FIELDS
        + "Content-Length: 10\r\n"
        + answerFields(7, 53)
        + BODY);
  }

  @Test
  void headHitSendsTheGetHeadWithoutBody() {
    storeTypical("/a");

    String out = answer("HEAD /a HTTP/1.1\r\nHost: edge\r\n\r\n");

    assertThat(out).isEqualTo("HTTP/1.1 200 OK\r\n"
        + STORED_FIELDS
        + "Content-Length: 10\r\n"
        + answerFields(0, 60));
  }

  @Test
  void rangeHitIsA206WithContentRangeAndTheRangesLength() {
    storeTypical("/a");

    String out = answer("GET /a HTTP/1.1\r\nHost: edge\r\nRange: bytes=2-5\r\n\r\n");

    assertThat(out).isEqualTo("HTTP/1.1 206 Partial Content\r\n"
        + STORED_FIELDS
        + "Content-Range: bytes 2-5/10\r\n"
        + "Content-Length: 4\r\n"
        + answerFields(0, 60)
        + "2345");
  }

  @Test
  void aStored204HasNoContentLength() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/empty"));
    miss.fill().start(204, Headers.of("Date", DATE, "Cache-Control", "max-age=60"));
    miss.fill().complete();
    miss.reader().close();

    String out = answer("GET /empty HTTP/1.1\r\nHost: edge\r\n\r\n");

    assertThat(out).startsWith("HTTP/1.1 204 No Content\r\n").endsWith("X-Cache: HIT\r\n\r\n")
        .doesNotContain("Content-Length");
  }

  @Test
  void connectionFieldFollowsTheRequest() {
    store("/a", "Cache-Control", "max-age=60", "Date", DATE);

    String http10 = answer("GET /a HTTP/1.0\r\nHost: edge\r\nConnection: keep-alive\r\n\r\n");
    String closing = answer("GET /a HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n");

    assertThat(http10).contains("X-Cache: HIT\r\nConnection: keep-alive\r\n\r\n" + BODY);
    assertThat(closing).contains("X-Cache: HIT\r\nConnection: close\r\n\r\n" + BODY);
    channel.runPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void wireHitsAndEncodedResponsesAlternateOnOneConnection() {
    storeTypical("/a");

    String first = answer("GET /a HTTP/1.1\r\nHost: edge\r\n\r\n");
    String notModified = answer("GET /a HTTP/1.1\r\nHost: edge\r\nIf-None-Match: \"v1\"\r\n\r\n");
    String unsatisfiable = answer("GET /a HTTP/1.1\r\nHost: edge\r\nRange: bytes=50-60\r\n\r\n");
    String again = answer("GET /a HTTP/1.1\r\nHost: edge\r\n\r\n");

    assertThat(first).endsWith("\r\n\r\n" + BODY);
    assertThat(notModified).startsWith("HTTP/1.1 304 Not Modified\r\n").endsWith("\r\n\r\n")
        .doesNotContain(BODY);
    assertThat(unsatisfiable).startsWith("HTTP/1.1 416 ")
        .contains("Content-Range: bytes */10\r\n").endsWith("\r\n\r\n");
    assertThat(again).isEqualTo(first);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void pipelinedHitsAreAnsweredInOrder() {
    store("/a", "Cache-Control", "max-age=60", "Date", DATE);
    store("/b", "Cache-Control", "max-age=60", "Date", DATE, "ETag", "\"b\"");

    String out = answer("GET /a HTTP/1.1\r\nHost: edge\r\n\r\n"
        + "GET /b HTTP/1.1\r\nHost: edge\r\n\r\n");

    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n");
    int second = out.indexOf("HTTP/1.1 200 OK\r\n", 1);
    assertThat(second).isPositive();
    assertThat(out.substring(0, second)).doesNotContain("ETag").endsWith(BODY);
    assertThat(out.substring(second)).contains("ETag: \"b\"\r\n").endsWith(BODY);
  }

  @Test
  void a304RefreshGivesTheEntryANewWireHead() {
    storeTypical("/a");
    StoredResponse before = storedEntry("/a");
    HitHead head = HitHead.of(before, services);
    assertThat(HitHead.of(before, services)).isSameAs(head); // encoded once per entry
    clock.advance(Duration.ofSeconds(61));
    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));

    assertThat(revalidate.fill().notModified(Headers.of("Date", "Fri, 02 Jan 2026 03:05:06 GMT",
        "Cache-Control", "max-age=120", "ETag", "\"v1\""))).isTrue();
    revalidate.reader().close();
    String out = answer("GET /a HTTP/1.1\r\nHost: edge\r\n\r\n");

    assertThat(HitHead.of(storedEntry("/a"), services)).isNotSameAs(head);
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n")
        .contains("Date: Fri, 02 Jan 2026 03:05:06 GMT\r\n", "Cache-Control: max-age=120\r\n",
            "Age: 0\r\n", "ETag: \"v1\"\r\n")
        .doesNotContain(DATE, "max-age=60").endsWith(BODY);
  }

  @Test
  void anotherNodeGetsItsOwnWireHeadOfTheSameEntry() {
    storeTypical("/a");
    StoredResponse entry = storedEntry("/a");
    ProxyServices other = new ProxyServices("other", services.resolver(),
        services.originClient(), services.accessLog(), clock, "CDN-Cache-Control");

    String mine = encoded(HitHead.of(entry, services));
    String theirs = encoded(HitHead.of(entry, other));

    assertThat(mine).contains("Via: 1.1 upstream, 1.1 edge\r\nX-Served-By: edge\r\n");
    assertThat(theirs).contains("Via: 1.1 upstream, 1.1 other\r\nX-Served-By: other\r\n");
  }

  private static String encoded(HitHead head) {
    ByteBuf b = head.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, Optional.empty(), 10, 0,
        ResponseHeads.CacheResult.HIT, "n; hit", null);
    try {
      return b.toString(StandardCharsets.ISO_8859_1);
    } finally {
      b.release();
    }
  }

  /** The entry a GET of {@code path} is served from now. */
  private StoredResponse storedEntry(String path) {
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get(path));
    fresh.body().release();
    return fresh.response();
  }
}
