package org.dmmedge.cache;

import java.util.List;
import org.dmmedge.cache.policy.Cacheability;
import org.dmmedge.cache.policy.Freshness;
import org.dmmedge.cache.policy.HttpDates;
import org.dmmedge.cache.policy.TargetedCacheControl;
import org.dmmedge.cache.policy.VarySelector;
import org.dmmedge.cache.store.BodySource;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.cache.store.VariantKey;

/**
 * Builds {@link StoredResponse}s the one way: stored fields, client fields and freshness facts
 * from the origin's fields, for fill heads, completed bodies, 304 refreshes and disk reloads.
 * Immutable and thread-safe.
 */
final class ResponseFactory {
  private final TargetedCacheControl targeted;
  private final Freshness.Heuristic heuristic;

  ResponseFactory(CacheConfig config) {
    this.targeted = new TargetedCacheControl(config.targetedCacheControlNames());
    this.heuristic = new Freshness.Heuristic(
        config.heuristicFraction(), config.heuristicMaxLifetime().toMillis());
  }

  TargetedCacheControl targeted() {
    return targeted;
  }

  /**
   * The head of a fill for {@code request} from the origin's fields (hop-by-hop fields dropped,
   * RFC 9111 §3.1), keyed by the secondary key its Vary selects from the request.
   */
  StoredResponse head(
      CacheKey key, CacheRequest request, int status, Headers originHeaders,
      long requestTimeMillis, long responseTimeMillis) {
    Headers stored = withDate(StoredResponse.withoutHopByHop(originHeaders), responseTimeMillis);
    List<String> varyNames = VarySelector.varyNames(stored);
    VariantKey variant = new VariantKey(
        key, VarySelector.secondaryKey(varyNames, request.headers()));
    String contentLength = stored.get("Content-Length");
    long length = contentLength == null ? -1 : Cacheability.parseLength(contentLength);
    return build(variant, varyNames, status, stored, requestTimeMillis, responseTimeMillis,
        length, null);
  }

  /**
   * {@code headers} with a Date of the receipt time when they have none (RFC 9110 §6.6.1: a
   * recipient with a clock that caches a message without Date must add one).
   */
  static Headers withDate(Headers headers, long receivedMillis) {
    return headers.contains("Date")
        ? headers
        : headers.toBuilder().add("Date", HttpDates.format(receivedMillis)).build();
  }

  /** A fill's head with its complete body attached. */
  StoredResponse complete(StoredResponse head, BodySource body) {
    return head.withBody(body, clientHeaders(head.headers(), body.length()));
  }

  /** {@code current} with the fields merged from a 304, fresh from {@code responseTimeMillis}. */
  StoredResponse refreshed(
      StoredResponse current, Headers merged, long requestTimeMillis, long responseTimeMillis) {
    return build(current.variantKey(), current.varyNames(), current.status(), merged,
        requestTimeMillis, responseTimeMillis, current.bodyLength(), current.body());
  }

  /** A stored response with its body (a disk entry loaded at start). */
  StoredResponse stored(
      VariantKey variant, List<String> varyNames, int status, Headers headers,
      long requestTimeMillis, long responseTimeMillis, BodySource body) {
    return build(variant, varyNames, status, headers, requestTimeMillis, responseTimeMillis,
        body.length(), body);
  }

  private StoredResponse build(
      VariantKey variant, List<String> varyNames, int status, Headers headers,
      long requestTimeMillis, long responseTimeMillis, long length, BodySource body) {
    TargetedCacheControl.Selection selection = targeted.select(headers);
    return new StoredResponse(
        variant, varyNames, status, headers, clientHeaders(headers, body == null ? -1 : length),
        selection.directives(),
        Freshness.of(status, headers, selection, requestTimeMillis, responseTimeMillis,
            heuristic),
        requestTimeMillis, length, body);
  }

  /**
   * The fields sent to clients: stored fields without the targeted cache-control fields (RFC
   * 9213) and without Age (the edge sends the current age), with the body's Content-Length
   * once known ({@code length >= 0}).
   */
  private Headers clientHeaders(Headers stored, long length) {
    Headers.Builder builder = targeted.stripTargeted(stored).toBuilder().remove("Age");
    if (length >= 0) {
      builder.set("Content-Length", Long.toString(length));
    }
    return builder.build();
  }
}
