package org.dmmedge.edge.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.cache.CacheStats;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.origin.OriginTarget;

/**
 * {@code /healthz} (the process answers) and {@code /readyz}: ready when the proxy is
 * listening and either the default origin accepts a TCP connection (reverse mode) or the cache
 * holds objects; nodes without a configured origin (forward, transparent) are ready once
 * listening. Not ready is 503 with the same JSON.
 */
final class HealthResource {
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private final EdgeNode node;

  HealthResource(EdgeNode node) {
    this.node = node;
  }

  void alive(AdminExchange x) {
    x.json(200, Map.of("status", "ok", "node", node.config().name()));
  }

  void ready(AdminExchange x) {
    InetSocketAddress listening = node.localAddress();
    CacheStats stats = node.cache().stats();
    boolean warm = stats.memoryObjects() + stats.diskObjects() > 0;
    Optional<URI> origin = node.config().origins().defaultOrigin();
    String originState = origin.map(u -> reachable(u) ? "reachable" : "unreachable")
        .orElse("not configured");
    boolean ready = listening != null
        && (warm || !originState.equals("unreachable"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", ready);
    body.put("listening", listening == null ? null : listening.toString());
    body.put("origin", originState);
    body.put("cacheObjects", stats.memoryObjects() + stats.diskObjects());
    x.json(ready ? 200 : 503, body);
  }

  private static boolean reachable(URI origin) {
    OriginTarget target = OriginTarget.of(origin);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.host(), target.port()),
          CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
