package org.dmmedge.edge.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dmmedge.edge.server.Route;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.origin.OriginTarget;
import org.junit.jupiter.api.Test;

class PlaybackTrackerTest {
  private static final Instant T0 = Instant.parse("2026-12-05T07:00:00Z");
  private static final Ipv6Prefix P1 = Ipv6Prefix.parse("2001:db8:1::/64");
  private static final Ipv6Prefix P2 = Ipv6Prefix.parse("2001:db8:2::/64");

  private final PlaybackTracker tracker =
      new PlaybackTracker(Clock.fixed(T0, ZoneOffset.UTC), 2);

  private static Route route(String path) {
    return new Route(new OriginTarget("http", "origin", 80), path, "origin", "http", "origin");
  }

  private static InetAddress client(String address) throws Exception {
    return InetAddress.getByName(address);
  }

  @Test
  void theLastSegmentUnderTheMpdAfterTheMpdIsThePosition() throws Exception {
    InetAddress mn = client("2001:db8:1::10");
    tracker.requested(mn, "GET", route("/video/manifest.mpd"));
    assertThat(tracker.latest(List.of(P1))).as("no segment yet").isEmpty();
    tracker.requested(mn, "GET", route("/video/v1/seg-1.m4s"));
    tracker.requested(mn, "GET", route("/video/v1/seg-2.m4s"));
    tracker.requested(mn, "GET", route("/big?bytes=100"));
    tracker.requested(mn, "HEAD", route("/video/v1/seg-9.m4s"));
    assertThat(tracker.latest(List.of(P2, P1))).contains(new PlaybackContext(
        "http://origin/video/manifest.mpd", "http://origin/video/v1/seg-2.m4s", T0));
    assertThat(tracker.latest(List.of(P2))).isEmpty();
  }

  @Test
  void aNewMpdStartsOver() throws Exception {
    InetAddress mn = client("2001:db8:1::10");
    tracker.requested(mn, "GET", route("/a/manifest.mpd"));
    tracker.requested(mn, "GET", route("/a/seg-1.m4s"));
    tracker.requested(mn, "GET", route("/b/manifest.mpd?v=2"));
    assertThat(tracker.latest(List.of(P1))).isEmpty();
  }

  @Test
  void theLeastRecentlyActiveClientsAreForgottenBeyondTheBound() throws Exception {
    for (String a : List.of("2001:db8:1::1", "2001:db8:1::2", "2001:db8:1::3")) {
      tracker.requested(client(a), "GET", route("/v/m.mpd"));
      tracker.requested(client(a), "GET", route("/v/s-" + a.charAt(a.length() - 1)));
    }
    assertThat(tracker.latest(List.of(Ipv6Prefix.parse("2001:db8:1::1/128")))).isEmpty();
    assertThat(tracker.latest(List.of(Ipv6Prefix.parse("2001:db8:1::3/128")))).isPresent();
  }

  @Test
  void theBoundMustBePositive() {
    assertThatThrownBy(() -> new PlaybackTracker(Clock.systemUTC(), 0))
        .hasMessage("maxClients: 0 (expected: >= 1)");
  }
}
