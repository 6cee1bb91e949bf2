package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** setsockopt(2) for the raw and netlink sockets of this package; failures throw with the errno. */
final class SocketOptions {

  private SocketOptions() {}

  static void setInt(int fd, int level, int option, int value, String what) {
    set(fd, level, option, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array(), what);
  }

  /** SO_RCVTIMEO: a blocking receive returns EAGAIN after {@code millis}, so loops can stop. */
  static void setReceiveTimeout(int fd, int millis) {
    set(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
        .putLong(millis / 1000).putLong((millis % 1000) * 1000L).array(), "SO_RCVTIMEO");
  }

  static void set(int fd, int level, int option, byte[] value, String what) {
    if (LibC.INSTANCE.setsockopt(fd, level, option, value, value.length) < 0) {
      throw KernelException.lastError(what);
    }
  }
}
