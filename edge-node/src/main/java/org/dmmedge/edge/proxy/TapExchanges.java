package org.dmmedge.edge.proxy;

/** Puts a {@link RequestTap} in front of an exchange factory. */
final class TapExchanges {
  private TapExchanges() {}

  /**
   * {@code inner} behind {@code tap}: each request is answered on the route the tap gives, and
   * its response tells the tap its head.
   */
  static ProxyHandler.ExchangeFactory around(RequestTap tap, ProxyHandler.ExchangeFactory inner) {
    return (ctx, request, route, response) -> {
      RequestTap.Tap t = tap.begin(ctx.channel().remoteAddress(), request, route);
      response.onAnswer(t.answered());
      return inner.start(ctx, request, t.route(), response);
    };
  }
}
