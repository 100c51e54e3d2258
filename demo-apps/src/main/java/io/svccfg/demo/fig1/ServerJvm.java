package io.svccfg.demo.fig1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of FIG. 1's servers: a real JVM running the multi-service server (http on 8080, smtp on 25, sip on 5060, as
 * it would anywhere) under {@code -javaagent:svccfg.jar}, with this host's identity, a NOTIFY receiver and the key.
 */
final class ServerJvm {
    /** Marks the demo's children, so that a test can tell that none outlived the demo. */
    static final String PARENT_PROPERTY = "svccfg-demo.parent";

    private final int host;
    private final Process process;
    private final Path log;

    private ServerJvm(int host, Process process, Path log) {
        this.host = host;
        this.process = process;
        this.log = log;
    }

    /** Starts host {@code .host}; its stdout and stderr go to {@code logDir/hostNNN.log}. */
    static ServerJvm start(int host, Jars jars, String agentOptions, Path logDir) throws IOException {
        Path log = logDir.resolve(Fig1Table.hostName(host) + ".log");
        List<String> command = List.of(jars.java().toString(),
                "-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid(),
                "-javaagent:" + jars.agent() + "=" + agentOptions,
                "-cp", jars.demo().toString(), "io.svccfg.demo.MultiServiceServer",
                "--host", Fig1Table.hostName(host));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServerJvm(host, process, log);
    }

    int host() {
        return host;
    }

    String name() {
        return Fig1Table.hostName(host);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL if it is still there after a few seconds; returns once it is gone. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }

    /** The last lines the server wrote, for a failure report. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
