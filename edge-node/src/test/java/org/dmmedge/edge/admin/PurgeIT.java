package org.dmmedge.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.config.Cidr;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Purging through the admin API and with the PURGE method on the proxy port. */
class PurgeIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  @BeforeEach
  void origin() {
    for (String path : new String[] {"/videos/a/1", "/videos/a/2", "/videos/b/1", "/other"}) {
      ORIGIN.respond(path, OriginReply.builder().body(path)
          .header("Cache-Control", "max-age=600").build());
    }
  }

  private static String cacheResult(AdminNode edge, String path) throws Exception {
    return Http.getText(URI.create(edge.url(path))).headers().firstValue("X-Cache").orElse("");
  }

  private static void warm(AdminNode edge, String... paths) throws Exception {
    for (String path : paths) {
      cacheResult(edge, path);
      Fills.awaitNone(edge.node().cache());
      assertThat(cacheResult(edge, path)).as(path).isEqualTo("HIT");
    }
  }

  @Test
  void purgeByUrlRemovesThatEntryOnly() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      warm(edge, "/videos/a/1", "/videos/a/2");
      HttpResponse<String> r = edge.post("/admin/purge",
          "{\"url\": \"" + edge.url("/videos/a/1") + "\"}");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(AdminNode.JSON.readTree(r.body()).get("purged").asInt()).isEqualTo(1);
      assertThat(cacheResult(edge, "/videos/a/1")).isEqualTo("MISS");
      assertThat(cacheResult(edge, "/videos/a/2")).isEqualTo("HIT");
    }
  }

  @Test
  void purgeByPrefixRemovesEverythingUnderIt() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      warm(edge, "/videos/a/1", "/videos/a/2", "/videos/b/1", "/other");
      String prefix = edge.url("/videos/a/").toUpperCase().replace("/VIDEOS/A/", "/videos/a/");
      HttpResponse<String> r = edge.post("/admin/purge", "{\"prefix\": \"" + prefix + "\"}");
      assertThat(AdminNode.JSON.readTree(r.body()).get("purged").asInt()).isEqualTo(2);
      assertThat(cacheResult(edge, "/videos/a/1")).isEqualTo("MISS");
      assertThat(cacheResult(edge, "/videos/a/2")).isEqualTo("MISS");
      assertThat(cacheResult(edge, "/videos/b/1")).isEqualTo("HIT");
      assertThat(cacheResult(edge, "/other")).isEqualTo("HIT");
    }
  }

  @Test
  void purgeMethodFromAnAllowedNetworkRemovesTheEntry() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      warm(edge, "/videos/b/1");
      HttpResponse<String> purged = purgeMethod(edge, "/videos/b/1");
      assertThat(purged.statusCode()).isEqualTo(200);
      assertThat(purged.body()).contains("\"purged\":1");
      assertThat(purgeMethod(edge, "/videos/b/1").statusCode()).isEqualTo(404);
      assertThat(cacheResult(edge, "/videos/b/1")).isEqualTo("MISS");
    }
  }

  @Test
  void purgeMethodFromOtherNetworksIs403AndKeepsTheEntry() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN,
        a -> AdminNode.adminConfig(4, 0, List.of(Cidr.parse("10.0.0.0/8"),
            Cidr.parse("fd00::/8"))))) {
      warm(edge, "/videos/b/1");
      HttpResponse<String> refused = purgeMethod(edge, "/videos/b/1");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("127.0.0.1");
      assertThat(cacheResult(edge, "/videos/b/1")).isEqualTo("HIT");
    }
  }

  private static HttpResponse<String> purgeMethod(AdminNode edge, String path) throws Exception {
    return Http.CLIENT.send(Http.request(URI.create(edge.url(path)))
        .method("PURGE", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
