package org.dmmedge.mobility.dataplane;

/**
 * Told by the data plane when a mobile node shows up on an access link; the MAR agent
 * implements it and starts a registration (RFC 5213 §6.9.1.1: a MAG learns of an attach from
 * the link layer or a Router Solicitation).
 *
 * <p>Two sources call it: a Router Solicitation carrying a source link-layer address not seen
 * on that link before ({@code mnLinkLayerId} is that address, {@code aa:bb:cc:dd:ee:ff}), and
 * an access link coming up ({@code mnLinkLayerId} is then the link's own hardware address: on
 * a point-to-point access link the link stands for the one MN behind it). Called from a data
 * plane thread (never from inside {@code install}, {@code remove} or the data plane's start),
 * so an implementation may call {@link DataPlane#install} and {@link DataPlane#remove}; it
 * should return soon, as further attaches wait for it.
 */
@FunctionalInterface
public interface AttachDetector {

  /** A mobile node identified by {@code mnLinkLayerId} attached on access link {@code link}. */
  void attach(String mnLinkLayerId, String link);
}
