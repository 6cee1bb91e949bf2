package org.dmmedge.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk tier across a restart: the first hits come from the disk file (zero-copy), the
 * second disk hit promotes the entry, later hits come from memory; the origin is asked once.
 */
class DiskPromotionIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  @TempDir
  Path disk;

  @Test
  void aRestartedNodeServesFromDiskThenPromotesThePopularEntryToMemory() throws Exception {
    byte[] segment = new byte[300 * 1024];
    new Random(7).nextBytes(segment);
    ORIGIN.respond("/v/seg-1.m4s", OriginReply.builder().body(segment)
        .header("Cache-Control", "max-age=600").build());
    CacheConfig cache = CacheConfig.builder().memoryBudgetBytes(64L << 20)
        .diskDirectory(disk).diskPromotionHitCount(2).build();

    int port;
    try (AdminNode edge = AdminNode.start(ORIGIN, cache, 0)) {
      port = edge.port();
      assertThat(get(edge).headers().firstValue("X-Cache")).contains("MISS");
      Fills.awaitNone(edge.node().cache());
      assertThat(edge.node().cache().flushDisk(Duration.ofSeconds(10))).isTrue();
    }

    try (AdminNode edge = AdminNode.start(ORIGIN, cache, port)) {
      assertThat(stats(edge).get("objects").get("disk").asInt()).isEqualTo(1);

      HttpResponse<byte[]> fromDisk = get(edge);
      assertThat(fromDisk.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(fromDisk.headers().firstValue("Cache-Status").orElseThrow())
          .matches("edge-admin-test; hit; ttl=\\d+");
      assertThat(fromDisk.body()).isEqualTo(segment);
      assertThat(edge.node().cache().flushDisk(Duration.ofSeconds(10))).isTrue();
      assertThat(stats(edge).get("objects").get("memory").asInt()).isZero();

      assertThat(get(edge).body()).isEqualTo(segment); // the second disk hit promotes
      assertThat(edge.node().cache().flushDisk(Duration.ofSeconds(10))).isTrue();
      JsonNode stats = stats(edge);
      assertThat(stats.get("promotions").asInt()).isEqualTo(1);
      assertThat(stats.get("objects").get("memory").asInt()).isEqualTo(1);
      assertThat(stats.get("bytes").get("memory").asLong()).isEqualTo(segment.length);

      HttpResponse<byte[]> fromMemory = get(edge);
      assertThat(fromMemory.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(fromMemory.body()).isEqualTo(segment);
      JsonNode entry = edge.getJson("/admin/cache/entry?url="
          + URLEncoder.encode(edge.url("/v/seg-1.m4s"), StandardCharsets.UTF_8));
      assertThat(entry.get("tier").asText()).isEqualTo("memory");
      assertThat(entry.get("size").asInt()).isEqualTo(segment.length);
    }
    assertThat(ORIGIN.requestCount("/v/seg-1.m4s")).isEqualTo(1);
  }

  private static HttpResponse<byte[]> get(AdminNode edge) throws Exception {
    return Http.get(URI.create(edge.url("/v/seg-1.m4s")));
  }

  private static JsonNode stats(AdminNode edge) throws Exception {
    return edge.getJson("/admin/cache/stats");
  }
}
