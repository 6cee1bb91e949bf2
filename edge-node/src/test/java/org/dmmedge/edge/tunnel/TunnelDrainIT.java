package org.dmmedge.edge.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.edge.config.ConnectConfig;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.proxy.AccessLog;
import org.dmmedge.edge.proxy.ProxyHandler;
import org.dmmedge.edge.proxy.ProxyServices;
import org.dmmedge.edge.proxy.RequestListener;
import org.dmmedge.edge.server.EdgeServer;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.edge.server.Transport;
import org.dmmedge.edge.tunnel.TunnelClient.Opened;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A drain ({@link EdgeServer#drainClients}: an MN moved away, or the node stops) ends HTTP
 * connections after their response but leaves CONNECT tunnels running: a tunnel has no
 * response boundary, and a long-lived flow stays anchored where it was opened.
 */
class TunnelDrainIT {
  @RegisterExtension static final TcpPeer PEER = new TcpPeer();

  @Test
  void aDrainedTunnelKeepsRelayingBothWays() throws Exception {
    ConnectConfig connect = new ConnectConfig(true, List.of(PEER.port()), Duration.ofSeconds(5),
        Duration.ofSeconds(30));
    EdgeServer[] self = new EdgeServer[1];
    OriginResolver resolver = new OriginResolver(ProxyMode.FORWARD, OriginsConfig.none(),
        "drain-test", () -> self[0].localAddress());
    try (HttpClient5OriginClient origins = new HttpClient5OriginClient(
            OriginClientConfig.defaults());
        HttpCache cache = HttpCache.create(CacheConfig.defaults(), Clock.systemUTC());
        Tunnels tunnels = new Tunnels(connect, Transport.detect())) {
      ProxyServices services = new ProxyServices("drain-test", resolver, origins,
          new AccessLog(false, Clock.systemUTC()), Clock.systemUTC(), "CDN-Cache-Control",
          RequestListener.NONE, tunnels);
      self[0] = new EdgeServer(new ServerConfig(new HostPort("127.0.0.1", 0),
          ProxyMode.FORWARD, 8 * 1024, 2 * 1024, Duration.ofSeconds(30), Duration.ZERO, 1,
          connect), () -> new ProxyHandler(services, cache));
      int port = self[0].start().getPort();
      try {
        Opened opened = TunnelClient.open(port, "127.0.0.1:" + PEER.port());
        try (Socket client = opened.socket(); Socket server = PEER.accept()) {
          assertThat(opened.head()).startsWith("HTTP/1.1 200");

          assertThat(self[0].drainClients(address -> true)).isEqualTo(1);

          // Two round trips: the drain runs on the event loop between I/O events, so by the
          // second one it has run whatever the first one overtook.
          for (String word : List.of("still", "there")) {
            byte[] bytes = word.getBytes(StandardCharsets.US_ASCII);
            client.getOutputStream().write(bytes);
            assertThat(server.getInputStream().readNBytes(bytes.length)).isEqualTo(bytes);
            server.getOutputStream().write(bytes);
            assertThat(client.getInputStream().readNBytes(bytes.length)).isEqualTo(bytes);
          }
        }
      } finally {
        self[0].stop(Duration.ZERO);
      }
    }
  }
}
