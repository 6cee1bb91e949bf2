package org.dmmedge.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pre-warming by MPD: the manifest is expanded with mpd-tools and its segments filled. */
class AdminMpdPrewarmIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  private static final String MPD = """
      <?xml version="1.0" encoding="UTF-8"?>
      <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" minBufferTime="PT2S"
           mediaPresentationDuration="PT20S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
        <Period id="p0" duration="PT20S">
          <AdaptationSet mimeType="video/mp4" segmentAlignment="true">
            <SegmentTemplate timescale="1000" duration="2000" startNumber="1"
                initialization="$RepresentationID$/init.mp4"
                media="$RepresentationID$/seg-$Number$.m4s"/>
            <Representation id="v1" bandwidth="500000" width="640" height="360"/>
            <Representation id="v2" bandwidth="1000000" width="1280" height="720"/>
          </AdaptationSet>
        </Period>
      </MPD>
      """;

  @BeforeEach
  void origin() {
    ORIGIN.respond("/vod/manifest.mpd", OriginReply.builder().body(MPD)
        .header("Content-Type", "application/dash+xml").header("Cache-Control", "max-age=60")
        .build());
    for (String rep : new String[] {"v1", "v2"}) {
      ORIGIN.respond("/vod/" + rep + "/init.mp4", segment(rep + " init"));
      for (int i = 1; i <= 10; i++) {
        ORIGIN.respond("/vod/" + rep + "/seg-" + i + ".m4s", segment(rep + " " + i));
      }
    }
  }

  private static OriginReply segment(String text) {
    return OriginReply.builder().body(text).header("Cache-Control", "max-age=600").build();
  }

  @Test
  void chosenRepresentationsFirstSegmentsAreCached() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      String body = "{\"mpd\": \"" + edge.url("/vod/manifest.mpd")
          + "\", \"representations\": [\"v1\"], \"maxSegments\": 3}";
      JsonNode end = AdminPrewarmIT.last(AdminPrewarmIT.followToEnd(edge,
          AdminPrewarmIT.id(edge.post("/admin/prewarm", body))));

      assertThat(end.get("total").asLong()).isEqualTo(5); // MPD, init, 3 segments
      assertThat(end.get("failed").asLong()).as(end.toString()).isZero();
      for (String path : new String[] {"/vod/manifest.mpd", "/vod/v1/init.mp4",
          "/vod/v1/seg-1.m4s", "/vod/v1/seg-2.m4s", "/vod/v1/seg-3.m4s"}) {
        HttpResponse<String> r = Http.getText(URI.create(edge.url(path)));
        assertThat(r.headers().firstValue("X-Cache")).as(path).contains("HIT");
      }
      assertThat(ORIGIN.requestCount("/vod/v1/seg-4.m4s")).isZero();
      assertThat(ORIGIN.requestCount("/vod/v2/init.mp4")).isZero();
    }
  }

  @Test
  void allRepresentationsWithoutLimitWarmsEverySegment() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      String body = "{\"mpd\": \"" + edge.url("/vod/manifest.mpd")
          + "\", \"representations\": \"all\"}";
      JsonNode end = AdminPrewarmIT.last(AdminPrewarmIT.followToEnd(edge,
          AdminPrewarmIT.id(edge.post("/admin/prewarm", body))));
      assertThat(end.get("total").asLong()).isEqualTo(1 + 2 * 11);
      assertThat(end.get("done").asLong()).isEqualTo(23);
      assertThat(end.get("failed").asLong()).isZero();
    }
  }

  @Test
  void unknownRepresentationAndBrokenMpdAreRefusedNamingTheField() throws Exception {
    ORIGIN.respond("/vod/broken.mpd", OriginReply.builder().body("<MPD><Period>").build());
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      HttpResponse<String> unknown = edge.post("/admin/prewarm", "{\"mpd\": \""
          + edge.url("/vod/manifest.mpd") + "\", \"representations\": [\"v9\"]}");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(AdminNode.JSON.readTree(unknown.body()).get("field").asText())
          .isEqualTo("representations");
      assertThat(unknown.body()).contains("v9", "v1", "v2");

      HttpResponse<String> broken = edge.post("/admin/prewarm",
          "{\"mpd\": \"" + edge.url("/vod/broken.mpd") + "\"}");
      assertThat(broken.statusCode()).isEqualTo(422);
      assertThat(AdminNode.JSON.readTree(broken.body()).get("field").asText()).isEqualTo("mpd");

      HttpResponse<String> missing = edge.post("/admin/prewarm",
          "{\"mpd\": \"" + edge.url("/vod/none.mpd") + "\"}");
      assertThat(missing.statusCode()).isEqualTo(502);
      assertThat(missing.body()).contains("404");
    }
  }
}
