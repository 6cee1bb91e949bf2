package org.dmmedge.edge;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines the {@code access} logger writes while this is open (the test logging config
 * keeps that logger at WARN, so it is raised to INFO meanwhile); closing restores it.
 */
public final class AccessLines implements AutoCloseable {
  private final Logger access = (Logger) LoggerFactory.getLogger("access");
  private final Level level = access.getLevel();
  private final boolean additive = access.isAdditive();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private AccessLines() {
    appender.start();
    access.addAppender(appender);
    access.setLevel(Level.INFO);
    access.setAdditive(false);
  }

  public static AccessLines capture() {
    return new AccessLines();
  }

  /** The lines so far, formatted. */
  public List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    access.detachAppender(appender);
    access.setLevel(level);
    access.setAdditive(additive);
  }
}
