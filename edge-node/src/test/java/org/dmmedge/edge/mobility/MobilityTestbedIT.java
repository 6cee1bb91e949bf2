package org.dmmedge.edge.mobility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmmedge.testkit.Commands;
import org.dmmedge.testkit.PatternBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The DMM demo with the real programs: {@code dmm-edge cmd} in the cmd namespace, {@code dmm-edge
 * edge} with conf/testbed/mar1..3.yaml in mar1..3, the Python origin (DASH-like content, a
 * paced 20 MB download) and an MN that is a plain namespace with kernel SLAAC, moved between
 * MARs by {@code handover.sh}. The steps share one test bed and run in order: the MN starts at
 * MAR1, moves to MAR2 (tests 1, 2), then MAR3 (test 3), then around until {@value #MOVES} moves
 * were measured (test 4). Teardown (also after a failure) must leave nothing: {@link
 * RealTestbed#close()} checks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class MobilityTestbedIT {
  /** Moves measured in all (each costs a registration and a few seconds of flow). */
  static final int MOVES = 10;
  private static final String ORIGIN = "2001:db8:c::f0";
  private static final long BIG_BYTES = 20L << 20;
  private static final long BIG_RATE = 4L << 20;
  private static final Duration START = Duration.ofSeconds(90);
  private static final long SETTLE_NANOS = 1_500_000_000L;
  private static final Pattern INSTALLED = Pattern.compile(
      "^(\\S+) INFO .*TimedDataPlane - installed (\\w+)\\[.* in (\\d+) us$", Pattern.MULTILINE);
  private static final Pattern REGISTERED = Pattern.compile(
      "^(\\S+) INFO .*AttachHandler - .* attached on acc0: .* registered in (\\d+) us$",
      Pattern.MULTILINE);
  private static final Pattern PACKET = Pattern.compile(
      "^(\\d+\\.\\d+) IP6 (\\S+)\\.5436 > (\\S+)\\.5436:", Pattern.MULTILINE);

  private RealTestbed bed;
  private Writer player;
  private String at = "mar1";
  private final List<Move> moves = new ArrayList<>();

  /** One handover: where, and when (monotonic ns for the flows, wall time for the logs). */
  record Move(String from, String to, long nanos, Instant wall) {}

  @BeforeAll
  void startTheDemo() throws IOException {
    bed = RealTestbed.up();
    bed.startDmmEdge("cmd", "cmd", "cmd", "--config", "conf/testbed/cmd.yaml");
    bed.startPython("origin", "origin", "origin.py", "80");
    awaitLog("cmd", "CMD listening");
    awaitLog("origin", "listening");
    if (tcpdump()) {
      bed.start("tcpdump", "core", List.of("tcpdump", "-i", "to-cmd", "-n", "-tt", "-l",
          "udp", "port", "5436"));
      // For conf/testbed/timeline.py: every PBU/PBA and the tunnelled downlink flow on the
      // core bridge; neighbour discovery, RAs and the downlink flow on the MN's link.
      bed.start("tcpdump-core", "core", List.of("tcpdump", "-i", "br0", "-n", "-tt", "-l",
          "udp port 5436 or (ip6[6] == 41 and ip6[46] == 17 and ip6[82:2] == 9001)"));
      bed.start("tcpdump-mn", "mn", List.of("tcpdump", "-i", "eth0", "-n", "-tt", "-l",
          "icmp6 or udp port 9001"));
    }
    for (int i = 1; i <= 3; i++) {
      bed.startDmmEdge("mar" + i, "mar" + i, "edge", "--config", "conf/testbed/mar" + i + ".yaml");
    }
    for (int i = 1; i <= 3; i++) {
      awaitLog("mar" + i, "up: CMD");
    }
    RealTestbed.await("the MN's SLAAC address from MAR1", START, () -> !address(1).isEmpty());
    // Two VoIP stand-ins at 50 packets/s from MAR1's prefix, long enough for every move.
    bed.startPython("udp-up-rx", "origin", "udp_receiver.py", "9000", "30");
    bed.startPython("udp-down-rx", "mn", "udp_receiver.py", "9001", "30");
    awaitLog("udp-up-rx", "ready");
    awaitLog("udp-down-rx", "ready");
    bed.startPython("udp-up", "mn", "udp_sender.py", ORIGIN, "9000", address(1), "15000", "0.02");
    bed.startPython("udp-down", "origin", "udp_sender.py", address(1), "9001", ORIGIN, "15000",
        "0.02");
    Process client = bed.startPython("player", "mn", "keepalive_client.py", ORIGIN);
    player = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
    awaitLog("player", "ready");
  }

  @AfterAll
  void stopTheDemo() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  @Order(1)
  void aDownloadStartedAtMar1CompletesByteExactThroughTheTunnelAfterTheMoveToMar2()
      throws Exception {
    assertThat(play("/video/manifest.mpd")).startsWith("200 mar1 MISS " + address(1));
    assertThat(play("/video/v1/seg-1.m4s")).startsWith("200 mar1 MISS " + address(1));
    // MAR1's DASH prefetch may already hold seg-2: HIT or MISS, from MAR1 on the same connection.
    assertThat(play("/video/v1/seg-2.m4s"))
        .matches("200 mar1 (MISS|HIT) " + address(1) + " reused 200000");
    Path file = Files.createTempFile("dmm-download", ".bin");
    try {
      Process curl = bed.start("curl", "mn", List.of("curl", "-s", "-o", file.toString(), "-w",
          "%{http_code} %{size_download} %{local_ip}\\n",
          "http://[" + ORIGIN + "]/big?bytes=" + BIG_BYTES + "&rate=" + BIG_RATE));
      RealTestbed.await("4 MiB of the download", Duration.ofSeconds(30),
          () -> file.toFile().length() >= 4L << 20);
      String p1 = address(1);
      move("mar2");
      assertThat(curl.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(bed.log("curl").strip()).isEqualTo("200 " + BIG_BYTES + " " + p1);
      assertThat(PatternBytes.sha256(file)).isEqualTo(PatternBytes.sha256(BIG_BYTES));
      // MAR1 sent the rest of the download into its tunnel to MAR2, and got the ACKs from it.
      long[] tunnel = tunnelPackets("mar1");
      assertThat(tunnel[1]).as("packets MAR1 sent into the tunnel").isGreaterThan(1000);
      assertThat(tunnel[0]).as("packets MAR1 received from the tunnel").isGreaterThan(0);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  @Order(2)
  void theNextRequestOpensANewConnectionFromTheNewPrefixAndMar2ServesItFromItsCache()
      throws Exception {
    // MAR2 asked MAR1 what the MN played (seg-2) and fetched the next segments.
    awaitLog("mar2", "context from");
    RealTestbed.await("the MN's address from MAR2", START, () -> !address(2).isEmpty());
    // MAR1 closed the idle keep-alive connection: the player reconnects, from MAR2's prefix.
    assertThat(play("/video/v1/seg-3.m4s")).startsWith("200 mar2 HIT " + address(2) + " new");
    assertThat(play("/video/v1/seg-4.m4s")).startsWith("200 mar2 HIT " + address(2) + " reused");
    assertThat(bed.log("mar1"))
        .containsPattern("draining [1-9] proxy connections from \\[2001:db8:1::/64\\]");
  }

  @Test
  @Order(3)
  void aLongLivedUdpFlowFromMar1KeepsFlowingThroughMar2AndMar3() {
    move("mar3");
    long after = System.nanoTime();
    RealTestbed.await("uplink packets after the move to MAR3", Duration.ofSeconds(30),
        () -> new Flows(bed.log("udp-up-rx")).arrivedAfter(after + 1_000_000_000L));
    RealTestbed.await("downlink packets after the move to MAR3", Duration.ofSeconds(30),
        () -> new Flows(bed.log("udp-down-rx")).arrivedAfter(after + 1_000_000_000L));
    for (String log : List.of("udp-up-rx", "udp-down-rx")) {
      Flows flow = new Flows(bed.log(log));
      assertThat(lostAwayFromMoves(flow)).as(log + ": packets lost away from a link change")
          .isEmpty();
    }
  }

  @Test
  @Order(4)
  void measuredOverTenMoves() throws IOException {
    String[] ring = {"mar1", "mar2", "mar3"};
    for (int i = 0; moves.size() < MOVES; i++) {
      String next = ring[(java.util.Arrays.asList(ring).indexOf(at) + 1) % 3];
      move(next);
    }
    long end = System.nanoTime();
    RealTestbed.await("packets after the last move", Duration.ofSeconds(30),
        () -> new Flows(bed.log("udp-up-rx")).arrivedAfter(end + 1_000_000_000L)
            && new Flows(bed.log("udp-down-rx")).arrivedAfter(end + 1_000_000_000L));
    Flows up = new Flows(bed.log("udp-up-rx"));
    Flows down = new Flows(bed.log("udp-down-rx"));
    assertThat(lostAwayFromMoves(up)).as("uplink losses away from a link change").isEmpty();
    assertThat(lostAwayFromMoves(down)).as("downlink losses away from a link change").isEmpty();
    report(up, down);
  }

  /** Moves the MN and waits until the new MAR registered it and it has an address there. */
  private void move(String to) {
    long nanos = System.nanoTime();
    Instant wall = Instant.now();
    int registrations = count(bed.log(to), "attached on acc0");
    bed.handover(at, to);
    moves.add(new Move(at, to, nanos, wall));
    at = to;
    RealTestbed.await(to + " registering the MN", Duration.ofSeconds(30),
        () -> count(bed.log(to), "attached on acc0") > registrations);
    int n = Integer.parseInt(to.substring(3));
    RealTestbed.await("the MN's preferred address from " + to, Duration.ofSeconds(30),
        () -> !address(n).isEmpty());
    // Let both flows run a while on the new path, so each move is measured on its own.
    RealTestbed.await("both flows running after the move to " + to, Duration.ofSeconds(30),
        () -> new Flows(bed.log("udp-up-rx")).arrivedAfter(nanos + SETTLE_NANOS)
            && new Flows(bed.log("udp-down-rx")).arrivedAfter(nanos + SETTLE_NANOS));
  }

  /**
   * Lost packets that were neither due within a second of some move nor lost in a silence that
   * began within a second of one (on a loaded machine a first move can last longer than a
   * second; a loss in steady state begins its silence far from any move).
   */
  private List<Long> lostAwayFromMoves(Flows flow) {
    return flow.lost().stream().filter(seq -> moves.stream().noneMatch(m ->
        Math.abs(dueNanos(flow, seq) - m.nanos()) < 1_000_000_000L
            || Math.abs(flow.silenceStart(seq) - m.nanos()) < 1_000_000_000L)).toList();
  }

  /** When packet {@code seq} was due: the flow's first arrival plus seq intervals. */
  private static long dueNanos(Flows flow, long seq) {
    return flow.firstArrival() + (long) ((seq - flow.firstSeq()) * Flows.INTERVAL_MS * 1e6);
  }

  private void report(Flows up, Flows down) throws IOException {
    List<Double> upGaps = new ArrayList<>();
    List<Double> downGaps = new ArrayList<>();
    List<Double> setups = new ArrayList<>();
    List<Double> registrations = new ArrayList<>();
    List<Double> roundTrips = new ArrayList<>();
    String logs = bed.log("mar1") + bed.log("mar2") + bed.log("mar3");
    String capture = bed.log("tcpdump");
    StringBuilder lines = new StringBuilder("move, uplink gap ms, downlink gap ms, set-up ms,"
        + " registration ms, PBU->PBA ms\n");
    for (int i = 0; i < moves.size(); i++) {
      Move m = moves.get(i);
      long untilNanos = i + 1 < moves.size() ? moves.get(i + 1).nanos() : Long.MAX_VALUE;
      Instant untilWall = i + 1 < moves.size() ? moves.get(i + 1).wall() : Instant.MAX;
      double upGap = up.interruptionMs(m.nanos(), untilNanos);
      double downGap = down.interruptionMs(m.nanos(), untilNanos);
      double setup = sum(INSTALLED, 3, logs, m.wall(), untilWall) / 1000.0;
      double registration = sum(REGISTERED, 2, bed.log(m.to()), m.wall(), untilWall) / 1000.0;
      double rtt = roundTrip(capture, m.to(), m.wall(), untilWall);
      upGaps.add(upGap);
      downGaps.add(downGap);
      setups.add(setup);
      registrations.add(registration);
      if (!Double.isNaN(rtt)) {
        roundTrips.add(rtt);
      }
      lines.append(String.format("%s->%s, %.1f, %.1f, %.1f, %.1f, %.1f%n", m.from(), m.to(),
          upGap, downGap, setup, registration, rtt));
    }
    lines.append(String.format("MEDIANS over %d moves: uplink interruption %.1f ms, downlink"
            + " interruption %.1f ms, tunnel set-up %.1f ms, registration %.1f ms, PBU->PBA"
            + " %.1f ms; UDP lost up %d / down %d of %d / %d received%n", moves.size(),
        Flows.median(upGaps), Flows.median(downGaps), Flows.median(setups),
        Flows.median(registrations), Flows.median(roundTrips), up.lost().size(),
        down.lost().size(), up.received(), down.received()));
    System.out.print(lines);
    Files.writeString(RealTestbed.ROOT.resolve("edge-node/target/testbed/measurements.csv"),
        lines);
    // For conf/testbed/timeline.py, which breaks each move down from the logs and captures.
    Files.writeString(RealTestbed.ROOT.resolve("edge-node/target/testbed/moves.csv"),
        moves.stream().map(m -> m.from() + "," + m.to() + "," + m.wall() + "\n")
            .collect(java.util.stream.Collectors.joining()));
  }

  /** Sum of the microseconds in group {@code group} of lines logged between two instants. */
  private static long sum(Pattern pattern, int group, String log, Instant from, Instant until) {
    long total = 0;
    Matcher m = pattern.matcher(log);
    while (m.find()) {
      Instant t = Instant.parse(m.group(1));
      if (!t.isBefore(from) && t.isBefore(until)) {
        total += Long.parseLong(m.group(group));
      }
    }
    return total;
  }

  /** The first PBU from {@code mar} to the CMD after {@code from} to its PBA, from tcpdump. */
  private static double roundTrip(String capture, String mar, Instant from, Instant until) {
    String address = "2001:db8:c::" + mar.substring(3);
    double pbu = Double.NaN;
    Matcher m = PACKET.matcher(capture);
    double start = from.getEpochSecond() + from.getNano() / 1e9;
    double end = until.equals(Instant.MAX) ? Double.MAX_VALUE
        : until.getEpochSecond() + until.getNano() / 1e9;
    while (m.find()) {
      double t = Double.parseDouble(m.group(1));
      if (t < start || t >= end) {
        continue;
      }
      if (Double.isNaN(pbu) && m.group(2).equals(address) && m.group(3).equals("2001:db8:c::a")) {
        pbu = t;
      } else if (!Double.isNaN(pbu) && m.group(2).equals("2001:db8:c::a")
          && m.group(3).equals(address)) {
        return (t - pbu) * 1000;
      }
    }
    return Double.NaN;
  }

  /** Sends one path to the keep-alive player and returns its answer line. */
  private String play(String path) throws IOException {
    int before = count(bed.log("player"), "\n");
    player.write(path + "\n");
    player.flush();
    RealTestbed.await("the player's answer for " + path, Duration.ofSeconds(30),
        () -> count(bed.log("player"), "\n") > before);
    String[] lines = bed.log("player").split("\n");
    return lines[lines.length - 1];
  }

  /**
   * The MN's preferred global address in MAR {@code n}'s prefix (2001:db8:n::/48), or "" (an
   * address of an earlier visit stays, deprecated, while the MN is elsewhere).
   */
  private String address(int n) {
    String out = bed.exec("mn", "ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope",
        "global", "-deprecated");
    Matcher m = Pattern.compile("inet6 (2001:db8:" + n + ":[0-9a-f:]+)/64").matcher(out);
    return m.find() ? m.group(1) : "";
  }

  /** Received and sent packets of every tunnel device in {@code node}. */
  private long[] tunnelPackets(String node) {
    String out = bed.exec(node, "ip", "-s", "-o", "link", "show");
    long rx = 0;
    long tx = 0;
    Matcher m = Pattern.compile(": dmmt\\d+: .*?RX:.*?\\\\\\s+\\d+\\s+(\\d+).*?TX:.*?\\\\\\s+\\d+\\s+(\\d+)")
        .matcher(out);
    while (m.find()) {
      rx += Long.parseLong(m.group(1));
      tx += Long.parseLong(m.group(2));
    }
    return new long[] {rx, tx};
  }

  private void awaitLog(String name, String text) {
    RealTestbed.await(name + " saying '" + text + "'", START,
        () -> bed.log(name).contains(text));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  private static boolean tcpdump() {
    return Commands.run(List.of("tcpdump", "--version")).exitCode() == 0;
  }
}
