package org.dmmedge.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.Lookup;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.proxy.AccessLog;
import org.dmmedge.edge.proxy.ProxyHandler;
import org.dmmedge.edge.proxy.ProxyServices;
import org.dmmedge.edge.server.EdgeChannelInitializer;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClientConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hit path of the edge: a keep-alive GET decoded by the real client pipeline, looked up in
 * the cache, and its stored body written (a retained slice, no copy) through the response
 * encoder into an {@link EmbeddedChannel}; the encoded bytes are released as a socket would.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar HitPath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HitPathBenchmark {
  @Param({"4096", "102400", "2097152"})
  int size;

  private HttpClient5OriginClient originClient;
  private HttpCache cache;
  private EmbeddedChannel channel;
  private ByteBuf request;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    cache = HttpCache.create(CacheConfig.builder().memoryBudgetBytes(64L << 20).build(), clock);
    store("/object", new byte[size]);
    originClient = new HttpClient5OriginClient(OriginClientConfig.defaults());
    OriginResolver resolver = new OriginResolver(ProxyMode.REVERSE,
        new OriginsConfig(Optional.of(URI.create("http://127.0.0.1:9")), Map.of()), "bench",
        () -> null);
    ProxyServices services = new ProxyServices("bench", resolver, originClient,
        new AccessLog(false, clock), clock, "CDN-Cache-Control");
    ServerConfig server = new ServerConfig(new HostPort("127.0.0.1", 0), ProxyMode.REVERSE,
        16 * 1024, 8 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(1), 1);
    channel = new EmbeddedChannel(false, false);
    channel.config().setAutoRead(false);
    channel.pipeline().addLast(new EdgeChannelInitializer(server,
        () -> new ProxyHandler(services, cache),
        new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
    channel.register();
    request = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
        "GET /object HTTP/1.1\r\nHost: bench\r\nUser-Agent: jmh\r\n\r\n",
        StandardCharsets.ISO_8859_1));
  }

  /** Stores {@code body} under {@code path} through the cache's own fill API. */
  private void store(String path, byte[] body) {
    CacheRequest get = new CacheRequest("GET", "http", "bench", path, Headers.empty());
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get);
    miss.fill().start(200, Headers.of("Cache-Control", "max-age=86400",
        "Content-Length", Integer.toString(body.length)));
    miss.fill().append(Unpooled.wrappedBuffer(body));
    miss.fill().complete();
    miss.reader().close();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    channel.finishAndReleaseAll();
    cache.close();
    originClient.close();
  }

  /** One hit: request in, encoded response out; returns the response bytes. */
  @Benchmark
  public long hit() {
    channel.writeInbound(request.duplicate());
    channel.runPendingTasks();
    long bytes = 0;
    Object out;
    while ((out = channel.readOutbound()) != null) {
      if (out instanceof ByteBuf b) {
        bytes += b.readableBytes();
        b.release();
      } else {
        io.netty.util.ReferenceCountUtil.release(out);
      }
    }
    return bytes;
  }
}
