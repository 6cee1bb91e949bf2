package org.dmmedge.mobility;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.dmmedge.mobility.codec.OutgoingMessage;
import org.dmmedge.mobility.transport.MobilityTransport;

/** A real transport that shows a test every message it sends (test transport factories). */
final class ForwardingTransport implements MobilityTransport {
  private final MobilityTransport real;
  private final Consumer<OutgoingMessage> sent;

  ForwardingTransport(MobilityTransport real, Consumer<OutgoingMessage> sent) {
    this.real = real;
    this.sent = sent;
  }

  @Override
  public InetSocketAddress localAddress() {
    return real.localAddress();
  }

  @Override
  public void send(OutgoingMessage message) {
    real.send(message);
    sent.accept(message);
  }

  @Override
  public void close() {
    real.close();
  }
}
