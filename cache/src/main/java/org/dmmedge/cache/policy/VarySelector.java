package org.dmmedge.cache.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dmmedge.cache.Headers;

/**
 * Secondary cache keys from Vary (RFC 9111 §4.1). Pure functions.
 *
 * <p>A response's Vary names the request fields it depends on; its secondary key is those
 * fields' values in the request that caused it, and a later request matches only when its
 * values normalise to the same key. Normalisation: the field's lines are combined with ",",
 * whitespace around commas is dropped and runs of whitespace are one space; an absent field is
 * distinct from an empty one. Names are compared lower-case and sorted, so {@code Vary: A, B}
 * and {@code Vary: b, a} select the same way.
 */
public final class VarySelector {
  /** The secondary key of a response without Vary. */
  public static final String NONE = "";

  private VarySelector() {}

  /** Whether the response has {@code Vary: *}, which no request can match. */
  public static boolean isVaryStar(Headers responseHeaders) {
    return varyNames(responseHeaders).contains("*");
  }

  /** The lower-case sorted distinct field names of a response's Vary; empty without Vary. */
  public static List<String> varyNames(Headers responseHeaders) {
    List<String> values = responseHeaders.getAll("Vary");
    if (values.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String value : values) {
      for (String name : value.split(",")) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (!lower.isEmpty() && !names.contains(lower)) {
          names.add(lower);
        }
      }
    }
    names.sort(null);
    return List.copyOf(names);
  }

  /** The secondary key of {@code request} for a response varying on {@code varyNames}. */
  public static String secondaryKey(List<String> varyNames, Headers request) {
    if (varyNames.isEmpty()) {
      return NONE;
    }
    StringBuilder key = new StringBuilder();
    for (String name : varyNames) {
      key.append(name);
      String value = request.getJoined(name);
      if (value == null) {
        key.append('\u0000'); // absent differs from empty
      } else {
        key.append(':').append(normalise(value));
      }
      key.append('\n');
    }
    return key.toString();
  }

  static String normalise(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean pendingSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t') {
        pendingSpace = true;
      } else if (c == ',') {
        out.append(',');
        pendingSpace = false;
      } else {
        if (pendingSpace && out.length() > 0 && out.charAt(out.length() - 1) != ',') {
          out.append(' ');
        }
        pendingSpace = false;
        out.append(c);
      }
    }
    return out.toString();
  }
}
