package io.svccfg.demo;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.awaitility.core.ConditionTimeoutException;

/** {@code SocketServer} (or another main class) run as a real child JVM (this test's java and class path), its output kept line by line. */
final class Child implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final Process process;
    /** Counts down as each of stdout and stderr reaches its end. */
    private final CountDownLatch drained = new CountDownLatch(2);
    final List<String> stdout = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();

    private Child(Process process) {
        this.process = process;
        collect(process.getInputStream(), stdout);
        collect(process.getErrorStream(), stderr);
    }

    static Child start(String... args) throws IOException {
        return start(SocketServer.class, args);
    }

    /** Runs another main class of this module the same way. */
    static Child start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new Child(new ProcessBuilder(command).start());
    }

    /** Waits for the count-th stdout line that starts with the prefix, and returns it. */
    String awaitLine(String prefix, int count) {
        try {
            return await().atMost(PATIENCE).until(() -> nth(prefix, count), line -> line != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no line " + count + " starting '" + prefix + "'; " + this, e);
        }
    }

    /** The port of the count-th {@code LISTENING 127.0.0.1:port} line. */
    int awaitListening(int count) {
        String line = awaitLine("LISTENING ", count);
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    int awaitExit() {
        await().atMost(PATIENCE).until(() -> !process.isAlive());
        // The process is gone; let the readers drain what it wrote last.
        await().atMost(PATIENCE).until(() -> drained.getCount() == 0);
        return process.exitValue();
    }

    void send(String line) throws IOException {
        Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        in.write(line + "\n");
        in.flush();
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    @Override
    public String toString() {
        return "stdout " + stdout + ", stderr " + stderr + (process.isAlive() ? "" : ", exit " + process.exitValue());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private String nth(String prefix, int count) {
        int seen = 0;
        for (String line : stdout) {
            if (line.startsWith(prefix) && ++seen == count) {
                return line;
            }
        }
        return null;
    }

    private void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading failed: " + e + ")");
            }
            drained.countDown();
        });
        reader.setDaemon(true);
        reader.start();
    }
}
