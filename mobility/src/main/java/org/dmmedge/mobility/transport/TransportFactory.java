package org.dmmedge.mobility.transport;

import java.util.function.Consumer;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.ReceivedMessage;

/**
 * Opens a {@link MobilityTransport}; {@link Transports#open} is the real one. Tests wrap it
 * (a transport that loses chosen messages); an embedding node could share a socket.
 */
@FunctionalInterface
public interface TransportFactory {
  MobilityTransport open(TransportConfig config, MessageReader reader,
      Consumer<ReceivedMessage> receiver);
}
