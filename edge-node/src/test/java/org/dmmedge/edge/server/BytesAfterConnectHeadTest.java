package org.dmmedge.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What follows a CONNECT head is no HTTP (RFC 9110 §9.3.6): the obs-fold guard holds it back
 * from the decoder, unchanged, and hands it on when it leaves the pipeline.
 */
class BytesAfterConnectHeadTest {
  private static final String HEAD = "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443"
      + "\r\n\r\n";
  /** A TLS record start, a line that looks folded, and a request the decoder would take. */
  private static final byte[] AFTER =
      "\u0016\u0003\u0001\r\n \tfold\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1);

  private static EmbeddedChannel pipeline() {
    DecoderPhase phase = new DecoderPhase();
    return new EmbeddedChannel(new ObsFoldGuard(phase),
        new HttpRequestDecoder(new HttpDecoderConfig().setStrictLineParsing(true)),
        new DecoderPhaseTracker(phase));
  }

  /** Removes the HTTP handlers as a tunnel does; returns what the guard handed on. */
  private static ByteBuf handOver(EmbeddedChannel ch) {
    ch.pipeline().remove(HttpRequestDecoder.class);
    ch.pipeline().remove(DecoderPhaseTracker.class);
    ch.pipeline().remove(ObsFoldGuard.class);
    return ch.readInbound();
  }

  @Test
  void theDecoderSeesOnlyTheConnectAndTheRestIsHandedOnWhenTheGuardLeaves() {
    EmbeddedChannel ch = pipeline();
    ByteBuf in = Unpooled.buffer();
    in.writeCharSequence(HEAD, StandardCharsets.ISO_8859_1);
    in.writeBytes(AFTER);

    ch.writeInbound(in);

    HttpRequest connect = ch.readInbound();
    assertThat(connect.method()).isEqualTo(HttpMethod.CONNECT);
    assertThat(connect.uri()).isEqualTo("example.com:443");
    assertThat((Object) ch.readInbound()).isEqualTo(LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat((Object) ch.readInbound()).as("nothing decoded after the CONNECT head").isNull();

    ByteBuf held = handOver(ch);
    assertThat(ByteBufUtil.getBytes(held)).isEqualTo(AFTER);
    held.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void bytesThatArriveInLaterReadsAreHeldInOrder() {
    EmbeddedChannel ch = pipeline();
    ch.writeInbound(Unpooled.copiedBuffer(HEAD + "first", StandardCharsets.ISO_8859_1));
    ch.writeInbound(Unpooled.copiedBuffer(" second", StandardCharsets.ISO_8859_1));
    assertThat(((HttpRequest) ch.readInbound()).method()).isEqualTo(HttpMethod.CONNECT);
    assertThat((Object) ch.readInbound()).isEqualTo(LastHttpContent.EMPTY_LAST_CONTENT);

    ByteBuf held = handOver(ch);
    assertThat(held.toString(StandardCharsets.ISO_8859_1)).isEqualTo("first second");
    held.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void heldBytesAreReleasedWhenTheConnectionCloses() {
    EmbeddedChannel ch = pipeline();
    ch.writeInbound(Unpooled.copiedBuffer(HEAD + "never relayed", StandardCharsets.ISO_8859_1));
    assertThat(((HttpRequest) ch.readInbound()).method()).isEqualTo(HttpMethod.CONNECT);
    assertThat((Object) ch.readInbound()).isEqualTo(LastHttpContent.EMPTY_LAST_CONTENT);

    assertThat(ch.finish()).as("nothing passed on").isFalse();
    // A leak of the held bytes fails this class (paranoid leak detection).
  }
}
