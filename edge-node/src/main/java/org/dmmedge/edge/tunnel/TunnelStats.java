package org.dmmedge.edge.tunnel;

/**
 * A snapshot of the node's CONNECT tunnels.
 *
 * @param connecting CONNECT requests whose destination is being resolved or connected
 * @param open tunnels relaying bytes
 * @param bufferedBytes bytes written into the tunnels' connections and not yet taken by the
 *     kernel; bounded by backpressure (about one read per side above the write high-water
 *     mark), however slow a peer reads
 */
public record TunnelStats(long connecting, long open, long bufferedBytes) {}
