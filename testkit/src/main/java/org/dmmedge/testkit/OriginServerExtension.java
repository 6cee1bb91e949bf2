package org.dmmedge.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Jetty 12 origin on an ephemeral loopback port whose answers each test scripts.
 *
 * <p>Register as a static field ({@code @RegisterExtension static OriginServerExtension origin =
 * new OriginServerExtension();}): the server starts before the class's tests and stops after
 * them, also when they fail; scripts and recorded requests are cleared before each test.
 * Unscripted paths answer 404. {@link #down()} stops accepting connections on the same port
 * (clients see "connection refused") and {@link #up()} brings it back.
 *
 * <p>Thread-safe: scripts may change while requests are in flight; each request sees the
 * script as it was when it arrived.
 */
public final class OriginServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, Function<RecordedRequest, OriginReply>> routes =
      new ConcurrentHashMap<>();
  private final RequestLog log = new RequestLog();
  private final java.util.concurrent.atomic.AtomicReference<java.time.Clock> clock =
      new java.util.concurrent.atomic.AtomicReference<>(java.time.Clock.systemUTC());
  private Server server;
  private ServerConnector connector;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  /** Starts the origin on an ephemeral loopback port (tests outside JUnit call this). */
  public void start() throws Exception {
    server = new Server();
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
    org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
    http.setSendDateHeader(false); // Date comes from the scripted clock instead
    http.setSendServerVersion(false);
    connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new ScriptedHandler(routes, log, clock::get));
    server.start();
    port = connector.getLocalPort();
  }

  /** Stops the origin and its connections. */
  public void stop() throws Exception {
    if (server != null) {
      try {
        server.stop();
      } catch (java.util.concurrent.TimeoutException e) {
        // A scripted reply still held (a gate or a paced body the test walked away from) outlived
        // the graceful period; Jetty has stopped every component all the same.
      } finally {
        server = null;
      }
    }
  }

  /** Clears every script and recorded request. */
  public void reset() {
    routes.clear();
    log.clear();
  }

  /** Answers every request for {@code path} with {@code reply}. */
  public OriginServerExtension respond(String path, OriginReply reply) {
    Objects.requireNonNull(reply, "reply");
    return handle(path, request -> reply);
  }

  /** Answers each request for {@code path} with what {@code script} returns for it. */
  public OriginServerExtension handle(String path, Function<RecordedRequest, OriginReply> script) {
    routes.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(script, "script"));
    return this;
  }

  /**
   * The clock the origin's Date headers come from (default: the system clock); tests that move
   * an edge's clock by hand give it the same one, so origin and edge agree on the time.
   */
  public void useClock(java.time.Clock newClock) {
    clock.set(java.util.Objects.requireNonNull(newClock, "clock"));
  }

  /** Stops accepting connections (connection refused) while keeping the port. */
  public void down() throws Exception {
    connector.stop();
  }

  /** Accepts connections again on the same port after {@link #down()}. */
  public void up() throws Exception {
    connector.setPort(port);
    connector.start();
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}. */
  public String authority() {
    return "127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:port}. */
  public URI uri() {
    return URI.create("http://" + authority());
  }

  /** The absolute URL of {@code pathAndQuery} on this origin. */
  public String url(String pathAndQuery) {
    return "http://" + authority() + pathAndQuery;
  }

  /** How many requests arrived for {@code path} (any method). */
  public int requestCount(String path) {
    return log.requests(path).size();
  }

  /** The requests that arrived for {@code path}, oldest first. */
  public List<RecordedRequest> requests(String path) {
    return new ArrayList<>(log.requests(path));
  }

  /** Every request that arrived, oldest first. */
  public List<RecordedRequest> allRequests() {
    return log.all();
  }

  /**
   * Waits until at least {@code count} requests for {@code path} have arrived.
   *
   * @throws AssertionError when they have not arrived within {@code timeout}
   */
  public void awaitRequests(String path, int count, Duration timeout) throws InterruptedException {
    log.await(path, count, timeout);
  }
}
