package org.dmmedge.mobility.dataplane.linux;

import org.dmmedge.mobility.dataplane.DataPlaneException;

/**
 * The kernel refused a call: a netlink request answered with an error, or a syscall failed.
 * The message reads {@code "add route 2001:db8::/64 table 1001: EEXIST"}, followed by the
 * kernel's own explanation in parentheses when it gave one (netlink extended ack).
 */
public final class KernelException extends DataPlaneException {

  private final int errno;

  KernelException(String operation, int errno) {
    this(operation, errno, "");
  }

  /** With the kernel's extended-ack text, if any: {@code "...: EOPNOTSUPP (lwt encapsulation type not supported)"}. */
  KernelException(String operation, int errno, String kernelMessage) {
    super(operation + ": " + Errno.name(errno) + (kernelMessage.isEmpty() ? "" : " (" + kernelMessage + ")"));
    this.errno = errno;
  }

  /** The positive errno value. */
  public int errno() {
    return errno;
  }

  /** The errno name, such as {@code EEXIST}. */
  public String errnoName() {
    return Errno.name(errno);
  }

  /** Throws a KernelException for the current thread's errno. */
  static KernelException lastError(String operation) {
    return new KernelException(operation, LibC.errno());
  }
}
