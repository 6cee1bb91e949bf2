package org.dmmedge.mpd.segment;

import java.util.Optional;
import org.dmmedge.mpd.model.ByteRange;

/** How the URL of segment {@code index} (axis index) is made, per addressing scheme. */
interface UrlSource {
  String url(long index, long number, long time);

  Optional<ByteRange> range(long index);
}
