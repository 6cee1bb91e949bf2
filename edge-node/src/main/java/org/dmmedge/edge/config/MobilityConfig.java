package org.dmmedge.edge.config;

import java.time.Duration;
import java.util.Objects;
import org.dmmedge.mobility.Check;
import org.dmmedge.mobility.dataplane.linux.LinuxDataPlaneConfig;
import org.dmmedge.mobility.mar.MarConfig;

/**
 * The MAR part of an edge node (section {@code mobility:}; absent: the node is a plain proxy
 * cache). Read by {@link MobilityConfigLoader}; documented option by option in
 * {@code conf/testbed/mar1.yaml}.
 *
 * @param mar the MAR agent: this MAR's address, the CMD, keys, prefix pool, timers
 * @param dataPlane the Linux data plane: core and access links, tunnel backend, Router
 *     Advertisements, interception of port 80 to this node's proxy port
 * @param mnIdentity how the MN behind an attach is named
 * @param contextTransfer asking an MN's previous MAR for its playback context on arrival
 */
public record MobilityConfig(MarConfig mar, LinuxDataPlaneConfig dataPlane, MnIdentity mnIdentity,
    ContextTransfer contextTransfer) {

  public MobilityConfig {
    Objects.requireNonNull(mar, "mar");
    Objects.requireNonNull(dataPlane, "dataPlane");
    Objects.requireNonNull(mnIdentity, "mnIdentity");
    Objects.requireNonNull(contextTransfer, "contextTransfer");
    if (!mar.address().equals(dataPlane.localAddress())) {
      throw new IllegalArgumentException("dataPlane.localAddress: "
          + dataPlane.localAddress().getHostAddress() + " (expected: the MAR address "
          + mar.address().getHostAddress() + ")");
    }
  }

  /**
   * Context transfer (DESIGN.md, request path step 6): every MAR answers
   * {@code GET /mobility/context?prefix=...} on its core address and {@code port}; when an MN
   * arrives from MAR X, this node asks X what the MN was playing and fetches the next
   * {@code prefetchSegments} segments into its cache before the MN asks for them.
   *
   * @param enabled whether to serve and ask; default {@value #DEFAULT_ENABLED}
   * @param port where every MAR serves the context; default {@value #DEFAULT_PORT}
   * @param prefetchSegments segments fetched ahead; default {@value #DEFAULT_PREFETCH_SEGMENTS}
   * @param timeout how long to wait for the previous MAR's answer; default 2 s
   */
  public record ContextTransfer(boolean enabled, int port, int prefetchSegments,
      Duration timeout) {
    public static final boolean DEFAULT_ENABLED = true;
    public static final int DEFAULT_PORT = 9190;
    public static final int DEFAULT_PREFETCH_SEGMENTS = 3;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public ContextTransfer {
      Objects.requireNonNull(timeout, "timeout");
      Check.port("port", port);
      Check.inRange("prefetchSegments", prefetchSegments, 0, 100);
    }

    public static ContextTransfer defaults() {
      return new ContextTransfer(DEFAULT_ENABLED, DEFAULT_PORT,
          DEFAULT_PREFETCH_SEGMENTS, DEFAULT_TIMEOUT);
    }
  }
}
