package org.dmmedge.edge.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The client-facing side of the edge node.
 *
 * @param listen where to accept connections; default 127.0.0.1:8080
 * @param mode how origins are found; default {@link ProxyMode#FORWARD}
 * @param maxHeaderBytes the largest request header block (larger: 431); default 16 KiB
 * @param maxUriBytes the longest request line (longer: 414); default 8 KiB
 * @param idleTimeout a keep-alive connection without traffic this long is closed; default 60 s
 * @param shutdownGrace how long a stopping node lets in-flight responses finish; default 10 s
 * @param ioThreads event-loop threads, 0 for one per core; default 0
 * @param connect CONNECT tunnelling (forward mode only); default off
 */
public record ServerConfig(
    HostPort listen,
    ProxyMode mode,
    int maxHeaderBytes,
    int maxUriBytes,
    Duration idleTimeout,
    Duration shutdownGrace,
    int ioThreads,
    ConnectConfig connect) {

  public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8080);
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
  public static final int DEFAULT_MAX_URI_BYTES = 8 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  public ServerConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(connect, "connect");
    if (connect.enabled() && mode != ProxyMode.FORWARD) {
      throw new IllegalArgumentException("connect.enabled: true (expected: false unless mode is "
          + "forward; mode is " + mode.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
  }

  /** A server section without CONNECT tunnelling. */
  public ServerConfig(HostPort listen, ProxyMode mode, int maxHeaderBytes, int maxUriBytes,
      Duration idleTimeout, Duration shutdownGrace, int ioThreads) {
    this(listen, mode, maxHeaderBytes, maxUriBytes, idleTimeout, shutdownGrace, ioThreads,
        ConnectConfig.disabled());
  }

  /** A copy with another CONNECT section. */
  public ServerConfig withConnect(ConnectConfig newConnect) {
    return new ServerConfig(listen, mode, maxHeaderBytes, maxUriBytes, idleTimeout,
        shutdownGrace, ioThreads, newConnect);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_LISTEN, ProxyMode.FORWARD, DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_MAX_URI_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_SHUTDOWN_GRACE, 0);
  }
}
