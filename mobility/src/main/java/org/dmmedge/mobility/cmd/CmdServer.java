package org.dmmedge.mobility.cmd;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mobility.Scheduler;
import org.dmmedge.mobility.SystemScheduler;
import org.dmmedge.mobility.codec.MessageAuthenticator;
import org.dmmedge.mobility.codec.CodecWarmUp;
import org.dmmedge.mobility.codec.MessageReader;
import org.dmmedge.mobility.codec.MobilityMessageDecoder;
import org.dmmedge.mobility.transport.MobilityTransport;
import org.dmmedge.mobility.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Central Mobility Database: binding store, worker, transport, expiry timer and
 * (optionally) the admin API, built from a {@link CmdConfig}. {@link #start(CmdConfig)} returns
 * once it listens; {@link #close()} stops everything it started and makes the store durable.
 *
 * <p>Data flow: transport thread -> {@link CmdWorker} queue -> {@link PbuProcessor} -> store
 * (journal) -> one fsync per batch -> answers sent.
 */
public final class CmdServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CmdServer.class);

  private final CmdConfig config;
  private final BindingStore store;
  private final CmdMetrics metrics;
  private final CmdWorker worker;
  private final Scheduler scheduler;
  private final Optional<SystemScheduler> ownScheduler;
  private final MobilityTransport transport;
  private final Optional<AdminServer> admin;
  private volatile boolean closed;
  private volatile Scheduler.Cancellable sweep = () -> { };

  private CmdServer(CmdConfig config, Scheduler scheduler, Optional<SystemScheduler> own) {
    this.config = config;
    this.scheduler = scheduler;
    this.ownScheduler = own;
    this.store = config.journalDirectory()
        .<BindingStore>map(dir -> FileBindingStore.open(dir, config.compactAfterRecords()))
        .orElseGet(InMemoryBindingStore::new);
    this.metrics = new CmdMetrics(scheduler::now);
    Outbox outbox = new Outbox();
    this.worker = new CmdWorker(store, outbox);
    PbuProcessor processor = new PbuProcessor(config, store, metrics, outbox, scheduler, worker);
    MessageReader reader = new MessageReader(new MobilityMessageDecoder(config.acceptMadOptions()),
        config.requireAuthentication()
            ? Optional.of(new MessageAuthenticator(config.securityAssociations()))
            : Optional.empty());
    CodecWarmUp.run(reader, config.securityAssociations().stream().findFirst(),
        config.transport().bind().getAddress(), CodecWarmUp.ROUNDS);
    MobilityTransport opened = null;
    AdminServer adminServer = null;
    try {
      opened = Transports.open(config.transport(), reader,
          received -> {
            java.time.Instant arrival = scheduler.now();
            worker.execute(() -> processor.handle(received, arrival));
          });
      worker.start(opened);
      adminServer = config.admin().map(a -> new AdminServer(a, store, metrics)).orElse(null);
    } catch (RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      worker.close();
      store.close();
      own.ifPresent(SystemScheduler::close);
      throw e;
    }
    this.transport = opened;
    this.admin = Optional.ofNullable(adminServer);
    scheduleSweep(processor);
    log.info("CMD listening on {} ({} mode, {} binding(s) loaded)", transport.localAddress(),
        config.mode(), store.size());
  }

  /** Starts a CMD on the wall clock. */
  public static CmdServer start(CmdConfig config) {
    SystemScheduler scheduler = new SystemScheduler("dmm-cmd-timer");
    return new CmdServer(Objects.requireNonNull(config, "config"), scheduler,
        Optional.of(scheduler));
  }

  /** Starts a CMD on {@code scheduler}'s time (tests advance it by hand). */
  public static CmdServer start(CmdConfig config, Scheduler scheduler) {
    return new CmdServer(Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(scheduler, "scheduler"), Optional.empty());
  }

  private void scheduleSweep(PbuProcessor processor) {
    if (closed) {
      return;
    }
    // Rescheduled from the timer itself, so that sweeps keep their pace whatever the worker does.
    sweep = scheduler.schedule(config.expirySweepInterval(), () -> {
      worker.execute(processor::expire);
      scheduleSweep(processor);
    });
  }

  /** Where the mobility transport listens. */
  public InetSocketAddress localAddress() {
    return transport.localAddress();
  }

  /** Where the admin API listens, if it runs. */
  public Optional<InetSocketAddress> adminAddress() {
    return admin.map(AdminServer::localAddress);
  }

  /** The bindings (read-only use: the worker thread writes them). */
  public BindingStore bindings() {
    return store;
  }

  public CmdMetrics metrics() {
    return metrics;
  }

  /** The metrics as the admin API serves them ({@code GET /metrics}). */
  public String metricsText() {
    return metrics.render(store.size());
  }

  @Override
  public void close() {
    closed = true;
    sweep.cancel();
    admin.ifPresent(AdminServer::close);
    transport.close();
    worker.close();
    store.close();
    ownScheduler.ifPresent(SystemScheduler::close);
  }
}
