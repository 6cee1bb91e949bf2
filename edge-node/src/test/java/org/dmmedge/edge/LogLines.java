package org.dmmedge.edge;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines a logger writes while this is open, at a level raised for the purpose (the test
 * logging config keeps everything at WARN); closing restores the logger.
 */
public final class LogLines implements AutoCloseable {
  private final Logger logger;
  private final Level level;
  private final boolean additive;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogLines(String name, Level capture) {
    logger = (Logger) LoggerFactory.getLogger(name);
    level = logger.getLevel();
    additive = logger.isAdditive();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(capture);
    logger.setAdditive(false);
  }

  /** The access log's lines. */
  public static LogLines access() {
    return new LogLines("access", Level.INFO);
  }

  /** Warnings and errors of the loggers under {@code name}. */
  public static LogLines warnings(String name) {
    return new LogLines(name, Level.WARN);
  }

  /** The lines so far, formatted. */
  public List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(level);
    logger.setAdditive(additive);
  }
}
