package org.dmmedge.edge.proxy;

import io.netty.handler.codec.http.HttpRequest;
import java.net.SocketAddress;
import org.dmmedge.edge.server.Route;

/**
 * Sees every client request before it is answered and learns how it is answered (the DASH
 * awareness: CMCD removal, manifest tracking, prefetch). Both calls run on the connection's
 * event loop: cheap work only, hand anything else to another thread.
 */
public interface RequestTap {
  /** Leaves requests as they are and observes nothing. */
  RequestTap NONE = (client, request, route) -> new Tap(route, Answered.NONE);

  /**
   * A request is about to be answered. The tap may change the request's headers and give
   * another route (e.g. without a query parameter that must not reach the cache key).
   */
  Tap begin(SocketAddress client, HttpRequest request, Route route);

  /**
   * @param route the route to answer with
   * @param answered told once, just before the response head is written (so before the
   *     client can have the response), also for error responses
   */
  record Tap(Route route, Answered answered) {
    public Tap {
      java.util.Objects.requireNonNull(route, "route");
      java.util.Objects.requireNonNull(answered, "answered");
    }
  }

  /** Told how a request is answered. */
  interface Answered {
    /** Hears nothing. */
    Answered NONE = (status, xCache, contentType) -> { };

    /**
     * @param status the status sent
     * @param xCache the {@code X-Cache} value sent, or {@code NONE}
     * @param contentType the {@code Content-Type} sent, or "" when there is none
     */
    void answered(int status, String xCache, String contentType);
  }
}
