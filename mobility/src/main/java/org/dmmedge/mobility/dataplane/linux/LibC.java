package org.dmmedge.mobility.dataplane.linux;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The libc calls the Linux data plane needs, bound through jnr-ffi. Buffers are plain byte
 * arrays laid out by the callers (native byte order, which is little-endian on every platform
 * this runs on). Every call saves errno; read it with {@link #errno()} right after a failure.
 * Public only because jnr-ffi generates its implementation in another class loader; not API.
 */
public interface LibC {

  int AF_INET6 = 10;
  int AF_NETLINK = 16;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int NETLINK_ROUTE = 0;
  int IPPROTO_IPV6 = 41;
  int IPPROTO_ICMPV6 = 58;
  int SOL_SOCKET = 1;
  int SO_RCVTIMEO = 20;
  int SO_RCVBUF = 8;
  int SO_RCVBUFFORCE = 33;
  int SO_BINDTODEVICE = 25;
  int SOL_NETLINK = 270;
  int NETLINK_ADD_MEMBERSHIP = 1;
  int NETLINK_CAP_ACK = 10;
  int NETLINK_EXT_ACK = 11;
  int SOL_IPV6 = 41;
  int IPV6_UNICAST_HOPS = 16;
  int IPV6_MULTICAST_IF = 17;
  int IPV6_MULTICAST_HOPS = 18;
  int IPV6_MULTICAST_LOOP = 19;
  int IPV6_RECVHOPLIMIT = 51;
  int ICMP6_FILTER = 1;
  int O_RDONLY = 0;
  int O_RDWR = 2;
  int O_CLOEXEC = 0x80000;
  int CLONE_NEWNET = 0x40000000;
  short POLLIN = 1;

  @SaveError
  int socket(int domain, int type, int protocol);

  @SaveError
  int bind(int fd, @In byte[] addr, int addrLen);

  @SaveError
  long sendto(int fd, @In byte[] buf, long len, int flags, @In byte[] addr, int addrLen);

  @SaveError
  long recvfrom(int fd, @Out byte[] buf, long len, int flags, @Out byte[] addr, @In @Out int[] addrLen);

  @SaveError
  int setsockopt(int fd, int level, int option, @In byte[] value, int len);

  @SaveError
  int open(String path, int flags);

  @SaveError
  int close(int fd);

  @SaveError
  int setns(int fd, int nstype);

  @SaveError
  int ioctl(int fd, long request, @In @Out byte[] arg);

  @SaveError
  long read(int fd, @Out byte[] buf, long len);

  @SaveError
  long write(int fd, @In byte[] buf, long len);

  @SaveError
  int poll(@In @Out byte[] fds, long nfds, int timeoutMillis);

  /** The bound library. */
  LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

  /** errno of the last failed call on this thread. */
  static int errno() {
    return Runtime.getRuntime(INSTANCE).getLastError();
  }
}
