package org.dmmedge.mobility.cmd;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.dmmedge.mobility.TestNetwork;
import org.dmmedge.mobility.transport.TransportConfig;

/**
 * A CMD in its own JVM for {@link CmdCrashIT}: journal in {@code args[0]}, mobility and admin
 * on ephemeral ports of 127.0.0.10, printed as {@code READY <port> <adminPort>}. Runs until
 * killed or until its standard input closes.
 */
public final class CmdProcessMain {
  private CmdProcessMain() {}

  public static void main(String[] args) throws Exception {
    CmdConfig config = CmdConfig.builder()
        .transport(TransportConfig.udp(new InetSocketAddress(TestNetwork.loopback(10), 0)))
        .admin(new InetSocketAddress(TestNetwork.loopback(10), 0))
        .journalDirectory(Path.of(args[0]))
        .compactAfterRecords(Integer.parseInt(args[1]))
        .securityAssociation(TestNetwork.key(1, TestNetwork.loopback(1)))
        .build();
    try (CmdServer cmd = CmdServer.start(config)) {
      System.out.println("READY " + cmd.localAddress().getPort() + " "
          + cmd.adminAddress().orElseThrow().getPort());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Wait for the parent to close our input (or to kill us).
      }
    }
  }
}
