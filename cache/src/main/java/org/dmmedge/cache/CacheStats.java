package org.dmmedge.cache;

/**
 * A snapshot of cache counters (monotonic since start) and gauges.
 *
 * @param hits lookups answered from a fresh stored response (incl. 304/416 answered from cache)
 * @param misses lookups that became a fill leader
 * @param staleServed lookups answered with a stale response (SWR, max-stale, stale-if-error)
 * @param revalidations revalidations started (foreground and background)
 * @param collapsedFollowers lookups that joined a fill in progress
 * @param passes lookups sent to the origin without caching
 * @param evictions entries evicted by size from either tier
 * @param memoryBytes body bytes held in memory
 * @param memoryObjects entries in memory
 * @param diskBytes body bytes held on disk
 * @param diskObjects entries on disk
 * @param inFlightFills fills in progress that others can join
 * @param promotions disk entries read back into the memory tier after repeated disk hits
 */
public record CacheStats(
    long hits,
    long misses,
    long staleServed,
    long revalidations,
    long collapsedFollowers,
    long passes,
    long evictions,
    long memoryBytes,
    long memoryObjects,
    long diskBytes,
    long diskObjects,
    long inFlightFills,
    long promotions) {}
