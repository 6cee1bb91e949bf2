/** Fetching from origin servers with Apache HttpClient 5: async, pooled, streamed. */
package org.dmmedge.origin;
