package org.dmmedge.mobility.dataplane.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A NETLINK_ROUTE socket (netlink(7)) in the network namespace of the thread that opened it.
 * Requests go out with NLM_F_ACK and wait for the matching NLMSG_ERROR; a non-zero error
 * becomes a {@link KernelException} naming the operation and the errno.
 *
 * <p>Thread-safety: requests are serialized on the socket; an event socket (multicast
 * groups) is read by one thread only. A request that gets no answer within the receive
 * timeout fails with EAGAIN instead of hanging.
 */
final class NetlinkSocket implements AutoCloseable {

  private static final int RECEIVE_BYTES = 65536;
  private static final int TIMEOUT_MILLIS = 5000;
  private static final int NLM_F_CAPPED = 0x100;
  private static final int NLM_F_ACK_TLVS = 0x200;
  private static final int NLMSGERR_ATTR_MSG = 1;

  private final int fd;
  private final byte[] receiveBuffer = new byte[RECEIVE_BYTES];
  private int sequence;

  private NetlinkSocket(int fd) {
    this.fd = fd;
  }

  /**
   * Opens a socket in the calling thread's namespace, joined to the multicast
   * {@code groups} (RTNLGRP_* numbers; none for a request socket).
   */
  static NetlinkSocket open(int... groups) {
    LibC libc = LibC.INSTANCE;
    int fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
    if (fd < 0) {
      throw KernelException.lastError("socket(AF_NETLINK, NETLINK_ROUTE)");
    }
    NetlinkSocket socket = new NetlinkSocket(fd);
    try {
      SocketOptions.setInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, 1 << 20, "SO_RCVBUF");
      SocketOptions.setReceiveTimeout(fd, TIMEOUT_MILLIS);
      byte[] addr = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
          .putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(0).putInt(0).array();
      if (libc.bind(fd, addr, addr.length) < 0) {
        throw KernelException.lastError("bind(AF_NETLINK)");
      }
      // Extended acks carry the kernel's reason as text; capped acks do not echo our request.
      SocketOptions.setInt(fd, LibC.SOL_NETLINK, LibC.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
      SocketOptions.setInt(fd, LibC.SOL_NETLINK, LibC.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
      for (int group : groups) {
        SocketOptions.setInt(fd, LibC.SOL_NETLINK, LibC.NETLINK_ADD_MEMBERSHIP, group, "join group " + group);
      }
      return socket;
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends {@code message} and waits for its acknowledgement; throws on a kernel error. */
  synchronized void request(String operation, byte[] message) {
    int seq = send(operation, message);
    while (true) {
      ByteBuffer datagram = receive(operation);
      for (ByteBuffer m : split(datagram)) {
        if (m.getInt(8) == seq && m.getShort(4) == RtMessages.NLMSG_ERROR) {
          throwIfError(operation, m);
          return;
        }
      }
    }
  }

  /**
   * Sends a request without NLM_F_ACK semantics for its answer (a GET) and returns the reply
   * messages up to the acknowledgement or NLMSG_DONE; throws on a kernel error.
   */
  synchronized List<ByteBuffer> query(String operation, byte[] message) {
    int seq = send(operation, message);
    List<ByteBuffer> replies = new ArrayList<>();
    while (true) {
      for (ByteBuffer m : split(receive(operation))) {
        if (m.getInt(8) != seq) {
          continue;
        }
        int type = m.getShort(4);
        if (type == RtMessages.NLMSG_DONE) {
          return replies;
        }
        if (type == RtMessages.NLMSG_ERROR) {
          throwIfError(operation, m);
          return replies;
        }
        replies.add(m);
      }
    }
  }

  /**
   * Waits up to the timeout set by {@link #setReceiveTimeout} for multicast messages;
   * returns none on timeout. For event sockets.
   */
  List<ByteBuffer> nextEvents() {
    long n = LibC.INSTANCE.recvfrom(fd, receiveBuffer, receiveBuffer.length, 0, null, null);
    if (n < 0) {
      int errno = LibC.errno();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return List.of();
      }
      throw new KernelException("receive netlink events", errno);
    }
    return split(copy(n));
  }

  void setReceiveTimeout(int millis) {
    SocketOptions.setReceiveTimeout(fd, millis);
  }

  @Override
  public void close() {
    LibC.INSTANCE.close(fd);
  }

  private int send(String operation, byte[] message) {
    int seq = ++sequence;
    ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).putInt(8, seq);
    byte[] kernel = new byte[12];
    kernel[0] = (byte) LibC.AF_NETLINK;
    if (LibC.INSTANCE.sendto(fd, message, message.length, 0, kernel, kernel.length) < 0) {
      throw KernelException.lastError(operation + " (send)");
    }
    return seq;
  }

  private ByteBuffer receive(String operation) {
    long n = LibC.INSTANCE.recvfrom(fd, receiveBuffer, receiveBuffer.length, 0, null, null);
    if (n < 0) {
      throw KernelException.lastError(operation + " (no answer)");
    }
    return copy(n);
  }

  private ByteBuffer copy(long n) {
    byte[] bytes = new byte[(int) n];
    System.arraycopy(receiveBuffer, 0, bytes, 0, bytes.length);
    return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
  }

  /**
   * Throws for an NLMSG_ERROR carrying an error: {@code int error}, the echoed request header
   * (its payload too unless NLM_F_CAPPED), then extended-ack attributes when NLM_F_ACK_TLVS
   * (netlink.h, struct nlmsgerr).
   */
  static void throwIfError(String operation, ByteBuffer errorMessage) {
    int header = NetlinkMessageBuilder.HEADER_BYTES;
    int error = errorMessage.getInt(header);
    if (error == 0) {
      return;
    }
    String text = "";
    int flags = errorMessage.getShort(6);
    if ((flags & NLM_F_ACK_TLVS) != 0) {
      int echoed = (flags & NLM_F_CAPPED) != 0 ? header : errorMessage.getInt(header + 4);
      int tlvs = header + 4 + ((echoed + 3) & ~3);
      if (tlvs <= errorMessage.limit()) {
        text = NetlinkAttributes.parse(errorMessage, tlvs, errorMessage.limit()).string(NLMSGERR_ATTR_MSG).orElse("");
      }
    }
    throw new KernelException(operation, -error, text);
  }

  /** Splits one datagram into its messages, each a buffer starting at its nlmsghdr. */
  static List<ByteBuffer> split(ByteBuffer datagram) {
    List<ByteBuffer> messages = new ArrayList<>();
    int pos = 0;
    while (pos + NetlinkMessageBuilder.HEADER_BYTES <= datagram.limit()) {
      int len = datagram.getInt(pos);
      if (len < NetlinkMessageBuilder.HEADER_BYTES || pos + len > datagram.limit()) {
        break;
      }
      messages.add(datagram.duplicate().position(pos).limit(pos + len).slice()
          .order(ByteOrder.nativeOrder()));
      pos += (len + 3) & ~3;
    }
    return messages;
  }
}
