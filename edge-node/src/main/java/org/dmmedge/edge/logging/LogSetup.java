package org.dmmedge.edge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.dmmedge.edge.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code logging:} section to Logback at start: the root and per-logger levels,
 * and the access log's file when one is configured (the {@code access} logger then writes only
 * there, one line per request). Leaves logging alone when SLF4J is not bound to Logback.
 */
public final class LogSetup {
  private LogSetup() {}

  /** Applies {@code config}; call once, before the node starts. */
  public static void apply(LoggingConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level(config.level()));
    config.levels().forEach((name, level) -> context.getLogger(name).setLevel(level(level)));
    config.accessFile().ifPresent(file -> {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%msg%n");
      encoder.start();
      FileAppender<ILoggingEvent> appender = new FileAppender<>();
      appender.setContext(context);
      appender.setName("ACCESS_FILE");
      appender.setFile(file.toString());
      appender.setAppend(true);
      appender.setEncoder(encoder);
      appender.start();
      Logger access = context.getLogger("access");
      access.detachAndStopAllAppenders();
      access.setAdditive(false);
      access.setLevel(Level.INFO);
      access.addAppender(appender);
    });
  }

  private static Level level(LoggingConfig.LogLevel level) {
    return Level.toLevel(level.name());
  }
}
