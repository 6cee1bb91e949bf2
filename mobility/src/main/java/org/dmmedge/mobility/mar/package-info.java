/**
 * The MAR agent the edge node embeds: prefix allocation, registration at the CMD with
 * retransmission and refresh, handover with the previous anchors, data-plane actions and
 * listener events; {@link org.dmmedge.mobility.mar.MarAgent} runs it.
 */
package org.dmmedge.mobility.mar;
