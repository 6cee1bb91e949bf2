/**
 * A DASH player emulator that measures quality of experience (startup, stalls, switches, per-
 * segment cache headers) over HTTP.
 */
package org.dmmedge.mpd.player;
