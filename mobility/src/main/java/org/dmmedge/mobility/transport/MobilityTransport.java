package org.dmmedge.mobility.transport;

import java.net.InetSocketAddress;
import org.dmmedge.mobility.codec.OutgoingMessage;

/**
 * Sends and receives Mobility Header messages. Received datagrams go, decoded and
 * authenticated or failed, to the receiver given when the transport was opened, on the
 * transport's own thread: the receiver must hand work off and return quickly.
 */
public interface MobilityTransport extends AutoCloseable {

  /** The local address the transport is bound to (port 0 for raw IPv6). */
  InetSocketAddress localAddress();

  /** Sends {@code message} without blocking; a failure to send is logged, never thrown. */
  void send(OutgoingMessage message);

  /** Stops receiving and releases the socket. */
  @Override
  void close();
}
