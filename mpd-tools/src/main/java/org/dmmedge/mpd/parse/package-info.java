/**
 * Parsing MPD documents with StAX: safe against XXE and entity expansion, size-limited, every
 * problem located (element, attribute, value, line).
 */
package org.dmmedge.mpd.parse;
