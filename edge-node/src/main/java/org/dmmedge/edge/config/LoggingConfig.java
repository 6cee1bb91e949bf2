package org.dmmedge.edge.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Logging (section {@code logging:}): the access log's format and destination and the
 * application log's levels. Whether there is an access log at all stays the root option
 * {@code accessLog}.
 *
 * @param accessFormat one line per request: combined log format or JSON; default combined
 * @param accessFile where access lines go; empty: stdout
 * @param level the application log's root level; default info
 * @param levels levels per logger name (e.g. {@code org.dmmedge.cache: debug})
 */
public record LoggingConfig(
    AccessFormat accessFormat,
    Optional<Path> accessFile,
    LogLevel level,
    Map<String, LogLevel> levels) {

  /** Access log line formats. */
  public enum AccessFormat {
    /** {@code host - - [time] "request" status bytes "referer" "user-agent"}. */
    COMBINED,
    /** One JSON object per line. */
    JSON
  }

  /** Log levels (logback's). */
  public enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

  public LoggingConfig {
    Objects.requireNonNull(accessFormat, "accessFormat");
    Objects.requireNonNull(accessFile, "accessFile");
    Objects.requireNonNull(level, "level");
    levels = Map.copyOf(levels);
  }

  /** Combined format to stdout, INFO. */
  public static LoggingConfig defaults() {
    return new LoggingConfig(AccessFormat.COMBINED, Optional.empty(), LogLevel.INFO, Map.of());
  }
}
