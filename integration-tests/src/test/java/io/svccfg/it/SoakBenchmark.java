package io.svccfg.it;

import static io.svccfg.it.LoadStats.percentile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.svccfg.demo.dns.DnsServer;
import io.svccfg.demo.dns.DnsZone;
import io.svccfg.demo.dns.TsigKeys;
import io.svccfg.it.MoveLoadBenchmark.KeepAliveTally;
import io.svccfg.it.servers.LoadJettyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Update;

/**
 * A soak, on each JDK: a real Jetty 12 ({@link LoadJettyServer}, two connectors asking 8080 and 8081) under the real
 * agent with {@code service=http:8080,service=alt:8081}, kept under load by clients in this JVM, while a real DNS
 * change moves alt {@value #DEFAULT_MOVES} times (system property {@code soak.moves}) in the cycle port 48181, port
 * 48182, parked, port 48181, ... (each one a move: the agent swaps the socket under Jetty's channel). http stays on
 * 48180 all along. For speed, each change is:
 * <ol>
 * <li>an RFC 2136 update signed with the zone's key, sent from this JVM with dnsjava (no nsupdate process) to the
 * DNS server the agent reads: the demo's DNS server ({@code io.svccfg.demo.dns}) in this JVM on a free port, or, with
 * {@code -Dsoak.dns=bind9}, a real BIND 9 (slower here: an update took 6 ms at the median against 2 ms, as BIND
 * writes each one to its journal on disk);</li>
 * <li>{@code pollNow()} on the agent's MXBean through a JMX connection to the child (the agent runs with
 * {@code poll=1h}, so only that makes it read, and {@code flap-damping=1ms});</li>
 * <li>a wait (Awaitility, polling every millisecond) until the agent's {@code Listeners} say alt is bound at the new
 * endpoint (the endpoint it left two moves before may still drain, and answer) and GET / answers there with the body
 * naming that endpoint; a parked endpoint (127.0.0.1, an ephemeral port) is read from the agent's
 * {@code Listeners}.</li>
 * </ol>
 * The load, all the time, at full speed: keep-alive connections making requests in a loop on http and on alt (an alt
 * connection is opened to alt's endpoint of the moment and kept through the moves), and clients opening a new
 * connection per request to alt's current endpoint (told by this test once a move answers there; a client refused at
 * the endpoint alt just left waits for the next one, so "refused" counts at most one per client and move; connections
 * reset in the old socket's accept queue are counted apart).
 * <p>
 * Prints {@code SOAK ...} lines: after a warm-up of {@value #WARM_UP} moves and at the end, the child's open
 * descriptors ({@code /proc/PID/fd}), threads ({@code /proc/PID/status}), heap used after a full GC (JMX), loaded
 * classes and RSS, each taken with the load paused (its connections stay open; RSS also counts pages of memory the
 * JVM had committed before and touched since: {@code -Dsoak.childOptions=-XX:NativeMemoryTracking=summary} adds the
 * JVM's own account of its native memory from the warm-up to the end); at the end, for the first and the last
 * {@value #WINDOW} moves, the percentiles of the time from just before the update is sent to the new endpoint
 * answering, and of the agent's own move time (its {@code moved from A to B in X ms} lines); the load's figures and
 * the child's warnings and exceptions. It asserts what can fail and is not timing: every move landed (answered at its
 * endpoint, and the agent counts and logs exactly that many moves of alt and none of http), the server is alive, the
 * clients made requests, and descriptors and threads at the end are at most those after the warm-up plus a small
 * allowance.
 * <p>
 * Not part of {@code mvn verify}: {@code mvn -B -pl integration-tests -am verify -Dit.test=SoakBenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Dsoak.moves=N} for a shorter run; {@code -Dsoak.keepAlive=N},
 * {@code -Dsoak.newConnections=N} set the load's clients, default 2 keep-alive connections on each endpoint and 1
 * client of new connections).
 */
