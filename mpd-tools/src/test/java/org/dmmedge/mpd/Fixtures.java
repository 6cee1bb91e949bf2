package org.dmmedge.mpd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.segment.SegmentRef;
import org.dmmedge.mpd.segment.SegmentSequence;

/** Hand-written MPDs under {@code src/test/resources/fixtures} and inline documents. */
public final class Fixtures {
  private Fixtures() {}

  public static Mpd load(String name, String documentUrl) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("fixture: " + name + " (expected: a file in fixtures/)");
      }
      return new MpdParser().parse(in, Optional.of(documentUrl));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Mpd parse(String xml, String documentUrl) {
    return new MpdParser().parse(xml.getBytes(StandardCharsets.UTF_8), Optional.of(documentUrl));
  }

  /** Init line first, then every media line ({@link SegmentRef#toLine}). */
  public static List<String> lines(SegmentSequence s) {
    List<String> out = new ArrayList<>();
    s.initialization().ifPresent(i -> out.add(i.toLine()));
    s.forEach(r -> out.add(r.toLine()));
    return out;
  }

  /** The Representation with this id in Period {@code period}. */
  public static RepresentationContext rep(Mpd mpd, int period, String id) {
    return mpd.representations()
        .filter(r -> r.periodIndex() == period && r.representation().id().equals(id))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + id));
  }
}
