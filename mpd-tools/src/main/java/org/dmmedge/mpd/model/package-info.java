/**
 * The MPD model (ISO/IEC 23009-1 §5.3): immutable records, built by {@code
 * org.dmmedge.mpd.parse.MpdParser}.
 */
package org.dmmedge.mpd.model;
