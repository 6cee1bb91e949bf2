package org.dmmedge.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MessageAuthenticator;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.MobilityMessageDecoder;
import org.dmmedge.mobility.codec.MobilityMessageEncoder;
import org.dmmedge.mobility.codec.ProxyBindingUpdate;
import org.dmmedge.mobility.codec.ProxyMessages;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PBU encode + decode, the work the CMD does per message besides its binding store: plain, and
 * signed + verified (HMAC-SHA256 authentication option).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private ProxyBindingUpdate pbu;
  private SecurityAssociation sa;
  private MobilityMessageDecoder decoder;
  private MessageReader reader;
  private ByteBuf buf;

  @Setup
  public void setUp() throws Exception {
    pbu = ProxyMessages.pbu(4660, 64, "mn1@dmm.example",
        List.of(Ipv6Prefix.parse("2001:db8:1::/64"), Ipv6Prefix.parse("2001:db8:2::/64")), 4, 4,
        new byte[] {2, 0, 0, 0, 0, 1}, Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"));
    InetAddress mar = InetAddress.getByName("127.0.0.1");
    sa = new SecurityAssociation(101,
        "benchmark-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII), mar);
    decoder = new MobilityMessageDecoder(false);
    reader = new MessageReader(decoder, Optional.of(new MessageAuthenticator(List.of(sa))));
    buf = PooledByteBufAllocator.DEFAULT.heapBuffer(256);
  }

  @TearDown
  public void tearDown() {
    buf.release();
  }

  @Benchmark
  public DecodeResult encodeDecode() {
    buf.clear();
    MobilityMessageEncoder.encode(pbu, buf);
    return decoder.decode(buf);
  }

  @Benchmark
  public DecodeResult encodeDecodeSigned() {
    buf.clear();
    MobilityMessageEncoder.encodeSigned(pbu, sa, buf);
    return reader.read(buf, sa.peer());
  }
}
