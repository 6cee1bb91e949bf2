package org.dmmedge.edge.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.proxy.ProxyHandler;

/**
 * The client-side pipeline, top to bottom: idle timeout, obs-fold guard, request decoder with
 * strict limits, decoder phase tracker, response encoder (also for heads already in wire
 * form), one-message-per-read flow control, re-read on incomplete messages, request guard,
 * 100-continue, the proxy handler; after a CONNECT was answered 200, only the idle timeout and
 * the tunnel relay ({@link #toTunnel}). Public so that benchmarks can run the real pipeline on
 * an embedded channel.
 */
public final class EdgeChannelInitializer extends ChannelInitializer<Channel> {
  /** Request body chunks handed on at most this large. */
  private static final int MAX_CHUNK_BYTES = 64 * 1024;

  private final ServerConfig config;
  private final Supplier<ProxyHandler> proxyHandlers;
  private final ChannelGroup children;

  /**
   * @param proxyHandlers a new proxy handler per connection
   * @param children every accepted channel is added here (for graceful shutdown)
   */
  public EdgeChannelInitializer(ServerConfig config, Supplier<ProxyHandler> proxyHandlers,
      ChannelGroup children) {
    this.config = config;
    this.proxyHandlers = proxyHandlers;
    this.children = children;
  }

  /** The name of the handler that relays a tunnel's bytes (see {@link #toTunnel}). */
  static final String TUNNEL = "tunnel";

  @Override
  protected void initChannel(Channel ch) {
    children.add(ch);
    DecoderPhase phase = new DecoderPhase();
    ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(),
        TimeUnit.MILLISECONDS));
    p.addLast("obs-fold-guard", new ObsFoldGuard(phase));
    p.addLast("decoder", new HttpRequestDecoder(new HttpDecoderConfig()
        .setMaxInitialLineLength(config.maxUriBytes())
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxChunkSize(MAX_CHUNK_BYTES)
        .setStrictLineParsing(true)
        .setAllowDuplicateContentLengths(false)
        .setValidateHeaders(true)));
    p.addLast("decoder-phase", new DecoderPhaseTracker(phase));
    p.addLast("encoder", new EdgeResponseEncoder());
    p.addLast("flow-control", new FlowControlHandler());
    p.addLast("read-until-message", new ReadUntilMessageHandler());
    p.addLast("request-guard", new RequestGuard(phase));
    p.addLast("expect-continue", new HttpServerExpectContinueHandler());
    p.addLast("proxy", proxyHandlers.get());
  }

  /**
   * Turns a connection whose CONNECT was just answered (the 200 head already written, so
   * encoded) into a plain byte stream: every HTTP handler leaves the pipeline, {@code relay}
   * takes their place, and the idle timeout becomes the tunnel's. The flow-control handler
   * leaves first, while the proxy handler is still there to hand the queued end of the CONNECT
   * request to its exchange; the obs-fold guard leaves last and passes the bytes the client
   * sent after its CONNECT head (held since, see {@link DecoderPhase.Kind#TUNNEL}) to
   * {@code relay}. Call on the channel's event loop; reads stay as they were (the caller
   * decides when the tunnel starts reading).
   */
  public static void toTunnel(Channel ch, ChannelHandler relay, Duration idleTimeout) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(TUNNEL, relay);
    p.remove("flow-control");
    for (String name : List.of("proxy", "expect-continue", "request-guard",
        "read-until-message", "encoder", "decoder-phase", "decoder")) {
      p.remove(name);
    }
    p.replace("idle", "idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(),
        TimeUnit.MILLISECONDS));
    p.remove("obs-fold-guard");
  }

  /** Whether {@code ch} carries a tunnel (it has no HTTP handlers left). */
  static boolean isTunnel(Channel ch) {
    return ch.pipeline().get(TUNNEL) != null;
  }
}
