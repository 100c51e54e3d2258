package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operating the agent in real processes: {@code svccfg.jar status} (JSON and text, across JDKs, and its errors),
 * {@code svccfg.jar attach} into a running JVM, the {@code io.svccfg:type=Agent} MXBean's notifications and
 * {@code pollNow()} over JMX, and the agent's JFR events, against a real BIND 9 changed with {@code nsupdate}.
 * Only 127.0.0.161-166 and SRV ports 58080-58099 are used.
 */
class OperateIT {
    static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58080 host161
            _http._tcp  SRV  1 100 58081 host163
            host161     A    127.0.0.161
            host163     A    127.0.0.163
            """);
    private static final String HOST = "127.0.0.163";
    private static final String ASSIGNED = HOST + ":58081";
    private static final String MOVED = HOST + ":58082";
    private static final String MOVE = "http/tcp moved from " + ASSIGNED + " to " + MOVED;
    private static final String MBEAN = "io.svccfg:type=Agent";
    private static final String RECONFIGURED = "io.svccfg.reconfigured";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> STATUS_KEYS = Set.of("pid", "domains", "listeningPoints", "identity", "tuples",
            "listeners", "draining", "polls", "readFailures", "notifies", "refusedNotifies", "questions", "lastRead", "lastChange", "lastError");
    private static final Set<String> TUPLE_KEYS =
            Set.of("service", "transport", "address", "port", "priority", "weight", "target", "domain", "ttl");
    private static final Set<String> LISTENER_KEYS =
            Set.of("service", "transport", "requested", "bound", "state", "moves", "why", "lastError", "socketType");

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    private String agentOptions(String poll) {
        return "domain=example.test,dns=" + dns.hostPort() + ",address=" + HOST + ",poll=" + poll;
    }

    /** A demo server-socket asking for 8080 under the agent, once it listens where DNS says. */
    private DemoServer startServer(ChildJvm jvm, String poll) {
        DemoServer server = DemoServer.start(jvm, agentOptions(poll), "server-socket", "--port", "8080");
        try {
            assertEquals(ASSIGNED, server.awaitListening(), () -> server.child().stderr());
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Moves host163's http tuple from 58081 to 58082. */
    private void movePort() {
        dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 1, "host163.example.test.", 58081, 58082));
    }

    // --- 1. status --json, across JDKs ---

    static Stream<Arguments> cliAndChild() {
        List<ChildJvm> jdks = ItEnvironment.jdks().toList();
        return jdks.stream().flatMap(cli -> jdks.stream().map(child -> Arguments.of(cli, child)));
    }

    @ParameterizedTest(name = "CLI on {0}, child on {1}")
    @MethodSource("cliAndChild")
    void statusJsonDescribesTheAgentOfAChildOnAnyJdk(ChildJvm cli, ChildJvm childJvm) {
        try (DemoServer server = startServer(childJvm, "30s")) {
            long pid = server.child().pid();
            ChildProcess.Result r = cli.svccfg("status", String.valueOf(pid), "--json");
            assertEquals(0, r.exitCode(), r::describe);
            assertEquals("", r.stderr(), r::describe);
            Map<String, Object> status = object(Json.parse(r.stdout()), r);

            assertEquals(STATUS_KEYS, status.keySet(), r::describe);
            assertAll(r.describe(),
                    () -> assertEquals(pid, number(status.get("pid"))),
                    () -> assertEquals(List.of("example.test"), status.get("domains")),
                    () -> assertEquals(List.of(HOST), status.get("identity")),
                    () -> assertTrue(number(status.get("polls")) >= 1, "polls"),
                    () -> assertEquals(0, number(status.get("readFailures"))),
                    () -> assertEquals(0, number(status.get("notifies"))),
                    () -> assertNotNull(Instant.parse(assertInstanceOf(String.class, status.get("lastRead")))),
                    () -> assertNull(status.get("lastError")));

            List<?> tuples = assertInstanceOf(List.class, status.get("tuples"), r::describe);
            assertFalse(tuples.isEmpty(), r::describe);
            for (Object t : tuples) {
                assertEquals(TUPLE_KEYS, object(t, r).keySet(), r::describe);
            }
            assertTrue(tuples.stream().map(t -> object(t, r)).anyMatch(t -> t.get("service").equals("http")
                    && t.get("transport").equals("tcp") && t.get("address").equals(HOST)
                    && number(t.get("port")) == 58081 && number(t.get("priority")) == 1
                    && number(t.get("weight")) == 100 && t.get("target").equals("host163.example.test")
                    && t.get("domain").equals("example.test") && number(t.get("ttl")) == 60),
                    () -> "host163's tuple:\n" + r.describe());

            List<?> listeners = assertInstanceOf(List.class, status.get("listeners"), r::describe);
            assertEquals(1, listeners.size(), r::describe);
            Map<String, Object> l = object(listeners.get(0), r);
            assertEquals(LISTENER_KEYS, l.keySet(), r::describe);
            assertAll(r.describe(),
                    () -> assertEquals("http", l.get("service")),
                    () -> assertEquals("tcp", l.get("transport")),
                    () -> assertEquals("0.0.0.0:8080", l.get("requested")),
                    () -> assertEquals(ASSIGNED, l.get("bound")),
                    () -> assertEquals("ACTIVE", l.get("state")),
                    () -> assertEquals(0, number(l.get("moves"))),
                    () -> assertInstanceOf(String.class, l.get("why")),
                    () -> assertNull(l.get("lastError")),
                    () -> assertInstanceOf(String.class, l.get("socketType")));
        }
    }

    // --- 2. text status ---

    @OnEachJdk
    void statusTextShowsTheActiveListener(ChildJvm jvm) {
        try (DemoServer server = startServer(jvm, "30s")) {
            long pid = server.child().pid();
            ChildProcess.Result r = jvm.svccfg("status", String.valueOf(pid));
            assertEquals(0, r.exitCode(), r::describe);
            assertEquals("", r.stderr(), r::describe);
            assertTrue(r.stdout().startsWith("svccfg in process " + pid + "\n"), r::describe);
            assertTrue(r.stdout().lines().anyMatch(line -> line.contains("http/tcp") && line.contains("0.0.0.0:8080")
                    && line.contains("ACTIVE") && line.contains(ASSIGNED)), r::describe);
        }
    }

    // --- 3. status errors ---

    @OnEachJdk
    void statusOfAJvmWithoutTheAgentIsOneErrorLine(ChildJvm jvm) {
        try (ChildProcess app = jvm.start(List.of("-cp", ItEnvironment.testClasses(), TrivialApp.class.getName(),
                TrivialApp.UNTIL_STDIN_CLOSES), Map.of(), null)) {
            await("app ran").atMost(WAIT).until(() -> app.stdout().contains(TrivialApp.RAN) || !app.isAlive());
            assertTrue(app.isAlive(), app.stderr());
            for (List<String> json : List.of(List.<String>of(), List.of("--json"))) {
                List<String> args = new ArrayList<>(List.of("status", String.valueOf(app.pid())));
                args.addAll(json);
                ChildProcess.Result r = jvm.svccfg(args.toArray(String[]::new));
                assertOneErrorLine(r, "svccfg: process " + app.pid() + " does not run the svccfg agent");
                assertEquals("", r.stdout(), r::describe);
            }
        }
    }

    @OnEachJdk
    void statusOfADeadPidIsOneErrorLine(ChildJvm jvm) {
        ChildProcess ended = jvm.start(List.of("-version"), Map.of(), null);
        assertEquals(0, ended.waitFor(WAIT).exitCode());
        long pid = ended.pid();
        ChildProcess.Result r = jvm.svccfg("status", String.valueOf(pid), "--json");
        assertOneErrorLine(r, "svccfg: no process with pid " + pid);
        assertEquals("", r.stdout(), r::describe);
    }

    // --- 4. attach ---

    @OnEachJdk
    void attachManagesAListenerBoundAfterIt(ChildJvm jvm) throws IOException {
        try (ChildProcess app = startLateBinder(jvm)) {
            ChildProcess.Result r = jvm.svccfg("attach", String.valueOf(app.pid()), agentOptions("30s"));
            assertEquals(0, r.exitCode(), r::describe);
            assertTrue(r.stdout().startsWith("svccfg: agent loaded into process " + app.pid() + ";"), r::describe);

            app.send("bind");
            await("LISTENING").atMost(WAIT).until(() -> app.stdout().contains("LISTENING") || !app.isAlive());
            assertTrue(app.stdout().lines().anyMatch(("LISTENING " + ASSIGNED)::equals),
                    () -> "stdout:\n" + app.stdout() + "\nstderr:\n" + app.stderr());
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(HOST, 58081), 2000);
            }

            Map<String, Object> status = statusJson(jvm, app.pid());
            List<?> listeners = (List<?>) status.get("listeners");
            assertEquals(1, listeners.size(), status::toString);
            Map<?, ?> l = (Map<?, ?>) listeners.get(0);
            assertEquals(List.of("0.0.0.0:8080", ASSIGNED, "ACTIVE"),
                    List.of(l.get("requested"), l.get("bound"), l.get("state")), status::toString);

            app.closeStdin();
            ChildProcess.Result end = app.waitFor(WAIT);
            assertEquals(0, end.exitCode(), end::describe);
            // svccfg.jar's boot class path is for -javaagent: appended at attach, the JVM would print a warning.
            assertFalse(end.stderr().contains("VM warning"), end::describe);
        }
    }

    @OnEachJdk
    void attachWithABadOptionIsOneErrorLineAndLoadsNothing(ChildJvm jvm) {
        try (ChildProcess app = startLateBinder(jvm)) {
            ChildProcess.Result r = jvm.svccfg("attach", String.valueOf(app.pid()),
                    "domain=example.test,dns=" + dns.hostPort() + ",poll=banana");
            assertOneErrorLine(r, "svccfg: bad option poll=banana");
            assertEquals("", r.stdout(), r::describe);
            assertOneErrorLine(jvm.svccfg("status", String.valueOf(app.pid())),
                    "svccfg: process " + app.pid() + " does not run the svccfg agent");
        }
    }

    private static ChildProcess startLateBinder(ChildJvm jvm) {
        ChildProcess app = jvm.start(List.of("-cp", ItEnvironment.testClasses(), OperateLateBinder.class.getName()),
                Map.of(), null);
        await("READY").atMost(WAIT).until(() -> app.stdout().contains("READY") || !app.isAlive());
        if (!app.isAlive()) {
            app.close();
            throw new AssertionError("the late binder exited\n" + app.stdout() + "\n" + app.stderr());
        }
        return app;
    }

    // --- 5. JMX: notification and pollNow() ---

    @OnEachJdk
    void aMoveSendsAReconfiguredNotification(ChildJvm jvm) throws Exception {
        try (DemoServer server = startServer(jvm, "1s");
                JMXConnector jmx = connect(server.child().pid())) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName name = new ObjectName(MBEAN);
            List<Notification> received = new CopyOnWriteArrayList<>();
            NotificationListener listener = (n, handback) -> received.add(n);
            mbeans.addNotificationListener(name, listener, null, null);

            movePort();

            await("notification " + MOVE).atMost(WAIT).until(() -> received.stream()
                    .anyMatch(n -> n.getMessage().contains("moved from " + ASSIGNED + " to " + MOVED)));
            Notification n = received.stream().filter(x -> x.getMessage().contains(MOVE)).findFirst().orElseThrow(
                    () -> new AssertionError("no notification says " + MOVE + ": " + describe(received)));
            assertEquals(RECONFIGURED, n.getType(), () -> describe(received));
            String[] moves = assertInstanceOf(String[].class, n.getUserData(), () -> describe(received));
            assertTrue(Arrays.asList(moves).contains(MOVE), () -> describe(received));
            assertTrue(received.stream().allMatch(x -> x.getType().equals(RECONFIGURED)), () -> describe(received));

            CompositeData[] listeners = (CompositeData[]) mbeans.getAttribute(name, "Listeners");
            assertEquals(1, listeners.length);
            assertEquals(List.of(MOVED, "ACTIVE", 1L), List.of(listeners[0].get("bound"), listeners[0].get("state"),
                    ((Number) listeners[0].get("moves")).longValue()));
            mbeans.removeNotificationListener(name, listener);
        }
    }

    /** With poll=1h no scheduled read comes during the test: only pollNow() can see the change. */
    @OnEachJdk
    void pollNowReadsTheDnsAtOnce(ChildJvm jvm) throws Exception {
        try (DemoServer server = startServer(jvm, "1h");
                JMXConnector jmx = connect(server.child().pid())) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName name = new ObjectName(MBEAN);
            List<Notification> received = new CopyOnWriteArrayList<>();
            mbeans.addNotificationListener(name, (n, handback) -> received.add(n), null, null);
            long before = (Long) mbeans.getAttribute(name, "PollCount");
            assertTrue(before >= 1, "PollCount " + before);

            movePort();
            mbeans.invoke(name, "pollNow", new Object[0], new String[0]);

            await("PollCount above " + before).atMost(WAIT)
                    .until(() -> (Long) mbeans.getAttribute(name, "PollCount") > before);
            await("notification " + MOVE).atMost(WAIT).until(() -> received.stream()
                    .anyMatch(n -> n.getMessage().contains(MOVE)));
            assertTrue(server.answers(MOVED), server.child().stderr());
            // The old endpoint drains for the record's TTL (60 s), and the MXBean says so.
            CompositeData[] draining = (CompositeData[]) mbeans.getAttribute(name, "Draining");
            assertEquals(1, draining.length, server.child().stderr());
            assertEquals(ASSIGNED, draining[0].get("endpoint"));
            assertEquals("http/tcp", draining[0].get("listener"));
            assertTrue(server.answers(ASSIGNED), "the old endpoint drains");
            assertNotNull(mbeans.getAttribute(name, "LastChange"));
        }
    }

    /** The child's local JMX connector, started through the Attach API, as {@code svccfg.jar status} does. */
    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }

    private static String describe(List<Notification> notifications) {
        return notifications.stream().map(n -> n.getType() + " '" + n.getMessage() + "' "
                + (n.getUserData() instanceof String[] s ? Arrays.toString(s) : String.valueOf(n.getUserData())))
                .collect(Collectors.joining("\n", "notifications:\n", ""));
    }

    // --- 6. JFR ---

    @OnEachJdk
    void aFlightRecordingHoldsTheReadsAndTheMove(ChildJvm jvm, @TempDir Path tmp) throws IOException {
        Path recording = tmp.resolve("rec.jfr");
        List<String> args = List.of("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true",
                "-javaagent:" + ItEnvironment.agentJar() + "=" + agentOptions("1s"),
                "-cp", ItEnvironment.demoJar().toString(), "io.svccfg.demo.SocketServer", "server-socket",
                "--port", "8080");
        try (ChildProcess child = jvm.start(args, Map.of(), null)) {
            await("LISTENING").atMost(WAIT).until(() -> child.stdout().contains("LISTENING ") || !child.isAlive());
            assertTrue(child.stdout().lines().anyMatch(("LISTENING " + ASSIGNED)::equals),
                    () -> child.stdout() + "\n" + child.stderr());
            movePort();
            child.awaitStderr("the move", lines -> lines.stream().anyMatch(l -> l.contains(MOVE)), WAIT);

            // SIGTERM, as ChildProcess.close() sends, with time for the JVM to dump the recording on its way out.
            ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroy);
            ChildProcess.Result end = child.waitFor(WAIT);
            assertTrue(Files.size(recording) > 0, end::describe);

            List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
            List<RecordedEvent> moves = events.stream().filter(e -> e.getEventType().getName().equals("io.svccfg.Move"))
                    .toList();
            List<RecordedEvent> reads = events.stream().filter(e -> e.getEventType().getName().equals("io.svccfg.Read"))
                    .toList();
            String seen = "moves: " + moves + "\nreads: " + reads + "\n" + end.describe();
            assertTrue(moves.stream().anyMatch(e -> "http".equals(e.getString("service"))
                    && "tcp".equals(e.getString("transport")) && ASSIGNED.equals(e.getString("from"))
                    && MOVED.equals(e.getString("to")) && "moved".equals(e.getString("outcome"))
                    && !e.getDuration().isNegative()), seen);
            // The read that saw the change (the zone's serial after one update is 2). The start-up read is not
            // required: on JDK 17 the agent's premain, and so its first read, can come before -XX:StartFlightRecording
            // starts the recording.
            assertFalse(reads.isEmpty(), seen);
            assertTrue(reads.stream().allMatch(e -> "example.test".equals(e.getString("domains"))
                    && !e.getDuration().isNegative()), seen);
            assertTrue(reads.stream().anyMatch(e -> "ok".equals(e.getString("outcome")) && e.getInt("tuples") == 2
                    && e.getString("serials") != null && e.getString("serials").contains("example.test=2")), seen);
        }
    }

    // --- helpers ---

    private static Map<String, Object> statusJson(ChildJvm jvm, long pid) {
        ChildProcess.Result r = jvm.svccfg("status", String.valueOf(pid), "--json");
        assertEquals(0, r.exitCode(), r::describe);
        return object(Json.parse(r.stdout()), r);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json, ChildProcess.Result r) {
        return assertInstanceOf(Map.class, json, r::describe);
    }

    private static long number(Object json) {
        return assertInstanceOf(Number.class, json, () -> "not a number: " + json).longValue();
    }

    /** Exit status 2 and one line on stderr starting with {@code start}, without a stack trace. */
    private static void assertOneErrorLine(ChildProcess.Result r, String start) {
        assertEquals(2, r.exitCode(), r::describe);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).startsWith(start), r::describe);
        assertFalse(r.stderr().lines().anyMatch(l -> l.startsWith("\tat ")) || r.stderr().contains("Exception in"),
                r::describe);
    }

}
