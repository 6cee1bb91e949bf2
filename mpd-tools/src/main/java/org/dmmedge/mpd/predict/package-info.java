/**
 * What the edge needs for prefetch: locating a request in an MPD, the next segments and ABR
 * neighbours, and CMCD (CTA-5004) parsing.
 */
package org.dmmedge.mpd.predict;
