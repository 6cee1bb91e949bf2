package org.dmmedge.mpd.player;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mpd.model.ByteRange;

/**
 * GET requests over {@link HttpClient} (HTTP/1.1, redirects followed, optional HTTP proxy),
 * timed with a {@link PlaybackClock}. Bodies are either kept (MPDs) or counted and dropped
 * (segments, so a long run holds no media in memory). Thread-safe.
 */
public final class HttpFetcher {
  /** A completed exchange. {@code body} is empty unless it was asked for. */
  public record Response(URI uri, int status, HttpHeaders headers, long bytes, long nanos,
      byte[] body) {}

  private final HttpClient client;
  private final PlaybackClock clock;
  private final Duration timeout;

  /** A fetcher with its own client (HTTP/1.1, redirects followed, the proxy if given). */
  public HttpFetcher(Optional<URI> proxy, Duration timeout, PlaybackClock clock) {
    this(client(proxy, timeout), timeout, clock);
  }

  /**
   * A fetcher over a shared client: a load harness running many players shares one
   * {@link HttpClient} (and its connection pool and selector thread) between them.
   */
  public HttpFetcher(HttpClient client, Duration timeout, PlaybackClock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static HttpClient client(Optional<URI> proxy, Duration timeout) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(timeout);
    proxy.ifPresent(p -> b.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort()))));
    return b.build();
  }

  /**
   * Fetches {@code url}.
   *
   * @throws IOException when no response arrived (connect, timeout, reset)
   */
  public Response get(String url, Optional<ByteRange> range, boolean keepBody)
      throws IOException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IOException(url + ": not a valid URI (" + e.getMessage() + ")", e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    range.ifPresent(r -> request.header("Range", r.toHttpRange()));
    long start = clock.nanoTime();
    // The request timeout only covers the wait for the head; the whole exchange, body included,
    // gets the same budget so a stalled body fails the fetch instead of hanging the player.
    java.io.ByteArrayOutputStream keptBytes = new java.io.ByteArrayOutputStream();
    java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(
        request.build(), HttpResponse.BodyHandlers.ofByteArrayConsumer(chunk -> chunk.ifPresent(b -> {
          counted.addAndGet(b.length);
          if (keepBody) {
            keptBytes.write(b, 0, b.length);
          }
        })));
    HttpResponse<Void> response;
    try {
      response = exchange.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      exchange.cancel(true);
      throw new IOException(url + ": no complete response within " + timeout, e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(url + ": " + cause, cause);
    }
    byte[] kept = keptBytes.toByteArray();
    long bytes = counted.get();
    return new Response(response.uri(), response.statusCode(), response.headers(), bytes,
        clock.nanoTime() - start, kept);
  }

  /** Fetches a document (an MPD) or fails with a message naming the URL and the status. */
  public Response document(String url) throws InterruptedException {
    try {
      Response r = get(url, Optional.empty(), true);
      if (r.status() / 100 != 2) {
        throw new UncheckedIOException(new IOException(
            url + ": HTTP status " + r.status() + " (expected: 2xx)"));
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(url + ": " + e, e);
    }
  }
}
