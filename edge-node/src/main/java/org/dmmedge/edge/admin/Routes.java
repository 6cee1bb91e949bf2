package org.dmmedge.edge.admin;

import org.dmmedge.edge.EdgeNode;

/** Maps method and path to a resource; 404 for unknown paths, 405 for wrong methods. */
final class Routes {
  private static final String PREWARM = "/admin/prewarm";

  private final HealthResource health;
  private final CacheResource cache;
  private final PrewarmResource prewarm;
  private final EdgeNode node;

  Routes(HealthResource health, CacheResource cache, PrewarmResource prewarm, EdgeNode node) {
    this.health = health;
    this.cache = cache;
    this.prewarm = prewarm;
    this.node = node;
  }

  void handle(AdminExchange x) {
    String path = x.path();
    String method = x.method();
    switch (path) {
      case "/healthz" -> only(method, "GET", () -> health.alive(x));
      case "/readyz" -> only(method, "GET", () -> health.ready(x));
      case "/metrics" -> only(method, "GET",
          () -> x.text(200, "text/plain; version=0.0.4; charset=utf-8", node.metrics().scrape()));
      case "/admin/cache/stats" -> only(method, "GET", () -> cache.stats(x));
      case "/admin/cache/entry" -> only(method, "GET", () -> cache.entry(x));
      case "/admin/purge" -> only(method, "POST", () -> cache.purge(x));
      case PREWARM -> {
        if (method.equals("POST")) {
          prewarm.start(x);
        } else {
          only(method, "GET", () -> prewarm.list(x));
        }
      }
      default -> {
        if (path.startsWith(PREWARM + "/") && path.length() > PREWARM.length() + 1) {
          String id = path.substring(PREWARM.length() + 1);
          if (method.equals("DELETE")) {
            prewarm.cancel(x, id);
          } else {
            only(method, "GET", () -> prewarm.get(x, id));
          }
        } else {
          throw new AdminException(404, "path: " + path + " (expected: one of /healthz, "
              + "/readyz, /metrics, /admin/cache/stats, /admin/cache/entry, /admin/purge, "
              + "/admin/prewarm)", "path");
        }
      }
    }
  }

  private static void only(String method, String allowed, Runnable action) {
    if (!method.equals(allowed)) {
      throw new AdminException(405, "method: " + method + " (expected: " + allowed + ")",
          "method");
    }
    action.run();
  }
}
