package org.dmmedge.edge.mobility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dmmedge.mobility.Ipv6Prefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAR-to-MAR side of context transfer: {@code GET /mobility/context?prefix=P[&prefix=Q...]}
 * answers what a client in one of those prefixes last played here, as JSON
 * ({@code {"mpd": url, "segment": url, "at": instant}}), 404 when nothing is known, 400 for a
 * bad prefix, 405 for other methods. Listens on the MAR's core address (read-only, no
 * secrets: only URLs the MN asked for). One thread; each answer is a map lookup.
 */
final class ContextEndpoint implements AutoCloseable {
  static final String PATH = "/mobility/context";
  private static final Logger log = LoggerFactory.getLogger(ContextEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  private ContextEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts listening on {@code bind}; fails when the address cannot be bound. */
  static ContextEndpoint start(InetSocketAddress bind, PlaybackTracker tracker) {
    Objects.requireNonNull(tracker, "tracker");
    HttpServer server;
    try {
      server = HttpServer.create(bind, 16);
    } catch (IOException e) {
      throw new IllegalStateException("mobility.contextTransfer.port: cannot listen on " + bind
          + " (" + e.getMessage() + ")", e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mobility-context");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(PATH, exchange -> answer(exchange, tracker));
    server.start();
    log.info("context transfer endpoint on {}", server.getAddress());
    return new ContextEndpoint(server, executor);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private static void answer(HttpExchange exchange, PlaybackTracker tracker) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, Map.of("error", "method: " + exchange.getRequestMethod()
            + " (expected: GET)"));
        return;
      }
      List<Ipv6Prefix> prefixes = new ArrayList<>();
      String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
      for (String pair : query.split("&")) {
        if (!pair.startsWith("prefix=")) {
          continue;
        }
        String text = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
        try {
          prefixes.add(Ipv6Prefix.parse(text));
        } catch (IllegalArgumentException e) {
          send(exchange, 400, Map.of("error", "prefix: " + text
              + " (expected: an IPv6 prefix such as 2001:db8:1::/64)"));
          return;
        }
      }
      if (prefixes.isEmpty()) {
        send(exchange, 400, Map.of("error", "prefix: none (expected: one or more)"));
        return;
      }
      Optional<PlaybackContext> context = tracker.latest(prefixes);
      if (context.isEmpty()) {
        send(exchange, 404, Map.of("error", "no playback known for " + prefixes));
        return;
      }
      Map<String, String> body = new LinkedHashMap<>();
      body.put("mpd", context.get().mpdUrl());
      body.put("segment", context.get().segmentUrl());
      body.put("at", context.get().at().toString());
      send(exchange, 200, body);
    }
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
