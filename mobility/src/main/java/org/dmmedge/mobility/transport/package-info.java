/** How mobility messages travel: UDP port 5436 (Netty) or raw IPv6 next header 135 (jnr-ffi). */
package org.dmmedge.mobility.transport;
