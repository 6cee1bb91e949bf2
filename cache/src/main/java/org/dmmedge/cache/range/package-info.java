/** Single byte ranges (RFC 9110 §14): parsing Range and If-Range, resolving against a length. */
package org.dmmedge.cache.range;
