package org.dmmedge.mobility.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.MobilityDatagramCodec;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.codec.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mobility Header over UDP on one Netty datagram channel (epoll where available, NIO
 * otherwise) with its own single-thread event loop. Pipeline: {@link MobilityDatagramCodec},
 * then a handler passing each {@link ReceivedMessage} to the receiver on the event loop.
 */
final class UdpTransport implements MobilityTransport {
  private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);

  private final EventLoopGroup group;
  private final Channel channel;

  private UdpTransport(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  static UdpTransport open(InetSocketAddress bind, MessageReader reader,
      Consumer<ReceivedMessage> receiver) {
    Objects.requireNonNull(receiver, "receiver");
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
    MobilityDatagramCodec codec = new MobilityDatagramCodec(reader);
    Bootstrap bootstrap = new Bootstrap().group(group)
        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast("mobilityCodec", codec);
            ch.pipeline().addLast("receiver", new ReceiverHandler(receiver));
          }
        });
    try {
      Channel channel = bootstrap.bind(bind).sync().channel();
      return new UdpTransport(group, channel);
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new UncheckedIOException("bind: " + bind + " (expected: a free local UDP address)",
          e instanceof IOException io2 ? io2 : new IOException(e));
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void send(OutgoingMessage message) {
    channel.writeAndFlush(message).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        log.warn("send to {} failed: {}", message.recipient(), f.cause().toString());
      }
    });
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Hands each received message to the receiver; a receiver failure is logged, not fatal. */
  private static final class ReceiverHandler extends SimpleChannelInboundHandler<ReceivedMessage> {
    private final Consumer<ReceivedMessage> receiver;

    ReceiverHandler(Consumer<ReceivedMessage> receiver) {
      this.receiver = receiver;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ReceivedMessage msg) {
      receiver.accept(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.warn("mobility datagram handling failed", cause);
    }
  }
}
