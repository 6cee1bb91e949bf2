package org.dmmedge.mobility.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.TestNetwork;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a CMD process in the middle of a stream of PBUs loses no binding it
 * acknowledged: the restarted process (same journal) lists every one of them.
 */
class CmdCrashIT {
  private static final int FIRST_WAVE = 300;
  private static final int SECOND_WAVE = 600;

  @TempDir
  Path journal;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killAll() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void acknowledgedBindingsSurviveKillMinus9() throws Exception {
    // A small compaction threshold so that snapshots and journal truncation happen too.
    Process first = start("200");
    Map<String, Ipv6Prefix> acknowledged = new LinkedHashMap<>();
    try (TestMar mar = new TestMar(TestNetwork.loopback(1),
        TestNetwork.key(1, TestNetwork.loopback(10)), cmdAddress(first))) {
      register(mar, 0, FIRST_WAVE, acknowledged);
      assertThat(acknowledged).as(() -> metricsOf(first)).hasSize(FIRST_WAVE);
      // Second wave: kill the CMD while PBUs are still arriving.
      mar.setTimeoutMillis(2_000);
      for (int i = FIRST_WAVE; i < FIRST_WAVE + SECOND_WAVE; i++) {
        mar.send(mar.signed(TestMar.pbu(1, 100, mn(i), prefix(i), Instant.now())));
        if (i == FIRST_WAVE + SECOND_WAVE / 3) {
          first.destroyForcibly();
        }
        while (i % 8 == 0 && collect(mar, acknowledged, 1) > 0) {
          // drain what is there
        }
      }
      while (collect(mar, acknowledged, 1) > 0) {
        // the rest, until the dead CMD stops answering
      }
    }
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged.size()).isGreaterThan(FIRST_WAVE);

    Process second = start("200");
    String bindings = get(second, "/bindings");
    for (Map.Entry<String, Ipv6Prefix> e : acknowledged.entrySet()) {
      assertThat(bindings).contains("{\"mnId\":\"" + e.getKey() + "\",\"servingMar\":\"127.0.0.1\"");
      assertThat(bindings).contains("\"prefix\":\"" + e.getValue() + "\"");
    }
    String metrics = get(second, "/metrics");
    int restored = Integer.parseInt(metrics.lines().filter(l -> l.startsWith("dmm.cmd.bindings "))
        .findFirst().orElseThrow().substring("dmm.cmd.bindings ".length()));
    assertThat(restored).isGreaterThanOrEqualTo(acknowledged.size());
  }

  /** Registers MNs {@code from..to-1}, sending again (as a MAR would) what is not answered. */
  private static void register(TestMar mar, int from, int to, Map<String, Ipv6Prefix> acked) {
    for (int round = 1; round <= 5 && acked.size() < to - from; round++) {
      for (int i = from; i < to; i++) {
        if (!acked.containsKey(mn(i))) {
          mar.send(mar.signed(TestMar.pbu(round, 100, mn(i), prefix(i), Instant.now())));
          collect(mar, acked, 0);
        }
      }
      while (acked.size() < to - from && collect(mar, acked, 1) > 0) {
        // wait for the stragglers of this round
      }
    }
  }

  /** Takes the PBAs there are (waiting up to the socket timeout when {@code wait} is 1). */
  private static int collect(TestMar mar, Map<String, Ipv6Prefix> acked, int wait) {
    int got = 0;
    if (wait == 0) {
      mar.setTimeoutMillis(1);
    }
    Optional<ProxyBindingAck> pba;
    while ((pba = mar.receive()).isPresent()) {
      ProxyBindingAck ack = pba.get();
      assertThat(ack.status()).isEqualTo(PbaStatus.ACCEPTED);
      String mn = ack.mnId().orElseThrow();
      acked.put(mn, org.dmmedge.mobility.codec.ProxyMessages.prefixes(ack).get(0));
      got++;
      if (wait == 1) {
        break;
      }
    }
    mar.setTimeoutMillis(2_000);
    return got;
  }

  private static String mn(int i) {
    return "mn" + i + "@crash.example";
  }

  private static Ipv6Prefix prefix(int i) {
    return Ipv6Prefix.parse("2001:db8:1:" + Integer.toHexString(i) + "::/64");
  }

  private Process start(String compactAfter) throws IOException {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CmdProcessMain.class.getName(), journal.toString(), compactAfter)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    processes.add(process);
    return process;
  }

  private final Map<Process, int[]> ports = new java.util.HashMap<>();

  private InetSocketAddress cmdAddress(Process process) throws IOException {
    return new InetSocketAddress(TestNetwork.loopback(10), ports(process)[0]);
  }

  private int[] ports(Process process) throws IOException {
    int[] known = ports.get(process);
    if (known != null) {
      return known;
    }
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    for (int line = 0; line < 1000; line++) {
      String text = out.readLine();
      if (text == null) {
        throw new AssertionError("CMD process ended before it was ready");
      }
      if (text.startsWith("READY ")) {
        String[] parts = text.split(" ");
        int[] found = {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        ports.put(process, found);
        // Keep reading the child's output so that its logging never blocks on a full pipe.
        Thread drain = new Thread(() -> out.lines().forEach(System.out::println), "cmd-output");
        drain.setDaemon(true);
        drain.start();
        return found;
      }
    }
    throw new AssertionError("CMD process printed no READY line");
  }

  private String metricsOf(Process process) {
    try {
      return get(process, "/metrics");
    } catch (Exception e) {
      return e.toString();
    }
  }

  private String get(Process process, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.10:" + ports(process)[1] + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
