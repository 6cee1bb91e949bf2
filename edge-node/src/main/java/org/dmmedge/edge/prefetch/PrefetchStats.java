package org.dmmedge.edge.prefetch;

/**
 * Prefetch counters since start (see {@link PrefetchScheduler}).
 *
 * @param requested URLs accepted for prefetch (not counting repeats of a pending one)
 * @param prefetched fills that fetched and stored an object
 * @param alreadyCached URLs that were stored already or being fetched for a client
 * @param failed fills that stored nothing (origin error, not storable)
 * @param dropped URLs refused because the queue was full
 * @param hits prefetched objects a client was later served from the cache
 * @param late prefetched objects a client asked for while the prefetch still ran
 * @param wasted prefetched objects forgotten before any client asked for them
 * @param inFlight prefetch fills running now
 * @param queued prefetches waiting now
 */
public record PrefetchStats(
    long requested,
    long prefetched,
    long alreadyCached,
    long failed,
    long dropped,
    long hits,
    long late,
    long wasted,
    int inFlight,
    int queued) {}
