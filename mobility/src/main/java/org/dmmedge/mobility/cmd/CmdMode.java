package org.dmmedge.mobility.cmd;

/** How the CMD lets previous anchors learn that an MN moved. */
public enum CmdMode {
  /**
   * The CMD answers the new serving MAR at once, listing the previous anchors; the serving MAR
   * sends each of them a PBU itself.
   */
  RELAY,
  /**
   * The CMD sends a PBU to every previous anchor, waits for their PBAs, then answers the new
   * serving MAR.
   */
  PROXY
}
