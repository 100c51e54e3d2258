package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code status} sees everything and touches nothing, with the real agent, the real CLI and a real BIND: it opens
 * no listening socket in the target (it reads the agent's state through the Attach API, not a JMX connector), works
 * under a JVM-wide deserialization filter that refuses everything, lists every JVM of this user that runs svccfg
 * when given no PID; and listeners on a managed port that svccfg does not manage (bound before {@code attach},
 * or through a native library) are warned of and listed as UNMANAGED, naming what DNS assigns.
 *
 * <p>Other integration tests run on this machine at the same time: this class uses only its own zone, port 58191
 * and the address 127.0.0.196; its unmanaged listeners ask 8080 on the wildcard address for real.
 */
class StatusIT {
    private static final String HOST = "127.0.0.196";
    private static final String ASSIGNED = HOST + ":58191";
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58191 host196
            host196     A    127.0.0.196
            """);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UNMANAGED_WARNING = "through a path svccfg does not intercept; DNS assigns " + ASSIGNED;

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    private String options() {
        return "domain=example.test,dns=" + dns.hostPort() + ",address=" + HOST + ",poll=1s";
    }

    @OnEachJdk
    void statusOpensNoListeningSocketInTheTarget(ChildJvm jvm) throws IOException {
        try (DemoServer server = DemoServer.start(jvm, options(), "server-socket", "--port", "8080")) {
            assertEquals(ASSIGNED, server.awaitListening());
            long pid = server.child().pid();
            // A first status returns once svccfg has started, its mover's warm-up (which binds scratch sockets for a
            // moment) done: then only the server's own listener is left.
            assertEquals(0, jvm.svccfg("status", String.valueOf(pid)).exitCode());
            await("the server's listener alone").atMost(WAIT).until(() -> listeningSockets(pid).size() == 1);
            Set<String> before = listeningSockets(pid);

            ChildProcess.Result text = jvm.svccfg("status", String.valueOf(pid));
            ChildProcess.Result json = jvm.svccfg("status", String.valueOf(pid), "--json");
            assertEquals(0, text.exitCode(), text::describe);
            assertEquals(0, json.exitCode(), json::describe);
            assertTrue(text.stdout().contains("ACTIVE    at " + ASSIGNED), text::describe);

            assertEquals(before, listeningSockets(pid), "the target's listening sockets after status");
        }
    }

    @OnEachJdk
    void statusWorksUnderADeserializationFilterThatRefusesEverything(ChildJvm jvm) {
        List<String> args = List.of("-javaagent:" + ItEnvironment.agentJar() + "=" + options(),
                "-Djdk.serialFilter=!*", "-cp", ItEnvironment.demoJar().toString(), "io.svccfg.demo.SocketServer",
                "server-socket", "--port", "8080");
        try (ChildProcess child = jvm.start(args, Map.of(), null)) {
            await("LISTENING " + ASSIGNED).atMost(WAIT)
                    .until(() -> child.stdout().contains("LISTENING " + ASSIGNED) || !child.isAlive());
            Map<String, Object> status = AgentStatus.of(jvm, child.pid());
            List<?> listeners = (List<?>) status.get("listeners");
            assertEquals(ASSIGNED, ((Map<?, ?>) listeners.get(0)).get("bound"), status::toString);
        }
    }

    @OnEachJdk
    void statusWithNoPidListsTheJvmsThatRunSvccfgAndNoOther(ChildJvm jvm) {
        String agent = "-javaagent:" + ItEnvironment.agentJar() + "=" + options();
        List<String> app = List.of("-cp", ItEnvironment.testClasses(), TrivialApp.class.getName(),
                TrivialApp.UNTIL_STDIN_CLOSES);
        try (ChildProcess first = jvm.start(with(agent, app), Map.of(), null);
                ChildProcess second = jvm.start(with(agent, app), Map.of(), null);
                ChildProcess without = jvm.start(app, Map.of(), null)) {
            for (ChildProcess child : List.of(first, second, without)) {
                await(TrivialApp.RAN).atMost(WAIT)
                        .until(() -> child.stdout().contains(TrivialApp.RAN) || !child.isAlive());
            }
            // The agent answers once it has started (its first read): until then a JVM is not listed yet.
            await("both agents listed").atMost(WAIT).until(() -> listedPids(jvm).containsAll(
                    Set.of(first.pid(), second.pid())));
            Set<Long> listed = listedPids(jvm);
            assertFalse(listed.contains(without.pid()), () -> "listed a JVM without the agent: " + listed);

            ChildProcess.Result text = jvm.svccfg("status");
            assertEquals(0, text.exitCode(), text::describe);
            for (ChildProcess child : List.of(first, second)) {
                assertTrue(text.stdout().lines().anyMatch(l -> l.startsWith(child.pid() + " ")
                        && l.contains(TrivialApp.class.getName()) && l.contains("example.test")), text::describe);
            }
            assertFalse(text.stdout().lines().anyMatch(l -> l.startsWith(without.pid() + " ")), text::describe);
        }
    }

    @OnEachJdk
    void aListenerBoundBeforeAttachIsUnmanagedAndNamed(ChildJvm jvm) {
        try (ChildProcess app = jvm.start(List.of("-cp", System.getProperty("java.class.path"),
                OperateLateBinder.class.getName()), Map.of(), null)) {
            await("READY").atMost(WAIT)
                    .until(() -> app.stdout().contains("READY") || !app.isAlive());
            app.send("bind");
            await("LISTENING").atMost(WAIT)
                    .until(() -> app.stdout().contains("LISTENING") || !app.isAlive());
            ChildProcess.Result attach = jvm.svccfg("attach", String.valueOf(app.pid()), options());
            assertEquals(0, attach.exitCode(), attach::describe);
            assertUnmanaged(jvm, app);
        }
    }

    @OnEachJdk
    void aListenerOpenedThroughANativeLibraryIsUnmanagedAndNamed(ChildJvm jvm) {
        List<String> args = List.of("-javaagent:" + ItEnvironment.agentJar() + "=" + options(), "-cp",
                System.getProperty("java.class.path"), NativeListenerApp.class.getName());
        try (ChildProcess app = jvm.start(args, Map.of(), null)) {
            await("LISTENING").atMost(WAIT)
                    .until(() -> app.stdout().contains("LISTENING") || !app.isAlive());
            // The look runs at each read, not at each poll the SOA gate stops: a new serial makes the next poll read.
            dns.update("update add unrelated.example.test. 60 A 127.0.0.9");
            assertUnmanaged(jvm, app);
        }
    }

    /** The agent warned of the listener on 8080, and status lists it as UNMANAGED, naming what DNS assigns. */
    private void assertUnmanaged(ChildJvm jvm, ChildProcess app) {
        app.awaitStderr("the warning about the unmanaged listener", lines -> lines.stream()
                .anyMatch(l -> l.contains("http/tcp: this process listens on ") && l.contains(":8080 ")
                        && l.contains(UNMANAGED_WARNING)), WAIT);
        Map<String, Object> status = AgentStatus.of(jvm, app.pid());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) status.get("listeners");
        assertTrue(listeners.stream().anyMatch(l -> "UNMANAGED".equals(l.get("state"))
                && String.valueOf(l.get("bound")).endsWith(":8080")
                && String.valueOf(l.get("why")).contains(UNMANAGED_WARNING)), status::toString);
        ChildProcess.Result text = jvm.svccfg("status", String.valueOf(app.pid()));
        assertTrue(text.stdout().contains("UNMANAGED") && !text.stdout().contains("none managed yet"),
                text::describe);
        long warnings = app.stderr().lines().filter(l -> l.contains(UNMANAGED_WARNING)).count();
        assertEquals(1, warnings, () -> "one warning per socket:\n" + app.stderr());
    }

    // --- helpers ---

    private static List<String> with(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static Set<Long> listedPids(ChildJvm jvm) {
        ChildProcess.Result r = jvm.svccfg("status", "--json");
        assertEquals(0, r.exitCode(), r::describe);
        return ((List<?>) Json.parse(r.stdout())).stream()
                .map(row -> ((Number) ((Map<?, ?>) row).get("pid")).longValue())
                .collect(Collectors.toSet());
    }

    /**
     * The listening TCP sockets that process {@code pid} holds, as the kernel writes their local address: its
     * descriptors' socket inodes, looked up among the sockets in LISTEN of {@code /proc/PID/net/tcp} and {@code tcp6}.
     */
    private static Set<String> listeningSockets(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<String> listening = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    listening.add(table + " " + f[1]);
                }
            }
        }
        return listening;
    }

}
