package org.dmmedge.edge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one object of a YAML/JSON configuration tree, knowing its path, and collects problems
 * instead of stopping at the first one.
 *
 * <p>Every getter takes the key and a default, checks type and range, and on a bad value
 * records {@code "path.key: value (expected: ...)"} and returns the default so reading goes on;
 * the caller throws once at the end ({@link Problems#throwIfAny()}). {@link #finish()} reports
 * keys that no getter asked for, so a misspelt option fails instead of being ignored. Shared by
 * every configuration file (edge node now, the CMD later); command-line overrides edit the tree
 * before it is read. Not thread-safe: one reader per load.
 */
public final class ConfigReader {
  private final JsonNode node;
  private final String path;
  private final Problems problems;
  private final Set<String> asked = new LinkedHashSet<>();

  private ConfigReader(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** A reader of the document root; problems go to {@code problems}. */
  public static ConfigReader root(JsonNode root, Problems problems) {
    JsonNode n = root == null || root.isNull() ? MissingNode.getInstance() : root;
    ConfigReader reader = new ConfigReader(n, "", problems);
    if (!n.isMissingNode() && !n.isObject()) {
      problems.add("(root)", n.toString(), "a mapping of options");
      return new ConfigReader(MissingNode.getInstance(), "", problems);
    }
    return reader;
  }

  /** The nested object {@code key}; a missing key reads as an empty object (all defaults). */
  public ConfigReader object(String key) {
    JsonNode child = get(key);
    if (!child.isMissingNode() && !child.isNull() && !child.isObject()) {
      problems.add(pathOf(key), child.toString(), "a mapping of options");
      child = MissingNode.getInstance();
    }
    return new ConfigReader(child.isNull() ? MissingNode.getInstance() : child, pathOf(key),
        problems);
  }

  /**
   * The mappings of the sequence {@code key}, each read at path {@code key[i]}; a missing key is
   * an empty list.
   */
  public List<ConfigReader> objects(String key) {
    JsonNode v = get(key);
    List<ConfigReader> out = new ArrayList<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      problems.add(pathOf(key), v.toString(), "a list of mappings");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String at = pathOf(key) + "[" + i + "]";
      if (!item.isObject()) {
        problems.add(at, item.toString(), "a mapping of options");
        continue;
      }
      out.add(new ConfigReader(item, at, problems));
    }
    return out;
  }

  /** The keys of this object in file order (for free-form mappings such as log levels). */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Whether {@code key} is present (and not null). */
  public boolean has(String key) {
    JsonNode child = node.path(key);
    return !child.isMissingNode() && !child.isNull();
  }

  public String string(String key, String fallback) {
    return optionalString(key).orElse(fallback);
  }

  public Optional<String> optionalString(String key) {
    JsonNode v = get(key);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      problems.add(pathOf(key), v.toString(), "a text value");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode v = get(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    problems.add(pathOf(key), v.toString(), "true or false");
    return fallback;
  }

  /** An integer in {@code min..max}. */
  public int integer(String key, int fallback, int min, int max) {
    JsonNode v = get(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min || v.intValue() > max) {
      problems.add(pathOf(key), v.asText(v.toString()), range(min, max));
      return fallback;
    }
    return v.intValue();
  }

  /** A size in bytes ({@code 512MiB} or a plain number), at least {@code min}. */
  public long bytes(String key, long fallback, long min) {
    return parsed(key, fallback, Units::bytes, n -> n >= min, "> " + (min - 1));
  }

  /** A duration ({@code 30s}), at least {@code min}. */
  public Duration duration(String key, Duration fallback, Duration min) {
    return parsed(key, fallback, Units::duration, d -> d.compareTo(min) >= 0,
        ">= " + format(min));
  }

  /** One of an enum's constants, written in lower case in the file. */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    E[] constants = type.getEnumConstants();
    String expected = "one of " + Arrays.stream(constants)
        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    return parsed(key, fallback, text -> {
      try {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(expected); // not the JDK's "No enum constant ..."
      }
    }, c -> true, expected);
  }

  /**
   * A value parsed from text; the parser throws {@link IllegalArgumentException} (its message,
   * when present, says what was expected) and {@code valid} checks the parsed value's range.
   */
  public <T> T parsed(String key, T fallback, Function<String, T> parser,
      java.util.function.Predicate<T> valid, String expected) {
    JsonNode v = get(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isValueNode()) {
      problems.add(pathOf(key), v.toString(), expected);
      return fallback;
    }
    String text = v.asText();
    T value;
    try {
      value = parser.apply(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      String why = e.getMessage();
      problems.add(pathOf(key), text, why == null || why.isBlank() ? expected : why);
      return fallback;
    }
    if (!valid.test(value)) {
      problems.add(pathOf(key), text, expected);
      return fallback;
    }
    return value;
  }

  /** A mapping of text keys to values parsed from text, in file order. */
  public <T> Map<String, T> map(String key, Function<String, T> parser, String expected) {
    JsonNode v = get(key);
    Map<String, T> out = new LinkedHashMap<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      problems.add(pathOf(key), v.toString(), "a mapping of " + expected);
      return out;
    }
    ConfigReader entries = object(key);
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      T parsed = entries.parsed(name, null, parser, x -> true, expected);
      if (parsed != null) {
        out.put(name, parsed);
      }
    }
    return out;
  }

  /**
   * A list of values parsed from text: a YAML sequence, or one text of comma-separated items
   * (what {@code --set key=a,b} gives). Each bad item is reported as {@code key[i]}.
   */
  public <T> List<T> list(String key, List<T> fallback, Function<String, T> parser,
      String expected) {
    JsonNode v = get(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    List<String> items = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode item : v) {
        if (!item.isValueNode()) {
          problems.add(pathOf(key), v.toString(), "a list of " + expected);
          return fallback;
        }
        items.add(item.asText());
      }
    } else if (v.isValueNode()) {
      for (String item : v.asText().split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    } else {
      problems.add(pathOf(key), v.toString(), "a list of " + expected);
      return fallback;
    }
    List<T> out = new ArrayList<>();
    boolean bad = false;
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(parser.apply(items.get(i)));
      } catch (IllegalArgumentException e) {
        problems.add(pathOf(key) + "[" + i + "]", items.get(i), expected);
        bad = true;
      }
    }
    return bad ? fallback : out;
  }

  /**
   * A file the node will write (a log file): its directory must exist and be writable, or the
   * problem is reported now rather than when the first line is written.
   */
  public Optional<Path> writableFile(String key) {
    return path(key, file -> Files.isRegularFile(file) ? Files.isWritable(file)
        : file.getParent() != null && Files.isDirectory(file.getParent())
            && Files.isWritable(file.getParent()),
        "a writable file in an existing directory");
  }

  /**
   * A directory the node keeps data in: it must be a writable directory, or not exist yet
   * under a writable parent.
   */
  public Optional<Path> writableDirectory(String key) {
    return path(key, dir -> Files.isDirectory(dir) ? Files.isWritable(dir)
        : !Files.exists(dir) && dir.getParent() != null && Files.isDirectory(dir.getParent())
            && Files.isWritable(dir.getParent()),
        "a writable directory (or a new one in a writable directory)");
  }

  /** An absolute path that {@code usable} accepts, checked when the file is read. */
  private Optional<Path> path(String key, java.util.function.Predicate<Path> usable,
      String expected) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Path path;
    try {
      path = Path.of(text.get()).toAbsolutePath();
    } catch (InvalidPathException e) {
      problems.add(pathOf(key), text.get(), expected);
      return Optional.empty();
    }
    if (!usable.test(path)) {
      problems.add(pathOf(key), text.get(), expected);
      return Optional.empty();
    }
    return Optional.of(path);
  }

  /** Records a problem with a value read here (for checks that span several fields). */
  public void problem(String key, Object value, String expected) {
    problems.add(pathOf(key), String.valueOf(value), expected);
  }

  /** Reports every key of this object that was not read: unknown options are errors. */
  public void finish() {
    if (!node.isObject()) {
      return;
    }
    List<String> unknown = new ArrayList<>();
    node.fieldNames().forEachRemaining(name -> {
      if (!asked.contains(name)) {
        unknown.add(name);
      }
    });
    for (String name : unknown) {
      problems.add(pathOf(name), "unknown option", "one of " + String.join(", ", asked));
    }
  }

  /** The path of this object, empty at the root. */
  public String path() {
    return path;
  }

  private JsonNode get(String key) {
    asked.add(key);
    return node.path(key);
  }

  private String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String range(int min, int max) {
    if (max == Integer.MAX_VALUE) {
      return "an integer >= " + min;
    }
    return "an integer in " + min + ".." + max;
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** The problems found while reading one document. */
  public static final class Problems {
    private final List<String> lines = new ArrayList<>();

    public void add(String path, String value, String expected) {
      lines.add(path + ": " + value + " (expected: " + expected + ")");
    }

    public boolean isEmpty() {
      return lines.isEmpty();
    }

    /** @throws ConfigException listing every problem, when there is any */
    public void throwIfAny() {
      if (!lines.isEmpty()) {
        throw new ConfigException(lines);
      }
    }
  }
}
