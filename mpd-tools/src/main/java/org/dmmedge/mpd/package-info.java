/** DASH MPD (ISO/IEC 23009-1) model, parser, segment enumeration, prediction, player emulator. */
package org.dmmedge.mpd;
