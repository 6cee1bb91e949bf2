package org.dmmedge.mobility.dataplane.linux;

import java.util.Map;

/** Linux errno numbers and their names, for error messages and for callers that react to one. */
final class Errno {

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int ESRCH = 3;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EEXIST = 17;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int EADDRNOTAVAIL = 99;
  static final int EOPNOTSUPP = 95;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(ESRCH, "ESRCH"),
      Map.entry(EINTR, "EINTR"), Map.entry(5, "EIO"), Map.entry(6, "ENXIO"),
      Map.entry(9, "EBADF"), Map.entry(EAGAIN, "EAGAIN"), Map.entry(12, "ENOMEM"),
      Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"),
      Map.entry(EEXIST, "EEXIST"), Map.entry(ENODEV, "ENODEV"), Map.entry(20, "ENOTDIR"),
      Map.entry(EINVAL, "EINVAL"), Map.entry(24, "EMFILE"), Map.entry(28, "ENOSPC"),
      Map.entry(34, "ERANGE"), Map.entry(38, "ENOSYS"), Map.entry(90, "EMSGSIZE"),
      Map.entry(92, "ENOPROTOOPT"), Map.entry(93, "EPROTONOSUPPORT"),
      Map.entry(EOPNOTSUPP, "EOPNOTSUPP"), Map.entry(97, "EAFNOSUPPORT"),
      Map.entry(98, "EADDRINUSE"), Map.entry(EADDRNOTAVAIL, "EADDRNOTAVAIL"),
      Map.entry(100, "ENETDOWN"), Map.entry(101, "ENETUNREACH"), Map.entry(105, "ENOBUFS"),
      Map.entry(110, "ETIMEDOUT"), Map.entry(113, "EHOSTUNREACH"));

  private Errno() {}

  /** {@code "EEXIST"} for 17; {@code "errno 250"} for numbers without a name here. */
  static String name(int errno) {
    return NAMES.getOrDefault(errno, "errno " + errno);
  }
}
