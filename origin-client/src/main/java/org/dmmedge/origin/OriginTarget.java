package org.dmmedge.origin;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an origin lives: scheme ({@code http} or {@code https}), host and port.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port 1..65535
 */
public record OriginTarget(String scheme, String host, int port) {
  public OriginTarget {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("scheme: " + scheme + " (expected: http or https)");
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host: \"\" (expected: a host name or address)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
    }
  }

  /**
   * The target of an absolute URI such as {@code http://origin:8000/}.
   *
   * @throws IllegalArgumentException when the URI has no http(s) scheme or no host
   */
  public static OriginTarget of(URI uri) {
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("origin: " + uri + " (expected: http(s)://host[:port])");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new OriginTarget(scheme, host, port);
  }

  /** 80 for http, 443 for https. */
  public static int defaultPort(String scheme) {
    return scheme.equalsIgnoreCase("https") ? 443 : 80;
  }

  /** {@code host[:port]} as in a Host header; the port is left out when it is the default. */
  public String authority() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort(scheme) ? h : h + ":" + port;
  }

  @Override
  public String toString() {
    return scheme + "://" + authority();
  }
}
