package org.dmmedge.mpd.parse;

import java.util.List;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.SegmentTimeline;
import org.dmmedge.mpd.model.SegmentUrl;
import org.dmmedge.mpd.model.UrlRange;

/**
 * A SegmentBase, SegmentList or SegmentTemplate element as written at one level: every field
 * is {@code null} when absent there, so {@link Inheritance} can merge levels attribute by
 * attribute.
 */
final class SegmentDecl {
  enum Kind { BASE, LIST, TEMPLATE }

  final Kind kind;
  final int line;
  Long timescale;
  Long presentationTimeOffset;
  Long duration;
  Long startNumber;
  Long endNumber;
  Double availabilityTimeOffset;
  String media;
  String index;
  String initialization;
  ByteRange indexRange;
  UrlRange initializationElement;
  UrlRange representationIndex;
  List<SegmentTimeline.Entry> timeline;
  List<SegmentUrl> segmentUrls;

  SegmentDecl(Kind kind, int line) {
    this.kind = kind;
    this.line = line;
  }

  /** The declarations of one level (Period, AdaptationSet or Representation). */
  static final class Level {
    SegmentDecl base;
    SegmentDecl list;
    SegmentDecl template;

    SegmentDecl get(Kind kind) {
      return switch (kind) {
        case BASE -> base;
        case LIST -> list;
        case TEMPLATE -> template;
      };
    }

    void put(SegmentDecl decl) {
      switch (decl.kind) {
        case BASE -> base = decl;
        case LIST -> list = decl;
        case TEMPLATE -> template = decl;
        default -> throw new AssertionError(decl.kind);
      }
    }
  }
}
