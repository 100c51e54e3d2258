package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code JAVA_HOME/bin/java ARGS...} of one JDK, run as a real child process. */
final class ChildJvm {
    /** Generous: a child JVM here takes well under a second, but CI machines can be slow and busy. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path javaHome;
    /** Words before {@code java}, such as {@code ip netns exec NAME}; empty for a plain child. */
    private final List<String> launcher;

    ChildJvm(Path javaHome) {
        this(javaHome, List.of());
    }

    private ChildJvm(Path javaHome, List<String> launcher) {
        this.javaHome = javaHome;
        this.launcher = launcher;
    }

    /** The same JDK, its children run inside {@code namespace}: another host, as far as the network goes. */
    ChildJvm inside(NetworkNamespace namespace) {
        return new ChildJvm(javaHome, namespace.execPrefix());
    }

    /**
     * The same JDK, its children run by a user who may not bind ports below 1024: as {@code nobody} (through
     * setpriv) when the tests run as root, as the tests' own user otherwise.
     */
    ChildJvm unprivileged() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return this;
        }
        return new ChildJvm(javaHome, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }

    /** Runs {@code java ARGS...} in the current directory to its end. */
    ChildProcess.Result run(String... args) {
        return ChildProcess.run(builder(List.of(args), Map.of(), null), TIMEOUT);
    }

    /** Runs svccfg's command line, {@code java -jar svccfg.jar ARGS...}, to its end. */
    ChildProcess.Result svccfg(String... args) {
        List<String> command = new ArrayList<>(List.of("-jar", ItEnvironment.agentJar().toString()));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** Starts {@code java ARGS...} with extra environment variables, in {@code workDir} (or the current one). */
    ChildProcess start(List<String> args, Map<String, String> environment, Path workDir) {
        return ChildProcess.start(builder(args, environment, workDir));
    }

    ChildProcess.Result run(List<String> args, Map<String, String> environment, Path workDir) {
        return ChildProcess.run(builder(args, environment, workDir), TIMEOUT);
    }

    private ProcessBuilder builder(List<String> args, Map<String, String> environment, Path workDir) {
        Path java = javaHome.resolve("bin/java");
        // A JDK named in svccfg.it.jdks must be there: a missing one fails the test instead of silently skipping.
        assertTrue(Files.isExecutable(java), "JDK listed in svccfg.it.jdks is missing: no executable " + java);
        List<String> command = new ArrayList<>(launcher);
        command.add(java.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        // The tests decide every option: drop svccfg settings and JVM options inherited from whoever runs the
        // build (SVCCFG_*, JAVA_TOOL_OPTIONS make the JVM print extra lines on stderr).
        builder.environment().keySet().removeIf(k -> k.startsWith("SVCCFG_")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS") || k.equals("_JAVA_OPTIONS"));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().putAll(environment);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        return builder;
    }

    /** The JAVA_HOME: the name of the parameterized test. */
    @Override
    public String toString() {
        return javaHome.toString();
    }
}
