package org.dmmedge.mpd.model;

import java.util.Objects;

/**
 * A Representation together with the elements above it: what segment enumeration, URL
 * resolution and prediction need.
 *
 * @param periodIndex position of {@link #period} in {@link Mpd#periods()}
 */
public record RepresentationContext(
    Mpd mpd, int periodIndex, Period period, AdaptationSet adaptationSet,
    Representation representation) {
  public RepresentationContext {
    Objects.requireNonNull(mpd, "mpd");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(adaptationSet, "adaptationSet");
    Objects.requireNonNull(representation, "representation");
  }

  @Override
  public String toString() {
    return "Period " + period.id().orElse("#" + periodIndex) + " / Representation "
        + representation.id();
  }
}
