/** JMH microbenchmarks and the side-by-side load harness. */
package org.dmmedge.bench;
