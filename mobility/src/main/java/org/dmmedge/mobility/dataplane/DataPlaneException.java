package org.dmmedge.mobility.dataplane;

/**
 * A data plane could not make or undo a forwarding state: a kernel call failed, an interface
 * is missing, a peer has no tunnel endpoint. The message names what was attempted and why it
 * failed; kernel failures carry the errno name (see the Linux subclass).
 */
public class DataPlaneException extends RuntimeException {

  public DataPlaneException(String message) {
    super(message);
  }

  public DataPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
