package org.dmmedge.mobility.dataplane.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.dmmedge.mobility.dataplane.DataPlaneException;

/**
 * A named network namespace ({@code ip netns}, {@code /var/run/netns/NAME}) in which sockets
 * and TUN devices can be opened from this JVM.
 *
 * <p>Network namespaces belong to threads (setns(2) changes only the calling thread), and a
 * socket stays in the namespace it was created in whatever thread uses it later. So
 * {@link #open} runs its opener on a fresh thread that first joins the namespace, then dies:
 * no pooled thread is ever left in a foreign namespace.
 */
public final class NetNamespace {

  private static final Path NETNS_DIR = Path.of("/var/run/netns");

  private final Optional<String> name;

  private NetNamespace(Optional<String> name) {
    this.name = name;
  }

  /** The namespace of this process (no setns). */
  public static NetNamespace current() {
    return new NetNamespace(Optional.empty());
  }

  /** The namespace {@code ip netns add name} created. */
  public static NetNamespace named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("netns: " + name + " (expected: a name under /var/run/netns)");
    }
    return new NetNamespace(Optional.of(name));
  }

  /** The name, empty for the process's own namespace. */
  public Optional<String> name() {
    return name;
  }

  /** Runs {@code opener} inside this namespace and returns what it made. */
  <T> T open(Supplier<T> opener) {
    if (name.isEmpty()) {
      return opener.get();
    }
    Path path = NETNS_DIR.resolve(name.get());
    if (!Files.exists(path)) {
      throw new DataPlaneException("netns: " + name.get() + " (expected: " + path + " to exist)");
    }
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        join(path);
        result.set(opener.get());
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "netns-" + name.get());
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataPlaneException("interrupted while opening in netns " + name.get(), e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /**
   * Whether {@code net.ipv6.conf.all.forwarding} is on here. /proc/sys/net shows the namespace
   * of the reading thread, so it is read from inside.
   */
  boolean ipv6Forwarding() {
    return open(() -> {
      try {
        return Files.readString(Path.of("/proc/sys/net/ipv6/conf/all/forwarding")).strip().equals("1");
      } catch (java.io.IOException e) {
        throw new DataPlaneException("read net.ipv6.conf.all.forwarding in " + this + ": " + e.getMessage(), e);
      }
    });
  }

  /** Opens this namespace's file (for IFLA_NET_NS_FD); the caller closes it. */
  int openFile() {
    Path path = name.map(NETNS_DIR::resolve).orElse(Path.of("/proc/self/ns/net"));
    int fd = LibC.INSTANCE.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw KernelException.lastError("open " + path);
    }
    return fd;
  }

  private static void join(Path path) {
    LibC libc = LibC.INSTANCE;
    int fd = libc.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw KernelException.lastError("open " + path);
    }
    try {
      if (libc.setns(fd, LibC.CLONE_NEWNET) < 0) {
        throw KernelException.lastError("setns " + path);
      }
    } finally {
      libc.close(fd);
    }
  }

  @Override
  public String toString() {
    return name.map(n -> "netns " + n).orElse("current netns");
  }
}
