package org.dmmedge.edge.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per answered request in the combined log format to the SLF4J logger
 * {@code access} (routed to stdout by the shipped logback.xml):
 * {@code host - - [time] "request line" status bytes "referer" "user-agent"}. Thread-safe.
 */
public final class AccessLog {
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final boolean enabled;
  private final Clock clock;

  public AccessLog(boolean enabled, Clock clock) {
    this.enabled = enabled;
    this.clock = clock;
  }

  /** One request line; {@code bytes} is the body bytes sent (0 is logged as "-"). */
  public void log(SocketAddress client, String requestLine, int status, long bytes,
      String referer, String userAgent) {
    if (!enabled || !ACCESS.isInfoEnabled()) {
      return;
    }
    String host = client instanceof InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : "-";
    ACCESS.info("{} - - [{}] \"{}\" {} {} \"{}\" \"{}\"", host, TIME.format(clock.instant()),
        escape(requestLine), status, bytes == 0 ? "-" : bytes, escape(referer),
        escape(userAgent));
  }

  private static String escape(String s) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
