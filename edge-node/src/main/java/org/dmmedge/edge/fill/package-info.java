/**
 * Cache fills without a client connection: pre-warming (admin API) and DASH prefetch use
 * {@link org.dmmedge.edge.fill.CacheFiller} so that they go through the same collapsed fill
 * path as client misses (one origin fetch per key, whoever asks first leads it).
 */
package org.dmmedge.edge.fill;
