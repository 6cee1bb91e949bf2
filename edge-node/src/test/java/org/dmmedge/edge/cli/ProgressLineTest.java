package org.dmmedge.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static JsonNode progress(String json) throws Exception {
    return AdminClient.JSON.readTree(json);
  }

  @Test
  void theTerminalBarShowsShareRateAndEta() throws Exception {
    String bar = ProgressLine.bar(progress("{\"id\":\"3\",\"state\":\"running\",\"total\":200,"
        + "\"done\":50,\"failed\":0,\"bytesPerSecond\":3200000,\"etaSeconds\":75.4}"));
    assertThat(bar).startsWith("\r[" + "#".repeat(7) + "-".repeat(23) + "] 50/200")
        .contains("3.2 MB/s", "ETA 1m15s");
  }

  @Test
  void plainLinesSayTheStateAndAnUnknownEta() throws Exception {
    assertThat(ProgressLine.plain(progress("{\"id\":\"3\",\"state\":\"running\",\"total\":2,"
        + "\"done\":0,\"failed\":0,\"bytesPerSecond\":0,\"etaSeconds\":null}")))
        .isEqualTo("prewarm 3 running: 0/2, 0 failed, 0.0 MB/s, ETA ?");
    assertThat(ProgressLine.plain(progress("{\"id\":\"3\",\"state\":\"done\",\"total\":2,"
        + "\"done\":2,\"failed\":1,\"bytesPerSecond\":1500000,\"etaSeconds\":0}")))
        .isEqualTo("prewarm 3 done: 2/2, 1 failed, 1.5 MB/s, ETA 0s");
    assertThat(ProgressLine.bar(progress("{\"total\":0,\"done\":0,\"etaSeconds\":7300}")))
        .contains("[" + "#".repeat(30) + "]", "ETA 2h1m");
  }
}
