package io.svccfg.jmx;

import io.svccfg.config.Config;
import io.svccfg.dns.DnsRead;
import io.svccfg.drain.Window;
import io.svccfg.listener.ListenerRegistry;
import io.svccfg.listener.UnmanagedListeners;
import io.svccfg.reconcile.Activity;
import io.svccfg.reconcile.ReadState;
import io.svccfg.reconcile.Reconciler;
import io.svccfg.tuple.AddressText;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/** The {@code io.svccfg:type=Agent} MXBean: a read-only view of svccfg's state, and {@code pollNow()}. */
public final class AgentView extends NotificationBroadcasterSupport implements SvccfgMXBean {
    public static final String NAME = "io.svccfg:type=Agent";
    public static final String RECONFIGURED = "io.svccfg.reconfigured";

    private final Config config;
    private final ReadState state;
    private final ListenerRegistry registry;
    private final Reconciler reconciler;
    private final LongSupplier refusedNotifies;
    private final Supplier<List<Window>> draining;
    private final UnmanagedListeners unmanaged;
    private final AtomicLong sequence = new AtomicLong();

    private AgentView(Config config, ReadState state, ListenerRegistry registry, Reconciler reconciler,
            LongSupplier refusedNotifies, Supplier<List<Window>> draining, UnmanagedListeners unmanaged) {
        super(new MBeanNotificationInfo(new String[] {RECONFIGURED}, Notification.class.getName(),
                "svccfg moved, parked or reopened listeners; the message says which"));
        this.config = config;
        this.state = state;
        this.registry = registry;
        this.reconciler = reconciler;
        this.refusedNotifies = refusedNotifies;
        this.draining = draining;
        this.unmanaged = unmanaged;
    }

    /** The view, which sends a notification after every change once registered. */
    public static AgentView of(Config config, ReadState state, ListenerRegistry registry, Reconciler reconciler,
            LongSupplier refusedNotifies, Supplier<List<Window>> draining, UnmanagedListeners unmanaged) {
        AgentView view = new AgentView(config, state, registry, reconciler, refusedNotifies, draining, unmanaged);
        reconciler.onChange(view::reconfigured);
        return view;
    }

    /** Registers the view in the platform MBean server, for JMX tools. */
    public void register() throws JMException {
        ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(NAME));
    }

    private void reconfigured(List<String> moves) {
        Notification notification = new Notification(RECONFIGURED, NAME, sequence.incrementAndGet(),
                String.join("; ", moves));
        notification.setUserData(moves.toArray(new String[0]));
        sendNotification(notification);
    }

    @Override
    public String[] getDomains() {
        return config.domains().toArray(new String[0]);
    }

    @Override
    public ListeningPointInfo[] getListeningPoints() {
        Optional<DnsRead> last = state.lastGood();
        String when = text(activity().lastFullRead());
        return config.listeningPoints().stream()
                .map(point -> last.flatMap(read -> read.listeningPoints().stream()
                        .filter(r -> r.point().equals(point)).findFirst())
                        .map(read -> ListeningPointInfo.of(read, when))
                        .orElse(ListeningPointInfo.unresolved(point)))
                .toArray(ListeningPointInfo[]::new);
    }

    @Override
    public String[] getIdentity() {
        return state.identity().addresses().stream().map(AddressText::of).toArray(String[]::new);
    }

    @Override
    public TupleInfo[] getTuples() {
        return state.lastGood().map(r -> r.tuples().stream().map(TupleInfo::of).toArray(TupleInfo[]::new))
                .orElse(new TupleInfo[0]);
    }

    @Override
    public ListenerInfo[] getListeners() {
        return Stream.concat(registry.open().stream().map(ListenerInfo::of),
                unmanaged.current().stream().map(ListenerInfo::of)).toArray(ListenerInfo[]::new);
    }

    @Override
    public DrainInfo[] getDraining() {
        return draining.get().stream().map(DrainInfo::of).toArray(DrainInfo[]::new);
    }

    @Override
    public long getPollCount() {
        return activity().polls();
    }

    @Override
    public String getLastRead() {
        return text(activity().lastRead());
    }

    @Override
    public String getLastChange() {
        return text(activity().lastChange());
    }

    @Override
    public String getLastError() {
        return activity().lastError();
    }

    @Override
    public long getReadFailures() {
        return activity().readFailures();
    }

    @Override
    public long getDnsQuestions() {
        return reconciler.dnsQuestions();
    }

    @Override
    public long getNotifyCount() {
        return activity().notifies();
    }

    @Override
    public long getRefusedNotifyCount() {
        return refusedNotifies.getAsLong();
    }

    @Override
    public void pollNow() {
        reconciler.pollNow();
    }

    private Activity activity() {
        return reconciler.activity();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
