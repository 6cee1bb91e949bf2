/**
 * The data plane seen from the MAR agent: {@link org.dmmedge.mobility.dataplane.DataPlane}
 * holds the forwarding states ({@link org.dmmedge.mobility.dataplane.DataPlaneAction}) the
 * agent decides, {@link org.dmmedge.mobility.dataplane.AttachDetector} tells the agent when a
 * mobile node shows up. Backend-neutral; the Linux implementation is in {@code .linux}, a
 * recording one for tests is {@link org.dmmedge.mobility.dataplane.RecordingDataPlane}.
 */
package org.dmmedge.mobility.dataplane;
