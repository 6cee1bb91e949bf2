package org.dmmedge.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered, case-insensitive multimap of HTTP header fields.
 *
 * <p>Names keep the spelling they were added with (they are written back as given) and compare
 * ignoring ASCII case; values keep their order, also across different names. Meant for the small
 * header blocks of HTTP messages: lookups are linear scans over a flat array, which beats hashing
 * for the 5-30 fields a response carries and allocates nothing.
 *
 * <p>Thread-safety: instances are immutable and safe to share; {@link Builder} is not
 * thread-safe.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(new String[0], new String[0]);

  private final String[] names;
  private final String[] lowerNames;
  private final String[] values;

  private Headers(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.lowerNames = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      lowerNames[i] = names[i].toLowerCase(Locale.ROOT);
    }
  }

  /** The empty header block. */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Headers from alternating names and values: {@code of("Content-Type", "video/mp4", "ETag",
   * "\"x\"")}.
   *
   * @throws IllegalArgumentException if the count is odd or a name is not a valid token
   */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "namesAndValues: " + namesAndValues.length + " strings (expected: an even count)");
    }
    Builder builder = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  /** A new empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with these fields. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.names.addAll(Arrays.asList(names));
    builder.values.addAll(Arrays.asList(values));
    return builder;
  }

  /** Number of fields (a name present twice counts twice). */
  public int size() {
    return names.length;
  }

  /** Whether there are no fields. */
  public boolean isEmpty() {
    return names.length == 0;
  }

  /** Name of the field at {@code index}, as it was added. */
  public String name(int index) {
    return names[index];
  }

  /** Value of the field at {@code index}. */
  public String value(int index) {
    return values[index];
  }

  /** Whether a field with this name (any case) is present. */
  public boolean contains(String name) {
    return indexOf(name) >= 0;
  }

  /** The first value of {@code name}, or {@code null} when absent. */
  public String get(String name) {
    int index = indexOf(name);
    return index < 0 ? null : values[index];
  }

  /** Every value of {@code name} in order; empty when absent. */
  public List<String> getAll(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    List<String> found = null;
    for (int i = 0; i < lowerNames.length; i++) {
      if (lowerNames[i].equals(lower)) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(values[i]);
      }
    }
    return found == null ? List.of() : Collections.unmodifiableList(found);
  }

  /**
   * Every value of {@code name} joined with ", " (RFC 9110 §5.3 list combination), or {@code
   * null} when absent.
   */
  public String getJoined(String name) {
    List<String> all = getAll(name);
    return all.isEmpty() ? null : String.join(", ", all);
  }

  /** Calls {@code action} with each name and value in order. */
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], values[i]);
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      String candidate = names[i];
      if (candidate.length() == name.length() && candidate.equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Equal when the same names (ignoring case) and values are in the same order. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Headers that
        && Arrays.equals(lowerNames, that.lowerNames)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lowerNames) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Headers[");
    for (int i = 0; i < names.length; i++) {
      text.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(values[i]);
    }
    return text.append(']').toString();
  }

  /**
   * Collects fields for a {@link Headers}. Checks names (RFC 9110 token characters) and values
   * (no CR, LF or NUL) as they are added.
   */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    private Builder() {}

    /**
     * Appends a field.
     *
     * @throws IllegalArgumentException if the name is empty or not a token, or the value holds
     *     CR, LF or NUL
     */
    public Builder add(String name, String value) {
      names.add(checkName(name));
      values.add(checkValue(name, value));
      return this;
    }

    /** Replaces every field of {@code name} by one with {@code value}, at the first one's place. */
    public Builder set(String name, String value) {
      checkName(name);
      checkValue(name, value);
      int first = -1;
      for (int i = names.size() - 1; i >= 0; i--) {
        if (names.get(i).equalsIgnoreCase(name)) {
          if (first >= 0) {
            names.remove(first);
            values.remove(first);
          }
          first = i;
        }
      }
      if (first < 0) {
        names.add(name);
        values.add(value);
      } else {
        names.set(first, name);
        values.set(first, value);
      }
      return this;
    }

    /** Removes every field of {@code name}. */
    public Builder remove(String name) {
      for (int i = names.size() - 1; i >= 0; i--) {
        if (names.get(i).equalsIgnoreCase(name)) {
          names.remove(i);
          values.remove(i);
        }
      }
      return this;
    }

    /** Whether a field of this name was added. */
    public boolean contains(String name) {
      for (String candidate : names) {
        if (candidate.equalsIgnoreCase(name)) {
          return true;
        }
      }
      return false;
    }

    /** The immutable header block. */
    public Headers build() {
      if (names.isEmpty()) {
        return EMPTY;
      }
      return new Headers(names.toArray(new String[0]), values.toArray(new String[0]));
    }

    private static String checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name: \"\" (expected: a non-empty token)");
      }
      for (int i = 0; i < name.length(); i++) {
        if (!isTokenChar(name.charAt(i))) {
          throw new IllegalArgumentException(
              "name: \"" + name + "\" (expected: RFC 9110 token characters)");
        }
      }
      return name;
    }

    private static String checkValue(String name, String value) {
      Objects.requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException(
              name + ": value with CR, LF or NUL (expected: a single-line field value)");
        }
      }
      return value;
    }

    private static boolean isTokenChar(char c) {
      return c < TOKEN.length && TOKEN[c];
    }

    /** RFC 9110 tchar, by code point (a table: every request's fields pass here). */
    private static final boolean[] TOKEN = tokenTable();

    private static boolean[] tokenTable() {
      boolean[] table = new boolean[128];
      for (char c = 0; c < table.length; c++) {
        table[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      }
      return table;
    }
  }
}
