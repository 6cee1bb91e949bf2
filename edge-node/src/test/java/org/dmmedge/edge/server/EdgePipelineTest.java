package org.dmmedge.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.proxy.AccessLog;
import org.dmmedge.edge.proxy.ProxyHandler;
import org.dmmedge.edge.proxy.ProxyServices;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client pipeline on an embedded channel: requests the guards reject never get further. */
class EdgePipelineTest {
  private static HttpClient5OriginClient client;
  private static ProxyServices services;
  private static org.dmmedge.cache.HttpCache cache;

  @BeforeAll
  static void services() {
    client = new HttpClient5OriginClient(OriginClientConfig.defaults());
    cache = org.dmmedge.cache.HttpCache.create(org.dmmedge.cache.CacheConfig.defaults(),
        Clock.systemUTC());
    OriginResolver resolver = new OriginResolver(ProxyMode.REVERSE,
        new OriginsConfig(Optional.of(java.net.URI.create("http://127.0.0.1:9")), Map.of()),
        "edge", () -> null);
    services = new ProxyServices("edge", resolver, client, new AccessLog(false,
        Clock.systemUTC()), Clock.systemUTC(), "CDN-Cache-Control");
  }

  @AfterAll
  static void close() {
    cache.close();
    client.close();
  }

  private static EmbeddedChannel channel() throws Exception {
    ServerConfig config = new ServerConfig(new HostPort("127.0.0.1", 0), ProxyMode.REVERSE,
        8 * 1024, 2 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(1), 1);
    EmbeddedChannel ch = new EmbeddedChannel(false, false);
    ch.config().setAutoRead(false);
    ch.pipeline().addLast(new EdgeChannelInitializer(config,
        () -> new ProxyHandler(services, cache),
        new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
    ch.register();
    return ch;
  }

  private static String answer(EmbeddedChannel ch, String request) {
    ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    ch.runPendingTasks();
    StringBuilder out = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  @Test
  void obsFoldIsRejectedWithItsReason() throws Exception {
    EmbeddedChannel ch = channel();
    String out = answer(ch, "GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n");
    assertThat(out).startsWith("HTTP/1.1 400").contains("obsolete line folding");
    assertThat(ch.isActive()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void foldLikeBytesInsideABodyAreNotTouched() throws Exception {
    DecoderPhase phase = new DecoderPhase();
    EmbeddedChannel ch = new EmbeddedChannel(new ObsFoldGuard(phase),
        new io.netty.handler.codec.http.HttpRequestDecoder(), new DecoderPhaseTracker(phase));
    ch.writeInbound(Unpooled.copiedBuffer("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n"
        + "\r\nab\r\n cdGET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.ISO_8859_1));
    StringBuilder body = new StringBuilder();
    int requests = 0;
    Object m;
    while ((m = ch.readInbound()) != null) {
      if (m instanceof io.netty.handler.codec.http.HttpRequest r) {
        assertThat(r.decoderResult().isSuccess()).isTrue();
        requests++;
      }
      if (m instanceof io.netty.handler.codec.http.HttpContent c) {
        body.append(c.content().toString(StandardCharsets.ISO_8859_1));
      }
      io.netty.util.ReferenceCountUtil.release(m);
    }
    assertThat(requests).isEqualTo(2);
    assertThat(body).hasToString("ab\r\n cd");
    assertThat(phase.foldSeen).isFalse();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void tooLongRequestLineIs414() throws Exception {
    EmbeddedChannel ch = channel();
    String out = answer(ch, "GET /" + "a".repeat(4000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(out).startsWith("HTTP/1.1 414");
    assertThat(ch.isActive()).isFalse();
    ch.finishAndReleaseAll();
  }
}
