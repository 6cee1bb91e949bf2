package org.dmmedge.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.reverseTo(ORIGIN);

  @Test
  void missThenHit() throws Exception {
    ORIGIN.respond("/a", OriginReply.builder().body("hello").header("Cache-Control", "max-age=60").build());
    HttpResponse<String> first = Http.getText(EDGE.uri("/a"));
    HttpResponse<String> second = Http.getText(EDGE.uri("/a"));
    System.out.println(first.headers().map());
    System.out.println(second.headers().map());
    assertThat(first.body()).isEqualTo("hello");
    assertThat(second.body()).isEqualTo("hello");
    assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(ORIGIN.requestCount("/a")).isEqualTo(1);
  }
}
