package org.dmmedge.mobility.dataplane;

/**
 * Where the MAR agent's forwarding decisions become packets moving: on Linux routes, policy
 * rules, tunnels and Router Advertisements; in tests a recording of the actions.
 *
 * <p>Both operations are idempotent: installing an installed action or removing an absent one
 * changes nothing. {@link #close()} removes everything this data plane installed. Calls may
 * block (netlink round trips) and must not be made from a Netty event loop.
 */
public interface DataPlane extends AutoCloseable {

  /** Makes the state {@code action} describes hold. */
  void install(DataPlaneAction action);

  /** Removes the state {@code action} describes, if it is installed. */
  void remove(DataPlaneAction action);

  /** Removes every action this data plane installed. */
  @Override
  void close();
}
