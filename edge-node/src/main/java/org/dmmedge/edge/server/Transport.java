package org.dmmedge.edge.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport the node runs on: epoll when the native library loads, NIO otherwise.
 * Channels a node opens itself (CONNECT tunnels, their DNS lookups) must be of the same kind
 * as the event loops they are registered with.
 */
public enum Transport {
  EPOLL(EpollServerSocketChannel.class, EpollSocketChannel.class, EpollDatagramChannel.class),
  NIO(NioServerSocketChannel.class, NioSocketChannel.class, NioDatagramChannel.class);

  private final Class<? extends ServerChannel> serverChannel;
  private final Class<? extends SocketChannel> socketChannel;
  private final Class<? extends DatagramChannel> datagramChannel;

  Transport(Class<? extends ServerChannel> serverChannel,
      Class<? extends SocketChannel> socketChannel,
      Class<? extends DatagramChannel> datagramChannel) {
    this.serverChannel = serverChannel;
    this.socketChannel = socketChannel;
    this.datagramChannel = datagramChannel;
  }

  /** Epoll when available on this machine, NIO otherwise. */
  public static Transport detect() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  IoHandlerFactory ioHandlerFactory() {
    return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  Class<? extends ServerChannel> serverChannel() {
    return serverChannel;
  }

  /** Client (outbound TCP) channels on this transport. */
  public Class<? extends SocketChannel> socketChannel() {
    return socketChannel;
  }

  /** UDP channels on this transport. */
  public Class<? extends DatagramChannel> datagramChannel() {
    return datagramChannel;
  }
}
