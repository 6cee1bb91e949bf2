package org.dmmedge.mpd.model;

import java.util.Objects;

/**
 * A remote element reference ({@code xlink:href}, {@code xlink:actuate}; ISO/IEC 23009-1
 * §5.5). mpd-tools does not fetch remote elements: an element that carries one keeps its
 * inline content (usually none) and reports the reference here, so a caller can fetch and
 * splice it itself. References to {@code urn:mpeg:dash:resolve-to-zero:2013} are applied by the
 * parser (the element is removed) and never appear here.
 *
 * @param href the reference as written
 * @param actuate {@code onLoad} or {@code onRequest} (the default)
 */
public record XLink(String href, String actuate) {
  /** The href that means "remove this element" (§5.5.3). */
  public static final String RESOLVE_TO_ZERO = "urn:mpeg:dash:resolve-to-zero:2013";

  public XLink {
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(actuate, "actuate");
  }
}
