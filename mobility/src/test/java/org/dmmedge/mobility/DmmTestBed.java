package org.dmmedge.mobility;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dmmedge.mobility.cmd.CmdConfig;
import org.dmmedge.mobility.cmd.CmdMode;
import org.dmmedge.mobility.cmd.CmdServer;
import org.dmmedge.mobility.dataplane.RecordingDataPlane;
import org.dmmedge.mobility.mar.MarAgent;
import org.dmmedge.mobility.mar.MarConfig;
import org.dmmedge.mobility.transport.TransportConfig;
import org.dmmedge.mobility.transport.TransportFactory;
import org.dmmedge.mobility.transport.Transports;

/**
 * A CMD on 127.0.0.10 and MARs on 127.0.0.1..n, all on one free UDP port, real sockets, keys
 * per MAR, one manual clock. Each MAR records its data-plane actions and listener events.
 */
final class DmmTestBed implements AutoCloseable {
  static final InetAddress CMD = TestNetwork.loopback(10);

  /** What a MAR's listener heard. */
  record Event(String kind, String mnId, String peer, List<Ipv6Prefix> prefixes) {}

  final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  final int port;
  final CmdConfig cmdConfig;
  CmdServer cmd;
  final List<MarAgent> mars = new ArrayList<>();
  private final List<MarConfig> marConfigs = new ArrayList<>();
  private final TransportFactory marTransports;
  final List<RecordingDataPlane> dataPlanes = new ArrayList<>();
  final List<List<Event>> events = new ArrayList<>();

  DmmTestBed(CmdMode mode, int marCount) {
    this(mode, marCount, Transports::open, java.util.Optional.empty());
  }

  DmmTestBed(CmdMode mode, int marCount, TransportFactory marTransports) {
    this(mode, marCount, marTransports, java.util.Optional.empty());
  }

  /** With {@code journal} present the CMD journals its bindings there. */
  DmmTestBed(CmdMode mode, int marCount, TransportFactory marTransports,
      java.util.Optional<java.nio.file.Path> journal) {
    this.marTransports = marTransports;
    InetAddress[] all = new InetAddress[marCount + 1];
    all[0] = CMD;
    for (int i = 1; i <= marCount; i++) {
      all[i] = mar(i);
    }
    port = TestNetwork.freeUdpPort(all);
    CmdConfig.Builder builder = CmdConfig.builder()
        .transport(TransportConfig.udp(new InetSocketAddress(CMD, port)))
        .mode(mode).marPort(port);
    journal.ifPresent(builder::journalDirectory);
    for (int i = 1; i <= marCount; i++) {
      builder.securityAssociation(TestNetwork.key(i, mar(i)));
    }
    cmdConfig = builder.build();
    try {
      cmd = CmdServer.start(cmdConfig, clock);
      for (int i = 1; i <= marCount; i++) {
        MarConfig.Builder mar = MarConfig.builder().address(mar(i))
            .transport(TransportConfig.udp(new InetSocketAddress(mar(i), port)))
            .cmd(new InetSocketAddress(CMD, port)).peerPort(port)
            .prefixPool(Ipv6Prefix.parse("2001:db8:" + i + "::/48"))
            .securityAssociation(TestNetwork.key(i, CMD))
            .lifetime(Duration.ofSeconds(60));
        for (int j = 1; j <= marCount; j++) {
          if (j != i) {
            mar.peerAssociation(TestNetwork.key(j, mar(j)));
          }
        }
        RecordingDataPlane dataPlane = new RecordingDataPlane();
        marConfigs.add(mar.build());
        MarAgent agent = MarAgent.start(marConfigs.get(i - 1), dataPlane, clock, marTransports);
        List<Event> heard = new CopyOnWriteArrayList<>();
        agent.addListener(new MobilityListener() {
          @Override
          public void arrived(String mnId, java.util.Optional<InetAddress> from,
              List<Ipv6Prefix> prefixes) {
            heard.add(new Event("arrived", mnId,
                from.map(InetAddress::getHostAddress).orElse("-"), prefixes));
          }

          @Override
          public void left(String mnId, java.util.Optional<InetAddress> to,
              List<Ipv6Prefix> prefixes) {
            heard.add(new Event("left", mnId, to.map(InetAddress::getHostAddress).orElse("-"),
                prefixes));
          }
        });
        mars.add(agent);
        dataPlanes.add(dataPlane);
        events.add(heard);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  static InetAddress mar(int n) {
    return TestNetwork.loopback(n);
  }

  MarAgent agent(int n) {
    return mars.get(n - 1);
  }

  RecordingDataPlane dataPlane(int n) {
    return dataPlanes.get(n - 1);
  }

  List<Event> events(int n) {
    return events.get(n - 1);
  }

  /** Replaces MAR {@code n} by a fresh agent (no state) on the same address and data plane. */
  void restartMar(int n) {
    mars.get(n - 1).close();
    mars.set(n - 1, MarAgent.start(marConfigs.get(n - 1), dataPlanes.get(n - 1), clock,
        marTransports));
  }

  /** Restarts the CMD with the same configuration (same journal, if any). */
  void restartCmd() {
    cmd.close();
    cmd = CmdServer.start(cmdConfig, clock);
  }

  @Override
  public void close() {
    mars.forEach(MarAgent::close);
    if (cmd != null) {
      cmd.close();
    }
  }
}
