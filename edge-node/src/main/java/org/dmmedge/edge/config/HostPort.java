package org.dmmedge.edge.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A listen address: host (name or IP literal; IPv6 without brackets) and port (0 = ephemeral).
 *
 * @param host where to bind
 * @param port 0..65535
 */
public record HostPort(String host, int port) {
  static final String EXPECTED = "HOST:PORT such as 127.0.0.1:8080 or [::1]:8080";

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty() || port < 0 || port > 65535) {
      throw new IllegalArgumentException(EXPECTED);
    }
  }

  /** Parses {@code host:port} or {@code [v6]:port}. */
  public static HostPort parse(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException(EXPECTED);
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(EXPECTED);
    }
    try {
      return new HostPort(host, Integer.parseInt(t.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(EXPECTED);
    }
  }

  public InetSocketAddress toAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
