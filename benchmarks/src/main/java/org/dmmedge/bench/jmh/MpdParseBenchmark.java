package org.dmmedge.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.predict.NextSegmentPredictor;
import org.dmmedge.mpd.predict.SegmentPosition;
import org.dmmedge.mpd.segment.SegmentEnumerator;
import org.dmmedge.mpd.segment.SegmentRef;
import org.dmmedge.mpd.segment.SegmentSequence;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * MPD parsing and segment enumeration (mpd-tools). Run with {@code -prof gc} for allocation
 * per operation:
 *
 * <ul>
 *   <li>{@link #parseAndEnumerateLive}: a dynamic MPD whose SegmentTimeline covers 24 h of 2 s
 *       segments (43,200 segments, all in the time-shift window), parsed, then every segment
 *       URL built. {@code timeline=compact}: one {@code S} with {@code @r}; {@code explicit}:
 *       one {@code S} per segment (~1.3 MB of XML), the worst case a packager can write.
 *   <li>{@link #locateAndPredictNext}: with that MPD already parsed and prepared, locate a
 *       segment URL and list the next two (what the edge does per segment request).
 *   <li>{@link #parseVod}: a typical ~20 KB on-demand MPD (one Period, 6 video and 3 audio
 *       Representations, text, SegmentTimelines of varying durations).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MpdParseBenchmark {
  private static final Instant AST = Instant.parse("2026-01-01T00:00:00Z");
  private static final int DAY_OF_2S = 43_200;

  private final MpdParser parser = new MpdParser();
  private final SegmentEnumerator enumerator = new SegmentEnumerator();

  /** The 24 h live MPD, in both timeline forms. */
  @State(Scope.Benchmark)
  public static class Live {
    @Param({"compact", "explicit"})
    public String timeline;

    byte[] mpd;
    Instant liveEdge;
    NextSegmentPredictor predictor;
    String lastButTwo;

    @Setup
    public void setup() {
      StringBuilder s = new StringBuilder();
      if (timeline.equals("compact")) {
        s.append("<S t=\"0\" d=\"180000\" r=\"").append(DAY_OF_2S - 1).append("\"/>");
      } else {
        s.append("<S t=\"0\" d=\"180000\"/>");
        for (int i = 1; i < DAY_OF_2S; i++) {
          s.append("<S d=\"180000\"/>\n");
        }
      }
      mpd = ("<?xml version=\"1.0\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\""
          + " type=\"dynamic\" availabilityStartTime=\"" + AST + "\" timeShiftBufferDepth="
          + "\"P1D\" minimumUpdatePeriod=\"PT2S\" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\">"
          + "\n<Period id=\"p0\" start=\"PT0S\"><AdaptationSet contentType=\"video\""
          + " mimeType=\"video/mp4\"><SegmentTemplate timescale=\"90000\""
          + " media=\"$RepresentationID$/$Number%08d$.m4s\""
          + " initialization=\"$RepresentationID$/i.mp4\"><SegmentTimeline>" + s
          + "</SegmentTimeline></SegmentTemplate><Representation id=\"v1\" bandwidth=\"3000000\""
          + " width=\"1280\" height=\"720\"/></AdaptationSet></Period></MPD>")
          .getBytes(StandardCharsets.UTF_8);
      liveEdge = AST.plus(Duration.ofDays(1));
      predictor = new NextSegmentPredictor(
          new MpdParser().parse(mpd, Optional.of("https://live.example/ch1/manifest.mpd")),
          Clock.fixed(liveEdge, ZoneOffset.UTC));
      lastButTwo = String.format("https://live.example/ch1/v1/%08d.m4s", DAY_OF_2S - 2);
    }
  }

  /** The ~20 KB on-demand MPD. */
  @State(Scope.Benchmark)
  public static class Vod {
    byte[] mpd;

    @Setup
    public void setup() {
      mpd = vodMpd().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A generated on-demand MPD of about 20 KB. */
  static String vodMpd() {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>\n<MPD xmlns="
        + "\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\" mediaPresentationDuration="
        + "\"PT20M\" minBufferTime=\"PT2S\" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\">\n"
        + "<BaseURL>https://vod.example/title/</BaseURL>\n<Period id=\"main\">\n");
    x.append("<AdaptationSet contentType=\"video\" mimeType=\"video/mp4\" segmentAlignment="
        + "\"true\">\n<SegmentTemplate timescale=\"12800\" media=\"v/$RepresentationID$/"
        + "$Time$.m4s\" initialization=\"v/$RepresentationID$/init.mp4\"><SegmentTimeline>\n");
    for (int i = 0; i < 300; i++) {
      x.append("<S d=\"").append(i % 3 == 0 ? 51200 : 50688).append("\"/>\n");
    }
    x.append("</SegmentTimeline></SegmentTemplate>\n");
    int[][] ladder = {{426, 240, 300}, {640, 360, 800}, {854, 480, 1400}, {1280, 720, 2800},
        {1920, 1080, 5000}, {3840, 2160, 16000}};
    for (int[] r : ladder) {
      x.append("<Representation id=\"v").append(r[1]).append("\" bandwidth=\"")
          .append(r[2] * 1000).append("\" width=\"").append(r[0]).append("\" height=\"")
          .append(r[1]).append("\" codecs=\"avc1.64001f\" frameRate=\"25\"/>\n");
    }
    x.append("</AdaptationSet>\n");
    for (String lang : new String[] {"en", "fr", "de"}) {
      x.append("<AdaptationSet contentType=\"audio\" mimeType=\"audio/mp4\" lang=\"")
          .append(lang).append("\">\n<SegmentTemplate timescale=\"48000\" media=\"a/")
          .append(lang).append("/$Time$.m4s\" initialization=\"a/").append(lang)
          .append("/init.mp4\"><SegmentTimeline>\n");
      for (int i = 0; i < 250; i++) {
        x.append("<S d=\"").append(i % 2 == 0 ? 192512 : 191488).append("\"/>\n");
      }
      x.append("</SegmentTimeline></SegmentTemplate>\n<Representation id=\"a-").append(lang)
          .append("\" bandwidth=\"128000\" codecs=\"mp4a.40.2\" audioSamplingRate=\"48000\"/>\n"
              + "</AdaptationSet>\n");
    }
    x.append("<AdaptationSet contentType=\"text\" mimeType=\"text/vtt\" lang=\"en\">"
        + "<Representation id=\"sub-en\" bandwidth=\"1000\"><BaseURL>sub/en.vtt</BaseURL>"
        + "</Representation></AdaptationSet>\n</Period>\n</MPD>\n");
    return x.toString();
  }

  @Benchmark
  public long parseAndEnumerateLive(Live live, Blackhole bh) {
    Mpd mpd = parser.parse(live.mpd, Optional.of("https://live.example/ch1/manifest.mpd"));
    RepresentationContext rep = mpd.representations().findFirst().orElseThrow();
    SegmentSequence seq = enumerator.enumerate(rep, Optional.of(live.liveEdge));
    long n = 0;
    for (SegmentRef s : seq) {
      bh.consume(s.url());
      n++;
    }
    if (n != DAY_OF_2S) {
      throw new IllegalStateException("segments: " + n + " (expected: " + DAY_OF_2S + ")");
    }
    return n;
  }

  /** The edge's per-request work: find a segment in a prepared MPD and predict the next two. */
  @Benchmark
  public List<SegmentRef> locateAndPredictNext(Live live) {
    SegmentPosition at = live.predictor.locate(live.lastButTwo, Optional.empty()).orElseThrow();
    return live.predictor.next(at, 2);
  }

  @Benchmark
  public Mpd parseVod(Vod vod) {
    return parser.parse(vod.mpd, Optional.of("https://vod.example/title/manifest.mpd"));
  }
}
