package org.dmmedge.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.admin.Fills;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.origin.OriginClientConfig;
import org.dmmedge.origin.TrustStore;
import org.dmmedge.testkit.MutableClock;
import org.dmmedge.testkit.TestCertificates;
import org.dmmedge.testkit.TlsOrigin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge in front of https origins (a keytool-made certificate trusted through
 * originClient.trustStore): h2 where the origin offers it, HTTP/1.1 otherwise; the miss
 * streams to the client before the origin has sent everything, and the next request hits.
 */
class HttpsOriginIT {
  @TempDir static Path directory;
  private static TestCertificates certificates;

  @BeforeAll
  static void certificates() throws Exception {
    certificates = TestCertificates.create(directory);
  }

  private static EdgeNode edgeFor(TlsOrigin origin) throws InterruptedException {
    ServerConfig server = new ServerConfig(new HostPort("127.0.0.1", 0), ProxyMode.REVERSE,
        8 * 1024, 2 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(5), 2);
    OriginClientConfig client = OriginClientConfig.builder()
        .responseTimeout(Duration.ofSeconds(15)).connectTimeout(Duration.ofSeconds(5))
        .trustStore(new TrustStore(certificates.trustStore(), TestCertificates.PASSWORD))
        .build();
    EdgeConfig config = new EdgeConfig("edge-tls", server, new OriginsConfig(
        Optional.of(URI.create("https://127.0.0.1:" + origin.port())), Map.of()), client,
        CacheConfig.builder().memoryBudgetBytes(64L << 20).build(), false);
    EdgeNode node = new EdgeNode(config, MutableClock.startingNow());
    node.start();
    return node;
  }

  private static void missThenHit(TlsOrigin origin, String expectedProtocol) throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    new Random(3).nextBytes(body);
    CountDownLatch gate = origin.respond("/v/seg-1.m4s", body, "Cache-Control", "max-age=60",
        "ETag", "\"s1\"");
    EdgeNode edge = edgeFor(origin);
    try {
      URI uri = URI.create("http://127.0.0.1:" + edge.localAddress().getPort() + "/v/seg-1.m4s");
      CompletableFuture<HttpResponse<java.io.InputStream>> miss = Http.CLIENT.sendAsync(
          Http.request(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      HttpResponse<java.io.InputStream> head = miss.get(20, TimeUnit.SECONDS);
      byte[] firstHalf = head.body().readNBytes(body.length / 2); // before the gate opens
      gate.countDown();
      byte[] rest = head.body().readAllBytes();

      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("X-Cache")).contains("MISS");
      assertThat(head.headers().firstValue("Cache-Status"))
          .contains("edge-tls; fwd=uri-miss; fwd-status=200; stored; ttl=60");
      assertThat(firstHalf).isEqualTo(java.util.Arrays.copyOf(body, body.length / 2));
      assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(body, body.length / 2,
          body.length));
      Fills.awaitNone(edge.cache());
      HttpResponse<byte[]> hit = Http.get(uri);
      assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(hit.body()).isEqualTo(body);
      assertThat(origin.seen()).containsExactly(new TlsOrigin.Seen(
          "/v/seg-1.m4s", expectedProtocol, "127.0.0.1:" + origin.port()));
    } finally {
      edge.close();
    }
  }

  @Test
  void anH2OriginIsFetchedOverHttp2AndItsBodyStreamsToTheClient() throws Exception {
    try (TlsOrigin origin = TlsOrigin.h2(certificates)) {
      missThenHit(origin, "HTTP/2.0");
    }
  }

  @Test
  void anHttp11OnlyOriginIsFetchedOverHttp11() throws Exception {
    try (TlsOrigin origin = TlsOrigin.http11(certificates)) {
      missThenHit(origin, "HTTP/1.1");
    }
  }
}
