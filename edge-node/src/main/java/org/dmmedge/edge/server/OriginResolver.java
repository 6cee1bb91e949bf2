package org.dmmedge.edge.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.proxy.HttpStatusException;
import org.dmmedge.origin.OriginTarget;

/**
 * Decides the origin of a request by the node's mode (reverse: configured per Host or default;
 * forward: absolute-form target, else the Host header; transparent: the Host header) and
 * refuses what must not be forwarded: CONNECT (405; the proxy handler sends CONNECT requests
 * to a tunnel instead when tunnels are enabled, see {@link #connectTarget}), a target that is
 * this node or a request that already passed through it (508, loop), an unusable target
 * (400), a host with no configured origin (404). Stateless and thread-safe.
 */
public final class OriginResolver {
  /**
   * What a 405 for CONNECT names in {@code Allow} (RFC 9110 §15.5.6): the standard methods
   * but CONNECT (extension methods pass through as well).
   */
  static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH";

  private final ProxyMode mode;
  private final OriginsConfig origins;
  private final String nodeName;
  private final Supplier<InetSocketAddress> localAddress;
  /** Each configured origin parsed once, with its Host value (reverse mode's hot path). */
  private final Map<URI, Target> targets = new HashMap<>();

  /** A configured origin and its authority as sent in Host. */
  private record Target(OriginTarget target, String authority) {
    static Target of(URI origin) {
      OriginTarget target = OriginTarget.of(origin);
      return new Target(target, target.authority());
    }
  }

