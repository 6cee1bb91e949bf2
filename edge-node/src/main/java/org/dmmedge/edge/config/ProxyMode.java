package org.dmmedge.edge.config;

/** How the edge node finds the origin of a request. */
public enum ProxyMode {
  /** A configured origin per Host, or one default origin; the client does not know the origin. */
  REVERSE,
  /** Absolute-form request targets name the origin; origin-form ones go by their Host header. */
  FORWARD,
  /** Intercepted traffic: the origin is the request's Host header. */
  TRANSPARENT
}
