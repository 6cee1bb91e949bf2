package org.dmmedge.edge.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * One CONNECT tunnel: a client connection and the connection to its destination, relaying
 * bytes both ways until both ends are done.
 *
 * <p>Design: both channels are on the same event loop, so all state here is confined to it.
 * Backpressure by writability: a side reads (AUTO_READ on) only while the other side is
 * writable, so at most the write high-water mark plus one read is held per direction, however
 * slowly a peer reads. Half-close: a side that sends FIN has the other side's output shut
 * down once everything relayed before it is written; when both outputs are shut the tunnel
 * closes. A reset, an error or the idle timeout closes both at once; a side that closes makes
 * the other close after its pending bytes are written. {@link Tunnels.Ended} hears of the end
 * once, when both channels are closed.
 */
final class Tunnel {
  private final Channel client;
  private final Channel server;
  private final Tunnels.Ended ended;
  private final Consumer<Tunnel> forget;
  private final long startNanos = System.nanoTime();
  private long fromClient;
  private long toClient;
  private boolean clientInputDone;
  private boolean serverInputDone;
  private boolean clientOutputDone;
  private boolean serverOutputDone;
  private int closedSides;

  Tunnel(Channel client, Channel server, Tunnels.Ended ended, Consumer<Tunnel> forget) {
    this.client = client;
    this.server = server;
    this.ended = ended;
    this.forget = forget;
  }

  Channel client() {
    return client;
  }

  Channel server() {
    return server;
  }

  /** Starts reading on both sides (the relays are in place). */
  void start() {
    ChannelFutureListener sideClosed = f -> sideClosed();
    client.closeFuture().addListener(sideClosed);
    server.closeFuture().addListener(sideClosed);
    writabilityChanged(true);
    writabilityChanged(false);
  }

  private Channel peer(boolean fromClientSide) {
    return fromClientSide ? server : client;
  }

  /** Relays what one side read to the other (ownership passes to the write). */
  void relay(boolean fromClientSide, Object msg) {
    Channel to = peer(fromClientSide);
    if (!(msg instanceof ByteBuf bytes) || !to.isActive()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (fromClientSide) {
      fromClient += bytes.readableBytes();
    } else {
      toClient += bytes.readableBytes();
    }
    to.write(bytes, to.voidPromise()); // a failed write fires exceptionCaught there
  }

  /** One side's read ended: what it relayed goes out now. */
  void readComplete(boolean fromClientSide) {
    peer(fromClientSide).flush();
  }

  /**
   * A side's writability changed: the other side reads only while this one can take it (and
   * while it can read at all: a closed or half-closed channel is left alone).
   */
  void writabilityChanged(boolean clientSide) {
    Channel side = clientSide ? client : server;
    Channel reader = peer(clientSide);
    if (reader.isActive() && !((DuplexChannel) reader).isInputShutdown()) {
      reader.config().setAutoRead(side.isWritable());
    }
  }

  /** A side sent FIN: shut the other side's output once what came before is written. */
  void inputShutdown(boolean clientSide) {
    if (clientSide ? clientInputDone : serverInputDone) {
      return;
    }
    if (clientSide) {
      clientInputDone = true;
    } else {
      serverInputDone = true;
    }
    Channel to = peer(clientSide);
    to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
      if (!written.isSuccess()) {
        close();
        return;
      }
      ((DuplexChannel) to).shutdownOutput().addListener(shut -> {
        if (!shut.isSuccess()) {
          close();
          return;
        }
        if (clientSide) {
          serverOutputDone = true;
        } else {
          clientOutputDone = true;
        }
        if (clientOutputDone && serverOutputDone) {
          close();
        }
      });
    });
  }

  /** One side closed: the other follows once its pending bytes are written. */
  void closed(boolean clientSide) {
    Channel other = peer(clientSide);
    if (other.isActive()) {
      other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Closes both sides now (error, idle timeout, both directions finished). */
  void close() {
    client.close();
    server.close();
  }

  private void sideClosed() {
    if (++closedSides == 2) {
      ended.ended(fromClient, toClient, System.nanoTime() - startNanos);
      forget.accept(this); // after: an open count of 0 means every ended tunnel is logged
    }
  }
}
