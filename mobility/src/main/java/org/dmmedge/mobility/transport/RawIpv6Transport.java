package org.dmmedge.mobility.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.MhChecksum;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.codec.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mobility Header as IPv6 next header 135 on a raw socket ({@code socket(AF_INET6, SOCK_RAW,
 * 135)} through jnr-ffi; needs CAP_NET_RAW). Linux verifies the MH checksum of received packets
 * and fills it on sent ones (raw sockets of protocol 135 get a checksum offset of 4); we fill
 * it too when bound to a specific address, so the bytes are right whoever computes them.
 *
 * <p>Threads: one daemon thread blocks in {@code recvfrom} with a 200 ms timeout so that
 * {@link #close()} ends it within that time; {@code sendto} runs on the caller's thread (a raw
 * send does not block on a local socket buffer with room). Every raw socket of protocol 135 on
 * the host sees every MH packet to its address, including the ones its own process sent.
 */
final class RawIpv6Transport implements MobilityTransport {
  private static final Logger log = LoggerFactory.getLogger(RawIpv6Transport.class);
  private static final int AF_INET6 = 10;
  private static final int SOCK_RAW = 3;
  private static final int IPPROTO_MH = 135;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;
  private static final int SOCKADDR_IN6 = 28;
  private static final int EAGAIN = 11;
  private static final int EINTR = 4;

  /** The libc calls this transport needs. */
  public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In byte[] addr, int addrlen);

    @SaveError
    int setsockopt(int fd, int level, int name, @In byte[] value, int length);

    @SaveError
    long sendto(int fd, @In byte[] buf, long len, int flags, @In byte[] addr, int addrlen);

    @SaveError
    long recvfrom(int fd, @Out byte[] buf, long len, int flags, @Out byte[] addr,
        IntByReference addrlen);

    int close(int fd);

    String strerror(int errnum);
  }

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
  }

  private final LibC libc;
  private final int fd;
  private final Inet6Address local;
  private final MessageReader reader;
  private final Consumer<ReceivedMessage> receiver;
  private final Thread thread;
  private volatile boolean open = true;

  private RawIpv6Transport(LibC libc, int fd, Inet6Address local, MessageReader reader,
      Consumer<ReceivedMessage> receiver) {
    this.libc = libc;
    this.fd = fd;
    this.local = local;
    this.reader = reader;
    this.receiver = receiver;
    this.thread = new Thread(this::receiveLoop, "mh-raw-" + local.getHostAddress());
    thread.setDaemon(true);
  }

  static RawIpv6Transport open(InetAddress bind, MessageReader reader,
      Consumer<ReceivedMessage> receiver) {
    Objects.requireNonNull(receiver, "receiver");
    if (!(bind instanceof Inet6Address local)) {
      throw new IllegalArgumentException("bind: " + bind + " (expected: an IPv6 address)");
    }
    LibC libc = Holder.LIBC;
    int fd = libc.socket(AF_INET6, SOCK_RAW, IPPROTO_MH);
    if (fd < 0) {
      throw failure(libc, "socket(AF_INET6, SOCK_RAW, 135) (expected: CAP_NET_RAW)");
    }
    byte[] timeout = new byte[16];
    timeout[8] = (byte) 0x40; // 200 000 µs, little-endian struct timeval
    timeout[9] = (byte) 0x0d;
    timeout[10] = (byte) 0x03;
    if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length) < 0
        || libc.bind(fd, sockaddr(local), SOCKADDR_IN6) < 0) {
      IOException cause = errno(libc, "bind " + local.getHostAddress());
      libc.close(fd);
      throw new UncheckedIOException(cause);
    }
    RawIpv6Transport transport = new RawIpv6Transport(libc, fd, local, reader, receiver);
    transport.thread.start();
    return transport;
  }

  @Override
  public InetSocketAddress localAddress() {
    return new InetSocketAddress(local, 0);
  }

  @Override
  public void send(OutgoingMessage message) {
    ByteBuf buf = Unpooled.buffer(128);
    try {
      message.encodeTo(buf);
      byte[] mh = new byte[buf.readableBytes()];
      buf.readBytes(mh);
      InetAddress to = message.recipient().getAddress();
      if (!(to instanceof Inet6Address destination)) {
        log.warn("raw IPv6 cannot send to {}: not an IPv6 address", to);
        return;
      }
      if (!local.isAnyLocalAddress()) {
        MhChecksum.fill(local, destination, mh);
      }
      long sent = libc.sendto(fd, mh, mh.length, 0, sockaddr(destination), SOCKADDR_IN6);
      if (sent < 0) {
        log.warn("raw send to {} failed: {}", to, errno(libc, "sendto").getMessage());
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    libc.close(fd);
  }

  private void receiveLoop() {
    byte[] packet = new byte[65_535];
    byte[] from = new byte[SOCKADDR_IN6];
    IntByReference fromLength = new IntByReference(SOCKADDR_IN6);
    while (open) {
      long n = libc.recvfrom(fd, packet, packet.length, 0, from, fromLength);
      if (n < 0) {
        int errno = Runtime.getSystemRuntime().getLastError();
        if (errno != EAGAIN && errno != EINTR && open) {
          log.warn("raw receive failed: {}", libc.strerror(errno));
        }
        continue;
      }
      byte[] address = java.util.Arrays.copyOfRange(from, 8, 24);
      ByteBuf mh = Unpooled.wrappedBuffer(packet, 0, (int) n);
      try {
        InetAddress sender = InetAddress.getByAddress(address);
        receiver.accept(new ReceivedMessage(new InetSocketAddress(sender, 0),
            reader.read(mh, sender)));
      } catch (IOException | RuntimeException e) {
        log.warn("raw datagram handling failed", e);
      } finally {
        mh.release();
      }
    }
  }

  /** struct sockaddr_in6 for {@code address}, port 0, scope id kept for link-local. */
  private static byte[] sockaddr(Inet6Address address) {
    byte[] sa = new byte[SOCKADDR_IN6];
    sa[0] = (byte) AF_INET6; // sa_family_t is host order (little-endian x86_64)
    System.arraycopy(address.getAddress(), 0, sa, 8, 16);
    int scope = address.getScopeId();
    sa[24] = (byte) scope;
    sa[25] = (byte) (scope >>> 8);
    sa[26] = (byte) (scope >>> 16);
    sa[27] = (byte) (scope >>> 24);
    return sa;
  }

  private static IOException errno(LibC libc, String what) {
    int errno = Runtime.getSystemRuntime().getLastError();
    return new IOException(what + ": " + libc.strerror(errno) + " (errno " + errno + ")");
  }

  private static UncheckedIOException failure(LibC libc, String what) {
    return new UncheckedIOException(errno(libc, what));
  }
}
