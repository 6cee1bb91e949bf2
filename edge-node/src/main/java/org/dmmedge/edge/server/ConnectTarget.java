package org.dmmedge.edge.server;

import java.util.Objects;

/**
 * Where a CONNECT tunnel goes: the host and port of an authority-form request target
 * (RFC 9110 §9.3.6).
 *
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port 1..65535
 */
public record ConnectTarget(String host, int port) {
  public ConnectTarget {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host: \"\" (expected: a host name or address)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
    }
  }

  /** {@code host:port}, an IPv6 host in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
