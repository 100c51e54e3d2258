package io.svccfg.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real BIND 9 {@code named}, run in the foreground as a plain child process on 127.0.0.1 and a free port, in its
 * own temporary directory, authoritative for one zone: the primary, which accepts RFC 2136 updates signed with a TSIG
 * key, or a secondary of one ({@link #startSecondary}), which takes the zone by transfer signed with that key. Each
 * may send NOTIFY, signed with the key, to a list of targets; each counts the questions it answered ({@link
 * #questions()}, from its statistics channel).
 */
final class Bind9 implements AutoCloseable {
    /** The domain of the patent's FIG. 1 zone, {@link #fig1Zone()}. */
    static final String FIG1_DOMAIN = "example.test";
    static final String KEY_NAME = "svccfg-it";
    static final String KEY_ALGORITHM = "hmac-sha256";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** BIND's own default rate of NOTIFYs a second. */
    static final int DEFAULT_NOTIFY_RATE = 20;
    /** One run of dig or nsupdate; each is told to give up well before (one try of 1 s, or 5 s). */
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final String zone;
    private final int port;
    private final int statisticsPort;
    private final String keySecret;
    private final ChildProcess named;

    private Bind9(Path dir, String zone, int port, int statisticsPort, String keySecret, ChildProcess named) {
        this.dir = dir;
        this.zone = zone;
        this.port = port;
        this.statisticsPort = statisticsPort;
        this.keySecret = keySecret;
        this.named = named;
    }

    /** What a server is to its zone, and whom it notifies after each change. */
    private record Role(String zoneClause, List<InetSocketAddress> notifyTargets, int notifyRate) {
        static Role primary(String keyName, List<InetSocketAddress> notify, int notifyRate) {
            return new Role("""
                        type primary;
                        file "zone.db";
                        allow-update { key "%s"; };
                        allow-transfer { key "%s"; };
                    """.formatted(keyName, keyName), notify, notifyRate);
        }

        static Role secondary(String keyName, int primaryPort, List<InetSocketAddress> notify, int notifyRate) {
            return new Role("""
                        type secondary;
                        file "zone.db";
                        primaries { 127.0.0.1 port %d key "%s"; };
                    """.formatted(primaryPort, keyName), notify, notifyRate);
        }
    }

    /** BIND serving {@link #fig1Zone()}. */
    static Bind9 startFig1() {
        return start(FIG1_DOMAIN, fig1Zone());
    }

    /** A zone file of {@code example.test} (its SOA, serial 1, and NS) with {@code records} after them. */
    static String zone(String records) {
        return """
                $ORIGIN example.test.
                $TTL 60
                @           SOA  ns1 hostmaster 1 3600 600 86400 60
                @           NS   ns1
                ns1         A    127.0.0.1
                """ + records;
    }

    /**
     * The patent's FIG. 1 as DNS records, with high ports instead of the patent's 80, 80, 8080, 23, 23 so that tests
     * need no privilege: host121 and host122 serve http on 18080 at priority 1, host123 on 18081 at priority 2;
     * host123 serves smtp on 10023 at priority 1, host124 at priority 2; host125 is assigned nothing.
     */
    static String fig1Zone() {
        return zone("""
                _http._tcp  SRV  1 100 18080 host121
                _http._tcp  SRV  1 100 18080 host122
                _http._tcp  SRV  2 100 18081 host123
                _smtp._tcp  SRV  1 100 10023 host123
                _smtp._tcp  SRV  2 100 10023 host124
                host121     A    127.0.0.121
                host122     A    127.0.0.122
                host123     A    127.0.0.123
                host124     A    127.0.0.124
                host125     A    127.0.0.125
                """);
    }

    /** Starts named for {@code zone} with the records of {@code zoneFile}, and returns once it answers. */
    static Bind9 start(String zone, String zoneFile) {
        return start(zone, zoneFile, (String) null);
    }

    /**
     * As {@link #start(String, String)}, listening on {@code address} too (the host's end of a {@link
     * NetworkNamespace}'s pair, so that a child inside reaches it); the address must be on an interface already.
     */
    static Bind9 startListeningAlso(String zone, String zoneFile, String address) {
        return start(zone, zoneFile, address);
    }

    /**
     * As {@link #start(String, String)}, and BIND sends a NOTIFY signed with the zone's key to 127.0.0.1 at each of
     * {@code notifyPorts} at once after every change (and once at start), over UDP.
     */
    static Bind9 startNotifying(String zone, String zoneFile, int... notifyPorts) {
        List<InetSocketAddress> targets = new ArrayList<>();
        for (int notifyPort : notifyPorts) {
            targets.add(new InetSocketAddress("127.0.0.1", notifyPort));
        }
        return startPrimary(zone, zoneFile, targets, DEFAULT_NOTIFY_RATE);
    }

    /**
     * The primary of a hierarchy: BIND serving {@code zoneFile}, allowing transfers signed with the key, and sending
     * NOTIFY to each of {@code notify} (its secondaries, or hosts), at most {@code notifyRate} a second.
     */
    static Bind9 startPrimary(String zone, String zoneFile, List<InetSocketAddress> notify, int notifyRate) {
        return start(zone, zoneFile, Role.primary(KEY_NAME, notify, notifyRate), null);
    }

    /**
     * A secondary of {@code primary} on {@code port} (which the primary notifies), with the primary's key: it takes
     * the zone by transfer, at start and after each NOTIFY, and then notifies each of {@code notify} (the hosts of
     * its half of a fleet) at most {@code notifyRate} a second. Returns once it answers with the zone.
     */
    static Bind9 startSecondary(Bind9 primary, int port, List<InetSocketAddress> notify, int notifyRate) {
        return start(primary.zone, null, port, Role.secondary(KEY_NAME, primary.port, notify, notifyRate), null,
                primary.keySecret);
    }

    private static Bind9 start(String zone, String zoneFile, String listenAlso) {
        return start(zone, zoneFile, Role.primary(KEY_NAME, List.of(), DEFAULT_NOTIFY_RATE), listenAlso);
    }

    private static Bind9 start(String zone, String zoneFile, Role role, String listenAlso) {
        // The port can be taken between our check and named's bind (by anything else on the machine): named then
        // exits at once, and another port is worth a try.
        for (int attempt = 1; ; attempt++) {
            try {
                return start(zone, zoneFile, FreePorts.udpAndTcp(), role, listenAlso, randomSecret());
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** {@code zoneFile} null: a secondary, whose zone comes by transfer. */
    private static Bind9 start(String zone, String zoneFile, int port, Role role, String listenAlso, String secret) {
        Path dir;
        try {
            dir = Files.createTempDirectory("svccfg-bind9-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess named = null;
        boolean ready = false;
        try {
            if (zoneFile != null) {
                Files.writeString(dir.resolve("zone.db"), zoneFile);
            }
            int statisticsPort = FreePorts.udpAndTcp();
            Files.writeString(dir.resolve("named.conf"),
                    config(dir, zone, port, statisticsPort, secret, role, listenAlso));
            // -g: foreground, log to stderr, no fork. As root, named keeps running as root without -u (checked on
            // BIND 9.18); dropping to the "bind" user would lose write access to our temporary directory.
            ProcessBuilder builder = new ProcessBuilder(namedCommand(), "-g", "-c", dir.resolve("named.conf").toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("named.log").toFile());
            named = ChildProcess.start(builder);
            Bind9 bind = new Bind9(dir, zone, port, statisticsPort, secret, named);
            bind.awaitReady();
            ready = true;
            return bind;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!ready) {
                if (named != null) {
                    named.kill();
                }
                deleteTree(dir);
            }
        }
    }

    private static String namedCommand() {
        return ChildProcess.sbin("named");
    }

    private static String config(Path dir, String zone, int port, int statisticsPort, String secret, Role role,
            String listenAlso) {
        StringBuilder targets = new StringBuilder();
        for (InetSocketAddress target : role.notifyTargets()) {
            targets.append("%s port %d key \"%s\"; ".formatted(target.getHostString(), target.getPort(), KEY_NAME));
        }
        String notify = role.notifyTargets().isEmpty() ? "" : """
                    notify explicit;
                    notify-delay 0;
                    also-notify { %s};
                """.formatted(targets);
        return """
                key "%s" { algorithm %s; secret "%s"; };
                options {
                    directory "%s";
                    pid-file none;
                    session-keyfile none;
                    listen-on port %d { 127.0.0.1;%s };
                    listen-on-v6 { none; };
                    recursion no;
                    dnssec-validation no;
                    // No NOTIFY to the zone's NS: tests that want NOTIFY configure their own receiver.
                    notify no;
                    notify-rate %d;
                    startup-notify-rate %d;
                };
                // No rndc: nothing to secure, and nothing else listening.
                controls { };
                statistics-channels { inet 127.0.0.1 port %d allow { 127.0.0.1; }; };
                zone "%s" {
                %s%s};
                """.formatted(KEY_NAME, KEY_ALGORITHM, secret, dir, port, listenAlso == null ? "" : " " + listenAlso + ";",
                role.notifyRate(), role.notifyRate(), statisticsPort, zone, role.zoneClause(), notify);
    }

    int port() {
        return port;
    }

    String zone() {
        return zone;
    }

    /** {@code 127.0.0.1:PORT}, as the agent's {@code dns=} and the command line's {@code --dns} take it. */
    String hostPort() {
        return hostPort("127.0.0.1");
    }

    /** {@code address:PORT}, for a server started with {@link #startListeningAlso}. */
    String hostPort(String address) {
        return address + ":" + port;
    }

    /** {@code NAME:ALGORITHM:SECRET} of the key that may update the zone, for nsupdate -y and the agent's tsig=. */
    String tsig() {
        return KEY_NAME + ":" + KEY_ALGORITHM + ":" + keySecret;
    }

    /**
     * Applies nsupdate commands ({@code update add ...}, {@code update delete ...}; names fully qualified) to the
     * zone, signed with the zone's key, and returns once the server has accepted them.
     */
    void update(String nsupdateCommands) {
        Path script = dir.resolve("update-" + System.nanoTime() + ".txt");
        try {
            Files.writeString(script, "server 127.0.0.1 " + port + "\nzone " + zone + "\n" + nsupdateCommands.strip()
                    + "\nsend\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -y, not -k: a key file would be one more file to write, and the secret is a throw-away one.
        ProcessBuilder nsupdate = new ProcessBuilder("nsupdate", "-y", KEY_ALGORITHM + ":" + KEY_NAME + ":" + keySecret,
                "-t", "5", script.toString());
        AtomicReference<ChildProcess.Result> last = new AtomicReference<>();
        try {
            // Exit status 0 means the server answered NOERROR: the change is in the zone. Only a failure to reach
            // the server is worth another try; an answer like NOTZONE or REFUSED will not change.
            Awaitility.await("nsupdate against " + hostPort()).atMost(READY_TIMEOUT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        last.set(ChildProcess.run(nsupdate, TOOL_TIMEOUT));
                        if (last.get().exitCode() != 0 && !last.get().stderr().contains("Communication with")) {
                            throw new IllegalStateException("the server rejected the update");
                        }
                        return last.get().exitCode() == 0;
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("nsupdate failed: " + (last.get() == null ? "(not run)" : last.get().describe())
                    + "\n--- named output tail ---\n" + logTail(), e);
        }
    }

    /** The questions (opcode QUERY, over UDP and TCP) this server has answered since it started. */
    long questions() {
        try {
            HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + statisticsPort + "/json/v1/server")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Object opcodes = ((Map<?, ?>) Json.parse(stats.body())).get("opcodes");
            Object query = opcodes == null ? null : ((Map<?, ?>) opcodes).get("QUERY");
            return query == null ? 0 : ((Number) query).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills named (SIGKILL), for tests of a DNS server that goes away. The directory stays until close(). */
    void stop() {
        named.kill();
    }

    /** Stops named and deletes its directory. */
    @Override
    public void close() {
        named.close();
        deleteTree(dir);
    }

    /** The last lines named wrote, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("named.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no named.log: " + e + ")";
        }
    }

    private void awaitReady() {
        ProcessBuilder dig = new ProcessBuilder("dig", "+short", "+time=1", "+tries=1", "@127.0.0.1", "-p",
                String.valueOf(port), "SOA", zone);
        try {
            Awaitility.await("named answers SOA " + zone + " on " + hostPort()).atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!named.isAlive()) {
                            throw new IllegalStateException("named exited");
                        }
                        if (logTail().contains("not loaded due to errors")) {
                            // named keeps running without the zone: no point waiting for it.
                            throw new IllegalStateException("the zone did not load");
                        }
                        ChildProcess.Result answer = ChildProcess.run(dig, TOOL_TIMEOUT);
                        return answer.exitCode() == 0 && !answer.stdout().isBlank();
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            String tail = logTail();
            String message = "BIND did not become ready: " + e.getMessage()
                    + "\n--- named output tail (" + dir.resolve("named.log") + ") ---\n" + tail;
            throw tail.contains("unable to listen") ? new PortTaken(message, e) : new AssertionError(message, e);
        }
    }

    /** named could not listen on the port it was given. */
    private static final class PortTaken extends AssertionError {
        private static final long serialVersionUID = 1L;

        PortTaken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
