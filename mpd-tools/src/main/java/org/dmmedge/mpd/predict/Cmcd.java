package org.dmmedge.mpd.predict;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.segment.UriResolver;

/**
 * Common Media Client Data (CTA-5004) sent by a player with a request, as the
 * {@code CMCD} query parameter or the {@code CMCD-Object}, {@code CMCD-Request},
 * {@code CMCD-Session} and {@code CMCD-Status} headers (parse with {@link CmcdParser}).
 * Units as in CTA-5004 §3.3: bitrates in kbps, times in milliseconds.
 *
 * @param br encoded bitrate of the object (kbps)
 * @param bl buffer length (ms)
 * @param bs buffer starvation since the last request
 * @param cid content id
 * @param d object duration (ms)
 * @param dl deadline (ms) until the buffer would run dry
 * @param mtp measured throughput (kbps)
 * @param nor next object request: a URL relative to this request's URL
 * @param nrr next range request: {@code "first-last"} of the next object
 * @param ot object type token ({@code m} manifest, {@code a} audio, {@code v} video,
 *     {@code av}, {@code i} init, {@code c} caption, {@code tt} timed text, {@code k} key,
 *     {@code o} other)
 * @param pr playback rate
 * @param rtp requested maximum throughput (kbps)
 * @param sf streaming format token ({@code d} DASH, {@code h} HLS, {@code s}, {@code o})
 * @param sid session id
 * @param st stream type token ({@code v} VOD, {@code l} live)
 * @param su startup
 * @param tb top bitrate of the ladder (kbps)
 * @param v CMCD version (1 when absent)
 * @param other any other key (custom keys such as {@code com.example-x}), value as written
 */
public record Cmcd(
    OptionalLong br,
    OptionalLong bl,
    boolean bs,
    Optional<String> cid,
    OptionalLong d,
    OptionalLong dl,
    OptionalLong mtp,
    Optional<String> nor,
    Optional<String> nrr,
    Optional<String> ot,
    Optional<String> pr,
    OptionalLong rtp,
    Optional<String> sf,
    Optional<String> sid,
    Optional<String> st,
    boolean su,
    OptionalLong tb,
    OptionalLong v,
    Map<String, String> other) {
  /** The name of the query parameter (CTA-5004 §2.2). */
  public static final String QUERY_PARAMETER = "CMCD";

  public Cmcd {
    Objects.requireNonNull(br, "br");
    Objects.requireNonNull(bl, "bl");
    Objects.requireNonNull(cid, "cid");
    Objects.requireNonNull(d, "d");
    Objects.requireNonNull(dl, "dl");
    Objects.requireNonNull(mtp, "mtp");
    Objects.requireNonNull(nor, "nor");
    Objects.requireNonNull(nrr, "nrr");
    Objects.requireNonNull(ot, "ot");
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(rtp, "rtp");
    Objects.requireNonNull(sf, "sf");
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(st, "st");
    Objects.requireNonNull(tb, "tb");
    Objects.requireNonNull(v, "v");
    other = Map.copyOf(other);
  }

  /** No data (what a request without CMCD carries). */
  public static final Cmcd EMPTY = builder().build();

  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /**
   * The absolute URL of the next object request: {@code nor} is URL-encoded (CTA-5004 §3.3,
   * e.g. {@code ..%2F300kbps%2Fseg.m4v}), so it is percent-decoded, then resolved against the
   * URL of the request that carried it (RFC 3986).
   */
  public Optional<String> nextObjectUrl(String requestUrl) {
    Objects.requireNonNull(requestUrl, "requestUrl");
    return nor.map(n -> {
      try {
        return URLDecoder.decode(n.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return n;
      }
    }).map(n -> UriResolver.resolve(requestUrl, n));
  }

  /** {@code nrr} as a byte range; empty when absent or a suffix range ({@code -500}). */
  public Optional<ByteRange> nextRange() {
    return nrr.filter(r -> !r.startsWith("-")).flatMap(r -> {
      try {
        return Optional.of(ByteRange.parse(r));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * {@code pathAndQuery} without its {@code CMCD} query parameter(s), the other parameters
   * kept in order: the cache key of a request (CMCD varies per request and would make every
   * request a miss). A fragment is kept.
   */
  public static String stripQueryParameter(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return pathAndQuery;
    }
    int hash = pathAndQuery.indexOf('#', q);
    String query = hash < 0 ? pathAndQuery.substring(q + 1) : pathAndQuery.substring(q + 1, hash);
    String fragment = hash < 0 ? "" : pathAndQuery.substring(hash);
    StringBuilder kept = new StringBuilder();
    for (String param : query.split("&", -1)) {
      String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
      if (name.equals(QUERY_PARAMETER) || param.isEmpty()) {
        continue;
      }
      kept.append(kept.length() == 0 ? "" : "&").append(param);
    }
    String path = pathAndQuery.substring(0, q);
    return (kept.length() == 0 ? path : path + "?" + kept) + fragment;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects keys as they are parsed; the last value of a repeated key wins. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Builder put(String key, Object value) {
      values.put(key.toLowerCase(Locale.ROOT), value);
      return this;
    }

    private OptionalLong integer(String key) {
      return values.get(key) instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    private Optional<String> text(String key) {
      Object value = values.get(key);
      return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    private boolean flag(String key) {
      return Boolean.TRUE.equals(values.get(key));
    }

    public Cmcd build() {
      Map<String, String> other = new LinkedHashMap<>();
      values.forEach((k, v) -> {
        if (!CmcdParser.KNOWN_KEYS.contains(k)) {
          other.put(k, v.toString());
        }
      });
      return new Cmcd(integer("br"), integer("bl"), flag("bs"), text("cid"), integer("d"),
          integer("dl"), integer("mtp"), text("nor"), text("nrr"), text("ot"), text("pr"),
          integer("rtp"), text("sf"), text("sid"), text("st"), flag("su"), integer("tb"),
          integer("v"), other);
    }
  }
}
