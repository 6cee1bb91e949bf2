package org.dmmedge.mobility.transport;

import java.util.function.Consumer;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.ReceivedMessage;

/** Opens the transport a {@link TransportConfig} names. */
public final class Transports {
  private Transports() {}

  /**
   * Binds and starts receiving.
   *
   * @throws java.io.UncheckedIOException when the socket cannot be opened or bound
   */
  public static MobilityTransport open(TransportConfig config, MessageReader reader,
      Consumer<ReceivedMessage> receiver) {
    return switch (config.kind()) {
      case UDP -> UdpTransport.open(config.bind(), reader, receiver);
      case RAW_IPV6 -> RawIpv6Transport.open(config.bind().getAddress(), reader, receiver);
    };
  }
}
