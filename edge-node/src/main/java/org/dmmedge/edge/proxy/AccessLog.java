package org.dmmedge.edge.proxy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import org.dmmedge.edge.config.LoggingConfig.AccessFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per answered request and per ended CONNECT tunnel to the SLF4J logger
 * {@code access} (stdout by the shipped logback.xml, or the file {@code logging.accessFile}
 * names), in the combined log format
 * ({@code host - - [time] "request line" status bytes "referer" "user-agent"}) or as one JSON
 * object per line, and tells a {@link RequestObserver} (metrics) about each request whether
 * logging is on or not. Thread-safe.
 */
public final class AccessLog {
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final boolean enabled;
  private final AccessFormat format;
  private final Clock clock;
  private final RequestObserver observer;

  public AccessLog(boolean enabled, Clock clock) {
    this(enabled, AccessFormat.COMBINED, clock, RequestObserver.NONE);
  }

  public AccessLog(boolean enabled, AccessFormat format, Clock clock, RequestObserver observer) {
    this.enabled = enabled;
    this.format = Objects.requireNonNull(format, "format");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * One answered request; {@code bytes} is the body bytes sent (0 is logged as "-"),
   * {@code cacheResult} the {@code X-Cache} value or {@code NONE}. Builds the line only when
   * logging is on.
   */
  public void log(SocketAddress client, HttpRequest request, int status, long bytes,
      String cacheResult, long durationNanos) {
    observer.completed(status, cacheResult, bytes, durationNanos);
    if (!enabled || !ACCESS.isInfoEnabled()) {
      return;
    }
    write(client, request.method() + " " + request.uri() + " " + request.protocolVersion(),
        status, bytes, -1, request.headers().get(HttpHeaderNames.REFERER),
        request.headers().get(HttpHeaderNames.USER_AGENT), cacheResult, durationNanos);
  }

  /**
   * One CONNECT tunnel, when it has ended: status 200 and the bytes sent to the client (the
   * combined format's bytes field), cache result {@code TUNNEL}; the JSON line also has the
   * bytes the client sent ({@code bytesFromClient}).
   */
  public void logTunnel(SocketAddress client, String requestLine, String userAgent,
      long bytesFromClient, long bytesToClient, long durationNanos) {
    observer.tunnelled(bytesFromClient, bytesToClient, durationNanos);
    if (!enabled || !ACCESS.isInfoEnabled()) {
      return;
    }
    write(client, requestLine, 200, bytesToClient, bytesFromClient, null, userAgent, "TUNNEL",
        durationNanos);
  }

  /** {@code bytesFromClient} is -1 (and left out) for ordinary requests. */
  private void write(SocketAddress client, String requestLine, int status, long bytes,
      long bytesFromClient, String referer, String userAgent, String cacheResult,
      long durationNanos) {
    String host = client instanceof InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : "-";
    if (format == AccessFormat.JSON) {
      ACCESS.info("{\"time\":\"{}\",\"client\":\"{}\",\"request\":\"{}\",\"status\":{},"
              + "\"bytes\":{},{}\"cache\":\"{}\",\"durationMs\":{},\"referer\":\"{}\","
              + "\"userAgent\":\"{}\"}",
          clock.instant(), host, json(requestLine), status, bytes,
          bytesFromClient < 0 ? "" : "\"bytesFromClient\":" + bytesFromClient + ",",
          json(cacheResult), durationNanos / 1_000_000, json(referer), json(userAgent));
      return;
    }
    ACCESS.info("{} - - [{}] \"{}\" {} {} \"{}\" \"{}\"", host, TIME.format(clock.instant()),
        escape(requestLine), status, bytes == 0 ? "-" : bytes, escape(referer),
        escape(userAgent));
  }

  private static String json(String s) {
    return s == null ? "" : new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }

  private static String escape(String s) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
