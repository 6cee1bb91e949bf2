package org.dmmedge.bench.load;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.cmd.CmdConfig;
import org.dmmedge.mobility.cmd.CmdServer;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MobilityMessageDecoder;
import org.dmmedge.mobility.codec.MobilityMessageEncoder;
import org.dmmedge.mobility.codec.PbaStatus;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.ProxyMessages;
import org.dmmedge.mobility.codec.SecurityAssociation;
import org.dmmedge.mobility.transport.TransportConfig;

/**
 * CMD throughput over loopback UDP: binds {@code mnCount} MNs (default 100 000), then sends
 * signed refresh PBUs for random MNs with {@code window} outstanding for {@code seconds} and
 * prints PBU/s and the PBU-to-PBA latency percentiles (HdrHistogram). With a journal directory
 * argument the CMD journals and fsyncs (group commit per batch), otherwise it keeps bindings in
 * memory.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.dmmedge.bench.load.CmdThroughput
 * [mnCount] [seconds] [window] [journalDir|-]}
 */
public final class CmdThroughput {
  private static final String MN = "mn%d@load.example";

  private CmdThroughput() {}

  public static void main(String[] args) throws Exception {
    int mnCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    Optional<Path> journal = args.length > 3 && !args[3].equals("-")
        ? Optional.of(Files.createDirectories(Path.of(args[3]))) : Optional.empty();
    InetAddress cmdAddress = InetAddress.getByName("127.0.0.10");
    InetAddress marAddress = InetAddress.getByName("127.0.0.1");
    byte[] key = "load-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    CmdConfig.Builder config = CmdConfig.builder()
        .transport(TransportConfig.udp(new InetSocketAddress(cmdAddress, 0)))
        .securityAssociation(new SecurityAssociation(1, key, marAddress))
        .timestampWindow(Duration.ofSeconds(2));
    journal.ifPresent(config::journalDirectory);
    SecurityAssociation signer = new SecurityAssociation(1, key, cmdAddress);
    try (CmdServer cmd = CmdServer.start(config.build());
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.bind(new InetSocketAddress(marAddress, 0));
      channel.connect(cmd.localAddress());
      Load load = new Load(channel, signer, mnCount, window);
      long bindStart = System.nanoTime();
      load.run(mnCount, true);
      double bindSeconds = (System.nanoTime() - bindStart) / 1e9;
      System.out.printf("bound %d MNs in %.1f s (%.0f PBU/s), CMD holds %d%n", mnCount,
          bindSeconds, mnCount / bindSeconds, cmd.bindings().size());
      load.histogram.reset();
      long start = System.nanoTime();
      long answered = load.runFor(Duration.ofSeconds(seconds));
      double elapsed = Math.min(seconds, (System.nanoTime() - start) / 1e9);
      Histogram h = load.histogram;
      System.out.printf("refresh: %d PBU in %.1f s = %.0f PBU/s (window %d, %s)%n", answered,
          elapsed, answered / elapsed, window, journal.isPresent() ? "journal+fsync" : "in memory");
      System.out.printf("latency us: p50 %d  p90 %d  p99 %d  p99.9 %d  max %d%n",
          h.getValueAtPercentile(50) / 1000, h.getValueAtPercentile(90) / 1000,
          h.getValueAtPercentile(99) / 1000, h.getValueAtPercentile(99.9) / 1000,
          h.getMaxValue() / 1000);
      System.out.printf("non-accepted PBAs: %d, unanswered: %d%n", load.rejected.get(),
          load.lost.get());
      System.out.print(cmd.metricsText());
    }
  }

  /** A window of outstanding PBUs over one UDP channel; one receiver thread. */
  private static final class Load {
    final DatagramChannel channel;
    final SecurityAssociation signer;
    final int mnCount;
    final int window;
    final int[] sequence;
    final long[] sentAt;
    final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    private volatile Semaphore permits;

    Load(DatagramChannel channel, SecurityAssociation signer, int mnCount, int window) {
      this.channel = channel;
      this.signer = signer;
      this.mnCount = mnCount;
      this.window = window;
      this.sequence = new int[mnCount];
      this.sentAt = new long[mnCount];
      Thread receiver = new Thread(this::receive, "load-receiver");
      receiver.setDaemon(true);
      receiver.start();
    }

    void run(int count, boolean inOrder) throws Exception {
      drive(count, Long.MAX_VALUE, inOrder);
    }

    long runFor(Duration duration) throws Exception {
      return drive(Integer.MAX_VALUE, System.nanoTime() + duration.toNanos(), false);
    }

    private long drive(int count, long deadline, boolean inOrder) throws Exception {
      Semaphore permits = new Semaphore(window);
      this.permits = permits;
      answered.set(0);
      java.util.Random random = new java.util.Random(1);
      for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
        if (!permits.tryAcquire(2, TimeUnit.SECONDS)) {
          lost.incrementAndGet();
          permits.release(window - permits.availablePermits());
          continue;
        }
        int mn = inOrder ? i : random.nextInt(mnCount);
        send(mn);
      }
      long done = answered.get();
      if (!permits.tryAcquire(window, 5, TimeUnit.SECONDS)) {
        lost.addAndGet(window - permits.availablePermits());
      }
      return done;
    }

    private void send(int mn) throws IOException {
      int seq = sequence[mn] = (sequence[mn] + 1) & 0xffff;
      Ipv6Prefix prefix = Ipv6Prefix.of(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8,
          (byte) (mn >>> 16), (byte) (mn >>> 8), (byte) mn, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 64);
      byte[] bytes = MobilityMessageEncoder.toBytes(ProxyMessages.pbu(seq, 100,
          String.format(MN, mn), List.of(prefix), 4, 4, new byte[0], Optional.empty(),
          Instant.now()), signer);
      sentAt[mn] = System.nanoTime();
      channel.write(ByteBuffer.wrap(bytes));
    }

    /** Runs until the channel closes. */
    private void receive() {
      ByteBuffer buf = ByteBuffer.allocate(2048);
      MobilityMessageDecoder decoder = new MobilityMessageDecoder(false);
      while (channel.isOpen()) {
        try {
          buf.clear();
          if (channel.receive(buf) == null) {
            continue;
          }
          buf.flip();
          DecodeResult result = decoder.decode(Unpooled.wrappedBuffer(buf));
          if (result instanceof DecodeResult.Decoded d && d.message() instanceof ProxyBindingAck pba) {
            int mn = Integer.parseInt(pba.mnId().orElseThrow().replaceAll("\\D", ""));
            histogram.recordValue(Math.min(System.nanoTime() - sentAt[mn],
                histogram.getHighestTrackableValue()));
            if (!pba.status().equals(PbaStatus.ACCEPTED)) {
              rejected.incrementAndGet();
            }
            answered.incrementAndGet();
            permits.release();
          }
        } catch (IOException e) {
          return;
        }
      }
    }
  }
}
