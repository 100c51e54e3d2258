package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        List<String> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("-Dsvccfg-demo.parent=" + pid + " "))
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
