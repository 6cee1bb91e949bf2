package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON form of a report. */
class QoeReportTest {
  @Test
  void writesEverySegmentWithEscapedStringsAndNullForAbsentHeaders() {
    SegmentDownload d = new SegmentDownload("http://x/a\"b\\c\n.m4s", "media", "v\t1", 300_000,
        7, 1234, Duration.ofMillis(15), 200, Optional.of("HIT"), Optional.empty(),
        Duration.ofMillis(4500));
    QoeReport r = new QoeReport("http://x/m.mpd", Duration.ofMillis(120), 1,
        Duration.ofMillis(250), 2, 5678, Duration.ofSeconds(8), List.of(d), List.of("e\u0001"));
    assertThat(r.toJson()).isEqualTo("{\"mpdUrl\":\"http://x/m.mpd\",\"startupDelayMs\":120.0,"
        + "\"stalls\":{\"count\":1,\"totalMs\":250.0},\"bitrateSwitches\":2,\"bytes\":5678,"
        + "\"playedContentMs\":8000.0,\"segments\":[{\"url\":\"http://x/a\\\"b\\\\c\\n.m4s\","
        + "\"kind\":\"media\",\"representation\":\"v\\t1\",\"bandwidth\":300000,\"number\":7,"
        + "\"bytes\":1234,\"downloadMs\":15.0,\"status\":200,\"xCache\":\"HIT\","
        + "\"xServedBy\":null,\"bufferAfterMs\":4500.0}],\"errors\":[\"e\\u0001\"]}");
    assertThat(r.summary()).contains("stalls 1").contains("X-Cache HIT 1/1");
  }
}
