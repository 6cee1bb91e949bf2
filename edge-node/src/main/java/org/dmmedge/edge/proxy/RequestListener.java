package org.dmmedge.edge.proxy;

import java.net.InetAddress;
import org.dmmedge.edge.server.Route;

/**
 * Told of every client request the proxy routed, before it is answered, and asked whether the
 * client's connection may stay open after it (the mobility part keeps each client's playback
 * position, and ends the connections of MNs that moved away). Called on the connection's event
 * loop: must be cheap and never block.
 */
public interface RequestListener {
  /** Hears nothing. */
  RequestListener NONE = (client, method, route) -> { };

  /** {@code client} asked {@code method} for {@code route}. */
  void requested(InetAddress client, String method, Route route);

  /**
   * Whether {@code client}'s connection may stay open after the response it is being sent; no
   * means {@code Connection: close}. By default yes.
   */
  default boolean keepAlive(InetAddress client) {
    return true;
  }
}
