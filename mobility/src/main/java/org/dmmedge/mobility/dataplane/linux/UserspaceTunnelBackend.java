package org.dmmedge.mobility.dataplane.linux;

import java.net.Inet6Address;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IPv6-in-IPv6 (RFC 2473) done by this process, for kernels without ip6tnl and seg6: the same
 * packets on the wire as an ip6tnl device sends.
 *
 * <p>Design: one TUN device per peer ({@code dmmtN}); routes into the tunnel point at it, and
 * a reader thread per device sends each packet read from it through a raw protocol-41 socket
 * to the peer (the kernel adds the outer header). One receiver thread takes the inner packet
 * of every protocol-41 packet arriving at this node and writes it into the TUN device of the
 * peer it came from, so the kernel routes it by its inner destination as if received there.
 * Packets from a node that is not an open peer are dropped and counted (a stray or spoofed
 * tunnel must not inject traffic). {@link #open}/{@link #release}/{@link #close} are called
 * by one thread at a time; the tunnel map is concurrent because the receiver reads it. A
 * released tunnel's reader stops within its poll interval and closes the device; the
 * receiver may still hold it then, so device writes and close exclude each other and a write
 * after close is dropped (never a write to a reused descriptor).
 */
final class UserspaceTunnelBackend implements TunnelBackend {

  private static final Logger log = LoggerFactory.getLogger(UserspaceTunnelBackend.class);
  private static final int MAX_PACKET = 65535;
  private static final int RECEIVE_TIMEOUT_MILLIS = 200;
  /**
   * Packets the kernel queues for a device's reader (500 by default) and bytes for the
   * receiver (212 KiB by default, 140 full packets): a thread held off the CPU for 50 ms on a
   * loaded machine dropped packets of a 4 MiB/s download and of the flows beside it. Larger,
   * but not so large that a stalled tunnel turns into seconds of queueing.
   */
  private static final int TUN_QUEUE = 1000;
  private static final int RECEIVE_BUFFER = 4 << 20;

  private final NetNamespace namespace;
  private final Rtnetlink rtnl;
  private final int tunnelMtu;
  private final RawIpv6Socket raw;
  private final Map<Inet6Address, Tunnel> tunnels = new ConcurrentHashMap<>();
  private final AtomicLong droppedFromUnknownPeer = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();
  private final Thread receiver;
  private volatile boolean running = true;
  private int nextDevice;

  private record Tunnel(TunDevice device, int index, AtomicBoolean open, Thread reader) {}

  UserspaceTunnelBackend(NetNamespace namespace, Rtnetlink rtnl, int tunnelMtu) {
    this.namespace = namespace;
    this.rtnl = rtnl;
    this.tunnelMtu = tunnelMtu;
    this.raw = namespace.open(() -> RawIpv6Socket.open(LibC.IPPROTO_IPV6, RECEIVE_TIMEOUT_MILLIS));
    try {
      // FORCE passes net.core.rmem_max (CAP_NET_ADMIN, which a MAR has).
      SocketOptions.setInt(raw.fd(), LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, RECEIVE_BUFFER,
          "SO_RCVBUFFORCE");
    } catch (KernelException e) {
      log.warn("tunnel receive buffer stays at the default: {}", e.getMessage());
    }
    this.receiver = Workers.start("ip6ip6-receiver", this::receiveLoop);
  }

  @Override
  public TunnelBackendKind kind() {
    return TunnelBackendKind.USERSPACE;
  }

  @Override
  public TunnelPath open(Inet6Address peer) {
    Tunnel tunnel = tunnels.get(peer);
    if (tunnel == null) {
      String name = "dmmt" + nextDevice++;
      TunDevice device = namespace.open(() -> TunDevice.create(name));
      try {
        int index = rtnl.link(name).index();
        rtnl.setMtuAndQueue(index, tunnelMtu, TUN_QUEUE);
        AtomicBoolean open = new AtomicBoolean(true);
        tunnel = new Tunnel(device, index, open, Workers.start("ip6ip6-" + name, () -> readLoop(device, peer, open)));
        tunnels.put(peer, tunnel);
        log.info("tunnel {} to {} up ({})", name, peer.getHostAddress(), namespace);
      } catch (RuntimeException e) {
        device.close();
        throw e;
      }
    }
    return new TunnelPath(tunnel.index(), Optional.empty());
  }

  @Override
  public void release(Inet6Address peer) {
    Tunnel tunnel = tunnels.remove(peer);
    if (tunnel != null) {
      // No waiting here (a handover must not wait for a poll interval): the reader ends
      // within one and closes the device itself; the routes into it are gone already.
      tunnel.open().set(false);
    }
  }

  @Override
  public long droppedFromUnknownPeers() {
    return droppedFromUnknownPeer.get();
  }

  @Override
  public void close() {
    running = false;
    for (Tunnel tunnel : tunnels.values()) {
      tunnel.open().set(false);
      Workers.join(tunnel.reader());
      tunnel.device().close();
    }
    tunnels.clear();
    Workers.join(receiver);
    raw.close();
  }

  private void readLoop(TunDevice device, Inet6Address peer, AtomicBoolean open) {
    try {
      forward(device, peer, open);
    } finally {
      device.close();
    }
  }

  private void forward(TunDevice device, Inet6Address peer, AtomicBoolean open) {
    byte[] packet = new byte[MAX_PACKET];
    while (running && open.get()) {
      try {
        int n = device.read(packet);
        if (n > 0) {
          raw.send(packet, n, peer.getAddress(), 0);
        }
      } catch (KernelException e) {
        // A peer unreachable for a moment must not end the tunnel: count, log, go on.
        if (sendFailures.incrementAndGet() % 100 == 1) {
          log.warn("tunnel {} to {}: {} ({} failures so far)", device.name(), peer.getHostAddress(),
              e.getMessage(), sendFailures.get());
        }
      }
    }
  }

  private void receiveLoop() {
    byte[] packet = new byte[MAX_PACKET];
    while (running) {
      try {
        int n = raw.receive(packet);
        if (n <= 0) {
          continue;
        }
        Tunnel tunnel = tunnels.get(raw.lastSource());
        if (tunnel == null) {
          if (droppedFromUnknownPeer.incrementAndGet() % 100 == 1) {
            log.warn("dropped ip6ip6 packet from {}: not an open tunnel peer ({} dropped so far)",
                raw.lastSource().getHostAddress(), droppedFromUnknownPeer.get());
          }
          continue;
        }
        tunnel.device().write(packet, n);
      } catch (KernelException e) {
        log.warn("ip6ip6 receive: {}", e.getMessage());
      }
    }
  }
}
