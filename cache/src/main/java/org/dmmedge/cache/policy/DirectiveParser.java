package org.dmmedge.cache.policy;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Splits Cache-Control style field values (RFC 9111 §5.2, and the Structured Field dictionaries
 * of RFC 9213 read leniently) into lower-cased directive names and unquoted values.
 */
final class DirectiveParser {
  /** A delta-seconds value that was absent. */
  static final long ABSENT = -1;

  // RFC 9111 §1.2.2: delta-seconds beyond 2^31 are read as 2^31.
  private static final long DELTA_SECONDS_CAP = 2147483648L;

  private DirectiveParser() {}

  /**
   * Calls {@code sink} with (name, value) for every directive of every field value; value is
   * null for a directive without "=". Returns false when an item is malformed (the items before
   * and after it are still reported).
   */
  static boolean parse(List<String> fieldValues, BiConsumer<String, String> sink) {
    boolean wellFormed = true;
    for (String field : fieldValues) {
      int i = 0;
      int length = field.length();
      while (i < length) {
        int start = i;
        while (i < length && field.charAt(i) != ',' && field.charAt(i) != '=') {
          i++;
        }
        String name = field.substring(start, i).trim().toLowerCase(Locale.ROOT);
        String value = null;
        if (i < length && field.charAt(i) == '=') {
          i++;
          while (i < length && field.charAt(i) == ' ') {
            i++;
          }
          if (i < length && field.charAt(i) == '"') {
            StringBuilder quoted = new StringBuilder();
            i++;
            boolean closed = false;
            while (i < length) {
              char c = field.charAt(i++);
              if (c == '\\' && i < length) {
                quoted.append(field.charAt(i++));
              } else if (c == '"') {
                closed = true;
                break;
              } else {
                quoted.append(c);
              }
            }
            wellFormed &= closed;
            value = quoted.toString();
            while (i < length && field.charAt(i) != ',') {
              wellFormed &= field.charAt(i) == ' ';
              i++;
            }
          } else {
            int valueStart = i;
            while (i < length && field.charAt(i) != ',') {
              i++;
            }
            value = field.substring(valueStart, i).trim();
          }
        }
        i++; // past the comma
        if (name.isEmpty()) {
          wellFormed &= value == null;
          continue;
        }
        if (!isToken(name)) {
          wellFormed = false;
          continue;
        }
        sink.accept(name, value);
      }
    }
    return wellFormed;
  }

  /**
   * Delta-seconds (RFC 9111 §1.2.2): the value, capped at 2^31; 0 for a malformed or missing
   * value, which makes the response stale (RFC 9111 §4.2.1: invalid freshness information).
   */
  static long deltaSeconds(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    long result = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      result = Math.min(DELTA_SECONDS_CAP, result * 10 + (c - '0'));
    }
    return result;
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
