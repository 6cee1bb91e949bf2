package org.dmmedge.edge.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.proxy.ProxyHandler;

/**
 * The client-side pipeline, top to bottom: idle timeout, obs-fold guard, request decoder with
 * strict limits, decoder phase tracker, response encoder (also
 * for heads already in wire form), one-message-per-read flow control,
 * re-read on incomplete messages, request guard, 100-continue, the proxy handler. Public so
 * that benchmarks can run the real pipeline on an embedded channel.
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
}
