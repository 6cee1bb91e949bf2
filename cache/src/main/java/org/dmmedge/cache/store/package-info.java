/**
 * Storage tiers: stored responses, their reference-counted bodies (off-heap memory, disk
 * files), the Caffeine index of each tier weighed by body bytes, and the Vary directory.
 */
package org.dmmedge.cache.store;
