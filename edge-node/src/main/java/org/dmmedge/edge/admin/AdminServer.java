package org.dmmedge.edge.admin;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.config.AdminConfig;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of an edge node on Jetty 12, on its own port (default 127.0.0.1:9090). JSON
 * in and out; every failure is {@code {"error": "...", "field": "..."}} with its status.
 *
 * <pre>
 * GET    /healthz                 alive
 * GET    /readyz                  listening, and the origin reachable or the cache warm (else 503)
 * GET    /metrics                 Prometheus text
 * GET    /admin/cache/stats       objects, bytes per tier, hit ratio, evictions, collapsed waits
 * GET    /admin/cache/entry?url=  one stored entry: status, headers, size, age, freshness left
 * POST   /admin/purge             {"url": U} or {"prefix": P}
 * POST   /admin/prewarm           {"urls": [...]} or {"mpd": U, "representations": "all"|[ids],
 *                                  "maxSegments": N}: 202 with the job's progress
 * GET    /admin/prewarm[/{id}]    progress of every job, or of one
 * DELETE /admin/prewarm/{id}      cancel
 * </pre>
 *
 * <p>Security: POST and DELETE need {@code Authorization: Bearer <admin.token>} when a token
 * is configured (401 without it, 403 with a wrong one); reads are open. A node whose admin
 * port is beyond loopback cannot be configured without a token ({@link AdminConfig}), and
 * this class checks again before binding. Request bodies above {@code admin.maxBodySize}
 * get 413.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

  private final Server server;
  private final ServerConnector connector;
  private final PrewarmJobs jobs;

  private AdminServer(EdgeNode node) {
    AdminConfig config = node.config().admin();
    if (config.token().isEmpty() && !AdminConfig.isLoopback(config.listen())) {
      throw new IllegalStateException("admin.token: none (expected: a token when admin.listen "
          + config.listen() + " is not a loopback address)");
    }
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("edge-admin");
    threads.setDaemon(true);
    server = new Server(threads);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost(config.listen().host());
    connector.setPort(config.listen().port());
    server.addConnector(connector);
    server.setStopTimeout(2_000);
    jobs = new PrewarmJobs(node);
    Routes routes = new Routes(new HealthResource(node), new CacheResource(node),
        new PrewarmResource(node, jobs), node);
    server.setHandler(new Dispatch(routes, config));
  }

  /**
   * Starts the admin API of {@code node}.
   *
   * @throws IllegalStateException when it cannot bind, or listens beyond loopback without a
   *     token
   */
  public static AdminServer start(EdgeNode node) {
    AdminServer admin = new AdminServer(node);
    try {
      admin.server.start();
    } catch (Exception e) {
      admin.close();
      throw new IllegalStateException("admin.listen: " + node.config().admin().listen()
          + " (expected: a free address to bind; " + e.getMessage() + ")", e);
    }
    LOG.info("admin API on {}", admin.localAddress());
    return admin;
  }

  public InetSocketAddress localAddress() {
    return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
  }

  /** Cancels running pre-warm jobs and stops the server. */
  @Override
  public void close() {
    jobs.cancelAll();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("admin API did not stop cleanly: {}", e.toString());
    }
  }

  /** Authentication, then routing; turns every failure into the JSON error shape. */
  private static final class Dispatch extends Handler.Abstract {
    private final Routes routes;
    private final AdminConfig config;

    Dispatch(Routes routes, AdminConfig config) {
      this.routes = routes;
      this.config = config;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      AdminExchange exchange = new AdminExchange(request, response, callback,
          config.maxBodyBytes());
      try {
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
          authorize(exchange.header(HttpHeader.AUTHORIZATION), config.token());
        }
        routes.handle(exchange);
      } catch (AdminException e) {
        exchange.error(e);
      } catch (RuntimeException e) {
        LOG.warn("admin request {} {} failed", exchange.method(), exchange.path(), e);
        exchange.error(new AdminException(500, "internal error: " + e));
      }
      return true;
    }

    static void authorize(String header, Optional<String> token) {
      if (token.isEmpty()) {
        return;
      }
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new AdminException(401, "Authorization: "
            + (header == null ? "missing" : "not a Bearer token")
            + " (expected: Bearer <admin.token>)", "Authorization");
      }
      byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
        throw new AdminException(403, "Authorization: wrong token", "Authorization");
      }
    }
  }
}
