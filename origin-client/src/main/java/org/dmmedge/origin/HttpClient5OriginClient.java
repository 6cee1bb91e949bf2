package org.dmmedge.origin;

import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@link OriginClient} on Apache HttpClient 5's async client.
 *
 * <p>One pool of keep-alive connections per origin (route), bounded per origin and in total;
 * HTTP/2 negotiated by ALPN with TLS origins that offer it, HTTP/1.1 otherwise. TLS origins
 * are verified against the configured {@link TrustStore}, else the JVM's default trust. Everything
 * HttpClient would do on its own that a proxy must not (redirects, cookies, content decoding,
 * its own retries) is turned off: the bytes the origin sends are the bytes the handler gets.
 * Retries follow {@link RetryPolicy} on a small scheduler thread; responses stream through
 * {@link StreamingResponseConsumer}.
 */
public final class HttpClient5OriginClient implements OriginClient {
  private final CloseableHttpAsyncClient client;
  private final ScheduledExecutorService retries;
  private final RetryPolicy retryPolicy;

  public HttpClient5OriginClient(OriginClientConfig config) {
    Objects.requireNonNull(config, "config");
    ConnectionConfig connection = ConnectionConfig.custom()
        .setConnectTimeout(timeout(config.connectTimeout()))
        .setSocketTimeout(timeout(config.responseTimeout()))
        .setIdleTimeout(timeout(config.idleTimeout()))
        .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
        .build();
    TlsConfig tls = TlsConfig.custom()
        .setVersionPolicy(config.h2() ? HttpVersionPolicy.NEGOTIATE : HttpVersionPolicy.FORCE_HTTP_1)
        .setHandshakeTimeout(timeout(config.connectTimeout()))
        .build();
    PoolingAsyncClientConnectionManagerBuilder poolBuilder =
        PoolingAsyncClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(connection)
            .setDefaultTlsConfig(tls)
            .setMaxConnPerRoute(config.maxConnectionsPerOrigin())
            .setMaxConnTotal(config.maxConnectionsTotal());
    config.trustStore().ifPresent(store -> poolBuilder.setTlsStrategy(
        ClientTlsStrategyBuilder.create().setSslContext(store.sslContext()).buildAsync()));
    PoolingAsyncClientConnectionManager pool = poolBuilder.build();
    this.client = HttpAsyncClients.custom()
        .setConnectionManager(pool)
        .setIOReactorConfig(IOReactorConfig.custom()
            .setIoThreadCount(config.ioThreads())
            .setTcpNoDelay(true)
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(timeout(config.responseTimeout()))
            .setConnectionRequestTimeout(timeout(config.connectTimeout()))
            .setRedirectsEnabled(false)
            .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableConnectionState()
        .disableContentCompression()
        .evictIdleConnections(TimeValue.of(config.idleTimeout()))
        .build();
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "origin-retry");
      t.setDaemon(true);
      return t;
    });
    this.retryPolicy = new RetryPolicy(
        config.connectRetries(), config.retryBackoff(),
        () -> ThreadLocalRandom.current().nextDouble());
    client.start();
  }

  @Override
  public OriginExchange send(OriginRequest request, OriginResponseHandler handler) {
    Exchange exchange = new Exchange(
        this, Objects.requireNonNull(request, "request"), Objects.requireNonNull(handler, "handler"));
    exchange.start();
    return exchange;
  }

  Future<?> execute(Exchange exchange, Attempt attempt) {
    OriginRequest request = exchange.request();
    OriginTarget target = request.target();
    HttpHost host = new HttpHost(target.scheme(), target.host(), target.port());
    BasicHttpRequest message = new BasicHttpRequest(request.method(), host,
        request.pathAndQuery());
    for (Map.Entry<String, String> h : request.headers()) {
      message.addHeader(h.getKey(), h.getValue());
      if (h.getKey().equalsIgnoreCase("Host")) {
        authority(h.getValue()).ifPresent(message::setAuthority);
      }
    }
    BasicRequestProducer producer = new BasicRequestProducer(
        message, request.body().map(RequestBodyStream::producer).orElse(null));
    // The target is given apart: the request's authority (from Host) need not name it.
    return client.execute(
        host, producer, new StreamingResponseConsumer(attempt), null, null, attempt);
  }

  /**
   * The request's authority from its Host field, so that h2's {@code :authority} says what
   * Host says (an origin rejects a request whose two differ, RFC 9113 §8.3.1) and HTTP/1.1
   * sends the same Host; empty when it does not parse (the target's authority is used).
   */
  private static Optional<URIAuthority> authority(String host) {
    try {
      return Optional.of(URIAuthority.create(host.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  void schedule(Runnable task, Duration delay) {
    retries.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    retries.shutdownNow();
    client.close(CloseMode.GRACEFUL);
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(d.toMillis());
  }
}
