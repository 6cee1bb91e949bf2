package org.dmmedge.mobility.cmd;

import java.util.Collection;
import java.util.Optional;

/**
 * Where the CMD keeps its bindings. Reads may come from any thread (the admin API); writes come
 * from the CMD's one worker thread. A write is durable once {@link #sync()} has returned: the
 * CMD acknowledges a PBU only after that, so a crash loses no acknowledged binding. An
 * implementation over a distributed store (Redis via Lettuce) can replace the file store.
 */
public interface BindingStore extends AutoCloseable {

  Optional<MobileNodeBindings> get(String mnId);

  /** Every MN's bindings (a snapshot, in no particular order). */
  Collection<MobileNodeBindings> all();

  int size();

  /** Records {@code bindings}, replacing what the store had for the MN. */
  void put(MobileNodeBindings bindings);

  /** Forgets the MN. */
  void remove(String mnId);

  /** Makes every earlier write durable. */
  void sync();

  @Override
  void close();
}
