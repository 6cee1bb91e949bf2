package org.dmmedge.edge.tunnel;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dmmedge.edge.config.ConnectConfig;
import org.dmmedge.edge.proxy.HttpStatusException;
import org.dmmedge.edge.server.ConnectTarget;
import org.dmmedge.edge.server.EdgeChannelInitializer;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.edge.server.Transport;

/**
 * The node's CONNECT tunnels (RFC 9110 §9.3.6): the port policy, the connection to a
 * tunnel's destination, and the switch of a client connection from HTTP to a {@link Tunnel}.
 *
 * <p>Connecting: the destination's name is resolved without blocking (Netty's DNS resolver,
 * one per event loop; literals and {@code /etc/hosts} names need no query), checked once more
 * against this node's own address (508), then connected with a {@link Bootstrap} on the
 * client channel's event loop and transport, so that both ends of a tunnel share one thread.
 * The outbound channel does not read until the tunnel starts.
 *
 * <p>Thread-safe: each tunnel lives on its client's event loop; the counters are read by
 * metrics scrapes from any thread. {@link #close()} stops the resolvers.
 */
public final class Tunnels implements AutoCloseable {
  private final ConnectConfig config;
  private final Transport transport;
  private final AddressResolverGroup<InetSocketAddress> resolvers;
  private final Set<Tunnel> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connecting = new AtomicInteger();

  /** Told once when a tunnel has ended (both of its connections closed). */
  public interface Ended {
    /**
     * @param bytesFromClient bytes the client sent through the tunnel
     * @param bytesToClient bytes the destination sent through the tunnel
     * @param durationNanos from the 200 to the end
     */
    void ended(long bytesFromClient, long bytesToClient, long durationNanos);
  }

  public Tunnels(ConnectConfig config, Transport transport) {
    this.config = Objects.requireNonNull(config, "config");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.resolvers = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
        .datagramChannelType(transport.datagramChannel())
        .queryTimeoutMillis(config.connectTimeout().toMillis()));
  }

  /** Tunnels off: every CONNECT is refused with 405. */
  public static Tunnels disabled() {
    return new Tunnels(ConnectConfig.disabled(), Transport.NIO);
  }

  /** Whether CONNECT opens tunnels at all. */
  public boolean enabled() {
    return config.enabled();
  }

  /** @throws HttpStatusException 403 when {@code target}'s port is not an allowed one */
  public void checkPort(ConnectTarget target) {
    if (!config.allows(target.port())) {
      throw new HttpStatusException(403, "CONNECT to port " + target.port()
          + " is not allowed (allowed: " + config.allowedPorts().stream().map(String::valueOf)
              .collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
  }

  /**
   * Resolves and connects to {@code target} from {@code client}'s event loop. The future
   * completes there with the connected channel (the caller then answers and calls
   * {@link #splice}), or fails with an {@link HttpStatusException}: 502 when the name does
   * not resolve (a DNS query waits at most the connect timeout) or the connect is refused,
   * 504 when the connect times out, 508 when the name resolves to this node. Cancelling it
   * (the client went away) closes whatever was opened.
   */
  public Future<Channel> open(Channel client, ConnectTarget target, OriginResolver resolver) {
    Promise<Channel> promise = client.eventLoop().newPromise();
    connecting.incrementAndGet();
    promise.addListener(f -> connecting.decrementAndGet());
    resolvers.getResolver(client.eventLoop())
        .resolve(InetSocketAddress.createUnresolved(target.host(), target.port()))
        .addListener((Future<InetSocketAddress> resolved) -> {
          if (promise.isDone()) {
            return;
          }
          if (!resolved.isSuccess()) {
            promise.tryFailure(failure(target, "cannot resolve host", resolved.cause()));
            return;
          }
          try {
            resolver.checkNotSelf(target, resolved.getNow());
          } catch (HttpStatusException loop) {
            promise.tryFailure(loop);
            return;
          }
          connect(client, target, resolved.getNow(), promise);
        });
    return promise;
  }

  private void connect(Channel client, ConnectTarget target, InetSocketAddress address,
      Promise<Channel> promise) {
    ChannelFuture connected = new Bootstrap()
        .group(client.eventLoop())
        .channel(transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.ALLOCATOR, client.alloc())
        .handler(NO_HANDLERS_YET)
        .connect(address);
    promise.addListener(f -> {
      if (f.isCancelled()) {
        connected.channel().close();
      }
    });
    connected.addListener(f -> {
      if (!f.isSuccess()) {
        promise.tryFailure(failure(target, "connect failed", f.cause()));
      } else if (!promise.trySuccess(connected.channel())) {
        connected.channel().close();
      }
    });
  }

  private HttpStatusException failure(ConnectTarget target, String what, Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return new HttpStatusException(504, "CONNECT to " + target + ": timed out after "
          + config.connectTimeout().toMillis() + "ms");
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage();
    return new HttpStatusException(502, "CONNECT to " + target + ": " + what + " (" + detail
        + ")");
  }

  /**
   * Makes {@code client} (whose 200 was just written) and the connected {@code server} one
   * tunnel: the client's HTTP handlers leave (bytes it sent after the CONNECT head are
   * relayed first), the tunnel idle timeout applies, and both sides start reading. On the
   * client's event loop; {@code ended} hears of the end once.
   */
  public void splice(Channel client, Channel server, Ended ended) {
    Tunnel tunnel = new Tunnel(client, server, ended, open::remove);
    open.add(tunnel);
    client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    server.pipeline().addLast("relay", new RelayHandler(tunnel, false));
    EdgeChannelInitializer.toTunnel(client, new RelayHandler(tunnel, true),
        config.idleTimeout());
    tunnel.start();
  }

  /** Counts for metrics; thread-safe, cheap. */
  public TunnelStats stats() {
    long buffered = 0;
    for (Tunnel t : open) {
      buffered += pending(t.client()) + pending(t.server());
    }
    return new TunnelStats(connecting.get(), open.size(), buffered);
  }

  private static long pending(Channel ch) {
    ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
    return out == null ? 0 : out.totalPendingWriteBytes();
  }

  @Override
  public void close() {
    resolvers.close();
  }

  /** Outbound channels get their relay when the tunnel starts, not when they connect. */
  private static final ChannelInitializer<Channel> NO_HANDLERS_YET = new ChannelInitializer<>() {
    @Override
    protected void initChannel(Channel ch) {
      // nothing to read or write before the tunnel starts
    }
  };
}
