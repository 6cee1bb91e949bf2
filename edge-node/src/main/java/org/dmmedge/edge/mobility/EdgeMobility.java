package org.dmmedge.edge.mobility;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.edge.config.MobilityConfig;
import org.dmmedge.edge.fill.CacheFiller;
import org.dmmedge.edge.server.EdgeServer;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.dataplane.DataPlaneException;
import org.dmmedge.mobility.dataplane.linux.LinuxDataPlane;
import org.dmmedge.mobility.mar.MarAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAR side of an edge node (config section {@code mobility:}): the Linux data plane, the
 * MAR agent that drives it, and what the proxy does when an MN moves: attaches detected on
 * access links register the MN ({@link AttachHandler}); an MN that left has its proxy
 * connections drained ({@link ConnectionDrainer}) and its prefixes remembered
 * ({@link MovedClients}); with context transfer on, this MAR answers what its clients were
 * playing ({@link ContextEndpoint}) and, when an MN arrives, asks its previous MAR and
 * prefetches ({@link ContextTransfer}).
 *
 * <p>Started after the proxy server (interception redirects to its port) and closed before it;
 * start and close from one thread. Closing stops the agent, then removes every route, rule,
 * tunnel and nftables table the data plane made.
 */
public final class EdgeMobility implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeMobility.class);

  private final LinuxDataPlane dataPlane;
  private final MarAgent agent;
  private final Optional<ContextEndpoint> endpoint;

  private EdgeMobility(LinuxDataPlane dataPlane, MarAgent agent,
      Optional<ContextEndpoint> endpoint) {
    this.dataPlane = dataPlane;
    this.agent = agent;
    this.endpoint = endpoint;
  }

  /**
   * Starts the data plane and the agent; {@code server} is the running proxy whose
   * connections are drained when their MN leaves (and recorded in {@code moved}),
   * {@code tracker} what the proxy saw its clients play, {@code filler} what context transfer
   * fills this node's cache with.
   *
   * @throws org.dmmedge.mobility.dataplane.DataPlaneException when the data plane cannot
   *     start (missing core link, unavailable tunnel backend, kernel refusal); nothing is
   *     left behind then
   */
  public static EdgeMobility start(MobilityConfig config, EdgeServer server,
      PlaybackTracker tracker, MovedClients moved, CacheFiller filler, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(moved, "moved");
    Objects.requireNonNull(filler, "filler");
    AttachHandler attaches = new AttachHandler(config.mnIdentity(), EdgeMobility::hardwareAddress);
    LinuxDataPlane dataPlane = LinuxDataPlane.start(config.dataPlane(), attaches);
    openPeerTunnels(dataPlane, config);
    MarAgent agent;
    Optional<ContextEndpoint> endpoint = Optional.empty();
    MobilityConfig.ContextTransfer context = config.contextTransfer();
    try {
      if (context.enabled()) {
        endpoint = Optional.of(ContextEndpoint.start(
            new InetSocketAddress(config.mar().address(), context.port()), tracker));
      }
      agent = MarAgent.start(config.mar(), new TimedDataPlane(dataPlane));
    } catch (RuntimeException e) {
      endpoint.ifPresent(ContextEndpoint::close);
      dataPlane.close();
      throw e;
    }
    agent.addListener(attaches);
    agent.addListener(new ConnectionDrainer(moved, server));
    if (context.enabled()) {
      agent.addListener(new ContextTransfer(context.port(), context.prefetchSegments(),
          context.timeout(), filler, clock));
    }
    attaches.agent(agent);
    log.info("MAR {} up: CMD {}, {} tunnels, access links {}, MNs named by {}",
        config.mar().address().getHostAddress(), config.mar().cmd(), dataPlane.tunnelBackend()
            .configName(), config.dataPlane().accessLinks(), config.mnIdentity());
    return new EdgeMobility(dataPlane, agent, endpoint);
  }

  /**
   * The MARs this one shares keys with are the ones it exchanges tunnelled traffic with: their
   * tunnels are set up now rather than during a handover. A failure only costs that speed.
   */
  private static void openPeerTunnels(LinuxDataPlane dataPlane, MobilityConfig config) {
    try {
      dataPlane.openTunnels(config.mar().peerAssociations().stream()
          .map(SecurityAssociation::peer).toList());
    } catch (DataPlaneException e) {
      log.warn("peer tunnels are set up at the first handover instead: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      endpoint.ifPresent(ContextEndpoint::close);
      agent.close();
    } finally {
      dataPlane.close();
    }
  }

  /**
   * An interface's hardware address in this process's namespace, from sysfs (empty when the
   * link is gone). Not {@link java.net.NetworkInterface}: it lists only interfaces that already
   * have an address, and a link that has just moved here may have none yet.
   */
  private static Optional<byte[]> hardwareAddress(String link) {
    try {
      String text = Files.readString(Path.of("/sys/class/net", link, "address")).strip();
      return Optional.of(HexFormat.ofDelimiter(":").parseHex(text));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
