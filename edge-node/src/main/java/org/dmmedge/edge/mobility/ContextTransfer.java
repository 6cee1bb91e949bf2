package org.dmmedge.edge.mobility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.MobilityListener;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.predict.NextSegmentPredictor;
import org.dmmedge.mpd.segment.SegmentRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arriving side of context transfer (DESIGN.md, request path step 6): when an MN arrives
 * from MAR X, asks X's {@link ContextEndpoint} what the MN was playing, then fetches the MPD and
 * the next {@code segments} segments of the same Representation through this node's own proxy
 * (so they land in its cache, collapsed with any request of the MN's for the same segment).
 *
 * <p>Everything runs asynchronously on the HTTP client's threads; the agent thread only starts
 * it. A failure (X silent, nothing known, an unusable MPD) is logged once and dropped: the MN
 * is then served on demand, as without context transfer.
 */
final class ContextTransfer implements MobilityListener {
  private static final Logger log = LoggerFactory.getLogger(ContextTransfer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int peerPort;
  private final int segments;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient peers;
  private final HttpClient viaProxy;

  /**
   * @param proxy this node's proxy (absolute-form requests through it fill its cache)
   */
  ContextTransfer(int peerPort, int segments, Duration timeout, InetSocketAddress proxy,
      Clock clock) {
    this.peerPort = peerPort;
    this.segments = segments;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.peers = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.viaProxy = HttpClient.newBuilder().connectTimeout(timeout)
        .proxy(ProxySelector.of(Objects.requireNonNull(proxy, "proxy"))).build();
  }

  @Override
  public void arrived(String mnId, Optional<InetAddress> from, List<Ipv6Prefix> prefixes) {
    if (from.isEmpty() || segments == 0) {
      return;
    }
    InetAddress previous = from.get();
    String host = previous.getHostAddress().replaceFirst("%.*$", "");
    URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + peerPort + ContextEndpoint.PATH + "?" + prefixes.stream()
            .map(p -> "prefix=" + URLEncoder.encode(p.toString(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
    long start = System.nanoTime();
    peers.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .thenCompose(answer -> {
          if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + " "
                + new String(answer.body(), StandardCharsets.UTF_8));
          }
          return prefetch(mnId, parse(answer.body()));
        })
        .whenComplete((fetched, failure) -> {
          if (failure != null) {
            log.info("{}: no context transfer from {}: {}", mnId, host,
                failure.getCause() != null ? failure.getCause().getMessage()
                    : failure.getMessage());
          } else {
            log.info("{}: context from {}: prefetched {} in {} ms", mnId, host, fetched,
                (System.nanoTime() - start) / 1_000_000);
          }
        });
  }

  @Override
  public void left(String mnId, Optional<InetAddress> to, List<Ipv6Prefix> prefixes) {
    // the previous MAR answers from its tracker; nothing to do on leaving
  }

  private static PlaybackContext parse(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      return new PlaybackContext(json.path("mpd").asText(), json.path("segment").asText(),
          java.time.Instant.parse(json.path("at").asText()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("unreadable context (" + e.getMessage() + ")", e);
    }
  }

  /** Fetches the MPD, predicts the next segments, fetches them; completes with their URLs. */
  private CompletableFuture<List<String>> prefetch(String mnId, PlaybackContext context) {
    return get(context.mpdUrl(), HttpResponse.BodyHandlers.ofByteArray()).thenCompose(mpd -> {
      Mpd parsed = new MpdParser().parse(mpd, Optional.of(context.mpdUrl()));
      NextSegmentPredictor predictor = new NextSegmentPredictor(parsed, clock);
      List<String> next = predictor.locate(context.segmentUrl(), Optional.empty())
          .map(position -> predictor.next(position, segments)).orElseThrow(() ->
              new IllegalStateException(context.segmentUrl() + " is no segment of "
                  + context.mpdUrl()))
          .stream().filter(s -> s.range().isEmpty()).map(SegmentRef::url).toList();
      log.debug("{}: prefetching {}", mnId, next);
      CompletableFuture<?>[] fetches = next.stream()
          .map(url -> get(url, HttpResponse.BodyHandlers.discarding()))
          .toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(fetches).thenApply(done -> next);
    });
  }

  private <T> CompletableFuture<T> get(String url, HttpResponse.BodyHandler<T> body) {
    return viaProxy.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(timeout.multipliedBy(5))
            .build(), body)
        .thenApply(response -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
          }
          return response.body();
        });
  }
}
