package io.svccfg.demo.fig1;

import io.svccfg.client.ServiceLocator;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The administrator's half of the patent in one command: a fleet file of FIG. 1's five servers (capacities) and two
 * services (volumes), {@code svccfg plan} and {@code svccfg apply} (the real command line) writing the assignment to
 * a DNS zone that holds none yet, the five server JVMs under the agent following it by NOTIFY, and a rebalance when a
 * server's capacity changes.
 *
 * <pre>
 * java -jar demo-apps/target/svccfg-demo.jar admin
 * </pre>
 */
public final class AdminDemo {
    private static final List<String> SERVICES = List.of("http/tcp", "smtp/tcp");
    private static final Duration FOLLOW_LIMIT = Duration.ofSeconds(10);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    /** The server whose capacity changes before the rebalance (a larger machine replaces it), and to what. */
    private static final int CHANGED = 125;
    private static final int CHANGED_CAPACITY = 1000;

    private final DemoRun run;
    private final Fleet fleet;
    private final int portOffset;
    private final Path fleetFile;

    private AdminDemo(DemoRun run, Fleet fleet, int portOffset, Path fleetFile) {
        this.run = run;
        this.fleet = fleet;
        this.portOffset = portOffset;
        this.fleetFile = fleetFile;
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("svccfg-demo admin: unexpected " + String.join(" ", args) + ": expected no argument");
            System.exit(2);
        }
        System.exit(run(System.out));
    }

    /** Runs the demo; returns the exit status. */
    static int run(PrintStream out) {
        return DemoRun.run(out, "the administrator plans FIG. 1's five servers from a fleet file", (fleet, run) -> {
            Path file;
            try {
                file = Files.createTempDirectory("svccfg-fleet-").resolve("fleet.yaml");
            } catch (IOException e) {
                throw new StepFailed("cannot make a directory for the fleet file: " + e.getMessage(), e);
            }
            AdminDemo demo = new AdminDemo(run, fleet, Fig1Table.forThisMachine().portOffset(), file);
            demo.dns();
            demo.servers();
            demo.plan();
            demo.apply();
            demo.rebalance();
            demo.applyAgain();
        });
    }

    private void dns() throws StepFailed {
        fleet.startDns(zone(), portOffset);
        run.say("DNS: zone " + Fig1Table.DOMAIN + " on " + fleet.dnsHostPort() + " with no service record yet, updates"
                + " signed with key " + Fleet.KEY_NAME + ", NOTIFY to every server");
    }

    private void servers() throws StepFailed {
        run.say("servers: five JVMs, each running http (asks port 8080) and smtp (25) under -javaagent:svccfg.jar");
        for (int host : Fig1Table.HOSTS) {
            ServerJvm server = fleet.startServer(host);
            run.detail("%s  pid %-7d address=%s notify=%s", server.name(), server.pid(), Fig1Table.address(host),
                    fleet.notifyHostPort(host));
        }
        Map<Integer, Map<String, String>> parked = new TreeMap<>();
        for (int host : Fig1Table.HOSTS) {
            parked.put(host, Map.of("http/tcp", "PARKED", "smtp/tcp", "PARKED"));
        }
        follows(parked, START_LIMIT, "DNS assigns them nothing yet");
        run.ok("DNS assigns nothing yet: every listener waits, parked on loopback");
    }

    private void plan() throws StepFailed {
        write(Map.of());
        run.say("the fleet file " + fleetFile + ": servers with capacities, services with volumes");
        try {
            Files.readAllLines(fleetFile).forEach(line -> run.detail("%s", line));
        } catch (IOException e) {
            throw new StepFailed("cannot read " + fleetFile + ": " + e.getMessage(), e);
        }
        run.say("svccfg plan: the assignment by capacity, and the records it takes (DNS unchanged)");
        svccfg("plan", fleetFile.toString(), "--dns", fleet.dnsHostPort());
        run.ok("the plan covers every volume; nothing written yet");
    }

    private void apply() throws StepFailed {
        run.say("svccfg apply: one signed update; BIND-like NOTIFY tells the servers");
        String output = svccfg("apply", fleetFile.toString(), "--dns", fleet.dnsHostPort(), "--tsig", fleet.tsig());
        expect(output, "applied: 0 deleted");
        Duration took = follows(whatDnsSays(), FOLLOW_LIMIT, "after apply");
        run.ok("every server serves what the plan wrote, " + took.toMillis() + " ms after apply returned");
    }

    private void rebalance() throws StepFailed {
        write(Map.of(CHANGED, CHANGED_CAPACITY));
        run.say(Fig1Table.hostName(CHANGED) + " is replaced by a larger machine: its capacity is "
                + CHANGED_CAPACITY + " in the fleet file now; svccfg apply rebalances");
        String output = svccfg("apply", fleetFile.toString(), "--dns", fleet.dnsHostPort(), "--tsig", fleet.tsig());
        expect(output, "applied: ");
        Duration took = follows(whatDnsSays(), FOLLOW_LIMIT, "after the rebalance");
        run.ok("the servers follow the rebalance, " + took.toMillis() + " ms after apply returned");
    }

    private void applyAgain() throws StepFailed {
        run.say("svccfg apply, the same file again");
        expect(svccfg("apply", fleetFile.toString(), "--dns", fleet.dnsHostPort(), "--tsig", fleet.tsig()),
                "no change");
        run.ok("DNS holds the plan already: nothing written");
    }

    /** The fleet file, with capacities changed as {@code capacities} says (host to capacity). */
    private void write(Map<Integer, Integer> capacities) throws StepFailed {
        Map<Integer, Integer> capacity = new TreeMap<>(Map.of(121, 1000, 122, 1000, 123, 600, 124, 400, 125, 200));
        capacity.putAll(capacities);
        StringBuilder text = new StringBuilder("domain: " + Fig1Table.DOMAIN + "\nttl: 60\nservers:\n");
        capacity.forEach((host, units) -> text.append("""
                  - name: %s
                    addresses: [%s]
                    capacity: %d
                """.formatted(Fig1Table.hostName(host), Fig1Table.address(host), units)));
        text.append("""
                services:
                  - name: http
                    transport: tcp
                    port: %d
                    volume: 1200
                    spares: 1
                  - name: smtp
                    transport: tcp
                    port: %d
                    volume: 300
                    spares: 1
                """.formatted(80 + portOffset, 25 + portOffset));
        try {
            Files.writeString(fleetFile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepFailed("cannot write " + fleetFile + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code java -jar svccfg.jar ARGS}, prints its output, and returns it; a non-zero exit fails the step. */
    private String svccfg(String... args) throws StepFailed {
        List<String> command = new ArrayList<>(List.of(fleet.jars().java().toString(), "-jar",
                fleet.jars().agent().toString()));
        command.addAll(List.of(args));
        run.detail("$ java -jar svccfg.jar %s", String.join(" ", args).replace(fleet.tsig(), "KEY"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StepFailed("svccfg " + args[0] + " did not end within " + COMMAND_LIMIT.toSeconds() + " s");
            }
            output.lines().forEach(line -> run.detail("%s", line));
            if (process.exitValue() != 0) {
                throw new StepFailed("svccfg " + args[0] + " exited with " + process.exitValue());
            }
            return output;
        } catch (IOException e) {
            throw new StepFailed("cannot run svccfg " + args[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted while svccfg " + args[0] + " ran", e);
        }
    }

    private static void expect(String output, String words) throws StepFailed {
        if (!output.contains(words)) {
            throw new StepFailed("expected svccfg to say \"" + words + "\"");
        }
    }

    /** Per host, what DNS assigns it now: {@code ACTIVE at} its endpoint for each service, else {@code PARKED}. */
    private Map<Integer, Map<String, String>> whatDnsSays() throws StepFailed {
        ServiceLocator dns = ServiceLocator.using(fleet.dnsHostPort());
        Map<Integer, Map<String, String>> wanted = new TreeMap<>();
        for (int host : Fig1Table.HOSTS) {
            wanted.put(host, new LinkedHashMap<>(Map.of("http/tcp", "PARKED", "smtp/tcp", "PARKED")));
        }
        for (String service : SERVICES) {
            String name = service.substring(0, service.indexOf('/'));
            try {
                for (Tuple tuple : dns.locate(Fig1Table.DOMAIN, name, Transport.TCP)) {
                    int host = Integer.parseInt(tuple.target().replaceAll("\\D", ""));
                    wanted.get(host).put(service, "ACTIVE at " + tuple.address().getHostAddress() + ":" + tuple.port());
                }
            } catch (IOException | RuntimeException e) {
                throw new StepFailed("cannot read _" + name + "._tcp." + Fig1Table.DOMAIN + ": " + e.getMessage(), e);
            }
        }
        return wanted;
    }

    /**
     * Waits until each server's status shows {@code wanted}, prints who serves what, and returns how long it took;
     * fails the step if that does not happen within {@code limit}.
     */
    private Duration follows(Map<Integer, Map<String, String>> wanted, Duration limit, String when)
            throws StepFailed {
        Map<Integer, Map<String, String>> seen = new TreeMap<>();
        long start = System.nanoTime();
        boolean done = Until.holds(limit, Duration.ofMillis(20), () -> {
            if (fleet.anyExited()) {
                return true; // no point waiting
            }
            for (int host : Fig1Table.HOSTS) {
                seen.put(host, ServerStatus.states(fleet.server(host).pid(), SERVICES));
            }
            return seen.equals(wanted);
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        seen.forEach((host, states) -> {
            StringBuilder line = new StringBuilder(Fig1Table.hostName(host));
            states.forEach((service, state) -> line.append("   ").append(service).append(' ').append(state));
            run.detail("%s", line);
        });
        if (fleet.anyExited()) {
            throw new StepFailed("a server exited: see its log below");
        }
        if (!done || !seen.equals(wanted)) {
            throw new StepFailed("the servers do not serve what DNS says within " + limit.toSeconds() + " s " + when
                    + ": expected " + wanted);
        }
        return took;
    }

    /** The zone before any plan: its SOA and name server, nothing else. */
    private static String zone() {
        return """
                $ORIGIN %s.
                $TTL 60
                @           SOA  ns1 hostmaster 1 3600 600 86400 60
                @           NS   ns1
                ns1         A    %s
                """.formatted(Fig1Table.DOMAIN, Fleet.DNS_ADDRESS);
    }
}
