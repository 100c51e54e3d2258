package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's first command, {@code java -jar demo-apps/target/svccfg-demo.jar}, run as they would run it: it
 * must check every step of FIG. 1 itself, end with {@code DEMO OK} and exit 0, and leave no process behind.
 */
class DemoIT {
    /** Five server JVMs, a few hundred requests, one reassignment: well under a minute here. */
    private static final Duration DEMO_LIMIT = Duration.ofMinutes(3);

    @OnEachJdk
    void theDemoChecksEveryStepAndLeavesNothingBehind(ChildJvm jvm) {
        ChildProcess.Result result;
        long pid;
        try (ChildProcess demo = jvm.start(List.of("-jar", ItEnvironment.demoJar().toString()), Map.of(), null)) {
            pid = demo.pid();
            result = demo.waitFor(DEMO_LIMIT);
        }
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("DEMO OK", lines.get(lines.size() - 1), result.describe());
        for (String step : List.of("1. DNS", "2. servers", "3. who serves what", "4. a client", "5. a signed DNS update",
                "6. host123 stops")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(step)), "no step " + step + ":\n" + result.stdout());
        }
        assertNothingLeftBehind(pid);
    }

    /**
     * The administrator's demo: {@code svccfg plan} and {@code apply} (the real command line) assign FIG. 1's five
     * servers from a fleet file, the servers follow, then a rebalance; every step checked by the demo itself.
     */
    @Test
    void theAdministratorDemoPlansAppliesAndRebalances() {
        ChildJvm jvm = ItEnvironment.jdks().findFirst().orElseThrow();
        ChildProcess.Result result;
        long pid;
        try (ChildProcess demo = jvm.start(List.of("-jar", ItEnvironment.demoJar().toString(), "admin"), Map.of(),
                null)) {
            pid = demo.pid();
            result = demo.waitFor(DEMO_LIMIT);
        }
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("DEMO OK", lines.get(lines.size() - 1), result.describe());
        for (String words : List.of("4. svccfg plan", "applied: 0 deleted, 12 added; serial 2",
                "ok: every server serves what the plan wrote", "ok: the servers follow the rebalance",
                "no change: DNS holds this plan already (serial 3)")) {
            assertTrue(result.stdout().contains(words), "no \"" + words + "\":\n" + result.stdout());
        }
        assertNothingLeftBehind(pid);
    }

    /** A user who may not bind the table's ports (80, 8080, 23) gets the same ports plus 10000, and is told so. */
    @OnEachJdk
    void withoutTheRightToBindLowPortsEveryPortIsTenThousandHigher(ChildJvm jvm) throws IOException {
        // The build tree may be closed to other users: the two jars, laid out as the demo jar's manifest expects.
        Path dir = Files.createTempDirectory("svccfg-demo-jars-");
        Path demoJar = dir.resolve("demo-apps/target/svccfg-demo.jar");
        Path agentJar = dir.resolve("agent/target/svccfg.jar");
        ChildProcess.Result result;
        try {
            for (Path jar : List.of(demoJar, agentJar)) {
                Files.createDirectories(jar.getParent());
            }
            Files.copy(ItEnvironment.demoJar(), demoJar);
            Files.copy(ItEnvironment.agentJar(), agentJar);
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p)
                            ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            try (ChildProcess demo = jvm.unprivileged().start(List.of("-jar", demoJar.toString()), Map.of(), dir)) {
                result = demo.waitFor(DEMO_LIMIT);
            }
        } finally {
            Bind9.deleteTree(dir);
        }
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("cannot be bound by this user: every port is 10000 higher"),
                result.describe());
        assertTrue(result.stdout().contains("http/tcp ACTIVE at 127.0.0.121:10080"), result.describe());
        assertTrue(result.stdout().contains("smtp/tcp ACTIVE at 127.0.0.123:10023"), result.describe());
        assertTrue(result.stdout().strip().endsWith("DEMO OK"), result.describe());
    }

    /** {@code --interactive} leaves FIG. 1 running until Ctrl-C, which stops all of it. */
    @OnEachJdk
    void ctrlCStopsTheInteractiveDemoAndAllItStarted(ChildJvm jvm) throws IOException {
        long pid;
        try (ChildProcess demo = jvm.start(List.of("-jar", ItEnvironment.demoJar().toString(), "--interactive"),
                Map.of(), null)) {
            pid = demo.pid();
            await("the interactive demo to be up").atMost(DEMO_LIMIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> demo.stdout().contains("Everything runs until Ctrl-C") || !demo.isAlive());
            assertTrue(demo.stdout().contains("ok: .121 and .122 serve http"), demo.stdout());
            // The first thing it suggests, done: host121 serves http where its status said.
            Matcher curl = Pattern.compile("curl http://([0-9.]+):([0-9]+)/").matcher(demo.stdout());
            assertTrue(curl.find(), demo.stdout());
            assertEquals("http served by host121 at " + curl.group(1) + ":" + curl.group(2),
                    httpGet(curl.group(1), Integer.parseInt(curl.group(2))));
            ChildProcess.run(new ProcessBuilder("kill", "-INT", String.valueOf(pid)), Duration.ofSeconds(10));
            demo.waitFor(Duration.ofSeconds(30));
        }
        assertNothingLeftBehind(pid);
    }

    /** The body's first line of {@code GET /}. */
    private static String httpGet(String address, int port) throws IOException {
        try (Socket socket = new Socket(address, port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                // status line and headers
            }
            return in.readLine();
        }
    }

    private static void assertNothingLeftBehind(long demoPid) {
        List<String> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("-Dsvccfg-demo.parent=" + demoPid + " "))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), left, "processes the demo started and left behind");
    }

    @OnEachJdk
    void aBadArgumentIsOneLineAndExitStatus2(ChildJvm jvm) {
        ChildProcess.Result result = jvm.run("-jar", ItEnvironment.demoJar().toString(), "--interactiv");
        assertEquals(2, result.exitCode(), result.describe());
        assertEquals(1, result.stderrLines().size(), result.describe());
        assertTrue(result.stderr().contains("--interactiv") && result.stderr().contains("--interactive"),
                result.describe());
    }
}
