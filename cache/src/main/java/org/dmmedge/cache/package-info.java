/**
 * HTTP caching for the edge node: RFC 9111 semantics, RFC 5861 stale extensions, storage tiers,
 * collapsed fills streamed to every waiting client, and byte ranges. Knows no sockets.
 */
package org.dmmedge.cache;
