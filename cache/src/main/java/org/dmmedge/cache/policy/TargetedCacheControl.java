package org.dmmedge.cache.policy;

import java.util.List;
import java.util.Objects;
import org.dmmedge.cache.Headers;

/**
 * Targeted cache control (RFC 9213): chooses which field's directives this cache obeys.
 *
 * <p>The configured targeted fields (for example {@code Edge-Cache-Control} then
 * {@code CDN-Cache-Control}) are tried in order; the first one present and well-formed wins and
 * then Cache-Control and Expires are ignored for this cache (RFC 9213 §2.2). A malformed
 * targeted field is ignored as if absent (§2.1). The targeted fields are meant for this cache
 * and are not forwarded to clients ({@link #names()}). Immutable and thread-safe.
 */
public final class TargetedCacheControl {
  private final List<String> names;

  /**
   * @param names targeted field names in precedence order (most specific first)
   */
  public TargetedCacheControl(List<String> names) {
    this.names = List.copyOf(Objects.requireNonNull(names, "names"));
  }

  /** The targeted field names, in precedence order: strip them from responses to clients. */
  public List<String> names() {
    return names;
  }

  /** The directives this cache obeys for a response. */
  public Selection select(Headers responseHeaders) {
    for (String name : names) {
      List<String> values = responseHeaders.getAll(name);
      if (values.isEmpty()) {
        continue;
      }
      ResponseDirectives.Parsed parsed = ResponseDirectives.parseChecked(values);
      if (parsed.wellFormed()) {
        return new Selection(parsed.directives(), name);
      }
    }
    return new Selection(
        ResponseDirectives.parse(responseHeaders.getAll("Cache-Control")), "Cache-Control");
  }

  /** Response headers without the targeted fields, as a client of this cache gets them. */
  public Headers stripTargeted(Headers responseHeaders) {
    Headers.Builder builder = null;
    for (String name : names) {
      if (responseHeaders.contains(name)) {
        builder = builder == null ? responseHeaders.toBuilder() : builder;
        builder.remove(name);
      }
    }
    return builder == null ? responseHeaders : builder.build();
  }

  /**
   * The directives obeyed and where they came from.
   *
   * @param directives the parsed directives
   * @param fieldName "Cache-Control" or the targeted field that won
   */
  public record Selection(ResponseDirectives directives, String fieldName) {
    /** Whether a targeted field won, so Expires must be ignored too. */
    public boolean targeted() {
      return !fieldName.equals("Cache-Control");
    }
  }
}
