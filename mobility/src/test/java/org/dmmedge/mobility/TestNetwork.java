package org.dmmedge.mobility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.dmmedge.mobility.codec.SecurityAssociation;

/** Loopback addresses, free ports and keys for tests with several MARs and a CMD. */
public final class TestNetwork {
  private TestNetwork() {}

  /** 127.0.0.{@code last}. */
  public static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A UDP port free on every one of {@code addresses} (bounded number of tries). */
  public static int freeUdpPort(InetAddress... addresses) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(addresses[0], 0))) {
        port = probe.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (allFree(port, addresses)) {
        return port;
      }
    }
    throw new IllegalStateException("no UDP port free on all test addresses");
  }

  private static boolean allFree(int port, InetAddress... addresses) {
    for (InetAddress address : addresses) {
      try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, port))) {
        probe.getLocalPort();
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The key of MAR number {@code n} (SPI {@code 100 + n}) as seen by {@code peer}. */
  public static SecurityAssociation key(int n, InetAddress peer) {
    byte[] key = ("test-key-of-mar-" + n + "-0123456789").getBytes(StandardCharsets.US_ASCII);
    return new SecurityAssociation(100 + n, key, peer);
  }
}
