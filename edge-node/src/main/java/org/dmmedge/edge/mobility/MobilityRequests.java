package org.dmmedge.edge.mobility;

import java.net.InetAddress;
import java.util.Objects;
import org.dmmedge.edge.proxy.RequestListener;
import org.dmmedge.edge.server.Route;

/**
 * What the proxy tells and asks the mobility part about each request: the playback position is
 * tracked ({@link PlaybackTracker}), and a client whose MN moved away ({@link MovedClients}) has
 * its connection closed after the response (a connection it opened from its old prefix after
 * the move, which {@link ConnectionDrainer} could not see yet). Thread-safe.
 */
public final class MobilityRequests implements RequestListener {
  private final PlaybackTracker playback;
  private final MovedClients moved;

  public MobilityRequests(PlaybackTracker playback, MovedClients moved) {
    this.playback = Objects.requireNonNull(playback, "playback");
    this.moved = Objects.requireNonNull(moved, "moved");
  }

  @Override
  public void requested(InetAddress client, String method, Route route) {
    playback.requested(client, method, route);
  }

  @Override
  public boolean keepAlive(InetAddress client) {
    return !moved.contains(client);
  }
}
