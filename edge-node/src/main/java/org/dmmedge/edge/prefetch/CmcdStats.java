package org.dmmedge.edge.prefetch;

/**
 * What clients reported through CMCD (CTA-5004) since start.
 *
 * @param requests requests that carried CMCD (query parameter or headers)
 * @param invalid requests whose CMCD did not parse (served anyway, no hint used)
 * @param hints {@code nor} hints turned into prefetches
 * @param starvations requests reporting buffer starvation ({@code bs})
 * @param bufferReports requests reporting a buffer length ({@code bl})
 * @param bufferMillisSum the sum of those buffer lengths (ms)
 * @param throughputReports requests reporting a measured throughput ({@code mtp})
 * @param throughputKbpsSum the sum of those throughputs (kbit/s)
 * @param sessions distinct session ids ({@code sid}) among the most recent 4096
 */
public record CmcdStats(
    long requests,
    long invalid,
    long hints,
    long starvations,
    long bufferReports,
    long bufferMillisSum,
    long throughputReports,
    long throughputKbpsSum,
    int sessions) {}
