package org.dmmedge.edge.mobility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dmmedge.edge.fill.CacheFiller;
import org.dmmedge.edge.fill.FillResult;
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
 * from MAR X, asks X's {@link ContextEndpoint} what the MN was playing, then reads the MPD from
 * its origin and fills this node's cache with the next {@code segments} segments of the same
 * Representation through the {@link CacheFiller}: the collapsed fill path of client misses,
 * admin pre-warming and DASH prefetch (one origin fetch per segment, which a request of the
 * MN's for the same segment joins), with no HTTP round trip through this node's own proxy.
 *
 * <p>Everything runs asynchronously on the HTTP client's and the origin client's threads; the
 * agent thread only starts it. A failure (X silent, nothing known, an unusable MPD) is logged
 * once and dropped: the MN is then served on demand, as without context transfer; a segment
 * that could not be filled is named in the log line with its reason.
 */
final class ContextTransfer implements MobilityListener {
  private static final Logger log = LoggerFactory.getLogger(ContextTransfer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int peerPort;
  private final int segments;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient peers;
  private final CacheFiller filler;

  /**
   * @param filler fills this node's cache (the MPD is read through it too, not stored)
   */
  ContextTransfer(int peerPort, int segments, Duration timeout, CacheFiller filler,
      Clock clock) {
    this.peerPort = peerPort;
    this.segments = segments;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.filler = Objects.requireNonNull(filler, "filler");
    this.peers = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void arrived(String mnId, Optional<InetAddress> from, List<Ipv6Prefix> prefixes) {
    if (from.isPresent() && segments > 0) {
      transfer(mnId, from.get(), prefixes);
    }
  }

  /**
   * Asks {@code previous} for the context of {@code prefixes} and prefetches; completes (also
   * on failure, which is logged) with each segment's outcome, empty when nothing was fetched.
   */
  CompletableFuture<List<String>> transfer(String mnId, InetAddress previous,
      List<Ipv6Prefix> prefixes) {
    String host = previous.getHostAddress().replaceFirst("%.*$", "");
    URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + peerPort + ContextEndpoint.PATH + "?" + prefixes.stream()
            .map(p -> "prefix=" + URLEncoder.encode(p.toString(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
    long start = System.nanoTime();
    return peers.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .thenCompose(answer -> {
          if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + " "
                + new String(answer.body(), StandardCharsets.UTF_8));
          }
          return prefetch(mnId, parse(answer.body()));
        })
        .handle((fetched, failure) -> {
          if (failure != null) {
            log.info("{}: no context transfer from {}: {}", mnId, host,
                failure.getCause() != null ? failure.getCause().getMessage()
                    : failure.getMessage());
            return List.of();
          }
          log.info("{}: context from {}: prefetched {} in {} ms", mnId, host, fetched,
              (System.nanoTime() - start) / 1_000_000);
          return fetched;
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

  /**
   * Reads the MPD, predicts the next segments, fills them; completes with each URL's outcome
   * ({@code url: STORED}, {@code url: FAILED (reason)}, ...).
   */
  private CompletableFuture<List<String>> prefetch(String mnId, PlaybackContext context) {
    return filler.fetchDocument(context.mpdUrl(), MpdParser.DEFAULT_MAX_BYTES)
        .orTimeout(timeout.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS)
        .thenCompose(mpd -> {
          Mpd parsed = new MpdParser().parse(mpd, Optional.of(context.mpdUrl()));
          NextSegmentPredictor predictor = new NextSegmentPredictor(parsed, clock);
          List<String> next = predictor.locate(context.segmentUrl(), Optional.empty())
              .map(position -> predictor.next(position, segments)).orElseThrow(() ->
                  new IllegalStateException(context.segmentUrl() + " is no segment of "
                      + context.mpdUrl()))
              .stream().filter(s -> s.range().isEmpty()).map(SegmentRef::url).toList();
          log.debug("{}: prefetching {}", mnId, next);
          List<CompletableFuture<FillResult>> fills = next.stream().map(filler::fill).toList();
          return CompletableFuture.allOf(fills.toArray(CompletableFuture[]::new))
              .thenApply(done -> fills.stream().map(f -> describe(f.join())).toList());
        });
  }

  private static String describe(FillResult result) {
    return result.url() + ": " + result.outcome()
        + (result.reason().isEmpty() ? "" : " (" + result.reason() + ")");
  }
}
