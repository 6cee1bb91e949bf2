package org.dmmedge.mobility.cmd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Check;
import org.dmmedge.mobility.RetransmissionPolicy;
import org.dmmedge.mobility.codec.ReplayGuard;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.transport.TransportConfig;

/**
 * Configuration of the Central Mobility Database.
 *
 * @param transport how PBUs arrive (default UDP on {@code [::]:5436})
 * @param mode relay or proxy (default {@link CmdMode#RELAY})
 * @param marPort the port MARs listen on, for PBUs the CMD sends them (default 5436)
 * @param journalDirectory where bindings are journaled; empty keeps them in memory only
 * @param compactAfterRecords journal records before a compaction is considered (default 10 000)
 * @param admin where the HTTP admin API listens; empty: no admin API
 * @param securityAssociations one per MAR (its SPI, key and address)
 * @param requireAuthentication whether unsigned messages are dropped (default true)
 * @param timestampWindow accepted clock difference (default 300 ms, RFC 5213 §9)
 * @param maxLifetime longest lifetime granted (default 1 h)
 * @param expirySweepInterval how often expired bindings are removed (default 1 s)
 * @param acceptMadOptions whether MAD-PMIPv6's options 28/29 are read (default false)
 * @param anchorRetransmission retransmission of the CMD's PBUs to previous anchors (proxy mode)
 */
public record CmdConfig(TransportConfig transport, CmdMode mode, int marPort,
    Optional<Path> journalDirectory, int compactAfterRecords, Optional<InetSocketAddress> admin,
    List<SecurityAssociation> securityAssociations, boolean requireAuthentication,
    Duration timestampWindow, Duration maxLifetime, Duration expirySweepInterval,
    boolean acceptMadOptions, RetransmissionPolicy anchorRetransmission) {

  public static final CmdMode DEFAULT_MODE = CmdMode.RELAY;
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(1);
  public static final Duration DEFAULT_EXPIRY_SWEEP_INTERVAL = Duration.ofSeconds(1);
  /** Proxy-mode PBUs to anchors: 1.5 s, doubling to 6 s, 2 retransmissions. */
  public static final RetransmissionPolicy DEFAULT_ANCHOR_RETRANSMISSION =
      new RetransmissionPolicy(Duration.ofMillis(1500), Duration.ofSeconds(6), 2);

  public CmdConfig {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(journalDirectory, "journalDirectory");
    Objects.requireNonNull(admin, "admin");
    securityAssociations = List.copyOf(securityAssociations);
    Objects.requireNonNull(timestampWindow, "timestampWindow");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    Objects.requireNonNull(expirySweepInterval, "expirySweepInterval");
    Objects.requireNonNull(anchorRetransmission, "anchorRetransmission");
    Check.port("marPort", marPort);
    Check.positive("compactAfterRecords", compactAfterRecords);
    Check.positive("timestampWindow", timestampWindow);
    Check.positive("maxLifetime", maxLifetime);
    Check.positive("expirySweepInterval", expirySweepInterval);
    if (requireAuthentication && securityAssociations.isEmpty()) {
      throw new IllegalArgumentException("securityAssociations: [] (expected: one per MAR when "
          + "requireAuthentication is true)");
    }
    if (securityAssociations.stream().map(SecurityAssociation::spi).distinct().count()
        != securityAssociations.size()) {
      throw new IllegalArgumentException(
          "securityAssociations: " + securityAssociations + " (expected: distinct SPIs)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CmdConfig}; every setter checks its argument at once. */
  public static final class Builder {
    private TransportConfig transport = TransportConfig.udp(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), TransportConfig.DEFAULT_PORT));
    private CmdMode mode = DEFAULT_MODE;
    private int marPort = TransportConfig.DEFAULT_PORT;
    private Optional<Path> journalDirectory = Optional.empty();
    private int compactAfterRecords = FileBindingStore.DEFAULT_COMPACT_AFTER_RECORDS;
    private Optional<InetSocketAddress> admin = Optional.empty();
    private final List<SecurityAssociation> securityAssociations = new ArrayList<>();
    private boolean requireAuthentication = true;
    private Duration timestampWindow = ReplayGuard.DEFAULT_WINDOW;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private Duration expirySweepInterval = DEFAULT_EXPIRY_SWEEP_INTERVAL;
    private boolean acceptMadOptions;
    private RetransmissionPolicy anchorRetransmission = DEFAULT_ANCHOR_RETRANSMISSION;

    private Builder() {}

    public Builder transport(TransportConfig value) {
      transport = Objects.requireNonNull(value, "transport");
      return this;
    }

    public Builder mode(CmdMode value) {
      mode = Objects.requireNonNull(value, "mode");
      return this;
    }

    public Builder marPort(int value) {
      marPort = Check.port("marPort", value);
      return this;
    }

    public Builder journalDirectory(Path value) {
      journalDirectory = Optional.of(Objects.requireNonNull(value, "journalDirectory"));
      return this;
    }

    public Builder compactAfterRecords(int value) {
      compactAfterRecords = Check.positive("compactAfterRecords", value);
      return this;
    }

    public Builder admin(InetSocketAddress value) {
      admin = Optional.of(Objects.requireNonNull(value, "admin"));
      return this;
    }

    public Builder securityAssociation(SecurityAssociation value) {
      securityAssociations.add(Objects.requireNonNull(value, "securityAssociation"));
      return this;
    }

    public Builder requireAuthentication(boolean value) {
      requireAuthentication = value;
      return this;
    }

    public Builder timestampWindow(Duration value) {
      timestampWindow = Check.positive("timestampWindow", value);
      return this;
    }

    public Builder maxLifetime(Duration value) {
      maxLifetime = Check.positive("maxLifetime", value);
      return this;
    }

    public Builder expirySweepInterval(Duration value) {
      expirySweepInterval = Check.positive("expirySweepInterval", value);
      return this;
    }

    public Builder acceptMadOptions(boolean value) {
      acceptMadOptions = value;
      return this;
    }

    public Builder anchorRetransmission(RetransmissionPolicy value) {
      anchorRetransmission = Objects.requireNonNull(value, "anchorRetransmission");
      return this;
    }

    public CmdConfig build() {
      return new CmdConfig(transport, mode, marPort, journalDirectory, compactAfterRecords, admin,
          securityAssociations, requireAuthentication, timestampWindow, maxLifetime,
          expirySweepInterval, acceptMadOptions, anchorRetransmission);
    }
  }
}
