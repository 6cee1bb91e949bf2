package org.dmmedge.mobility.cmd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.codec.DecodeResult;
import org.dmmedge.mobility.codec.MobilityMessageDecoder;
import org.dmmedge.mobility.codec.MobilityMessageEncoder;
import org.dmmedge.mobility.codec.ProxyBindingAck;
import org.dmmedge.mobility.codec.ProxyBindingUpdate;
import org.dmmedge.mobility.codec.ProxyMessages;
import org.dmmedge.mobility.codec.SecurityAssociation;

/**
 * A MAR played by the test over a plain UDP socket, so that it can send anything: signed or
 * not, replayed, malformed bytes. Blocking, with a receive timeout.
 */
final class TestMar implements AutoCloseable {
  final DatagramSocket socket;
  final SecurityAssociation key;
  final InetSocketAddress cmd;

  TestMar(InetAddress address, SecurityAssociation key, InetSocketAddress cmd) {
    try {
      socket = new DatagramSocket(new InetSocketAddress(address, 0));
      socket.setSoTimeout(5_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.key = key;
    this.cmd = cmd;
  }

  static ProxyBindingUpdate pbu(int sequence, int lifetimeUnits, String mn, Ipv6Prefix prefix,
      Instant now) {
    return ProxyMessages.pbu(sequence, lifetimeUnits, mn, List.of(prefix), 4, 4, new byte[0],
        Optional.empty(), now);
  }

  byte[] signed(ProxyBindingUpdate pbu) {
    return MobilityMessageEncoder.toBytes(pbu, key);
  }

  void send(byte[] bytes) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, cmd));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next PBA, or empty after the timeout. */
  Optional<ProxyBindingAck> receive() {
    byte[] buf = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DecodeResult result = new MobilityMessageDecoder(false).decode(
        io.netty.buffer.Unpooled.wrappedBuffer(buf, 0, packet.getLength()));
    if (result instanceof DecodeResult.Decoded d && d.message() instanceof ProxyBindingAck pba) {
      return Optional.of(pba);
    }
    throw new AssertionError("not a PBA: " + result);
  }

  void setTimeoutMillis(int millis) {
    try {
      socket.setSoTimeout(millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
