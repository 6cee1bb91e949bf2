/** Distributed Mobility Management: PMIPv6-derived control plane (CMD, MAR agent) and Linux data plane. */
package org.dmmedge.mobility;
