package org.dmmedge.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dmmedge.testkit.TestCertificates;
import org.dmmedge.testkit.TlsOrigin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS origins through the real HttpClient 5 client: h2 negotiated by ALPN where the origin
 * offers it, HTTP/1.1 otherwise, the body streamed as it arrives; trust from a configured
 * trust store (a self-signed test certificate made by keytool), untrusted origins refused.
 */
class TlsOriginIT {
  @TempDir static Path directory;
  private static TestCertificates certificates;

  @BeforeAll
  static void certificates() throws Exception {
    certificates = TestCertificates.create(directory);
  }

  private static HttpClient5OriginClient client(boolean h2, boolean trusting) {
    OriginClientConfig.Builder config = OriginClientConfig.builder()
        .responseTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5))
        .connectRetries(0).h2(h2);
    if (trusting) {
      config.trustStore(new TrustStore(certificates.trustStore(), TestCertificates.PASSWORD));
    }
    return new HttpClient5OriginClient(config.build());
  }

  private static OriginRequest get(TlsOrigin origin, String path) {
    String authority = "127.0.0.1:" + origin.port();
    return OriginRequest.of("GET", new OriginTarget("https", "127.0.0.1", origin.port()), path,
        List.of(Map.entry("Host", authority), Map.entry("Accept", "*/*")));
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** Fetches {@code path}, checks the first half arrives before the origin sends the rest. */
  private static OriginResponseHead fetchStreamed(OriginClient client, TlsOrigin origin,
      String path, byte[] body) throws Exception {
    CountDownLatch gate = origin.respond(path, body);
    CollectingHandler handler = new CollectingHandler();
    client.send(get(origin, path), handler);
    OriginResponseHead head = handler.head.get(20, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (handler.received() < body.length / 2) {
      assertThat(System.nanoTime()).as("first half within 20 s").isLessThan(deadline);
      assertThat(handler.body).isNotDone();
      Thread.sleep(2);
    }
    assertThat(handler.received()).isEqualTo(body.length / 2); // the origin holds the rest
    gate.countDown();
    assertThat(handler.awaitBody()).isEqualTo(body);
    return head;
  }

  @Test
  void anH2OriginIsSpokenToInHttp2AndItsBodyStreams() throws Exception {
    byte[] body = random(2 * 1024 * 1024);
    try (TlsOrigin origin = TlsOrigin.h2(certificates);
        HttpClient5OriginClient client = client(true, true)) {
      OriginResponseHead head = fetchStreamed(client, origin, "/seg-1.m4s", body);

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.protocol()).isEqualTo("HTTP/2.0");
      assertThat(head.header("content-length")).contains(Integer.toString(body.length));
      assertThat(origin.seen()).containsExactly(new TlsOrigin.Seen(
          "/seg-1.m4s", "HTTP/2.0", "127.0.0.1:" + origin.port()));
      // A second request reuses the h2 connection and streams the same way.
      fetchStreamed(client, origin, "/seg-2.m4s", random(300 * 1024));
      assertThat(origin.seen()).extracting(TlsOrigin.Seen::protocol)
          .containsExactly("HTTP/2.0", "HTTP/2.0");
    }
  }

  /**
   * Regression: over h2 the client sent {@code :authority} from the target and the Host field
   * as well, and an origin rejects a request whose two differ (Jetty: 400 Authority!=Host).
   * Host names the authority over both protocols now, with or without a port.
   */
  @Test
  void theHostFieldIsTheAuthorityTheOriginSeesOverBothProtocols() throws Exception {
    for (boolean h2 : new boolean[] {true, false}) {
      try (TlsOrigin origin = h2 ? TlsOrigin.h2(certificates) : TlsOrigin.http11(certificates);
          HttpClient5OriginClient client = client(true, true)) {
        origin.respond("/v", random(10)).countDown();
        List<String> hosts = List.of("localhost:" + origin.port(), "localhost");
        for (String host : hosts) {
          CollectingHandler handler = new CollectingHandler();
          client.send(OriginRequest.of("GET", new OriginTarget("https", "127.0.0.1",
              origin.port()), "/v", List.of(Map.entry("Host", host))), handler);
          assertThat(handler.awaitBody()).as("h2 %s, Host %s", h2, host).hasSize(10);
        }
        assertThat(origin.seen()).extracting(TlsOrigin.Seen::authority)
            .as("h2 " + h2).containsExactlyElementsOf(hosts);
      }
    }
  }

  @Test
  void anHttp11OnlyTlsOriginIsSpokenToInHttp11() throws Exception {
    byte[] body = random(1024 * 1024);
    try (TlsOrigin origin = TlsOrigin.http11(certificates);
        HttpClient5OriginClient client = client(true, true)) {
      OriginResponseHead head = fetchStreamed(client, origin, "/seg-1.m4s", body);

      assertThat(head.protocol()).isEqualTo("HTTP/1.1");
      assertThat(origin.seen()).extracting(TlsOrigin.Seen::protocol).containsExactly("HTTP/1.1");
    }
  }

  @Test
  void withH2OffAnH2OriginIsSpokenToInHttp11() throws Exception {
    try (TlsOrigin origin = TlsOrigin.h2(certificates);
        HttpClient5OriginClient client = client(false, true)) {
      OriginResponseHead head = fetchStreamed(client, origin, "/a", random(100 * 1024));

      assertThat(head.protocol()).isEqualTo("HTTP/1.1");
      assertThat(origin.seen()).extracting(TlsOrigin.Seen::protocol).containsExactly("HTTP/1.1");
    }
  }

  @Test
  void anOriginWhoseCertificateIsNotTrustedFailsAsABadGateway() throws Exception {
    try (TlsOrigin origin = TlsOrigin.h2(certificates);
        HttpClient5OriginClient client = client(true, false)) {
      origin.respond("/a", random(10));
      CollectingHandler handler = new CollectingHandler();
      client.send(get(origin, "/a"), handler);

      assertThatThrownBy(() -> handler.head.get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(OriginException.class,
              e -> assertThat(e.status()).isEqualTo(502));
      assertThat(origin.seen()).isEmpty();
    }
  }

  @Test
  void unusableTrustStoresNameTheField() throws Exception {
    assertThatThrownBy(() -> new TrustStore(directory.resolve("missing.p12"), "x").load())
        .isInstanceOfSatisfying(TrustStoreException.class,
            e -> assertThat(e.field()).isEqualTo("trustStore"))
        .hasMessageContaining("missing.p12 (expected: a readable key store file)");
    assertThatThrownBy(() -> new TrustStore(certificates.trustStore(), "wrong").load())
        .isInstanceOfSatisfying(TrustStoreException.class,
            e -> assertThat(e.field()).isEqualTo("trustStorePassword"))
        .hasMessageStartingWith("trustStorePassword: (hidden) (expected: the password of ");
    Path notAStore = Files.writeString(directory.resolve("not-a-store.p12"), "hello");
    assertThatThrownBy(() -> new TrustStore(notAStore, "x").load())
        .isInstanceOfSatisfying(TrustStoreException.class,
            e -> assertThat(e.field()).isEqualTo("trustStore"))
        .hasMessageContaining("(expected: a PKCS12 or JKS key store");
    assertThatThrownBy(() -> new TrustStore(certificates.serverKeyStore(),
        TestCertificates.PASSWORD).load())
        .hasMessageContaining("(expected: a key store with at least one trusted certificate");
  }
}
