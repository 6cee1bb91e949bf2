package org.dmmedge.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /metrics, /admin/cache/stats, /admin/cache/entry, /healthz and /readyz. */
class AdminObservabilityIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  /** A sample line of the Prometheus text format: name, optional labels, value. */
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})?"
          + " (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");

  /** Parses the exposition text strictly; every sample keyed by name plus label text. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("a Prometheus sample line: %s", line).isTrue();
      samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
          Double.parseDouble(m.group(3).replace("+Inf", "Infinity")));
    }
    return samples;
  }

  private static double sum(Map<String, Double> samples, String name, String... labels) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .filter(e -> java.util.Arrays.stream(labels).allMatch(e.getKey()::contains))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  @Test
  void metricsParseAndCountersMoveWithTraffic() throws Exception {
    ORIGIN.respond("/m", OriginReply.builder().body("x".repeat(1000))
        .header("Cache-Control", "max-age=600").build());
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      HttpResponse<String> scraped = edge.get("/metrics");
      assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/plain"));
      Map<String, Double> before = parse(scraped.body());
      assertThat(before).containsKeys("edge_client_bytes_total", "edge_origin_bytes_total",
          "edge_cache_inflight_fills", "edge_prefetches_total", "edge_cache_evictions_total",
          "edge_cache_collapsed_followers_total", "edge_cache_memory_bytes");
      assertThat(before.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));

      Http.getText(URI.create(edge.url("/m")));
      Fills.awaitNone(edge.node().cache());
      Http.getText(URI.create(edge.url("/m")));
      edge.post("/admin/prewarm", "{\"urls\": [\"" + edge.url("/m") + "\"]}");
      Map<String, Double> after = parse(edge.get("/metrics").body());

      assertThat(sum(after, "edge_requests_total", "cache=\"miss\"", "status=\"200\""))
          .isEqualTo(sum(before, "edge_requests_total", "cache=\"miss\"") + 1);
      assertThat(sum(after, "edge_requests_total", "cache=\"hit\"", "status=\"200\""))
          .isEqualTo(sum(before, "edge_requests_total", "cache=\"hit\"") + 1);
      assertThat(after.get("edge_client_bytes_total"))
          .isEqualTo(before.get("edge_client_bytes_total") + 2000);
      assertThat(after.get("edge_origin_bytes_total"))
          .isEqualTo(before.get("edge_origin_bytes_total") + 1000);
      assertThat(after.get("edge_origin_latency_seconds_count"))
          .isEqualTo(before.get("edge_origin_latency_seconds_count") + 1);
      assertThat(after.get("edge_client_latency_seconds_count"))
          .isEqualTo(before.get("edge_client_latency_seconds_count") + 2);
      assertThat(after.keySet()).anyMatch(k -> k.startsWith("edge_client_latency_seconds_bucket"));
      assertThat(after.get("edge_prefetches_total")).isEqualTo(1.0);
      assertThat(after.get("edge_cache_memory_bytes")).isGreaterThanOrEqualTo(1000.0);
    }
  }

  @Test
  void cacheStatsAndEntryDescribeWhatIsStored() throws Exception {
    ORIGIN.respond("/e", OriginReply.builder().body("hello").header("Cache-Control", "max-age=600")
        .header("Content-Type", "text/plain").build());
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      HttpResponse<String> none = edge.get("/admin/cache/entry?url=" + edge.url("/e"));
      assertThat(none.statusCode()).isEqualTo(404);
      assertThat(ORIGIN.requestCount("/e")).isZero(); // looking does not fetch

      Http.getText(URI.create(edge.url("/e")));
      Fills.awaitNone(edge.node().cache());
      JsonNode entry = edge.getJson("/admin/cache/entry?url=" + edge.url("/e"));
      assertThat(entry.get("status").asInt()).isEqualTo(200);
      assertThat(entry.get("size").asLong()).isEqualTo(5);
      assertThat(entry.get("fresh").asBoolean()).isTrue();
      assertThat(entry.get("ttl").asLong()).isBetween(1L, 600L);
      assertThat(entry.get("headers").toString()).contains("Content-Type", "text/plain");
      assertThat(entry.get("hits").asLong()).isZero(); // the miss that stored it is no hit

      Http.getText(URI.create(edge.url("/e")));
      Http.getText(URI.create(edge.url("/e")));
      assertThat(edge.getJson("/admin/cache/entry?url=" + edge.url("/e")).get("hits").asLong())
          .isEqualTo(2); // two clients served from cache; looking does not count

      JsonNode stats = edge.getJson("/admin/cache/stats");
      assertThat(stats.get("objects").get("memory").asLong()).isEqualTo(1);
      assertThat(stats.get("bytes").get("memory").asLong()).isGreaterThanOrEqualTo(5);
      assertThat(stats.get("misses").asLong()).isEqualTo(1);
      assertThat(stats.has("hitRatio")).isTrue();
      assertThat(stats.has("evictions")).isTrue();
      assertThat(stats.has("collapsedWaits")).isTrue();

      HttpResponse<String> bad = edge.get("/admin/cache/entry");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(AdminNode.JSON.readTree(bad.body()).get("field").asText()).isEqualTo("url");
    }
  }

  @Test
  void healthAndReadiness() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      assertThat(edge.getJson("/healthz").get("status").asText()).isEqualTo("ok");
      HttpResponse<String> ready = edge.get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(AdminNode.JSON.readTree(ready.body()).get("origin").asText())
          .isEqualTo("reachable");

      ORIGIN.down();
      try {
        HttpResponse<String> notReady = edge.get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(AdminNode.JSON.readTree(notReady.body()).get("origin").asText())
            .isEqualTo("unreachable");
      } finally {
        ORIGIN.up();
      }
      // A warm cache can serve while its origin is away: ready.
      ORIGIN.respond("/warm", OriginReply.builder().body("w")
          .header("Cache-Control", "max-age=600").build());
      Http.getText(URI.create(edge.url("/warm")));
      Fills.awaitNone(edge.node().cache());
      ORIGIN.down();
      try {
        HttpResponse<String> warm = edge.get("/readyz");
        assertThat(warm.statusCode()).isEqualTo(200);
        assertThat(AdminNode.JSON.readTree(warm.body()).get("cacheObjects").asLong())
            .isEqualTo(1);
      } finally {
        ORIGIN.up();
      }
    }
  }
}
