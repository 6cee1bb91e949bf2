package org.dmmedge.mpd.parse;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.dmmedge.mpd.model.SegmentBase;
import org.dmmedge.mpd.model.SegmentInfo;
import org.dmmedge.mpd.model.SegmentList;
import org.dmmedge.mpd.model.SegmentTemplate;
import org.dmmedge.mpd.model.SegmentTimeline;

/**
 * Merges segment information down Period → AdaptationSet → Representation (ISO/IEC 23009-1
 * §5.3.9.1): the addressing scheme is the one declared at the lowest level that declares one
 * (a SegmentList or SegmentTemplate wins over a SegmentBase at the same level); the element of
 * that scheme is then merged over every level attribute by attribute and child by child, the
 * lower level overriding. Defaults: {@code @timescale} 1, {@code @presentationTimeOffset} 0,
 * {@code @startNumber} 1. No declaration at all is a SegmentBase of defaults (the whole
 * BaseURL is the one segment).
 */
final class Inheritance {
  private Inheritance() {}

  /**
   * @param levels top-down: Period, AdaptationSet, Representation
   * @param problems where a missing required value is reported
   */
  static SegmentInfo resolve(List<SegmentDecl.Level> levels, List<Problem> problems, int line) {
    SegmentDecl.Kind kind = null;
    for (SegmentDecl.Level level : levels) {
      if (level.template != null) {
        kind = SegmentDecl.Kind.TEMPLATE;
      } else if (level.list != null) {
        kind = SegmentDecl.Kind.LIST;
      } else if (level.base != null) {
        kind = SegmentDecl.Kind.BASE;
      }
    }
    if (kind == null) {
      return new SegmentBase(1, 0, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }
    SegmentDecl.Kind k = kind;
    List<SegmentDecl> chain = levels.stream().map(l -> l.get(k)).filter(d -> d != null).toList();
    long timescale = pick(chain, d -> d.timescale).orElse(1L);
    long pto = pick(chain, d -> d.presentationTimeOffset).orElse(0L);
    long startNumber = pick(chain, d -> d.startNumber).orElse(1L);
    OptionalLong duration = optionalLong(pick(chain, d -> d.duration));
    Optional<SegmentTimeline> timeline =
        pick(chain, d -> d.timeline).map(SegmentTimeline::new);
    double ato = pick(chain, d -> d.availabilityTimeOffset).orElse(0.0);
    return switch (kind) {
      case BASE -> new SegmentBase(timescale, pto, pick(chain, d -> d.indexRange),
          pick(chain, d -> d.initializationElement), pick(chain, d -> d.representationIndex), ato);
      case LIST -> new SegmentList(timescale, pto, duration, startNumber,
          pick(chain, d -> d.initializationElement),
          pick(chain, d -> d.segmentUrls).orElse(List.of()), timeline, ato);
      case TEMPLATE -> {
        OptionalLong endNumber = optionalLong(pick(chain, d -> d.endNumber));
        if (endNumber.isPresent() && endNumber.getAsLong() < startNumber - 1) {
          problems.add(new Problem(line, "SegmentTemplate", "endNumber",
              Long.toString(endNumber.getAsLong()), ">= startNumber " + startNumber + " - 1"));
        }
        yield new SegmentTemplate(pick(chain, d -> d.media), pick(chain, d -> d.initialization),
            pick(chain, d -> d.index), timescale, pto, duration, startNumber, endNumber, timeline,
            pick(chain, d -> d.initializationElement), ato);
      }
    };
  }

  /** The value of the lowest level that has one. */
  private static <T> Optional<T> pick(List<SegmentDecl> chain, Function<SegmentDecl, T> field) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      T value = field.apply(chain.get(i));
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static OptionalLong optionalLong(Optional<Long> value) {
    return value.map(OptionalLong::of).orElse(OptionalLong.empty());
  }
}
