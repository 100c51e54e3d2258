package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's options in a real child JVM ({@code -javaagent:svccfg.jar=OPTIONS} running {@link TrivialApp}): a bad
 * option stops the JVM at start with one clear line, a good set lets the application run, and the agent reports
 * at start what the DNS assigns this host for the services named with {@code service=} (with the built-in table it
 * reads a service only once a listener uses it, and {@link TrivialApp} opens none).
 */
class AgentOptionsIT {
    /** Well beyond the agent's own DNS timeout (2 s per server), so that a slow machine does not fail the test. */
    private static final Duration STARTUP_REPORT = Duration.ofSeconds(30);

    private static Bind9 fig1;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startDns() {
        fig1 = Bind9.startFig1();
    }

    @AfterAll
    static void stopDns() {
        if (fig1 != null) {
            fig1.close();
        }
    }

    /** One bad option: the agent arguments, and what the error line must name. */
    record BadOption(String agentArguments, List<String> mentions) {
        @Override
        public String toString() {
            return agentArguments == null ? "(no agent arguments)" : agentArguments;
        }
    }

    static Stream<Arguments> badAgentArguments() {
        List<BadOption> cases = List.of(
                new BadOption("domian=example.test", List.of("domian")),
                new BadOption("domain=example.test,poll=soon", List.of("poll=soon", "duration")),
                new BadOption("domain=example.test,service=http", List.of("service=http", "NAME:PORT")),
                new BadOption("domain=example.test,dns=::::", List.of("dns=::::")),
                new BadOption("poll=5s", List.of("domain", "listening-point=sip:example.com")),
                new BadOption("listening-point=sip:alice@example.test", List.of("listening-point=sip:alice@example.test",
                        "a user part")),
                new BadOption(null, List.of("domain")));
        return ItEnvironment.jdks().flatMap(jvm -> cases.stream().map(c -> Arguments.of(jvm, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("badAgentArguments")
    void aBadAgentArgumentStopsTheJvmWithOneLine(ChildJvm jvm, BadOption bad) {
        ChildProcess.Result r = runApp(jvm, List.of(javaagent(bad.agentArguments())), Map.of());
        assertStoppedByBadOption(r, bad.mentions());
    }

    @OnEachJdk
    void aBadSystemPropertyStopsTheJvmWithOneLine(ChildJvm jvm) {
        ChildProcess.Result r = runApp(jvm, List.of("-Dsvccfg.poll=soon", javaagent("domain=example.test")), Map.of());
        assertStoppedByBadOption(r, List.of("poll=soon", "duration"));
    }

    @OnEachJdk
    void aBadEnvironmentVariableStopsTheJvmWithOneLine(ChildJvm jvm) {
        ChildProcess.Result r = runApp(jvm, List.of(javaagent("domain=example.test")), Map.of("SVCCFG_POLL", "soon"));
        assertStoppedByBadOption(r, List.of("poll=soon", "duration"));
    }

    @OnEachJdk
    void goodOptionsLetTheApplicationRun(ChildJvm jvm) {
        ChildProcess.Result r = runApp(jvm, List.of(javaagent(goodOptions())), Map.of());
        assertRan(r);
    }

    @OnEachJdk
    void anAgentArgumentWinsOverASystemProperty(ChildJvm jvm) {
        // poll=soon alone stops the JVM (aBadSystemPropertyStopsTheJvmWithOneLine): here the agent's poll=5s wins.
        ChildProcess.Result r = runApp(jvm, List.of("-Dsvccfg.poll=soon", javaagent(goodOptions())), Map.of());
        assertRan(r);
    }

    @OnEachJdk
    void aSystemPropertyWinsOverTheEnvironment(ChildJvm jvm) {
        ChildProcess.Result r = runApp(jvm, List.of("-Dsvccfg.poll=5s", javaagent("domain=example.test,dns="
                + fig1.hostPort() + ",address=127.0.0.123")), Map.of("SVCCFG_POLL", "soon"));
        assertRan(r);
    }

    @OnEachJdk
    void theAgentLogsAtStartWhatDnsAssignsThisHost(ChildJvm jvm) {
        List<String> args = List.of(javaagent(goodOptions() + ",service=http:8080,service=smtp:25"), "-cp",
                ItEnvironment.testClasses(), TrivialApp.class.getName(), TrivialApp.UNTIL_STDIN_CLOSES);
        try (ChildProcess app = jvm.start(args, Map.of(), workDir)) {
            // FIG. 1: 127.0.0.123 is http's priority-2 server on 18081 and smtp's priority-1 server on 10023.
            app.awaitStderr("http/tcp at 127.0.0.123:18081 and smtp/tcp at 127.0.0.123:10023",
                    lines -> hasLogLine(lines, "http/tcp", "127.0.0.123:18081")
                            && hasLogLine(lines, "smtp/tcp", "127.0.0.123:10023"),
                    STARTUP_REPORT);

            // The agent must not keep the JVM alive: once the application's main returns, it exits 0.
            app.closeStdin();
            ChildProcess.Result r = app.waitFor(ChildJvm.TIMEOUT);
            assertRan(r);
            assertFalse(hasLogLine(r.stderr().lines().toList(), "http/tcp", "127.0.0.121"), r::describe);
        }
    }

    /**
     * The agent jar names itself as its boot class path ({@code AgentEntry}): renamed, it still works (from the
     * application class loader) and the JVM prints nothing.
     */
    @OnEachJdk
    void aRenamedAgentJarStillRuns(ChildJvm jvm) throws IOException {
        Path renamed = Files.copy(ItEnvironment.agentJar(), workDir.resolve("svccfg-0.9.jar"));
        ChildProcess.Result r = runApp(jvm, List.of("-javaagent:" + renamed + "=" + goodOptions()), Map.of());
        assertRan(r);
    }

    /**
     * A renamed agent jar beside another {@code svccfg.jar}, whose classes the JVM would run (the boot class path is
     * relative to the agent jar's directory): one line that names both, and the JVM stops, as for a bad option.
     * The other is this build's jar, or an older one, which has no {@code AgentEntry}.
     */
    @OnEachJdk
    void anotherSvccfgJarBesideARenamedOneStopsTheJvm(ChildJvm jvm) throws IOException {
        Path renamed = Files.copy(ItEnvironment.agentJar(), workDir.resolve("svccfg-0.9.jar"));
        for (boolean older : new boolean[] {false, true}) {
            Path other = workDir.resolve("svccfg.jar");
            copyJar(ItEnvironment.agentJar(), other, older ? "io/svccfg/agent/AgentEntry.class" : null);
            ChildProcess.Result r = runApp(jvm, List.of("-javaagent:" + renamed + "=" + goodOptions()), Map.of());
            assertStoppedByBadOption(r, List.of(other.toString(), renamed.toString()));
        }
    }

    // --- helpers ---

    /** Copies {@code from} to {@code to}, without the entry {@code left} (when not null). */
    private static void copyJar(Path from, Path to, String left) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(left)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    private static String goodOptions() {
        return "domain=example.test,dns=" + fig1.hostPort() + ",address=127.0.0.123,poll=5s";
    }

    /** {@code -javaagent:svccfg.jar=ARGUMENTS}, or without {@code =} when there are none. */
    private static String javaagent(String arguments) {
        String agent = "-javaagent:" + ItEnvironment.agentJar();
        return arguments == null ? agent : agent + "=" + arguments;
    }

    private ChildProcess.Result runApp(ChildJvm jvm, List<String> jvmOptions, Map<String, String> environment) {
        List<String> args = new ArrayList<>(jvmOptions);
        args.addAll(List.of("-cp", ItEnvironment.testClasses(), TrivialApp.class.getName()));
        return jvm.run(args, environment, workDir);
    }

    private static void assertStoppedByBadOption(ChildProcess.Result r, List<String> mentions) {
        assertEquals(2, r.exitCode(), r::describe);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr\n" + r.describe());
        String line = lines.get(0);
        assertTrue(line.startsWith("svccfg:"), r::describe);
        for (String mention : mentions) {
            assertTrue(line.contains(mention), () -> "the line names " + mention + "\n" + r.describe());
        }
        assertFalse(r.stdout().contains(TrivialApp.RAN), () -> "the application must not run\n" + r.describe());
    }

    /** The application ran and ended normally; the JVM neither crashed nor complained. */
    private void assertRan(ChildProcess.Result r) {
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().lines().anyMatch(TrivialApp.RAN::equals), r::describe);
        assertFalse((r.stdout() + r.stderr()).contains("FATAL"), r::describe);
        assertFalse(r.stderr().contains("hs_err"), r::describe);
        // Nothing but the agent's own log: no JVM warning (Unsafe, agent loading, CDS), no stack trace.
        for (String line : r.stderrLines()) {
            assertTrue(line.startsWith("svccfg "), () -> "a stderr line that is not the agent's log: " + line + "\n"
                    + r.describe());
        }
        try (Stream<Path> files = Files.list(workDir)) {
            List<Path> crashReports = files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
            assertEquals(List.of(), crashReports, r::describe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of the agent's log ({@code svccfg HH:mm:ss.SSS LEVEL ...}) that mentions all of {@code words}. */
    private static boolean hasLogLine(List<String> lines, String... words) {
        return lines.stream().anyMatch(l -> l.startsWith("svccfg ") && Stream.of(words).allMatch(l::contains));
    }

}
