package io.svccfg.it;

import io.svccfg.config.BadOptionException;
import io.svccfg.config.Config;
import io.svccfg.config.ConfigLoader;
import io.svccfg.dns.DnsRead;
import io.svccfg.dns.LazyTupleSource;
import io.svccfg.dns.TupleSource;
import io.svccfg.jdk.ListenerMover;
import io.svccfg.listener.ListenerActions;
import io.svccfg.listener.ListenerRegistry;
import io.svccfg.listener.UnmanagedListeners;
import io.svccfg.log.LogLevel;
import io.svccfg.log.StderrLogging;
import io.svccfg.notify.NotifyReceiver;
import io.svccfg.reconcile.FirstRead;
import io.svccfg.reconcile.ReadState;
import io.svccfg.reconcile.Reconciler;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Many hosts of a fleet in one JVM, each running svccfg's own classes from the agent jar for everything but the
 * listeners: its options, identity ({@code address=}), DNS reads ({@code TupleSource}, SOA gate, polling), NOTIFY
 * receiver on its own address, and reconciler thread. What is simulated: the application's listener (a host has
 * none, only its bind's wait for a read of its service, {@code ReadState.awaitCovering} as the agent's bind hook
 * calls it, so that its reads ask what a listener's would) and the look for unmanaged listeners (off: in one process
 * it would read every host's sockets).
 *
 * <pre>
 * java -cp svccfg.jar:test-classes io.svccfg.it.SimulatedHosts OPTIONS SERVICE/TRANSPORT NOTIFY_PORT ADDRESS...
 * </pre>
 *
 * Each host gets {@code OPTIONS,address=ADDRESS,notify=ADDRESS:NOTIFY_PORT} and a listener of {@code SERVICE}
 * ({@code http/tcp}). Prints {@code READY n} once every host
 * has read the DNS, then a line {@code READ address serial endpoints nanoTime} each time what a host last read
 * changes ({@code endpoints}: this host's tuples of the domain, {@code -} for none; {@code nanoTime} is comparable
 * across the machine's processes), and a line {@code NOTIFY address serial nanoTime} at each NOTIFY a host accepts
 * ({@code -1} when it carried no serial). {@code -Dsimulated.log=debug} shows the hosts' svccfg log on stderr (default
 * {@code warn}). On the line {@code questions} in stdin it prints {@code QUESTIONS total max} (the
 * DNS questions all its hosts sent, and the most one host sent); on {@code exit}, or at the end of stdin, it exits.
 */
public final class SimulatedHosts {
    private record Host(String address, ReadState reads, Reconciler reconciler) {
        /** {@code serial endpoints} of {@code read}. */
        String describe(DnsRead read, String domain) {
            List<String> mine = new ArrayList<>();
            for (Tuple t : read.tuples()) {
                if (t.address().getHostAddress().equals(address)) {
                    mine.add(t.service() + "/" + t.transport().label() + "@" + address + ":" + t.port());
                }
            }
            return read.serials().get(domain) + " " + (mine.isEmpty() ? "-" : String.join(",", mine));
        }
    }

    private SimulatedHosts() {
    }

    public static void main(String[] args) throws IOException, BadOptionException {
        String options = args[0];
        String[] listener = args[1].split("/");
        ServiceType service = new ServiceType(listener[0], Transport.valueOf(listener[1].toUpperCase(Locale.ROOT)));
        int notifyPort = Integer.parseInt(args[2]);
        StderrLogging.setThreshold(LogLevel.valueOf(System.getProperty("simulated.log", "warn").toUpperCase()));
        ListenerMover mover = ListenerMover.create();
        List<Host> hosts = new ArrayList<>();
        String domain = null;
        ExecutorService binds = Executors.newFixedThreadPool(16);
        for (int i = 3; i < args.length; i++) {
            String address = args[i];
            Config config = ConfigLoader.load(options + ",address=" + address + ",notify=" + address + ":"
                    + notifyPort, new Properties(), Map.of());
            domain = config.domains().get(0);
            ReadState reads = new ReadState();
            ListenerRegistry registry = new ListenerRegistry();
            ListenerActions actions = new ListenerActions(registry, () -> mover, config.unassigned(),
                    config.flapDamping(), config.allow(), config.drain());
            TupleSource source = new TupleSource(config.dns(), config.tsig(), TupleSource.DEFAULT_TIMEOUT);
            Reconciler reconciler = new Reconciler(config, LazyTupleSource.of(source), FirstRead.begin(config, reads),
                    reads, actions, UnmanagedListeners.notLooking(registry, config.services()));
            reconciler.start(() -> { });
            NotifyReceiver.start(config, config.notifyOn().orElseThrow(),
                    notice -> {
                        // When the NOTIFY reached the host, for the benchmark's split of the time to follow.
                        System.out.println("NOTIFY " + address + " " + notice.serial().orElse(-1) + " "
                                + System.nanoTime());
                        reconciler.notified(notice.zone(), notice.serial());
                    });
            hosts.add(new Host(address, reads, reconciler));
            binds.execute(() -> reads.awaitCovering(service, config.firstReadWait()));
        }
        binds.shutdown();
        String zone = domain;
        Thread watch = new Thread(() -> watch(hosts, zone), "simulated-hosts-watch");
        watch.setDaemon(true);
        watch.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
            if (line.equals("questions")) {
                long total = 0;
                long max = 0;
                for (Host host : hosts) {
                    long questions = host.reconciler().dnsQuestions();
                    total += questions;
                    max = Math.max(max, questions);
                }
                System.out.println("QUESTIONS " + total + " " + max);
            }
        }
        System.exit(0);
    }

    /**
     * Every 2 ms, the hosts whose last read changed; READY once every host has read. A host's read is described only
     * when it is a new one: describing every host every 2 ms took a fifth of a CPU per JVM, which the hosts
     * themselves and the DNS servers then lacked.
     */
    private static void watch(List<Host> hosts, String domain) {
        DnsRead[] seen = new DnsRead[hosts.size()];
        String[] last = new String[hosts.size()];
        boolean ready = false;
        while (true) {
            StringBuilder out = new StringBuilder();
            long now = System.nanoTime();
            int read = 0;
            for (int i = 0; i < hosts.size(); i++) {
                Optional<DnsRead> lastGood = hosts.get(i).reads().lastGood();
                if (lastGood.isEmpty()) {
                    continue;
                }
                read++;
                if (lastGood.get() == seen[i]) {
                    continue;
                }
                seen[i] = lastGood.get();
                String state = hosts.get(i).describe(seen[i], domain);
                if (!state.equals(last[i])) {
                    last[i] = state;
                    out.append("READ ").append(hosts.get(i).address()).append(' ').append(state).append(' ')
                            .append(now).append('\n');
                }
            }
            if (!ready && read == hosts.size()) {
                ready = true;
                out.append("READY ").append(read).append('\n');
            }
            if (out.length() > 0) {
                System.out.print(out);
                System.out.flush();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
