package io.svccfg.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Knot DNS ({@code knotd}, Debian's {@code knot}) serving one zone on 127.0.0.1, accepting signed updates
 * ({@code knsupdate}) and sending signed NOTIFYs, over TCP only as Knot does, to a given port after each change.
 */
final class Knot implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);
    private static final Duration TOOL = Duration.ofSeconds(10);
    static final String KEY_NAME = "svccfg-it";

    private final Path dir;
    private final int port;
    private final String secret;
    private final ChildProcess knotd;

    private Knot(Path dir, int port, String secret, ChildProcess knotd) {
        this.dir = dir;
        this.port = port;
        this.secret = secret;
        this.knotd = knotd;
    }

    static Knot startNotifying(String zone, String zoneFile, int notifyPort) {
        Path dir;
        try {
            dir = Files.createTempDirectory("svccfg-knot-");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String secret = Base64.getEncoder().encodeToString(key);
            int port = FreePorts.udpAndTcp();
            Files.writeString(dir.resolve("zone.db"), zoneFile);
            Files.writeString(dir.resolve("knot.conf"), """
                    server:
                        rundir: "%1$s"
                        listen: 127.0.0.1@%2$d
                    key:
                      - id: %3$s
                        algorithm: hmac-sha256
                        secret: %4$s
                    remote:
                      - id: agent
                        address: 127.0.0.1@%5$d
                        key: %3$s
                    acl:
                      - id: update
                        key: %3$s
                        action: update
                    database:
                        storage: "%1$s"
                    zone:
                      - domain: %6$s
                        file: "%1$s/zone.db"
                        notify: agent
                        acl: update
                        zonefile-sync: -1
                    """.formatted(dir, port, KEY_NAME, secret, notifyPort, zone));
            ProcessBuilder builder = new ProcessBuilder("knotd", "-c", dir.resolve("knot.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("knot.log").toFile());
            Knot knot = new Knot(dir, port, secret, ChildProcess.start(builder));
            knot.awaitReady(zone);
            return knot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** {@code name:algorithm:secret}, as the agent's {@code tsig=} takes it. */
    String tsig() {
        return KEY_NAME + ":hmac-sha256:" + secret;
    }

    /** Applies nsupdate-style commands with {@code knsupdate}, signed; returns once Knot accepted them. */
    void update(String zone, String commands) {
        Path script = dir.resolve("update-" + System.nanoTime() + ".txt");
        try {
            Files.writeString(script, "server 127.0.0.1 " + port + "\nzone " + zone + "\n" + commands.strip()
                    + "\nsend\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("knsupdate", "-y", "hmac-sha256:" + KEY_NAME + ":"
                + secret, script.toString()), TOOL);
        if (r.exitCode() != 0) {
            throw new AssertionError("knsupdate failed: " + r.describe() + "\n" + log());
        }
    }

    private void awaitReady(String zone) {
        ProcessBuilder kdig = new ProcessBuilder("kdig", "+short", "+time=1", "+retry=0", "@127.0.0.1", "-p",
                String.valueOf(port), "SOA", zone);
        try {
            Awaitility.await("knotd answers SOA " + zone).atMost(READY).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!knotd.isAlive()) {
                            throw new IllegalStateException("knotd exited");
                        }
                        ChildProcess.Result answer = ChildProcess.run(kdig, TOOL);
                        return answer.exitCode() == 0 && !answer.stdout().isBlank();
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            close();
            throw new AssertionError("Knot did not become ready: " + e.getMessage() + "\n" + log(), e);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("knot.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        knotd.close();
        Bind9.deleteTree(dir);
    }
}
