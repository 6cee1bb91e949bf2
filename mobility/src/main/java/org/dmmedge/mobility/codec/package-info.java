/**
 * The PMIPv6/DMM wire format: Proxy Binding Update and Acknowledgement (RFC 5213 §8) in a
 * Mobility Header (RFC 6275 §6.1) with their options, the DMM vendor-specific options
 * (enterprise 32473), HMAC-SHA256 authentication (RFC 4285 layout), replay and sequence checks,
 * and the Netty datagram codec. The layout is drawn in mobility/README.md.
 */
package org.dmmedge.mobility.codec;
