package org.dmmedge.edge.mobility;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.edge.proxy.RequestListener;
import org.dmmedge.edge.server.Route;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * Keeps, per client address, the last MPD it fetched through this proxy and the last request
 * it made under that MPD's base (taken as its current media segment), so that the MAR it moves
 * to can ask what it was playing. A GET whose path ends in {@code .mpd} is an MPD; a later GET
 * from the same client whose URL starts with the MPD's URL up to its last {@code /} is a
 * segment (DASH segment URLs are relative to the MPD: an MPD whose BaseURL points elsewhere
 * is not followed); other requests leave the position as it is. Bounded: the least recently
 * active clients are forgotten beyond {@code maxClients}.
 *
 * <p>Thread-safe (one lock; each call is a map operation): written by event loops, read by
 * the context endpoint.
 */
public final class PlaybackTracker implements RequestListener {
  private final Clock clock;
  private final Map<InetAddress, Position> clients;

  /** Where one client is: its MPD, and its last segment once it asked for one. */
  private record Position(String mpdUrl, Optional<PlaybackContext> context) {}

  public PlaybackTracker(Clock clock, int maxClients) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients: " + maxClients + " (expected: >= 1)");
    }
    this.clients = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, Position> eldest) {
        return size() > maxClients;
      }
    };
  }

  @Override
  public void requested(InetAddress client, String method, Route route) {
    if (!method.equals("GET")) {
      return;
    }
    String url = route.scheme() + "://" + route.authority() + route.pathAndQuery();
    int query = route.pathAndQuery().indexOf('?');
    String path = query < 0 ? route.pathAndQuery() : route.pathAndQuery().substring(0, query);
    synchronized (clients) {
      if (path.endsWith(".mpd")) {
        clients.put(client, new Position(url, Optional.empty()));
        return;
      }
      Position known = clients.get(client);
      if (known != null
          && url.startsWith(known.mpdUrl().substring(0, known.mpdUrl().lastIndexOf('/') + 1))) {
        clients.put(client, new Position(known.mpdUrl(),
            Optional.of(new PlaybackContext(known.mpdUrl(), url, clock.instant()))));
      }
    }
  }

  /** The most recent playback of any client in {@code prefixes}. */
  public Optional<PlaybackContext> latest(List<Ipv6Prefix> prefixes) {
    synchronized (clients) {
      return clients.entrySet().stream()
          .filter(e -> prefixes.stream().anyMatch(p -> p.contains(e.getKey())))
          .flatMap(e -> e.getValue().context().stream())
          .max(java.util.Comparator.comparing(PlaybackContext::at));
    }
  }
}
