package org.dmmedge.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wire heads pass through as they are, and the Netty encoder's state is left in step. */
class EdgeResponseEncoderTest {
  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  /** Everything written so far, as text (message boundaries dropped); releases it. */
  private static String written(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    Object msg;
    while ((msg = ch.readOutbound()) != null) {
      if (msg instanceof ByteBuf b) {
        out.append(b.toString(StandardCharsets.ISO_8859_1));
        b.release();
      } else if (msg instanceof FileRegion region) {
        out.append("[file ").append(region.count()).append(" B]");
        region.release();
      }
    }
    return out.toString();
  }

  @Test
  void wireHeadAndBodyPassUnframedUntilTheLastContent() {
    EmbeddedChannel ch = new EmbeddedChannel(new EdgeResponseEncoder());

    ch.write(new WireHead(ascii("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n")));
    ch.write(ascii("abc"));
    ch.write(new DefaultHttpContent(ascii("de")));
    ch.writeAndFlush(new DefaultLastHttpContent(ascii("fgh")));

    assertThat(written(ch)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nabcdefgh");
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void aResponseObjectAfterAWireResponseIsEncodedByNetty() {
    EmbeddedChannel ch = new EmbeddedChannel(new EdgeResponseEncoder());
    ch.write(new WireHead(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n")));
    ch.write(ascii("x"));
    ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    written(ch);

    DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.NOT_FOUND, ascii("gone"));
    full.headers().set("Content-Length", "4");
    ch.writeAndFlush(full);
    ch.writeAndFlush(new DefaultLastHttpContent()); // an encoder still in a body would take it

    assertThat(written(ch)).isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\ngone");
    ch.write(new WireHead(ascii("HTTP/1.1 204 No Content\r\n\r\n")));
    ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat(written(ch)).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void aFileBodyPassesAsTheSameRegion(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("body"), new byte[1000]);
    EmbeddedChannel ch = new EmbeddedChannel(new EdgeResponseEncoder());

    ch.write(new WireHead(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")));
    ch.write(new DefaultFileRegion(FileChannel.open(file, StandardOpenOption.READ), 0, 1000));
    ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);

    assertThat(written(ch)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
        + "[file 1000 B]");
    assertThat(ch.finish()).isFalse();
  }
}
