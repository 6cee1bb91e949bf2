package org.dmmedge.edge.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Origins for reverse mode: one per Host (matched without port, case-insensitive) and an
 * optional default for every other host.
 *
 * @param defaultOrigin where requests for unlisted hosts go
 * @param byHost host name (lower case) to origin URL
 */
public record OriginsConfig(Optional<URI> defaultOrigin, Map<String, URI> byHost) {
  public OriginsConfig {
    Objects.requireNonNull(defaultOrigin, "defaultOrigin");
    byHost = Map.copyOf(byHost);
  }

  public static OriginsConfig none() {
    return new OriginsConfig(Optional.empty(), Map.of());
  }

  public boolean isEmpty() {
    return defaultOrigin.isEmpty() && byHost.isEmpty();
  }

  /** The origin for a request's host name (no port), or the default. */
  public Optional<URI> forHost(String host) {
    URI exact = byHost.get(host.toLowerCase(Locale.ROOT));
    return exact != null ? Optional.of(exact) : defaultOrigin;
  }
}
