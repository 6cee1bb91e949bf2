package org.dmmedge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.config.AdminConfig;
import org.dmmedge.edge.config.Cidr;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.LoggingConfig;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.origin.OriginClientConfig;
import org.dmmedge.testkit.MutableClock;
import org.dmmedge.testkit.OriginServerExtension;

/**
 * A real edge node (reverse proxy to a test origin) with its real Jetty admin API on ephemeral
 * loopback ports, for one test; {@link #close()} stops both. Admin token {@value #TOKEN}.
 */
final class AdminNode implements AutoCloseable {
  static final String TOKEN = "s3cret-token";
  static final ObjectMapper JSON = new ObjectMapper();

  private final EdgeNode node;

  private AdminNode(EdgeNode node) {
    this.node = node;
  }

  static AdminNode start(OriginServerExtension origin) throws InterruptedException {
    return start(origin, a -> a);
  }

  /** A node whose admin section is the test default changed by {@code admin}. */
  static AdminNode start(OriginServerExtension origin, UnaryOperator<AdminConfig> admin)
      throws InterruptedException {
    EdgeNode node = new EdgeNode(config(origin, admin.apply(adminConfig(4, 0,
        List.of(Cidr.parse("127.0.0.0/8"))))), MutableClock.startingNow());
    node.start();
    return new AdminNode(node);
  }

  /**
   * A node with {@code cache} instead of the test cache, on {@code port} (0: any), so that a
   * restarted node sees the same cache keys (the client's authority is part of them).
   */
  static AdminNode start(OriginServerExtension origin, CacheConfig cache, int port)
      throws InterruptedException {
    EdgeConfig base = config(origin, adminConfig(4, 0, List.of(Cidr.parse("127.0.0.0/8"))));
    ServerConfig s = base.server();
    ServerConfig server = new ServerConfig(new HostPort("127.0.0.1", port), s.mode(),
        s.maxHeaderBytes(), s.maxUriBytes(), s.idleTimeout(), s.shutdownGrace(), s.ioThreads());
    EdgeNode node = new EdgeNode(new EdgeConfig(base.name(), server, base.origins(),
        base.originClient(), cache, base.accessLog(), base.admin(), base.logging(),
        base.mobility()), MutableClock.startingNow());
    node.start();
    return new AdminNode(node);
  }

  static AdminConfig adminConfig(int concurrency, long bandwidth, List<Cidr> purgeNetworks) {
    return new AdminConfig(true, new HostPort("127.0.0.1", 0), Optional.of(TOKEN), 64 * 1024,
        purgeNetworks, concurrency, bandwidth, 10_000);
  }

  static EdgeConfig config(OriginServerExtension origin, AdminConfig admin) {
    ServerConfig server = new ServerConfig(new HostPort("127.0.0.1", 0), ProxyMode.REVERSE,
        8 * 1024, 2 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(5), 2);
    OriginClientConfig client = OriginClientConfig.builder()
        .responseTimeout(Duration.ofSeconds(15)).connectTimeout(Duration.ofSeconds(2))
        .connectRetries(1).retryBackoff(Duration.ofMillis(5)).build();
    CacheConfig cache = CacheConfig.builder().memoryBudgetBytes(64L << 20)
        .maxObjectBytes(16L << 20).build();
    return new EdgeConfig("edge-admin-test", server,
        new OriginsConfig(Optional.of(origin.uri()), Map.of()), client, cache, false, admin,
        LoggingConfig.defaults(), Optional.empty());
  }

  EdgeNode node() {
    return node;
  }

  /** A URL as clients request it through the edge. */
  String url(String path) {
    return "http://127.0.0.1:" + node.localAddress().getPort() + path;
  }

  int port() {
    return node.localAddress().getPort();
  }

  URI admin(String path) {
    return URI.create("http://127.0.0.1:" + node.admin().orElseThrow().localAddress().getPort()
        + path);
  }

  HttpResponse<String> get(String path) throws Exception {
    return Http.CLIENT.send(Http.request(admin(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode getJson(String path) throws Exception {
    return JSON.readTree(get(path).body());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return Http.CLIENT.send(Http.request(admin(path), "Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path) throws Exception {
    return Http.CLIENT.send(Http.request(admin(path), "Authorization", "Bearer " + TOKEN)
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    node.close();
  }
}
