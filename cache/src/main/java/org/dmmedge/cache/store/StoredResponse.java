package org.dmmedge.cache.store;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.dmmedge.cache.CacheKey;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.policy.Freshness;
import org.dmmedge.cache.policy.ResponseDirectives;

/**
 * One stored response: status, fields, freshness facts and (once complete) its body.
 *
 * <p>Immutable; a 304 refresh makes a new instance sharing the body (RFC 9111 §4.3.4). The
 * header objects a hit needs are built once here ({@link #clientHeaders()}), so serving a hit
 * only adds Age. Also used as the head of a fill in progress, then without body
 * ({@link #body()} is null and {@link #bodyLength()} is -1 when Content-Length is unknown).
 */
public final class StoredResponse {
  private final VariantKey variantKey;
  private final List<String> varyNames;
  private final int status;
  private final Headers headers;
  private final Headers clientHeaders;
  private final ResponseDirectives directives;
  private final Freshness freshness;
  private final long requestTimeMillis;
  private final long bodyLength;
  private final BodySource body;
  private final LongAdder hits = new LongAdder();
  /** The last value {@link #derived} computed, with the key it was computed for. */
  private volatile Derived derived;

  /**
   * @param variantKey primary and secondary key
   * @param varyNames the lower-case field names of the response's Vary
   * @param status response status
   * @param headers the fields as stored (hop-by-hop fields already removed)
   * @param clientHeaders the fields sent to clients (targeted cache-control removed)
   * @param directives the cache directives this cache obeys for it
   * @param freshness freshness facts
   * @param requestTimeMillis when the request that produced it was sent
   * @param bodyLength body bytes, or -1 when not known yet
   * @param body the stored bytes, or null for a head without body yet
   */
  public StoredResponse(
      VariantKey variantKey,
      List<String> varyNames,
      int status,
      Headers headers,
      Headers clientHeaders,
      ResponseDirectives directives,
      Freshness freshness,
      long requestTimeMillis,
      long bodyLength,
      BodySource body) {
    this.variantKey = Objects.requireNonNull(variantKey, "variantKey");
    this.varyNames = List.copyOf(varyNames);
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.clientHeaders = Objects.requireNonNull(clientHeaders, "clientHeaders");
    this.directives = Objects.requireNonNull(directives, "directives");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
    this.requestTimeMillis = requestTimeMillis;
    this.bodyLength = bodyLength;
    this.body = body;
  }

  /**
   * The fields a cache must not store (RFC 9111 §3.1): Connection and the fields it names,
   * Proxy-Connection, Keep-Alive, TE, Transfer-Encoding, Upgrade.
   */
  public static Headers withoutHopByHop(Headers headers) {
    Headers.Builder builder = headers.toBuilder();
    for (String connection : headers.getAll("Connection")) {
      for (String listed : connection.split(",")) {
        String name = listed.trim();
        if (!name.isEmpty()) {
          builder.remove(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    for (String name :
        List.of("Connection", "Proxy-Connection", "Keep-Alive", "TE", "Transfer-Encoding",
            "Upgrade")) {
      builder.remove(name);
    }
    return builder.build();
  }

  /** The same response with a body attached (the fill completed with {@code length} bytes). */
  public StoredResponse withBody(BodySource newBody, Headers newClientHeaders) {
    return new StoredResponse(
        variantKey, varyNames, status, headers, newClientHeaders, directives, freshness,
        requestTimeMillis, newBody.length(), newBody);
  }

  /** Primary key. */
  public CacheKey key() {
    return variantKey.key();
  }

  /** Primary plus secondary key. */
  public VariantKey variantKey() {
    return variantKey;
  }

  /** Lower-case names of the request fields it varies on (empty without Vary). */
  public List<String> varyNames() {
    return varyNames;
  }

  /** Response status code. */
  public int status() {
    return status;
  }

  /** The stored fields (hop-by-hop removed, targeted cache-control kept). */
  public Headers headers() {
    return headers;
  }

  /**
   * The fields to send to a client: stored fields without the targeted cache-control fields
   * (RFC 9213) and without Age, with Content-Length once the body is complete. The edge adds
   * {@code Age} (the current age, RFC 9111 §5.1), Via and its own fields.
   */
  public Headers clientHeaders() {
    return clientHeaders;
  }

  /** The cache directives obeyed for this response. */
  public ResponseDirectives directives() {
    return directives;
  }

  /** Freshness facts (lifetime, age, stale windows). */
  public Freshness freshness() {
    return freshness;
  }

  /** When the request was sent (request_time, RFC 9111 §4.2.3). */
  public long requestTimeMillis() {
    return requestTimeMillis;
  }

  /** When the response was received (response_time, RFC 9111 §4.2.3). */
  public long responseTimeMillis() {
    return freshness.responseTimeMillis();
  }

  /** Body length in bytes, -1 while unknown. */
  public long bodyLength() {
    return bodyLength;
  }

  /**
   * Counts one client served from this stored copy (called by whoever serves it, so that
   * looking an entry up for inspection does not count). Thread-safe.
   */
  public void recordHit() {
    hits.increment();
  }

  /**
   * Clients served from this stored copy. A 304 refresh or a restart makes a new copy, which
   * starts again at 0.
   */
  public long hits() {
    return hits.sum();
  }

  /**
   * A value derived from this entry alone by {@code derive} (e.g. the edge's wire encoding of
   * the stored head), computed on first use and then returned for every later call with an
   * equal {@code key}; a call with another key computes and keeps its own value instead.
   * Because the entry is immutable and a 304 refresh makes a new instance, the value can never
   * go stale. The value lives on the heap and needs no release.
   *
   * <p>Thread-safe: racing first calls may each compute the value (the last one is kept), so
   * {@code derive} must be a pure function of the entry and the key.
   *
   * @param key what the value depends on besides the entry (compared with {@code equals})
   * @param type the value's class
   * @param derive computes the value from this entry
   */
  public <T> T derived(Object key, Class<T> type, Function<StoredResponse, T> derive) {
    Derived d = derived;
    if (d != null && (d.key == key || d.key.equals(key)) && type.isInstance(d.value)) {
      return type.cast(d.value);
    }
    T value = Objects.requireNonNull(derive.apply(this), "derived value");
    derived = new Derived(Objects.requireNonNull(key, "key"), value);
    return value;
  }

  private record Derived(Object key, Object value) {}

  /** The stored body, null for the head of a fill in progress. Not for use by the edge. */
  public BodySource body() {
    return body;
  }

  @Override
  public String toString() {
    return "StoredResponse[" + variantKey.key().uri() + " " + status + ", " + bodyLength + " B]";
  }
}
