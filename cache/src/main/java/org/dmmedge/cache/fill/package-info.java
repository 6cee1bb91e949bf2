/**
 * Collapsed fills: one origin fetch per key ({@link org.dmmedge.cache.fill.Fill}) whose growing
 * body every waiting client reads with its own pull-based
 * {@link org.dmmedge.cache.fill.FillReader}; only a COMPLETE fill is ever indexed.
 */
package org.dmmedge.cache.fill;