  /**
   * @param localAddress the address the node is bound to (its real port, once bound)
   */
  public OriginResolver(ProxyMode mode, OriginsConfig origins, String nodeName,
      Supplier<InetSocketAddress> localAddress) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.origins = Objects.requireNonNull(origins, "origins");
    this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
    this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
    origins.defaultOrigin().ifPresent(uri -> targets.put(uri, Target.of(uri)));
    origins.byHost().values().forEach(uri -> targets.put(uri, Target.of(uri)));
  }

  /**
   * The route of {@code request}.
   *
   * @throws HttpStatusException with 400, 404, 405 or 508 when it must not be forwarded
   */
  public Route resolve(HttpRequest request) {
    if (request.method().equals(HttpMethod.CONNECT)) {
      throw new HttpStatusException(405, "CONNECT is not enabled on this proxy",
          Map.of("Allow", ALLOW));
    }
    checkVia(request.headers().getAll(HttpHeaderNames.VIA));
    String uri = request.uri();
    String scheme = "http";
    String authority;
    String pathAndQuery;
    int sep = uri.indexOf("://");
    if (!uri.startsWith("/") && !uri.equals("*") && sep > 0) {
      scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new HttpStatusException(400, "unsupported scheme " + scheme);
      }
      int pathStart = firstOf(uri, sep + 3);
      authority = uri.substring(sep + 3, pathStart);
      String rest = uri.substring(pathStart);
      pathAndQuery = rest.isEmpty() ? "/" : rest.startsWith("?") ? "/" + rest : rest;
    } else if (uri.startsWith("/") || uri.equals("*")) {
      authority = request.headers().get(HttpHeaderNames.HOST, "");
      pathAndQuery = uri;
    } else {
      throw new HttpStatusException(400, "bad request target " + shorten(uri));
    }
    if (mode == ProxyMode.REVERSE) {
      return reverse(authority, pathAndQuery, scheme);
    }
    HostAndPort hp = HostAndPort.parse(authority, scheme);
    OriginTarget target = new OriginTarget(scheme, hp.host(), hp.port());
    checkNotSelf(target.host(), target.port(), target.toString());
    return new Route(target, pathAndQuery, authority, scheme, authority.toLowerCase(Locale.ROOT));
  }

  /**
   * The destination of a CONNECT request (RFC 9110 §9.3.6): its authority-form target
   * {@code host:port} (the port is required), which must not be this node nor have passed
   * through it. Whether tunnels are allowed at all, and to which ports, is the caller's policy.
   *
   * @throws HttpStatusException with 400 for any other target form, 508 for a loop
   */
  public ConnectTarget connectTarget(HttpRequest request) {
    checkVia(request.headers().getAll(HttpHeaderNames.VIA));
    String uri = request.uri();
    if (!isAuthorityForm(uri)) {
      throw new HttpStatusException(400,
          "CONNECT target " + shorten(uri) + " (expected: host:port)");
    }
    HostAndPort hp = HostAndPort.parse(uri, "https");
    ConnectTarget target = new ConnectTarget(hp.host(), hp.port());
    checkNotSelf(hp.host(), hp.port(), target.toString());
    return target;
  }

  /**
   * Checks a CONNECT destination once its name is resolved: the address this node listens on
   * (or a loopback one, when the node listens on loopback or everywhere) with its port is a
   * loop.
   *
   * @throws HttpStatusException with 508 for a loop
   */
  public void checkNotSelf(ConnectTarget target, InetSocketAddress resolved) {
    InetSocketAddress self = localAddress.get();
    if (self == null || self.getAddress() == null || resolved.getAddress() == null
        || resolved.getPort() != self.getPort()) {
      return;
    }
    InetAddress to = resolved.getAddress();
    InetAddress listen = self.getAddress();
    boolean local = to.isLoopbackAddress() || to.isAnyLocalAddress();
    if (to.equals(listen)
        || (local && (listen.isAnyLocalAddress() || listen.isLoopbackAddress()))) {
      throw new HttpStatusException(508, "loop: target " + target + " ("
          + to.getHostAddress() + ") is this node");
    }
  }

  /** {@code host:port} or {@code [v6]:port}: no scheme, path, user info or missing port. */
  private static boolean isAuthorityForm(String uri) {
    int colon = uri.lastIndexOf(':');
    if (colon <= 0 || colon == uri.length() - 1) {
      return false;
    }
    String host = uri.substring(0, colon);
    if (host.startsWith("[")) {
      return host.length() > 2 && host.endsWith("]");
    }
    return host.indexOf(':') < 0;
  }

  /** Reverse mode: the Host picks the origin; without a Host (HTTP/1.0) the default one. */
  private Route reverse(String authority, String pathAndQuery, String scheme) {
    Optional<URI> origin;
    String keyAuthority;
    if (authority.isEmpty()) {
      origin = origins.defaultOrigin();
      keyAuthority = origin.map(u -> target(u).authority()).orElse("");
    } else {
      origin = origins.forHost(HostAndPort.parse(authority, scheme).host());
      keyAuthority = authority.toLowerCase(Locale.ROOT);
    }
    if (origin.isEmpty()) {
      throw new HttpStatusException(404, "no origin for host " + shorten(authority));
    }
    Target target = target(origin.get());
    OriginTarget t = target.target();
    checkNotSelf(t.host(), t.port(), t.toString());
    return new Route(t, pathAndQuery, target.authority(), scheme, keyAuthority);
  }

  private Target target(URI origin) {
    Target known = targets.get(origin);
    return known != null ? known : Target.of(origin);
  }

  private void checkVia(List<String> via) {
    for (String header : via) {
      for (String hop : header.split(",")) {
        String[] parts = hop.trim().split("\\s+");
        if (parts.length >= 2 && parts[1].equalsIgnoreCase(nodeName)) {
          throw new HttpStatusException(508, "loop: request already passed " + nodeName);
        }
      }
    }
  }

  private void checkNotSelf(String targetHost, int port, String target) {
    InetSocketAddress self = localAddress.get();
    if (self == null || port != self.getPort()) {
      return;
    }
    String host = targetHost.toLowerCase(Locale.ROOT);
    boolean listensEverywhere = self.getAddress() != null && self.getAddress().isAnyLocalAddress();
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1") || host.equals("0.0.0.0");
    boolean sameHost = self.getAddress() != null
        && host.equals(self.getAddress().getHostAddress().toLowerCase(Locale.ROOT));
    boolean selfLoopback = self.getAddress() != null && self.getAddress().isLoopbackAddress();
    if (sameHost || host.equalsIgnoreCase(nodeName)
        || (loopback && (listensEverywhere || selfLoopback))) {
      throw new HttpStatusException(508, "loop: target " + target + " is this node");
    }
  }

  private static int firstOf(String uri, int from) {
    for (int i = from; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '/' || c == '?') {
        return i;
      }
    }
    return uri.length();
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  /** A parsed authority. */
  record HostAndPort(String host, int port) {
    static HostAndPort parse(String authority, String scheme) {
      if (authority.isEmpty()) {
        throw new HttpStatusException(400, "missing host");
      }
      String host = authority;
      int port = OriginTarget.defaultPort(scheme);
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        if (close < 0) {
          throw new HttpStatusException(400, "bad host " + shorten(authority));
        }
        host = authority.substring(1, close);
        String rest = authority.substring(close + 1);
        if (!rest.isEmpty()) {
          port = port(rest.startsWith(":") ? rest.substring(1) : "x", authority);
        }
      } else {
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) {
          host = authority.substring(0, colon);
          port = port(authority.substring(colon + 1), authority);
        }
      }
      if (host.isEmpty() || !validHost(host)) {
        throw new HttpStatusException(400, "bad host " + shorten(authority));
      }
      return new HostAndPort(host, port);
    }

    private static int port(String text, String authority) {
      try {
        int p = Integer.parseInt(text);
        if (p >= 1 && p <= 65535 && text.length() <= 5) {
          return p;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new HttpStatusException(400, "bad port in " + shorten(authority));
    }

    private static boolean validHost(String host) {
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '.' || c == '-' || c == ':' || c == '_';
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
