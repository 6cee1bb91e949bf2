package org.dmmedge.cache.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dmmedge.cache.Headers;

/**
 * Validators (RFC 9110 §8.8, §13; RFC 9111 §4.3): conditional requests to the origin from a
 * stored response, the header update after a 304, and client conditionals answered from cache.
 * Pure functions.
 */
public final class Validators {
  /**
   * Fields a 304 must not change in the stored response (RFC 9111 §3.2): framing and encoding
   * of the stored body, and the hop-by-hop fields never stored (§3.1).
   */
  private static final Set<String> NOT_UPDATED_BY_304 =
      Set.of(
          "content-length", "content-encoding", "content-range", "transfer-encoding",
          "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade");

  /** Outcome of a client's conditional request against a stored response. */
  public enum ClientCondition {
    /** No condition applies: send the full (or range) response. */
    NONE,
    /** If-None-Match / If-Modified-Since matched: answer 304 Not Modified. */
    NOT_MODIFIED,
    /** If-Match / If-Unmodified-Since failed: answer 412 Precondition Failed. */
    PRECONDITION_FAILED
  }

  private Validators() {}

  /**
   * The conditional fields for revalidating {@code stored} (RFC 9111 §4.3.1): If-None-Match
   * from its ETag and If-Modified-Since from its Last-Modified; empty when it has neither (the
   * origin then answers with a full response).
   */
  public static Headers conditionalHeaders(Headers stored) {
    Headers.Builder builder = Headers.builder();
    String etag = stored.get("ETag");
    if (etag != null) {
      builder.add("If-None-Match", etag.trim());
    }
    String lastModified = stored.get("Last-Modified");
    if (lastModified != null && HttpDates.parse(lastModified) != HttpDates.INVALID) {
      builder.add("If-Modified-Since", lastModified.trim());
    }
    return builder.build();
  }

  /**
   * The stored fields updated with a 304's fields (RFC 9111 §4.3.4, §3.2): every field of the
   * 304 replaces the stored fields of that name, except Content-Length, Content-Encoding,
   * Content-Range and hop-by-hop fields.
   */
  public static Headers merge(Headers stored, Headers notModified) {
    Headers.Builder builder = stored.toBuilder();
    List<String> replaced = new ArrayList<>();
    for (int i = 0; i < notModified.size(); i++) {
      String name = notModified.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      if (NOT_UPDATED_BY_304.contains(lower)) {
        continue;
      }
      if (!replaced.contains(lower)) {
        builder.remove(name);
        replaced.add(lower);
      }
      builder.add(name, notModified.value(i));
    }
    return builder.build();
  }

  /**
   * Whether a 304 describes {@code stored} (RFC 9111 §4.3.4): when both carry a strong ETag it
   * must be the same; a 304 without validators applies to the stored response.
   */
  public static boolean notModifiedMatches(Headers stored, Headers notModified) {
    String newTag = notModified.get("ETag");
    String oldTag = stored.get("ETag");
    if (newTag == null || oldTag == null) {
      return true;
    }
    return weakMatch(oldTag.trim(), newTag.trim());
  }

  /**
   * Whether a 200 response to HEAD describes {@code stored}, whose body has {@code
   * storedLength} bytes (RFC 9111 §4.3.5): every validator the HEAD response carries (ETag,
   * Last-Modified) has the same value in the stored response, and its Content-Length, if any,
   * is the stored body's length. A HEAD response with none of the three proves nothing and
   * does not match (the stored response is then to be considered stale).
   */
  public static boolean headMatches(Headers stored, long storedLength, Headers head) {
    String etag = head.get("ETag");
    String lastModified = head.get("Last-Modified");
    String contentLength = head.get("Content-Length");
    if (etag == null && lastModified == null && contentLength == null) {
      return false;
    }
    String storedTag = stored.get("ETag");
    if (etag != null && (storedTag == null || !etag.trim().equals(storedTag.trim()))) {
      return false;
    }
    if (lastModified != null) {
      long headDate = HttpDates.parse(lastModified);
      long storedDate = HttpDates.parse(stored.get("Last-Modified"));
      if (headDate == HttpDates.INVALID || headDate != storedDate) {
        return false;
      }
    }
    return contentLength == null
        || Cacheability.parseLength(contentLength) == storedLength;
  }

