package org.dmmedge.edge.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.mpd.MpdException;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.segment.SegmentEnumerator;
import org.dmmedge.mpd.segment.SegmentRef;
import org.dmmedge.mpd.segment.SegmentSequence;

/**
 * The URLs to pre-warm for an MPD: the MPD itself, then per chosen Representation its
 * initialization segment and its first {@code maxSegments} media segments (for a dynamic MPD,
 * those available now), each URL once (byte ranges of one file fill the whole file).
 * The MPD is fetched from the origin through the node's routing, so its relative URLs resolve
 * to the addresses clients use. Runs on an admin thread (it waits for the fetch).
 */
final class MpdUrls {
  private static final long FETCH_TIMEOUT_SECONDS = 30;

  private final EdgeNode node;

  MpdUrls(EdgeNode node) {
    this.node = node;
  }

  /**
   * @param ids the Representation ids to warm, empty for all
   * @throws AdminException 400 for an unknown id or too many URLs, 502 when the MPD cannot be
   *     fetched, 422 when it cannot be parsed or enumerated
   */
  List<String> expand(String mpdUrl, Set<String> ids, int maxSegments, int maxUrls) {
    Mpd mpd = parse(mpdUrl, fetch(mpdUrl));
    List<RepresentationContext> chosen = mpd.representations()
        .filter(r -> ids.isEmpty() || ids.contains(r.representation().id()))
        .collect(Collectors.toList());
    Set<String> known = mpd.representations().map(r -> r.representation().id())
        .collect(Collectors.toCollection(TreeSet::new));
    for (String id : ids) {
      if (!known.contains(id)) {
        throw AdminException.badField("representations", id,
            "one of the MPD's Representation ids " + known);
      }
    }
    Set<String> urls = new LinkedHashSet<>();
    urls.add(mpdUrl);
    SegmentEnumerator enumerator = new SegmentEnumerator();
    Optional<java.time.Instant> at = mpd.isDynamic()
        ? Optional.of(node.clock().instant()) : Optional.empty();
    for (RepresentationContext context : chosen) {
      SegmentSequence segments;
      try {
        segments = enumerator.enumerate(context, at);
      } catch (MpdException e) {
        throw new AdminException(422, "mpd: " + e.getMessage(), "mpd");
      }
      segments.initialization().map(SegmentRef::url).ifPresent(urls::add);
      long count = Math.min(segments.size(), maxSegments);
      for (long i = 0; i < count; i++) {
        urls.add(segments.get(i).url());
        if (urls.size() > maxUrls) {
          throw AdminException.badField("maxSegments", maxSegments == Integer.MAX_VALUE
              ? "all" : maxSegments, "fewer segments: the MPD gives more than " + maxUrls
              + " URLs (admin.prewarm.maxUrls)");
        }
      }
    }
    return new ArrayList<>(urls);
  }

  private byte[] fetch(String mpdUrl) {
    if (!mpdUrl.startsWith("http://") && !mpdUrl.startsWith("https://")) {
      throw AdminException.badField("mpd", mpdUrl, "an absolute http(s) URL");
    }
    try {
      return node.filler().fetchDocument(mpdUrl, MpdParser.DEFAULT_MAX_BYTES)
          .get(FETCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AdminException(502, "mpd: " + mpdUrl + " could not be fetched ("
          + e.getCause().getMessage() + ")", "mpd");
    } catch (TimeoutException e) {
      throw new AdminException(504, "mpd: " + mpdUrl + " not fetched within "
          + FETCH_TIMEOUT_SECONDS + " s", "mpd");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException(503, "mpd: interrupted", "mpd");
    }
  }

  private static Mpd parse(String mpdUrl, byte[] document) {
    try {
      return new MpdParser().parse(document, Optional.of(mpdUrl));
    } catch (MpdException e) {
      throw new AdminException(422, "mpd: " + mpdUrl + " is not a usable MPD ("
          + e.getMessage() + ")", "mpd");
    }
  }
}
