package org.dmmedge.edge.mobility;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.server.Route;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.origin.OriginTarget;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Context transfer end to end on loopback: a previous MAR's real {@link ContextEndpoint} answers
 * from its tracker what the MN played; the arriving node reads the MPD from the Jetty origin and
 * fills its cache with the next segments through its {@link org.dmmedge.edge.fill.CacheFiller}
 * (one origin request each, no request through its own proxy); the MN's request is then a HIT.
 */
class ContextTransferIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.forward();

  private static final InetAddress MN = address("2001:db8:1::10");
  private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("2001:db8:1::/64");
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** 10 segments of 2 s of one Representation, "low". */
  private static final String MPD = """
      <?xml version="1.0"?>
      <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" minBufferTime="PT2S"
           mediaPresentationDuration="PT20S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
        <Period id="1">
          <AdaptationSet mimeType="video/mp4">
            <SegmentTemplate timescale="1" duration="2" startNumber="1"
                             media="seg-$RepresentationID$-$Number$.m4s"/>
            <Representation id="low" bandwidth="200000"/>
          </AdaptationSet>
        </Period>
      </MPD>
      """;

  private final PlaybackTracker tracker = new PlaybackTracker(Clock.systemUTC(), 16);
  private ContextEndpoint previousMar;
  private ContextTransfer transfer;

  @BeforeEach
  void startThePreviousMar() {
    previousMar = ContextEndpoint.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tracker);
    transfer = new ContextTransfer(previousMar.address().getPort(), 3, TIMEOUT,
        EDGE.node().filler(), Clock.systemUTC());
  }

  @AfterEach
  void stopThePreviousMar() {
    previousMar.close();
  }

  @Test
  void theNextSegmentsAreFilledOnceEachAndTheMnsRequestsAreHits() throws Exception {
    content("/ct");
    played("/ct/m.mpd");
    played("/ct/seg-low-2.m4s");

    List<String> outcomes = transfer.transfer("mn", InetAddress.getLoopbackAddress(),
        List.of(PREFIX)).get(10, TimeUnit.SECONDS);

    assertThat(outcomes).containsExactly(ORIGIN.url("/ct/seg-low-3.m4s") + ": STORED",
        ORIGIN.url("/ct/seg-low-4.m4s") + ": STORED", ORIGIN.url("/ct/seg-low-5.m4s") + ": STORED");
    for (int n = 3; n <= 5; n++) {
      HttpResponse<String> r = throughTheEdge("/ct/seg-low-" + n + ".m4s");
      assertThat(r.body()).isEqualTo("low segment " + n);
      assertThat(r.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(ORIGIN.requestCount("/ct/seg-low-" + n + ".m4s")).as("origin fetches").isOne();
    }
    assertThat(ORIGIN.requestCount("/ct/seg-low-6.m4s")).isZero();
    // A second arrival finds them stored: nothing fetched again.
    assertThat(transfer.transfer("mn", InetAddress.getLoopbackAddress(), List.of(PREFIX))
        .get(10, TimeUnit.SECONDS)).allSatisfy(o -> assertThat(o).endsWith(": ALREADY_CACHED"));
  }

  @Test
  void aSegmentTheOriginRefusesIsNamedWithItsReasonAndTheOthersAreStored() throws Exception {
    content("/refused");
    ORIGIN.respond("/refused/seg-low-4.m4s", OriginReply.builder().status(404).body("gone")
        .build());
    played("/refused/m.mpd");
    played("/refused/seg-low-2.m4s");

    List<String> outcomes = transfer.transfer("mn", InetAddress.getLoopbackAddress(),
        List.of(PREFIX)).get(10, TimeUnit.SECONDS);

    assertThat(outcomes).containsExactly(ORIGIN.url("/refused/seg-low-3.m4s") + ": STORED",
        ORIGIN.url("/refused/seg-low-4.m4s") + ": FAILED (origin answered 404)",
        ORIGIN.url("/refused/seg-low-5.m4s") + ": STORED");
  }

  @Test
  void nothingIsFetchedWhenThePreviousMarKnowsNothingOfTheMn() throws Exception {
    assertThat(transfer.transfer("mn", InetAddress.getLoopbackAddress(), List.of(PREFIX))
        .get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(ORIGIN.allRequests()).isEmpty();
  }

  @Test
  void anUnusableMpdFetchesNoSegment() throws Exception {
    content("/bad");
    ORIGIN.respond("/bad/m.mpd", OriginReply.builder().header("Cache-Control", "max-age=60")
        .body("<not-an-mpd/>").build());
    played("/bad/m.mpd");
    played("/bad/seg-low-2.m4s");
    assertThat(transfer.transfer("mn", InetAddress.getLoopbackAddress(), List.of(PREFIX))
        .get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(ORIGIN.allRequests()).extracting(r -> r.path()).containsExactly("/bad/m.mpd");
  }

  /** An MPD at {@code dir}/m.mpd and its segments (each test its own: the cache is shared). */
  private static void content(String dir) {
    ORIGIN.respond(dir + "/m.mpd", OriginReply.builder()
        .header("Content-Type", "application/dash+xml").header("Cache-Control", "max-age=60")
        .body(MPD).build());
    for (int n = 1; n <= 10; n++) {
      ORIGIN.respond(dir + "/seg-low-" + n + ".m4s", OriginReply.builder()
          .header("Content-Type", "video/mp4").header("Cache-Control", "max-age=3600")
          .body("low segment " + n).build());
    }
  }

  /** What the previous MAR's proxy saw the MN request. */
  private void played(String path) {
    URI origin = ORIGIN.uri();
    String authority = origin.getHost() + ":" + origin.getPort();
    tracker.requested(MN, "GET", new Route(new OriginTarget("http", origin.getHost(),
        origin.getPort()), path, authority, "http", authority));
  }

  private static HttpResponse<String> throughTheEdge(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(EDGE.address())).build();
    return client.send(HttpRequest.newBuilder(URI.create(ORIGIN.url(path))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
