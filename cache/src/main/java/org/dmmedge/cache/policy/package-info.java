/**
 * RFC 9111 / RFC 5861 / RFC 9213 rules as pure functions and value types: parsed Cache-Control
 * records, storability, freshness and Age, validators, Vary selection, targeted cache control.
 * Nothing here holds state or reads a clock: times are passed in.
 */
package org.dmmedge.cache.policy;
