package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Check;

/**
 * Configuration of a {@link LinuxDataPlane}; build with {@link #builder()}.
 *
 * @param namespace where to program (default: this process's namespace)
 * @param coreLink the interface towards the other MARs (tunnels leave and arrive there)
 * @param localAddress this MAR's address on the core, the tunnel source
 * @param tunnel the tunnel backend (default {@link TunnelBackendKind#AUTO})
 * @param decapAddress srv6 only: this node's decapsulation (End.DX6) address
 * @param peerDecapAddresses srv6 only: each peer MAR's address to its decap address
 * @param accessLinks the access interfaces watched for attaches (RS, link up)
 * @param routerLifetime RA router lifetime (default {@value #DEFAULT_ROUTER_LIFETIME_SECONDS} s)
 * @param routerAdvertisementInterval unsolicited RA period (default {@value #DEFAULT_RA_INTERVAL_SECONDS} s)
 * @param prefixValidLifetime advertised valid lifetime (default {@value #DEFAULT_VALID_SECONDS} s)
 * @param prefixPreferredLifetime advertised preferred lifetime of local prefixes
 *     (default {@value #DEFAULT_PREFERRED_SECONDS} s)
 * @param advertisedMtu RA MTU option; 0 picks the access link MTU, lowered to what the tunnel
 *     path carries (core MTU - 40) when that is smaller
 * @param clampMss clamp TCP MSS on access links to the advertised MTU - 60
 * @param interceptPort redirect TCP port 80 arriving on access links to this port on
 *     {@code localAddress}; 0 off
 */
public record LinuxDataPlaneConfig(NetNamespace namespace, String coreLink, Inet6Address localAddress,
    TunnelBackendKind tunnel, Optional<Inet6Address> decapAddress,
    Map<Inet6Address, Inet6Address> peerDecapAddresses, List<String> accessLinks,
    Duration routerLifetime, Duration routerAdvertisementInterval, Duration prefixValidLifetime,
    Duration prefixPreferredLifetime, int advertisedMtu, boolean clampMss, int interceptPort) {

  public static final long DEFAULT_ROUTER_LIFETIME_SECONDS = 1800;
  public static final long DEFAULT_RA_INTERVAL_SECONDS = 3;
  public static final long DEFAULT_VALID_SECONDS = 86400;
  public static final long DEFAULT_PREFERRED_SECONDS = 14400;

  public LinuxDataPlaneConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(coreLink, "coreLink");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(tunnel, "tunnel");
    Objects.requireNonNull(decapAddress, "decapAddress");
    peerDecapAddresses = Map.copyOf(peerDecapAddresses);
    accessLinks = List.copyOf(accessLinks);
    if (tunnel == TunnelBackendKind.SRV6 && decapAddress.isEmpty()) {
      throw new IllegalArgumentException("decapAddress: none (expected: an address when tunnel is srv6)");
    }
    if (prefixPreferredLifetime.compareTo(prefixValidLifetime) > 0) {
      throw new IllegalArgumentException("prefixPreferredLifetime: " + prefixPreferredLifetime
          + " (expected: <= prefixValidLifetime " + prefixValidLifetime + ")");
    }
    if (advertisedMtu != 0 && (advertisedMtu < 1280 || advertisedMtu > 65535)) {
      throw new IllegalArgumentException("advertisedMtu: " + advertisedMtu + " (expected: 0 or 1280..65535)");
    }
    Check.inRange("interceptPort", interceptPort, 0, 65_535);
    if (interceptPort > 0 && accessLinks.isEmpty()) {
      throw new IllegalArgumentException("accessLinks: [] (expected: at least one when interceptPort is set)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects settings; each setter checks its argument, {@link #build()} checks combinations. */
  public static final class Builder {
    private NetNamespace namespace = NetNamespace.current();
    private String coreLink;
    private Inet6Address localAddress;
    private TunnelBackendKind tunnel = TunnelBackendKind.AUTO;
    private Inet6Address decapAddress;
    private final Map<Inet6Address, Inet6Address> peerDecapAddresses = new LinkedHashMap<>();
    private final List<String> accessLinks = new ArrayList<>();
    private Duration routerLifetime = Duration.ofSeconds(DEFAULT_ROUTER_LIFETIME_SECONDS);
    private Duration raInterval = Duration.ofSeconds(DEFAULT_RA_INTERVAL_SECONDS);
    private Duration validLifetime = Duration.ofSeconds(DEFAULT_VALID_SECONDS);
    private Duration preferredLifetime = Duration.ofSeconds(DEFAULT_PREFERRED_SECONDS);
    private int advertisedMtu;
    private boolean clampMss;
    private int interceptPort;

    private Builder() {}

    public Builder namespace(NetNamespace value) {
      namespace = Objects.requireNonNull(value, "namespace");
      return this;
    }

    public Builder coreLink(String value) {
      coreLink = linkName("coreLink", value);
      return this;
    }

    public Builder localAddress(Inet6Address value) {
      localAddress = Objects.requireNonNull(value, "localAddress");
      return this;
    }

    public Builder tunnel(TunnelBackendKind value) {
      tunnel = Objects.requireNonNull(value, "tunnel");
      return this;
    }

    public Builder decapAddress(Inet6Address value) {
      decapAddress = Objects.requireNonNull(value, "decapAddress");
      return this;
    }

    public Builder peerDecapAddress(Inet6Address peer, Inet6Address decap) {
      peerDecapAddresses.put(Objects.requireNonNull(peer, "peer"), Objects.requireNonNull(decap, "decap"));
      return this;
    }

    public Builder accessLink(String value) {
      accessLinks.add(linkName("accessLinks", value));
      return this;
    }

    public Builder routerLifetime(Duration value) {
      routerLifetime = Check.positive("routerLifetime", value);
      return this;
    }

    public Builder routerAdvertisementInterval(Duration value) {
      raInterval = Check.positive("routerAdvertisementInterval", value);
      return this;
    }

    public Builder prefixValidLifetime(Duration value) {
      validLifetime = Check.positive("prefixValidLifetime", value);
      return this;
    }

    public Builder prefixPreferredLifetime(Duration value) {
      preferredLifetime = Check.positive("prefixPreferredLifetime", value);
      return this;
    }

    public Builder advertisedMtu(int value) {
      advertisedMtu = value;
      return this;
    }

    public Builder clampMss(boolean value) {
      clampMss = value;
      return this;
    }

    public Builder interceptPort(int value) {
      interceptPort = Check.port("interceptPort", value);
      return this;
    }

    public LinuxDataPlaneConfig build() {
      if (coreLink == null) {
        throw new IllegalStateException("coreLink: not set (expected: the interface towards the other MARs)");
      }
      if (localAddress == null) {
        throw new IllegalStateException("localAddress: not set (expected: this MAR's core address)");
      }
      return new LinuxDataPlaneConfig(namespace, coreLink, localAddress, tunnel, Optional.ofNullable(decapAddress),
          peerDecapAddresses, accessLinks, routerLifetime, raInterval, validLifetime, preferredLifetime,
          advertisedMtu, clampMss, interceptPort);
    }

    private static String linkName(String field, String value) {
      Objects.requireNonNull(value, field);
      if (value.isEmpty() || value.length() > 15 || value.contains("/") || value.contains(" ")) {
        throw new IllegalArgumentException(field + ": '" + value + "' (expected: an interface name of 1..15 characters)");
      }
      return value;
    }
  }
}
