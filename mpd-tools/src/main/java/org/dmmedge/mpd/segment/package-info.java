/**
 * Segment enumeration for every addressing scheme (§5.3.9), lazy and random-access, with RFC
 * 3986 URL resolution and template expansion.
 */
package org.dmmedge.mpd.segment;
