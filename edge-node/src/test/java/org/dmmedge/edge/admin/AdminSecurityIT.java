package org.dmmedge.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.config.AdminConfig;
import org.dmmedge.edge.config.Cidr;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authentication, body limits and request validation of the admin API. */
class AdminSecurityIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  private static AdminNode edge;

  @BeforeAll
  static void start() throws Exception {
    edge = AdminNode.start(ORIGIN);
  }

  @AfterAll
  static void stop() throws Exception {
    edge.close();
  }

  private static HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    return Http.CLIENT.send(Http.request(edge.admin(path), headers)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mutatingWithoutTokenIs401WithAChallenge() throws Exception {
    HttpResponse<String> r = post("/admin/purge", "{\"url\": \"http://x/\"}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer"));
    assertThat(AdminNode.JSON.readTree(r.body()).get("field").asText())
        .isEqualTo("Authorization");
  }

  @Test
  void wrongTokenIs403AndNotBearerIs401() throws Exception {
    assertThat(post("/admin/purge", "{\"url\": \"http://x/\"}", "Authorization",
        "Bearer nope").statusCode()).isEqualTo(403);
    assertThat(post("/admin/purge", "{\"url\": \"http://x/\"}", "Authorization",
        "Basic YTpi").statusCode()).isEqualTo(401);
    HttpResponse<String> delete = Http.CLIENT.send(Http.request(edge.admin("/admin/prewarm/1"))
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(401);
  }

  @Test
  void readsNeedNoToken() throws Exception {
    assertThat(edge.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(edge.get("/admin/cache/stats").statusCode()).isEqualTo(200);
    assertThat(edge.get("/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void badJsonIs400NamingTheProblem() throws Exception {
    HttpResponse<String> r = edge.post("/admin/prewarm", "{\"urls\": [");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(AdminNode.JSON.readTree(r.body()).get("field").asText()).isEqualTo("body");
    assertThat(r.body()).contains("invalid JSON", "line 1");

    assertThat(edge.post("/admin/prewarm", "[1, 2]").body()).contains("expected: a JSON object");
    assertThat(edge.post("/admin/prewarm", "").statusCode()).isEqualTo(400);
  }

  @Test
  void badFieldsAre400NamingTheField() throws Exception {
    assertField(edge.post("/admin/prewarm", "{\"urls\": \"http://a/\"}"), "urls");
    assertField(edge.post("/admin/prewarm", "{\"urls\": [\"ftp://a/\"]}"), "urls[0]");
    assertField(edge.post("/admin/prewarm", "{\"url\": [\"http://a/\"]}"), "url");
    assertField(edge.post("/admin/prewarm", "{}"), "urls");
    assertField(edge.post("/admin/prewarm", "{\"mpd\": \"http://a/m.mpd\", \"maxSegments\": 0}"),
        "maxSegments");
    assertField(edge.post("/admin/purge", "{\"url\": \"http://a/\", \"prefix\": \"http://a/\"}"),
        "prefix");
    assertField(edge.post("/admin/purge", "{\"url\": \"/relative\"}"), "url");
    assertField(edge.post("/admin/purge", "{\"url\": 5}"), "url");
  }

  private static void assertField(HttpResponse<String> r, String field) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(AdminNode.JSON.readTree(r.body()).get("field").asText()).isEqualTo(field);
    assertThat(AdminNode.JSON.readTree(r.body()).get("error").asText()).startsWith(field + ": ");
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    String big = "{\"urls\": [\"" + "http://a/" + "x".repeat(70 * 1024) + "\"]}";
    HttpResponse<String> r = edge.post("/admin/prewarm", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(AdminNode.JSON.readTree(r.body()).get("field").asText()).isEqualTo("body");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    assertThat(edge.get("/admin/nothing").statusCode()).isEqualTo(404);
    assertThat(edge.post("/healthz", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void adminBeyondLoopbackWithoutTokenRefusesToStart() {
    assertThatThrownBy(() -> new AdminConfig(true, new HostPort("0.0.0.0", 0), Optional.empty(),
        1024, List.of(Cidr.parse("127.0.0.1")), 1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("admin.token: none");
  }
}
