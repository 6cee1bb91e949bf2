package org.dmmedge.edge.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * CONNECT tunnelling in forward mode (section {@code server.connect:}), as forward proxies
 * offer it: off by default, and when on only to a list of ports (Squid's {@code SSL_ports},
 * Traffic Server's {@code proxy.config.http.connect_ports}).
 *
 * @param enabled whether CONNECT opens tunnels; off: every CONNECT is answered 405; default
 *     false
 * @param allowedPorts the destination ports a tunnel may go to (others: 403); default
 *     {@code [443]}
 * @param connectTimeout how long the TCP connect to the destination may take (longer: 504);
 *     default 5 s
 * @param idleTimeout a tunnel that moved no byte either way this long is closed; default 5 min
 */
public record ConnectConfig(
    boolean enabled,
    List<Integer> allowedPorts,
    Duration connectTimeout,
    Duration idleTimeout) {

  public static final List<Integer> DEFAULT_ALLOWED_PORTS = List.of(443);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  public ConnectConfig {
    allowedPorts = List.copyOf(allowedPorts);
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    for (int port : allowedPorts) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("allowedPorts: " + port + " (expected: 1..65535)");
      }
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()
        || connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "connectTimeout: " + connectTimeout + " (expected: > 0 and < 24 days)");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
    }
  }

  /** Tunnels off (the default): CONNECT is answered 405. */
  public static ConnectConfig disabled() {
    return new ConnectConfig(false, DEFAULT_ALLOWED_PORTS, DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT);
  }

  /** Whether a tunnel may go to {@code port}. */
  public boolean allows(int port) {
    return allowedPorts.contains(port);
  }
}