  /**
   * Evaluates a client's conditional fields against a stored response in the order of RFC 9110
   * §13.2.2 (If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since) for a GET/HEAD.
   */
  public static ClientCondition evaluate(Headers request, Headers stored) {
    String etag = stored.get("ETag");
    long lastModified = HttpDates.parse(stored.get("Last-Modified"));
    String ifMatch = request.getJoined("If-Match");
    if (ifMatch != null) {
      if (!listMatches(ifMatch, etag, true)) {
        return ClientCondition.PRECONDITION_FAILED;
      }
    } else {
      long ifUnmodifiedSince = HttpDates.parse(request.get("If-Unmodified-Since"));
      if (ifUnmodifiedSince != HttpDates.INVALID
          && (lastModified == HttpDates.INVALID || lastModified > ifUnmodifiedSince)) {
        return ClientCondition.PRECONDITION_FAILED;
      }
    }
    String ifNoneMatch = request.getJoined("If-None-Match");
    if (ifNoneMatch != null) {
      return listMatches(ifNoneMatch, etag, false)
          ? ClientCondition.NOT_MODIFIED
          : ClientCondition.NONE;
    }
    long ifModifiedSince = HttpDates.parse(request.get("If-Modified-Since"));
    if (ifModifiedSince != HttpDates.INVALID
        && lastModified != HttpDates.INVALID
        && lastModified <= ifModifiedSince) {
      return ClientCondition.NOT_MODIFIED;
    }
    return ClientCondition.NONE;
  }

  /**
   * The fields of a 304 answered from cache (RFC 9110 §15.4.5): those a 200 would carry among
   * Cache-Control, Content-Location, Date, ETag, Expires, Last-Modified and Vary.
   */
  public static Headers notModifiedHeaders(Headers stored) {
    Headers.Builder builder = Headers.builder();
    for (int i = 0; i < stored.size(); i++) {
      String lower = stored.name(i).toLowerCase(Locale.ROOT);
      switch (lower) {
        case "cache-control", "content-location", "date", "etag", "expires", "last-modified",
            "vary" -> builder.add(stored.name(i), stored.value(i));
        default -> { }
      }
    }
    return builder.build();
  }

  /** Whether {@code etag} is strong (no {@code W/} prefix) and well-formed. */
  public static boolean isStrong(String etag) {
    return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"");
  }

  /** Weak comparison (RFC 9110 §8.8.3.2): opaque tags equal, W/ prefixes ignored. */
  public static boolean weakMatch(String a, String b) {
    return opaque(a).equals(opaque(b));
  }

  /** Strong comparison: both strong and equal. */
  public static boolean strongMatch(String a, String b) {
    return isStrong(a) && isStrong(b) && a.equals(b);
  }

  private static boolean listMatches(String list, String etag, boolean strong) {
    if (list.trim().equals("*")) {
      return true; // "*" matches any current representation, and the stored one is
    }
    if (etag == null) {
      return false;
    }
    for (String candidate : entityTags(list)) {
      if (strong ? strongMatch(candidate, etag.trim()) : weakMatch(candidate, etag.trim())) {
        return true;
      }
    }
    return false;
  }

  /** Splits a list of entity-tags; commas may appear inside the quotes. */
  static List<String> entityTags(String list) {
    List<String> tags = new ArrayList<>();
    int i = 0;
    while (i < list.length()) {
      char c = list.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int start = i;
      if (list.startsWith("W/", i)) {
        i += 2;
      }
      if (i < list.length() && list.charAt(i) == '"') {
        int close = list.indexOf('"', i + 1);
        i = close < 0 ? list.length() : close + 1;
      } else {
        while (i < list.length() && list.charAt(i) != ',') {
          i++;
        }
      }
      tags.add(list.substring(start, i).trim());
    }
    return tags;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
