package org.dmmedge.edge.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.proxy.ProxyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty server clients connect to: epoll when the native transport loads, NIO otherwise.
 *
 * <p>Lifecycle: {@link #start()} binds (port 0 picks a free one, see {@link #localAddress()});
 * {@link #stop(Duration)} stops accepting, lets every connection finish its in-flight
 * response (idle ones close at once), closes whatever is left at the deadline, then ends the
 * event loops. Thread-safe start/stop from one controlling thread.
 */
public final class EdgeServer {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);

  private final ServerConfig config;
  private final Supplier<ProxyHandler> proxyHandlers;
  private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel serverChannel;
  private volatile InetSocketAddress bound;

  public EdgeServer(ServerConfig config, Supplier<ProxyHandler> proxyHandlers) {
    this.config = config;
    this.proxyHandlers = proxyHandlers;
  }

  /** Binds and starts accepting; returns the bound address. */
  public InetSocketAddress start() throws InterruptedException {
    Transport transport = Transport.detect();
    boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), transport.ioHandlerFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .childHandler(new EdgeChannelInitializer(config, proxyHandlers, children));
    try {
      serverChannel = bootstrap.bind(config.listen().toAddress()).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      shutdownLoops();
      throw e;
    }
    bound = (InetSocketAddress) serverChannel.localAddress();
    LOG.info("listening on {} ({} transport)", bound,
        transport.name().toLowerCase(java.util.Locale.ROOT));
    return bound;
  }

  /** The bound address, or null before {@link #start()}. */
  public InetSocketAddress localAddress() {
    return bound;
  }

  /**
   * Drains the connections whose client address {@code matches}: idle ones close now, busy
   * ones after their response in flight (see {@link ProxyHandler#drain()}), CONNECT tunnels
   * are left alone. Returns how many
   * connections were asked; thread-safe.
   */
  public int drainClients(Predicate<InetAddress> matches) {
    int asked = 0;
    for (Channel ch : children) {
      if (ch.remoteAddress() instanceof InetSocketAddress remote
          && matches.test(remote.getAddress())) {
        asked++;
        ch.eventLoop().execute(() -> drain(ch));
      }
    }
    return asked;
  }

  private static void drain(Channel ch) {
    ProxyHandler handler = ch.pipeline().get(ProxyHandler.class);
    if (handler != null) {
      handler.drain();
    } else if (!EdgeChannelInitializer.isTunnel(ch)) {
      ch.close();
    }
    // A tunnel has no response to finish: it lasts until either end closes it (an MN's
    // long-lived flow stays where it was opened) or, when the node stops, the deadline.
  }

  /** Stops accepting, drains connections for up to {@code grace}, then stops everything. */
  public void stop(Duration grace) throws InterruptedException {
    if (serverChannel == null) {
      return;
    }
    serverChannel.close().sync();
    for (Channel ch : children) {
      ch.eventLoop().execute(() -> drain(ch));
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!children.isEmpty() && System.nanoTime() < deadline) {
      children.newCloseFuture().await(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
          TimeUnit.MILLISECONDS);
    }
    children.close().await(1, TimeUnit.SECONDS);
    shutdownLoops();
    serverChannel = null;
    LOG.info("stopped");
  }

  private void shutdownLoops() throws InterruptedException {
    if (boss != null) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
    if (workers != null) {
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }
}
