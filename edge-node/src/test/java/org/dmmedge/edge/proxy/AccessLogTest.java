package org.dmmedge.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dmmedge.edge.LogLines;
import org.dmmedge.edge.config.LoggingConfig.AccessFormat;
import org.junit.jupiter.api.Test;

/** Access log lines of CONNECT tunnels, and what metrics hear of them. */
class AccessLogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"),
      ZoneOffset.UTC);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

  /** What the observer heard, one text per call. */
  private final List<String> heard = new ArrayList<>();
  private final RequestObserver observer = new RequestObserver() {
    @Override
    public void completed(int status, String cacheResult, long bytes, long durationNanos) {
      heard.add("completed " + status + " " + cacheResult + " " + bytes);
    }

    @Override
    public void tunnelled(long bytesFromClient, long bytesToClient, long durationNanos) {
      heard.add("tunnelled " + bytesFromClient + " " + bytesToClient + " " + durationNanos);
    }
  };

  @Test
  void aTunnelIsOneCombinedLineWithTheBytesSentToTheClient() {
    AccessLog log = new AccessLog(true, AccessFormat.COMBINED, CLOCK, observer);
    try (LogLines access = LogLines.access()) {
      log.logTunnel(CLIENT, "CONNECT example.com:443 HTTP/1.1", "curl/8", 517, 4096, 7_000_000);

      assertThat(access.lines()).containsExactly("127.0.0.1 - - [05/Dec/2026:10:00:00 +0000] "
          + "\"CONNECT example.com:443 HTTP/1.1\" 200 4096 \"-\" \"curl/8\"");
    }
    assertThat(heard).containsExactly("tunnelled 517 4096 7000000");
  }

  @Test
  void aJsonTunnelLineAlsoHasTheBytesFromTheClient() throws Exception {
    AccessLog log = new AccessLog(true, AccessFormat.JSON, CLOCK, observer);
    try (LogLines access = LogLines.access()) {
      log.logTunnel(CLIENT, "CONNECT example.com:443 HTTP/1.1", null, 517, 4096, 7_000_000);
      log.log(CLIENT, new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"), 200, 5,
          "HIT", 1_000_000);

      JsonNode tunnel = new ObjectMapper().readTree(access.lines().get(0));
      assertThat(tunnel.get("request").asText()).isEqualTo("CONNECT example.com:443 HTTP/1.1");
      assertThat(tunnel.get("status").asInt()).isEqualTo(200);
      assertThat(tunnel.get("bytes").asLong()).isEqualTo(4096);
      assertThat(tunnel.get("bytesFromClient").asLong()).isEqualTo(517);
      assertThat(tunnel.get("cache").asText()).isEqualTo("TUNNEL");
      assertThat(tunnel.get("durationMs").asLong()).isEqualTo(7);
      JsonNode request = new ObjectMapper().readTree(access.lines().get(1));
      assertThat(request.has("bytesFromClient")).isFalse();
      assertThat(request.get("bytes").asLong()).isEqualTo(5);
    }
    assertThat(heard).containsExactly("tunnelled 517 4096 7000000", "completed 200 HIT 5");
  }
}
