package io.svccfg.it;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real child process whose stdout and stderr are collected separately while it runs. Closing it kills it (and
 * its descendants), so that try-with-resources cleans up after a failed or timed-out test.
 */
final class ChildProcess implements AutoCloseable {

    /** How a finished process ended. */
    record Result(String command, int exitCode, String stdout, String stderr) {
        /** The non-blank lines of stderr. */
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        /** Everything about the run, for assertion messages. */
        String describe() {
            return report(command, "exit " + exitCode, stdout, stderr);
        }
    }

    private final String command;
    private final Process process;
    private final Collector stdout;
    private final Collector stderr;

    private ChildProcess(String command, Process process) {
        this.command = command;
        this.process = process;
        this.stdout = new Collector(process.getInputStream(), "stdout of " + command);
        this.stderr = new Collector(process.getErrorStream(), "stderr of " + command);
    }

    static ChildProcess start(ProcessBuilder builder) {
        String command = String.join(" ", builder.command());
        try {
            return new ChildProcess(command, builder.start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
    }

    /** Runs the command to its end; a process still running after {@code timeout} is killed and fails the test. */
    static Result run(ProcessBuilder builder, Duration timeout) {
        try (ChildProcess child = start(builder)) {
            return child.waitFor(timeout);
        }
    }

    /** {@code /usr/sbin/TOOL} where Debian installs it (named, ip), which is not on every user's PATH; else TOOL. */
    static String sbin(String tool) {
        Path path = Path.of("/usr/sbin", tool);
        return Files.isExecutable(path) ? path.toString() : tool;
    }

    String stdout() {
        return stdout.text();
    }

    String stderr() {
        return stderr.text();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The names of the child's threads as Linux shows them (15 characters, sorted). A thread just started carries
     * the name of the thread that started it until it names itself.
     */
    List<String> threadNames() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid()), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).trim();
                } catch (IOException ended) {
                    return "";
                }
            }).filter(name -> !name.isEmpty()).sorted().toList();
        }
    }

    /**
     * Waits until svccfg in the child has started all it keeps (its {@code svccfg-start} thread has ended) and reads
     * with dnsjava, whose selector thread then runs: from then on the threads and descriptors svccfg keeps for good
     * are there. The first read of a JVM may be the early reader's, which needs no dnsjava; the next poll is
     * dnsjava's. svccfg makes most of what it keeps only after the application's first managed bind.
     */
    void awaitAgentStarted(Duration max) {
        await("svccfg started and reading with dnsjava in the child").atMost(max).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    List<String> names = threadNames();
                    return names.contains("dnsjava NIO sel") && !names.contains("svccfg-start");
                });
    }

    /**
     * {@link #threadNames()} without the JVM's own workers whose number it varies with load on its own (JIT
     * compiler threads, GC workers, G1's concurrent and refinement threads) and the JDK's shared timer of
     * {@code CompletableFuture} timeouts ({@code CompletableFutureDelayScheduler} on JDK 17, the common pool's
     * {@code delayScheduler} on JDK 25, started at the first timeout, by svccfg's or dnsjava's reads or anyone's):
     * they come and go on the JVM's schedule, not the application's or svccfg's.
     */
    List<String> threadNamesBesidesJvmWorkers() throws IOException {
        return threadNames().stream().filter(name -> !JVM_WORKERS.matcher(name).lookingAt()).toList();
    }

    private static final Pattern JVM_WORKERS =
            Pattern.compile("C1 CompilerThre|C2 CompilerThre|GC Thread#|G1 Conc#|G1 Refine#|CompletableFutu"
                    + "|ForkJoinPool.co");

    /** Writes {@code line} and a newline to the child's stdin, and flushes it. */
    void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the child's stdin: a child that reads it to its end then knows it may stop. */
    void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(report(command, "still running after " + timeout + ", killed",
                        stdout(), stderr()));
            }
            // The process has ended; its pipes reach end-of-file right after.
            stdout.join();
            stderr.join();
            return new Result(command, process.exitValue(), stdout(), stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new AssertionError("interrupted waiting for " + command, e);
        }
    }

    /**
     * Waits until the child's stderr lines satisfy {@code condition}; fails with everything the child wrote if it
     * exits first or the time runs out.
     */
    /** Waits for a line of the agent's log ({@code svccfg HH:mm:ss.SSS LEVEL ...}) that contains {@code text}. */
    void awaitAgentLine(String text, Duration timeout) {
        awaitStderr("the agent's line containing '" + text + "'",
                lines -> lines.stream().anyMatch(l -> l.startsWith("svccfg ") && l.contains(text)), timeout);
    }

    void awaitStderr(String description, Predicate<List<String>> condition, Duration timeout) {
        try {
            await(description).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (condition.test(stderr().lines().toList())) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with status " + process.exitValue());
                }
                return false;
            });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError(report(command, "waiting for " + description + ": " + e.getMessage(),
                    stdout(), stderr()), e);
        }
    }

    /** SIGKILL, for fault tests: the process gets no chance to clean up. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** Asks the child to stop (SIGTERM), and kills it if it does not within a few seconds. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(Duration.ofSeconds(5))) {
                kill();
            }
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String report(String command, String outcome, String stdout, String stderr) {
        return command + ": " + outcome + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }

    /** Drains one output stream on its own thread, so that a chatty child never blocks on a full pipe. */
    private static final class Collector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Collector(InputStream in, String name) {
            thread = new Thread(() -> drain(in), name);
            thread.setDaemon(true);
            thread.start();
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The stream was closed under us (the process was killed): keep what was read.
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void join() throws InterruptedException {
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
