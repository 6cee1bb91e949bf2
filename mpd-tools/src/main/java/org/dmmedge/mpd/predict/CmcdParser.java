package org.dmmedge.mpd.predict;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses CTA-5004 payloads: a comma-separated list of {@code key=value} members (RFC 8941
 * dictionary syntax restricted as §3.2 says): integers, decimals, quoted strings with
 * {@code \"} and {@code \\} escapes, tokens, and booleans ({@code key} alone is true,
 * {@code key=?0} false). Each known key is checked for its type; unknown keys are kept as
 * written. Pure and thread-safe.
 */
public final class CmcdParser {
  /** The CTA-5004 v1 keys. */
  static final Set<String> KNOWN_KEYS = Set.of("br", "bl", "bs", "cid", "d", "dl", "mtp", "nor",
      "nrr", "ot", "pr", "rtp", "sf", "sid", "st", "su", "tb", "v");
  private static final Set<String> INTEGER_KEYS =
      Set.of("br", "bl", "d", "dl", "mtp", "rtp", "tb", "v");
  private static final Set<String> STRING_KEYS = Set.of("cid", "nor", "nrr", "sid");
  private static final Set<String> TOKEN_KEYS = Set.of("ot", "sf", "st");
  private static final Set<String> BOOLEAN_KEYS = Set.of("bs", "su");
  private static final int MAX_LENGTH = 8192;

  /** The four headers of CTA-5004 §2.1. */
  public static final java.util.List<String> HEADERS =
      java.util.List.of("CMCD-Object", "CMCD-Request", "CMCD-Session", "CMCD-Status");

  private CmcdParser() {}

  /**
   * The CMCD of a query string (without {@code ?}): the percent-decoded value of its
   * {@code CMCD} parameter, {@link Cmcd#EMPTY} when there is none.
   *
   * @throws CmcdParseException naming the bad key and value
   */
  public static Cmcd fromQuery(String rawQuery) {
    Objects.requireNonNull(rawQuery, "rawQuery");
    for (String param : rawQuery.split("&")) {
      if (param.startsWith(Cmcd.QUERY_PARAMETER + "=")) {
        String encoded = param.substring(Cmcd.QUERY_PARAMETER.length() + 1);
        String decoded;
        try {
          decoded = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new CmcdParseException("CMCD: " + encoded + " (expected: percent-encoded)");
        }
        return parse(decoded, Cmcd.builder()).build();
      }
    }
    return Cmcd.EMPTY;
  }

  /**
   * The CMCD of request headers, merging the four CMCD headers; {@code header} returns a
   * header's value by name (case-insensitive lookup is the caller's).
   *
   * @throws CmcdParseException naming the bad key and value
   */
  public static Cmcd fromHeaders(Function<String, Optional<String>> header) {
    Objects.requireNonNull(header, "header");
    Cmcd.Builder builder = null; // most requests carry no CMCD: build nothing for them
    for (String name : HEADERS) {
      Optional<String> value = header.apply(name);
      if (value.isPresent()) {
        builder = parse(value.get(), builder == null ? Cmcd.builder() : builder);
      }
    }
    return builder == null ? Cmcd.EMPTY : builder.build();
  }

  /** As {@link #fromHeaders(Function)} from a map with the header names as keys. */
  public static Cmcd fromHeaders(Map<String, String> headers) {
    return fromHeaders(name -> headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst());
  }

  /** Parses one payload into {@code builder}. */
  static Cmcd.Builder parse(String payload, Cmcd.Builder builder) {
    if (payload.length() > MAX_LENGTH) {
      throw new CmcdParseException("CMCD: " + payload.length() + " characters (expected: <= "
          + MAX_LENGTH + ")");
    }
    int i = 0;
    int n = payload.length();
    while (i < n) {
      while (i < n && payload.charAt(i) == ' ') {
        i++;
      }
      int keyStart = i;
      while (i < n && payload.charAt(i) != '=' && payload.charAt(i) != ',') {
        i++;
      }
      String key = payload.substring(keyStart, i).trim();
      if (key.isEmpty() || !key.chars().allMatch(c -> Character.isLetterOrDigit(c)
          || c == '-' || c == '.' || c == '_')) {
        throw new CmcdParseException("CMCD key: " + key + " (expected: letters, digits, - . _)");
      }
      Object value;
      if (i < n && payload.charAt(i) == '=') {
        i++;
        if (i < n && payload.charAt(i) == '"') {
          StringBuilder s = new StringBuilder();
          i++;
          while (i < n && payload.charAt(i) != '"') {
            char c = payload.charAt(i++);
            if (c == '\\' && i < n) {
              c = payload.charAt(i++);
            }
            s.append(c);
          }
          if (i >= n) {
            throw new CmcdParseException("CMCD " + key + ": " + payload.substring(keyStart)
                + " (expected: a closing quote)");
          }
          i++;
          value = new Quoted(s.toString());
        } else {
          int valueStart = i;
          while (i < n && payload.charAt(i) != ',') {
            i++;
          }
          value = payload.substring(valueStart, i).trim();
        }
      } else {
        value = Boolean.TRUE;
      }
      builder.put(key, typed(key, value));
      while (i < n && payload.charAt(i) == ' ') {
        i++;
      }
      if (i < n && payload.charAt(i) != ',') {
        throw new CmcdParseException("CMCD " + key + ": " + payload.substring(keyStart)
            + " (expected: a comma between members)");
      }
      i++;
    }
    return builder;
  }

  /** A quoted string, told apart from a bare token until its key's type is known. */
  private record Quoted(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private static Object typed(String key, Object value) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    if (value instanceof String bare && bare.equals("?0")) {
      value = Boolean.FALSE;
    } else if (value instanceof String bare && bare.equals("?1")) {
      value = Boolean.TRUE;
    }
    if (BOOLEAN_KEYS.contains(k)) {
      if (value instanceof Boolean) {
        return value;
      }
      throw bad(k, value, "the key alone (true) or ?0");
    }
    if (INTEGER_KEYS.contains(k)) {
      if (value instanceof String bare) {
        try {
          long number = Long.parseLong(bare);
          if (number >= 0) {
            return number;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw bad(k, value, "a non-negative integer");
    }
    if (STRING_KEYS.contains(k)) {
      if (value instanceof Quoted q) {
        return q.text();
      }
      throw bad(k, value, "a quoted string");
    }
    if (TOKEN_KEYS.contains(k)) {
      if (value instanceof String bare && !bare.isEmpty()) {
        return bare;
      }
      throw bad(k, value, "a token");
    }
    if (k.equals("pr")) {
      if (value instanceof String bare && bare.matches("\\d+(\\.\\d+)?")) {
        return bare;
      }
      throw bad(k, value, "a decimal");
    }
    return value;
  }

  private static CmcdParseException bad(String key, Object value, String expected) {
    String shown = value instanceof Quoted q ? "\"" + q.text() + "\"" : String.valueOf(value);
    return new CmcdParseException("CMCD " + key + ": " + shown + " (expected: " + expected + ")");
  }
}