class SoakBenchmark {
    private static final String HOST = "127.0.0.157";
    private static final String TARGET = "host157.example.test.";
    private static final int HTTP_PORT = 48180;
    private static final int ALT_PORT = 48181;
    private static final int ALT_OTHER_PORT = 48182;
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 48180 host157
            _alt._tcp   SRV  1 100 48181 host157
            host157     A    127.0.0.157
            """);

    private static final int DEFAULT_MOVES = 10_000;
    private static final int MOVES = Integer.getInteger("soak.moves", DEFAULT_MOVES);
    private static final int WARM_UP = 100;
    private static final int WINDOW = 1000;
    /** Keep-alive connections on each of http and alt, and clients opening new connections to alt. */
    private static final int KEEP_ALIVE = Integer.getInteger("soak.keepAlive", 2);
    private static final int NEW_CONNECTIONS = Integer.getInteger("soak.newConnections", 1);
    /** What descriptors and threads may grow by between the warm-up and the end without counting as a leak. */
    private static final int FD_ALLOWANCE = 16;
    private static final int THREAD_ALLOWANCE = 16;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** {@code svccfg 21:16:00.765 INFO  alt/tcp moved from 127.0.0.157:48181 to 127.0.0.157:48182 in 0.42 ms: ...}. */
    private static final Pattern MOVED = Pattern.compile("^svccfg \\S+ \\w+ +(\\w+)/tcp moved from \\S+ to \\S+"
            + " in ([\\d.]+) ms");

    /** {@code embedded}: the demo's DNS server in this JVM; {@code bind9}: a real BIND 9. */
    private static final String DNS = System.getProperty("soak.dns", "embedded");
    /** With {@code -Dsoak.childOptions=-XX:NativeMemoryTracking=summary}: the NMT difference from warm-up to end. */
    private static final boolean NATIVE_MEMORY = System.getProperty("soak.childOptions", "")
            .contains("NativeMemoryTracking");
    private static final String KEY = "svccfg-soak:hmac-sha256:c29hay1zb2FrLXNvYWstc29hay1zb2FrLXNvYWstc29haw==";

    @TempDir
    Path workDir;

    /** The zone's DNS server: where the agent reads and where the test sends its updates. */
    private AutoCloseable dnsServer;
    private InetSocketAddress dnsAddress;
    private String tsig;

    @BeforeEach
    void startDns() throws Exception {
        if (DNS.equals("bind9")) {
            Bind9 bind = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
            dnsServer = bind;
            dnsAddress = new InetSocketAddress("127.0.0.1", bind.port());
            tsig = bind.tsig();
        } else if (DNS.equals("embedded")) {
            DnsServer embedded = DnsServer.start(DnsZone.fromText(ZONE, Optional.empty()),
                    new InetSocketAddress("127.0.0.1", 0), List.of(), Optional.of(TsigKeys.parse(KEY)), line -> { });
            dnsServer = embedded;
            dnsAddress = embedded.address();
            tsig = KEY;
        } else {
            throw new IllegalArgumentException("soak.dns=" + DNS + ": expected embedded or bind9");
        }
    }

    @AfterEach
    void stopDns() throws Exception {
        dnsServer.close();
    }

    /** Where alt is: on one of its two ports, or parked. */
    private enum Place {
        PORT(ALT_PORT), OTHER_PORT(ALT_OTHER_PORT), PARKED(0);

        final int port;

        Place(int port) {
            this.port = port;
        }

        Place next() {
            return values()[(ordinal() + 1) % 3];
        }
    }

    @OnEachJdk
    void movesUnderLoad(ChildJvm jvm) throws Exception {
        assertTrue(MOVES >= 1, "soak.moves=" + MOVES + ": at least one move");
        String agent = "-javaagent:" + ItEnvironment.agentJar() + "=domain=" + Bind9.FIG1_DOMAIN + ",dns=127.0.0.1:"
                + dnsAddress.getPort() + ",address=" + HOST
                + ",poll=1h,flap-damping=1ms,service=http:8080,service=alt:8081";
        List<String> args = new ArrayList<>(List.of(agent, "-Djava.io.tmpdir=" + workDir));
        // Extra options for the child, to look closer (a flight recording, say): -Dsoak.childOptions="-XX:... -D..."
        args.addAll(List.of(System.getProperty("soak.childOptions", "").split(" ")).stream().filter(o -> !o.isBlank())
                .toList());
        args.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadJettyServer.class.getName(), "8080",
                "8081"));
        ExecutorService clients = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "soak-client");
            t.setDaemon(true);
            return t;
        });
        long began = System.nanoTime();
        try (ChildProcess server = jvm.start(args, Map.of(), workDir)) {
            InetSocketAddress http = new InetSocketAddress(HOST, HTTP_PORT);
            InetSocketAddress alt = new InetSocketAddress(HOST, ALT_PORT);
            // Attached only once the JVM is up: the Attach API's signal would kill a JVM that is still starting.
            awaitAnswer(server, null, http, null);
            awaitAnswer(server, null, alt, null);
            Load load = new Load(http, alt);
            try (Child child = Child.attach(server)) {
                soak(jvm, server, child, new Updates(dnsAddress, tsig), load, clients, began);
            } finally {
                load.running = false;
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static void soak(ChildJvm jvm, ChildProcess server, Child child, Updates updates, Load load,
            ExecutorService clients, long began) throws Exception {
        for (int i = 0; i < KEEP_ALIVE; i++) {
            clients.execute(() -> load.keepAlive(load.http, load.httpAt::get));
            clients.execute(() -> load.keepAlive(load.alt, load.altAt::get));
        }
        for (int i = 0; i < NEW_CONNECTIONS; i++) {
            clients.execute(load::newConnections);
        }

        List<Double> toAnswer = new ArrayList<>(MOVES);
        List<Double> update = new ArrayList<>(MOVES);
        List<Double> read = new ArrayList<>(MOVES);
        List<String> samples = new ArrayList<>();
        Figures start = null;
        long movesBegan = System.nanoTime();
        Place at = Place.PORT;
        for (int i = 1; i <= MOVES; i++) {
            Place to = at.next();
            long t0 = System.nanoTime();
            updates.move(at, to);
            long t1 = System.nanoTime();
            child.pollNow();
            InetSocketAddress answered = awaitAnswer(server, child, to == Place.PARKED ? null
                    : new InetSocketAddress(HOST, to.port), "move " + i + " of " + MOVES + ", " + at + " to " + to);
            long t2 = System.nanoTime();
            load.aim(answered);
            toAnswer.add((t2 - t0) / 1e6);
            update.add((t1 - t0) / 1e6);
            read.add((t2 - t1) / 1e6);
            at = to;
            if (i % WINDOW == 0) {
                samples.add(String.format("%d/%d/%.0f", child.fds(), child.threads(), child.rssKb() / 1024.0));
            }
            if (i == WARM_UP) {
                start = measure(child, load);
                if (NATIVE_MEMORY) {
                    child.nativeMemory("baseline");
                }
                System.out.printf("SOAK %s: after %d moves (warm-up, %.1f s): %s%n", jvm, i,
                        (System.nanoTime() - movesBegan) / 1e9, start);
            }
        }
        double movesSeconds = (System.nanoTime() - movesBegan) / 1e9;
        Figures end = measure(child, load);
        load.running = false;
        clients.shutdown();
        assertTrue(clients.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "the clients stopped");

        String stderr = server.stderr();
        List<Double> logged = new ArrayList<>();
        long httpMoves = 0;
        for (String line : stderr.lines().toList()) {
            Matcher m = MOVED.matcher(line);
            if (m.find()) {
                if (m.group(1).equals("alt")) {
                    logged.add(Double.parseDouble(m.group(2)));
                } else {
                    httpMoves++;
                }
            }
        }
        Map<String, Object> altInfo = child.listener("alt");
        Map<String, Object> httpInfo = child.listener("http");

        System.out.printf("SOAK %s: after %d moves (%.1f s of moves, %.1f moves/s): %s%n", jvm, MOVES, movesSeconds,
                MOVES / movesSeconds, end);
        if (start != null) {
            System.out.printf("SOAK %s: growth from the warm-up to the end: descriptors %+d, threads %+d (%d started),"
                    + " heap after GC %+.1f MB, classes %+d; %s%n", jvm, end.fds - start.fds,
                    end.threads - start.threads, end.threadsStarted - start.threadsStarted,
                    (end.heapUsed - start.heapUsed) / 1e6, end.classes - start.classes,
                    end.threadsChangedSince(start));
        }
        int window = Math.max(1, Math.min(WINDOW, MOVES / 2));
        System.out.println(times(jvm, "first", window, toAnswer.subList(0, window), update.subList(0, window),
                read.subList(0, window), logged.subList(0, Math.min(window, logged.size()))));
        System.out.println(times(jvm, "last", window, toAnswer.subList(MOVES - window, MOVES),
                update.subList(MOVES - window, MOVES), read.subList(MOVES - window, MOVES),
                logged.subList(Math.max(0, logged.size() - window), logged.size())));
        System.out.printf("SOAK %s: p50 of each %d moves, DNS change to answering / the agent's move (logged): %s%n",
                jvm, window, drift(toAnswer, logged, window));
        System.out.printf("SOAK %s: after each %d moves, descriptors/threads/RSS MB (load running): %s%n", jvm, WINDOW,
                String.join(", ", samples));
        System.out.println(load.report(jvm));
        List<String> unusual = stderr.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                || l.contains("Exception") || l.contains("Error")).toList();
        System.out.printf("SOAK %s: the server is %s; agent: alt %s at %s, %s moves, http %s at %s, %s moves, %s reads"
                + " (%s failed) asking %s DNS questions; %d warnings, errors or exceptions on its stderr%s%n", jvm,
                server.isAlive() ? "alive" : "DEAD", altInfo.get("state"), altInfo.get("bound"), altInfo.get("moves"),
                httpInfo.get("state"), httpInfo.get("bound"), httpInfo.get("moves"), child.attribute("PollCount"),
                child.attribute("ReadFailures"), child.attribute("DnsQuestions"), unusual.size(), unusual.isEmpty() ? ""
                        : ":\n" + unusual.stream().limit(20).collect(Collectors.joining("\n")));
        if (NATIVE_MEMORY && start != null) {
            System.out.printf("SOAK %s: native memory since the warm-up (NMT):%n%s%n", jvm,
                    child.nativeMemory("summary.diff"));
        }
        System.out.printf("SOAK %s: whole run %.1f s%n", jvm, (System.nanoTime() - began) / 1e9);

        assertTrue(server.isAlive(), "the server is alive");
        assertEquals(MOVES, logged.size(), "the agent logged one move of alt per DNS change");
        assertEquals(MOVES, ((Number) altInfo.get("moves")).intValue(), "the agent counts one move of alt per change");
        assertEquals(0, httpMoves, "http never moved");
        assertEquals(0, ((Number) httpInfo.get("moves")).intValue(), "http never moved");
        assertTrue(load.http.requests.sum() > 0 && load.alt.requests.sum() > 0 && load.fresh.answered.sum() > 0,
                "the clients made requests");
        if (start != null) {
            assertTrue(end.fds <= start.fds + FD_ALLOWANCE, "descriptors: " + start + " -> " + end);
            assertTrue(end.threads <= start.threads + THREAD_ALLOWANCE, "threads: " + start + " -> " + end);
        }
    }

    /** The medians of each block of {@code block} moves, in order, to show a drift. */
    private static String drift(List<Double> toAnswer, List<Double> logged, int block) {
        List<String> blocks = new ArrayList<>();
        for (int from = 0; from < toAnswer.size(); from += block) {
            int to = Math.min(toAnswer.size(), from + block);
            List<Double> total = toAnswer.subList(from, to).stream().sorted().toList();
            List<Double> agent = logged.subList(Math.min(from, logged.size()), Math.min(to, logged.size())).stream()
                    .sorted().toList();
            blocks.add(String.format("%.1f/%s", percentile(total, 50), agent.isEmpty() ? "-"
                    : String.format("%.2f", percentile(agent, 50))));
        }
        return String.join(", ", blocks) + " ms";
    }

    private static String times(ChildJvm jvm, String which, int window, List<Double> toAnswer, List<Double> update,
            List<Double> read, List<Double> logged) {
        List<Double> total = toAnswer.stream().sorted().toList();
        List<Double> sent = update.stream().sorted().toList();
        List<Double> poll = read.stream().sorted().toList();
        List<Double> agent = logged.stream().sorted().toList();
        return String.format("SOAK %s: %s %d moves: DNS change to answering p50 %.2f, p90 %.2f, p99 %.2f, max %.2f ms"
                + " (the signed update p50 %.2f, p99 %.2f ms; then pollNow to answering p50 %.2f, p99 %.2f ms); the"
                + " agent's move (logged) p50 %.2f, p90 %.2f, p99 %.2f, max %.2f ms", jvm, which, window,
                percentile(total, 50), percentile(total, 90), percentile(total, 99), percentile(total, 100),
                percentile(sent, 50), percentile(sent, 99), percentile(poll, 50), percentile(poll, 99),
                percentile(agent, 50), percentile(agent, 90), percentile(agent, 99), percentile(agent, 100));
    }

    /**
     * Waits until GET / answers at {@code endpoint}, or, when it is null, at alt's parked endpoint as the agent reports
     * it (bound on 127.0.0.1, state PARKED); returns the endpoint that answered.
     */
    private static InetSocketAddress awaitAnswer(ChildProcess server, Child child, InetSocketAddress endpoint,
            String what) {
        AtomicReference<InetSocketAddress> answered = new AtomicReference<>();
        AtomicReference<String> last = new AtomicReference<>("none");
        String description = (what == null ? "" : what + ": ") + "an answer at "
                + (endpoint == null ? "alt's parked endpoint" : endpoint.getHostString() + ":" + endpoint.getPort());
        try {
            await(description).atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        if (!server.isAlive()) {
                            throw new IllegalStateException("the server exited");
                        }
                        InetSocketAddress at = endpoint;
                        if (at != null && child != null && !(HOST + ":" + at.getPort()).equals(
                                child.listener("alt").get("bound"))) {
                            // The old endpoint of a move drains and answers too: the listener itself must be there.
                            last.set("alt is at " + child.listener("alt").get("bound"));
                            return false;
                        }
                        if (at == null) {
                            Map<String, Object> alt = child.listener("alt");
                            String bound = (String) alt.get("bound");
                            if (!"PARKED".equals(alt.get("state")) || bound == null
                                    || !bound.startsWith("127.0.0.1:")) {
                                last.set("alt is " + alt.get("state") + " at " + bound);
                                return false;
                            }
                            at = new InetSocketAddress("127.0.0.1", Integer.parseInt(bound.substring(10)));
                        }
                        try {
                            LoadHttpConnection.open(at.getHostString(), at.getPort()).getAndClose();
                            answered.set(at);
                            return true;
                        } catch (IOException e) {
                            last.set(e.toString());
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError(description + " (last: " + last.get() + ")\n--- stdout ---\n"
                    + tail(server.stdout(), 20) + "\n--- stderr (tail) ---\n" + tail(server.stderr(), 40), e);
        }
        return answered.get();
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The child's figures, taken with the load paused (its keep-alive connections stay open). */
    private static Figures measure(Child child, Load load) throws Exception {
        load.pause.writeLock().lock();
        try {
            MemoryUsage heap = child.heapAfterGc();
            long nonHeap = child.nonHeapUsed();
            // A connection the clients just closed can take a moment to be closed on the server's side too.
            AtomicReference<Long> previous = new AtomicReference<>(-1L);
            await("a steady descriptor count").atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        long now = child.fds();
                        return now == previous.getAndSet(now);
                    });
            return new Figures(previous.get(), child.threads(), heap.getUsed(), heap.getCommitted(), nonHeap,
                    child.classes(), child.rssKb(), child.threadNames(), child.threadsStarted());
        } finally {
            load.pause.writeLock().unlock();
        }
    }

    record Figures(long fds, long threads, long heapUsed, long heapCommitted, long nonHeapUsed, long classes,
            long rssKb, List<String> threadNames, long threadsStarted) {
        @Override
        public String toString() {
            return String.format("%d open descriptors, %d threads (%d started since the JVM began), heap used after"
                    + " full GC %.1f MB (committed %.1f MB), non-heap used %.1f MB, %d classes loaded, RSS %.1f MB",
                    fds, threads, threadsStarted, heapUsed / 1e6, heapCommitted / 1e6, nonHeapUsed / 1e6, classes,
                    rssKb / 1024.0);
        }

        /** The threads of {@code this} that {@code before} did not have, and the reverse, by name. */
        String threadsChangedSince(Figures before) {
            List<String> added = new ArrayList<>(threadNames);
            before.threadNames.forEach(added::remove);
            List<String> gone = new ArrayList<>(before.threadNames);
            threadNames.forEach(gone::remove);
            return "threads new " + added + ", gone " + gone;
        }
    }

    /** The child JVM through /proc and a JMX connection (the Attach API's local management agent, as status does). */
    static final class Child implements AutoCloseable {
        private static final ObjectName AGENT = name("io.svccfg:type=Agent");
        private final long pid;
        private final JMXConnector connector;
        private final MBeanServerConnection mbeans;
        private final MemoryMXBean memory;
        private final ClassLoadingMXBean classLoading;
        private final ThreadMXBean threading;

        private Child(long pid, JMXConnector connector) throws IOException {
            this.pid = pid;
            this.connector = connector;
            this.mbeans = connector.getMBeanServerConnection();
            this.memory = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class);
            this.classLoading = ManagementFactory.newPlatformMXBeanProxy(mbeans,
                    ManagementFactory.CLASS_LOADING_MXBEAN_NAME, ClassLoadingMXBean.class);
            this.threading = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.THREAD_MXBEAN_NAME,
                    ThreadMXBean.class);
        }

        /** Waits until the child's agent has registered its MXBean, and connects. */
        static Child attach(ChildProcess server) throws Exception {
            String address;
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(server.pid()));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            Child child = new Child(server.pid(), JMXConnectorFactory.connect(new JMXServiceURL(address)));
            await("the agent's MXBean").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> child.mbeans.isRegistered(AGENT));
            return child;
        }

        void pollNow() throws Exception {
            mbeans.invoke(AGENT, "pollNow", null, null);
        }

        /** {@code jcmd PID VM.native_memory COMMAND}, through the DiagnosticCommand MBean. */
        String nativeMemory(String command) throws Exception {
            return (String) mbeans.invoke(name("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {command}}, new String[] {String[].class.getName()});
        }

        Object attribute(String name) throws Exception {
            return mbeans.getAttribute(AGENT, name);
        }

        /** The agent's view of the listener of {@code service}: its ListenerInfo as a map. */
        Map<String, Object> listener(String service) throws Exception {
            for (CompositeData c : (CompositeData[]) mbeans.getAttribute(AGENT, "Listeners")) {
                if (service.equals(c.get("service"))) {
                    Map<String, Object> info = new HashMap<>();
                    for (String key : List.of("bound", "state", "moves", "lastError")) {
                        info.put(key, c.get(key));
                    }
                    return info;
                }
            }
            throw new AssertionError("the agent has no listener of " + service);
        }

        MemoryUsage heapAfterGc() {
            memory.gc();
            return memory.getHeapMemoryUsage();
        }

        long nonHeapUsed() {
            return memory.getNonHeapMemoryUsage().getUsed();
        }

        long threadsStarted() {
            return threading.getTotalStartedThreadCount();
        }

        /** The names of the JVM's live Java threads, sorted. */
        List<String> threadNames() {
            return Stream.of(threading.getThreadInfo(threading.getAllThreadIds())).filter(t -> t != null)
                    .map(ThreadInfo::getThreadName).sorted().toList();
        }

        long classes() {
            return classLoading.getLoadedClassCount();
        }

        long fds() {
            try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                return fds.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long threads() {
            return status("Threads:");
        }

        long rssKb() {
            return status("VmRSS:");
        }

        private long status(String key) {
            try {
                return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                        .filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim().split("\\s+")[0])
                        .mapToLong(Long::parseLong).findFirst().orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }

        private static ObjectName name(String name) {
            try {
                return new ObjectName(name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Signed RFC 2136 updates of alt's SRV record, sent with dnsjava to the test's BIND. */
    static final class Updates {
        private final SimpleResolver resolver;
        private final Name zone;
        private final Name owner;
        private final Name target;

        Updates(InetSocketAddress dns, String tsig) throws IOException {
            this.resolver = new SimpleResolver(dns);
            resolver.setTSIGKey(TsigKeys.parse(tsig));
            resolver.setTimeout(Duration.ofSeconds(5));
            this.zone = Name.fromString(Bind9.FIG1_DOMAIN + ".");
            this.owner = Name.fromString("_alt._tcp." + Bind9.FIG1_DOMAIN + ".");
            this.target = Name.fromString(TARGET);
        }

        /** One update: alt's record goes from {@code from} to {@code to} (a parked alt has none). */
        void move(Place from, Place to) throws IOException {
            Update update = new Update(zone);
            if (from != Place.PARKED) {
                update.delete(srv(from.port));
            }
            if (to != Place.PARKED) {
                update.add(srv(to.port));
            }
            Message answer = resolver.send(update);
            if (answer.getRcode() != Rcode.NOERROR) {
                throw new AssertionError("the DNS server refused the update " + from + " to " + to + ": "
                        + Rcode.string(answer.getRcode()));
            }
        }

        private SRVRecord srv(int port) {
            return new SRVRecord(owner, DClass.IN, 60, 1, 100, port, target);
        }
    }

    /** New connections, one request each, to alt's current endpoint. */
    static final class NewConnections {
        final LongAdder answered = new LongAdder();
        /** Aimed at the endpoint alt just left, before this test told the clients the new one (then they wait). */
        final LongAdder refused = new LongAdder();
        /** Connected, then reset or closed before the answer: the old socket's accept queue at a move. */
        final LongAdder reset = new LongAdder();
        /** Reset as the connect completed: accepted by the old socket's kernel queue as it closed, too. */
        final LongAdder resetConnecting = new LongAdder();
        final LongAdder other = new LongAdder();
    }

    /** The client threads' loops; each request holds the pause lock's read side, so that a measure can stop them. */
    static final class Load {
        volatile boolean running = true;
        final ReentrantReadWriteLock pause = new ReentrantReadWriteLock(true);
        final AtomicReference<InetSocketAddress> httpAt;
        final AtomicReference<InetSocketAddress> altAt;
        final KeepAliveTally http = new KeepAliveTally();
        final KeepAliveTally alt = new KeepAliveTally();
        final NewConnections fresh = new NewConnections();
        final Map<String, Integer> reasons = new ConcurrentHashMap<>();

        Load(InetSocketAddress http, InetSocketAddress alt) {
            this.httpAt = new AtomicReference<>(http);
            this.altAt = new AtomicReference<>(alt);
        }

        /** Requests in a loop on one keep-alive connection; a failed one is counted and replaced. */
        void keepAlive(KeepAliveTally tally, java.util.function.Supplier<InetSocketAddress> endpoint) {
            LoadHttpConnection connection = null;
            while (running) {
                pause.readLock().lock();
                try {
                    if (connection == null) {
                        InetSocketAddress at = endpoint.get();
                        connection = LoadHttpConnection.open(at.getHostString(), at.getPort());
                        tally.opened.increment();
                    }
                    connection.get();
                    tally.requests.increment();
                } catch (IOException e) {
                    tally.failed.increment();
                    reason("keep-alive", e);
                    if (connection != null) {
                        if (connection.requests() > 0) {
                            tally.broken.increment();
                        }
                        closeQuietly(connection);
                        connection = null;
                    }
                } finally {
                    pause.readLock().unlock();
                }
            }
            if (connection != null) {
                closeQuietly(connection);
            }
        }

        /**
         * Short connections, one request each, to alt's current endpoint. A refused one means the endpoint is gone:
         * the client waits for the next one (as a real client would read DNS again) rather than knock in a loop.
         */
        void newConnections() {
            while (running) {
                InetSocketAddress at = altAt.get();
                boolean refused = false;
                pause.readLock().lock();
                try {
                    LoadHttpConnection connection;
                    try {
                        connection = LoadHttpConnection.open(at.getHostString(), at.getPort());
                    } catch (ConnectException e) {
                        fresh.refused.increment();
                        refused = true;
                        continue;
                    } catch (IOException e) {
                        if (String.valueOf(e.getMessage()).contains("reset")) {
                            fresh.resetConnecting.increment();
                        } else {
                            fresh.other.increment();
                        }
                        reason("new, connect", e);
                        continue;
                    }
                    try {
                        connection.getAndClose();
                        fresh.answered.increment();
                    } catch (IOException e) {
                        fresh.reset.increment();
                        reason("new, after connect", e);
                    }
                } finally {
                    pause.readLock().unlock();
                    if (refused) {
                        awaitNewAim(at);
                    }
                }
            }
        }

        /** This test tells the clients alt's new endpoint once a move answers there. */
        void aim(InetSocketAddress endpoint) {
            synchronized (altAt) {
                altAt.set(endpoint);
                altAt.notifyAll();
            }
        }

        private void awaitNewAim(InetSocketAddress old) {
            synchronized (altAt) {
                while (running && altAt.get() == old) {
                    try {
                        // Bounded, so that the end of the load is seen without a notify.
                        altAt.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        /** Counts a failure by its kind, numbers (ports) left out so that kinds stay few. */
        private void reason(String where, IOException e) {
            String message = String.valueOf(e.getMessage()).replaceAll("\\d+", "N");
            reasons.merge(where + ": " + e.getClass().getSimpleName() + ": " + message, 1, Integer::sum);
        }

        String report(ChildJvm jvm) {
            return String.format("SOAK %s: load: http keep-alive (%d connections at a time): %d requests, %d failed,"
                    + " %d connections broken, %d opened; alt keep-alive (%d at a time, kept through the moves): %d"
                    + " requests, %d failed, %d connections broken, %d opened; alt new connections (%d client(s)): %d"
                    + " answered, %d refused, %d reset while connecting, %d reset or closed after connect, %d other%s",
                    jvm, KEEP_ALIVE,
                    http.requests.sum(), http.failed.sum(), http.broken.sum(), http.opened.sum(), KEEP_ALIVE,
                    alt.requests.sum(), alt.failed.sum(), alt.broken.sum(), alt.opened.sum(), NEW_CONNECTIONS,
                    fresh.answered.sum(), fresh.refused.sum(), fresh.resetConnecting.sum(), fresh.reset.sum(),
                    fresh.other.sum(),
                    reasons.isEmpty() ? "" : "; failure kinds: " + reasons);
        }

        private static void closeQuietly(LoadHttpConnection connection) {
            try {
                connection.close();
            } catch (IOException e) {
                // Gone either way.
            }
        }
    }
}
