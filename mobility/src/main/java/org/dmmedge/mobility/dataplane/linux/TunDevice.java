package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A layer-3 TUN device (IFF_TUN | IFF_NO_PI, Documentation/networking/tuntap.rst): packets the
 * kernel routes to it are read here as bare IPv6 packets, packets written here enter the
 * kernel as if received on it. The device exists while the descriptor is open and lives in
 * the namespace of the thread that opened it.
 */
final class TunDevice implements AutoCloseable {

  private static final long TUNSETIFF = 0x400454caL;
  private static final short IFF_TUN = 0x0001;
  private static final short IFF_NO_PI = 0x1000;
  private static final int POLL_MILLIS = 200;

  private final int fd;
  private final String name;
  private final byte[] pollFd = new byte[8];
  private boolean closed;

  private TunDevice(int fd, String name) {
    this.fd = fd;
    this.name = name;
    ByteBuffer.wrap(pollFd).order(ByteOrder.nativeOrder()).putInt(fd).putShort(LibC.POLLIN);
  }

  /** Creates TUN device {@code name} in the calling thread's namespace. */
  static TunDevice create(String name) {
    LibC libc = LibC.INSTANCE;
    int fd = libc.open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw KernelException.lastError("open /dev/net/tun");
    }
    byte[] ifreq = new byte[40];
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(nameBytes, 0, ifreq, 0, Math.min(15, nameBytes.length));
    ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).putShort(16, (short) (IFF_TUN | IFF_NO_PI));
    if (libc.ioctl(fd, TUNSETIFF, ifreq) < 0) {
      KernelException e = KernelException.lastError("TUNSETIFF " + name);
      libc.close(fd);
      throw e;
    }
    return new TunDevice(fd, name);
  }

  String name() {
    return name;
  }

  /**
   * Reads one packet into {@code buffer}; returns its length, or 0 when none arrived within
   * a short poll interval (so reader loops can notice they should stop).
   */
  int read(byte[] buffer) {
    LibC libc = LibC.INSTANCE;
    int ready = libc.poll(pollFd, 1, POLL_MILLIS);
    if (ready <= 0) {
      return 0;
    }
    long n = libc.read(fd, buffer, buffer.length);
    if (n < 0) {
      int errno = LibC.errno();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      throw new KernelException("read " + name, errno);
    }
    return (int) n;
  }

  /**
   * Hands one IPv6 packet to the kernel as received on this device; returns false, sending
   * nothing, when the device is closed already.
   */
  synchronized boolean write(byte[] packet, int length) {
    if (closed) {
      return false;
    }
    if (LibC.INSTANCE.write(fd, packet, length) < 0) {
      throw KernelException.lastError("write " + name);
    }
    return true;
  }

  /** Closes the descriptor once (the device disappears); later calls do nothing. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      LibC.INSTANCE.close(fd);
    }
  }
}
