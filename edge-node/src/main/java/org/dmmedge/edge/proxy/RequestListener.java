package org.dmmedge.edge.proxy;

import java.net.InetAddress;
import org.dmmedge.edge.server.Route;

/**
 * Told of every client request the proxy routed, before it is answered (the mobility part
 * keeps each client's playback position from it). Called on the connection's event loop: must
 * be cheap and never block.
 */
public interface RequestListener {
  /** Hears nothing. */
  RequestListener NONE = (client, method, route) -> { };

  /** {@code client} asked {@code method} for {@code route}. */
  void requested(InetAddress client, String method, Route route);
}
