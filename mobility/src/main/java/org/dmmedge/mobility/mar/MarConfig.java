package org.dmmedge.mobility.mar;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Check;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.RetransmissionPolicy;
import org.dmmedge.mobility.codec.ReplayGuard;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.transport.TransportConfig;

/**
 * Configuration of one MAR agent.
 *
 * @param address this MAR's address: its name towards the CMD and peers, its tunnel endpoint
 * @param transport where it listens (default UDP on {@code address}:5436)
 * @param cmd the CMD's mobility address
 * @param peerPort the port other MARs listen on (default 5436)
 * @param prefixPool the pool /64s are allocated from (for example a /48)
 * @param securityAssociation this MAR's key shared with the CMD (its peer is the CMD)
 * @param peerAssociations other MARs' keys, for relay-mode PBUs between MARs
 * @param requireAuthentication whether unsigned messages are dropped (default true)
 * @param lifetime the lifetime requested (default 300 s); refreshed at 80 % of the granted one
 * @param retransmission PBU retransmission (default 1.5 s doubling to 32 s, 5 times)
 * @param accessTechnologyType the ATT value sent (default 4, IEEE 802.11a/b/g)
 * @param timestampWindow accepted clock difference (default 300 ms)
 * @param acceptMadOptions whether MAD-PMIPv6's options 28/29 are read (default false)
 */
public record MarConfig(InetAddress address, TransportConfig transport, InetSocketAddress cmd,
    int peerPort, Ipv6Prefix prefixPool, Optional<SecurityAssociation> securityAssociation,
    List<SecurityAssociation> peerAssociations, boolean requireAuthentication, Duration lifetime,
    RetransmissionPolicy retransmission, int accessTechnologyType, Duration timestampWindow,
    boolean acceptMadOptions) {

  public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);
  public static final int DEFAULT_ACCESS_TECHNOLOGY_TYPE = 4;

  public MarConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(cmd, "cmd");
    Objects.requireNonNull(prefixPool, "prefixPool");
    Objects.requireNonNull(securityAssociation, "securityAssociation");
    peerAssociations = List.copyOf(peerAssociations);
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(retransmission, "retransmission");
    Objects.requireNonNull(timestampWindow, "timestampWindow");
    Check.port("peerPort", peerPort);
    if (prefixPool.length() < 16 || prefixPool.length() > 64) {
      throw new IllegalArgumentException("prefixPool: " + prefixPool + " (expected: length 16..64)");
    }
    if (lifetime.toSeconds() < 4 || lifetime.toSeconds() > 4L * 0xffff) {
      throw new IllegalArgumentException("lifetime: " + lifetime + " (expected: 4 s..262140 s)");
    }
    Check.inRange("accessTechnologyType", accessTechnologyType, 0, 255);
    Check.positive("timestampWindow", timestampWindow);
    if (requireAuthentication && securityAssociation.isEmpty()) {
      throw new IllegalArgumentException("securityAssociation: empty (expected: this MAR's key "
          + "when requireAuthentication is true)");
    }
    securityAssociation.filter(sa -> !sa.peer().equals(cmd.getAddress())).ifPresent(sa -> {
      throw new IllegalArgumentException("securityAssociation.peer: " + sa.peer().getHostAddress()
          + " (expected: the CMD's address " + cmd.getAddress().getHostAddress() + ")");
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link MarConfig}; address, cmd and prefixPool are required. */
  public static final class Builder {
    private InetAddress address;
    private TransportConfig transport;
    private InetSocketAddress cmd;
    private int peerPort = TransportConfig.DEFAULT_PORT;
    private Ipv6Prefix prefixPool;
    private Optional<SecurityAssociation> securityAssociation = Optional.empty();
    private final List<SecurityAssociation> peerAssociations = new ArrayList<>();
    private boolean requireAuthentication = true;
    private Duration lifetime = DEFAULT_LIFETIME;
    private RetransmissionPolicy retransmission = RetransmissionPolicy.DEFAULT;
    private int accessTechnologyType = DEFAULT_ACCESS_TECHNOLOGY_TYPE;
    private Duration timestampWindow = ReplayGuard.DEFAULT_WINDOW;
    private boolean acceptMadOptions;

    private Builder() {}

    public Builder address(InetAddress value) {
      address = Objects.requireNonNull(value, "address");
      return this;
    }

    public Builder transport(TransportConfig value) {
      transport = Objects.requireNonNull(value, "transport");
      return this;
    }

    public Builder cmd(InetSocketAddress value) {
      cmd = Objects.requireNonNull(value, "cmd");
      return this;
    }

    public Builder peerPort(int value) {
      peerPort = value;
      return this;
    }

    public Builder prefixPool(Ipv6Prefix value) {
      prefixPool = Objects.requireNonNull(value, "prefixPool");
      return this;
    }

    public Builder securityAssociation(SecurityAssociation value) {
      securityAssociation = Optional.of(Objects.requireNonNull(value, "securityAssociation"));
      return this;
    }

    public Builder peerAssociation(SecurityAssociation value) {
      peerAssociations.add(Objects.requireNonNull(value, "peerAssociation"));
      return this;
    }

    public Builder requireAuthentication(boolean value) {
      requireAuthentication = value;
      return this;
    }

    public Builder lifetime(Duration value) {
      lifetime = Objects.requireNonNull(value, "lifetime");
      return this;
    }

    public Builder retransmission(RetransmissionPolicy value) {
      retransmission = Objects.requireNonNull(value, "retransmission");
      return this;
    }

    public Builder accessTechnologyType(int value) {
      accessTechnologyType = value;
      return this;
    }

    public Builder timestampWindow(Duration value) {
      timestampWindow = Objects.requireNonNull(value, "timestampWindow");
      return this;
    }

    public Builder acceptMadOptions(boolean value) {
      acceptMadOptions = value;
      return this;
    }

    public MarConfig build() {
      Objects.requireNonNull(address, "address: not set (expected: this MAR's address)");
      Objects.requireNonNull(cmd, "cmd: not set (expected: the CMD's address and port)");
      Objects.requireNonNull(prefixPool, "prefixPool: not set (expected: e.g. 2001:db8:1::/48)");
      TransportConfig effective = transport != null ? transport
          : TransportConfig.udp(new InetSocketAddress(address, TransportConfig.DEFAULT_PORT));
      return new MarConfig(address, effective, cmd, peerPort, prefixPool, securityAssociation,
          peerAssociations, requireAuthentication, lifetime, retransmission, accessTechnologyType,
          timestampWindow, acceptMadOptions);
    }
  }
}
