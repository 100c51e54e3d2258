package io.svccfg.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fleet on loopback that follows one DNS through a hierarchy: {@link DnsHierarchy} (a primary, secondaries that
 * each notify their share of the hosts), {@link SimulatedFleet} hosts and real agent JVMs ({@link DemoServer}, a
 * {@code ServerSocket} on 8080 under {@code -javaagent}), every one with an http/tcp listener (the simulated ones a
 * simulated one). Every host asks its own secondary first, then the primary.
 * http is served by every real host and the first {@link #SIMULATED_SERVING} simulated ones; a change moves all of
 * them from one port to the other in one update.
 */
final class FleetRun implements AutoCloseable {
    static final int PORT_A = 38171;
    static final int PORT_B = 38172;
    static final int NOTIFY_PORT = 38170;
    static final int SIMULATED_SERVING = 5;
    private static final Duration READY = Duration.ofMinutes(3);

    private final DnsHierarchy dns;
    private final SimulatedFleet simulated;
    private final List<DemoServer> real;
    private final List<String> realAddresses;
    private final List<String> servingTargets;
    private int port = PORT_A;
    private long serial = 1;

    private FleetRun(DnsHierarchy dns, SimulatedFleet simulated, List<DemoServer> real, List<String> realAddresses,
            List<String> servingTargets) {
        this.dns = dns;
        this.simulated = simulated;
        this.real = real;
        this.realAddresses = realAddresses;
        this.servingTargets = servingTargets;
    }

    /**
     * Starts the DNS hierarchy, {@code simulatedHosts} hosts over {@code jvms} JVMs and {@code realHosts} agent JVMs,
     * each with {@code options} besides its own identity, DNS servers and NOTIFY receiver; returns once all have read.
     */
    static FleetRun start(ChildJvm jvm, int simulatedHosts, int jvms, int realHosts, int secondaries,
            int notifyRate, String options) {
        List<String> simulatedAddresses = new ArrayList<>();
        for (int i = 0; i < simulatedHosts; i++) {
            simulatedAddresses.add("127.0." + (20 + i / 250) + "." + (1 + i % 250));
        }
        List<String> realAddresses = new ArrayList<>();
        for (int i = 0; i < realHosts; i++) {
            realAddresses.add("127.0.30." + (1 + i));
        }
        List<String> serving = new ArrayList<>(realAddresses);
        serving.addAll(simulatedAddresses.subList(0, Math.min(SIMULATED_SERVING, simulatedHosts)));
        List<String> all = new ArrayList<>(simulatedAddresses);
        all.addAll(realAddresses);
        List<List<InetSocketAddress>> notify = new ArrayList<>();
        for (int s = 0; s < secondaries; s++) {
            notify.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            notify.get(i % secondaries).add(new InetSocketAddress(all.get(i), NOTIFY_PORT));
        }
        DnsHierarchy dns = DnsHierarchy.start(zone(serving, PORT_A), notify, notifyRate);
        SimulatedFleet simulated = null;
        List<DemoServer> real = new ArrayList<>();
        try {
            // A host asks its own secondary (the one that notifies it) first, then the primary.
            simulated = startSimulated(jvm, dns, simulatedAddresses, all, jvms, options);
            for (String address : realAddresses) {
                real.add(DemoServer.start(jvm, options + ",address=" + address + ",notify=" + address + ":"
                        + NOTIFY_PORT + ",drain=off," + dnsOption(dns, all.indexOf(address) % secondaries),
                        "server-socket", "--port", "8080"));
            }
            for (int i = 0; i < real.size(); i++) {
                real.get(i).awaitListening();
            }
            return new FleetRun(dns, simulated, real, realAddresses, serving);
        } catch (RuntimeException | Error e) {
            real.forEach(DemoServer::close);
            if (simulated != null) {
                simulated.close();
            }
            dns.close();
            throw e;
        }
    }

    private static SimulatedFleet startSimulated(ChildJvm jvm, DnsHierarchy dns, List<String> addresses,
            List<String> all, int jvms, String options) {
        // The hosts of one secondary share their options.
        int secondaries = dns.secondaries();
        Map<String, List<String>> byOptions = new LinkedHashMap<>();
        for (String address : addresses) {
            byOptions.computeIfAbsent(options + "," + dnsOption(dns, all.indexOf(address) % secondaries),
                    k -> new ArrayList<>()).add(address);
        }
        return SimulatedFleet.start(jvm, byOptions, "http/tcp", NOTIFY_PORT, Math.max(1, jvms / secondaries), READY);
    }

    private static String dnsOption(DnsHierarchy dns, int secondary) {
        return "dns=" + dns.secondary(secondary).hostPort() + ",dns=" + dns.primary().hostPort() + ",tsig="
                + dns.primary().tsig();
    }

    /** The zone: each serving host's SRV record for http on {@code port}, and its address. */
    private static String zone(List<String> serving, int port) {
        StringBuilder records = new StringBuilder();
        for (String address : serving) {
            records.append("_http._tcp  SRV  1 100 ").append(port).append(' ').append(name(address)).append('\n');
            records.append(name(address)).append("  A  ").append(address).append('\n');
        }
        return Bind9.zone(records.toString());
    }

    private static String name(String address) {
        return "h" + address.replace('.', '-');
    }

    DnsHierarchy dns() {
        return dns;
    }

    SimulatedFleet simulated() {
        return simulated;
    }

    int hosts() {
        return simulated.addresses().size() + realAddresses.size();
    }

    /** How many hosts serve http. */
    int servingHosts() {
        return servingTargets.size();
    }

    /** The port http is on now. */
    int port() {
        return port;
    }

    /**
     * One signed update at the primary that moves every http record to the other port; returns the time
     * ({@link System#nanoTime()}) just before it was sent.
     */
    long change() {
        int to = port == PORT_A ? PORT_B : PORT_A;
        StringBuilder commands = new StringBuilder();
        for (String address : servingTargets) {
            commands.append(SrvUpdate.movePort("_http._tcp.example.test.", 1, name(address) + ".example.test.", port,
                    to)).append('\n');
        }
        long start = System.nanoTime();
        dns.primary().update(commands.toString());
        port = to;
        serial++;
        return start;
    }

    /**
     * Per host, how long after {@code since} it followed the last change: a simulated host once it read the new
     * serial, a real one once its listener accepts on the new port. Waits at most {@code max} for all.
     */
    Map<String, Duration> awaitFollowed(long since, Duration max) {
        Map<String, Long> at = new HashMap<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (at.size() < realAddresses.size() && System.nanoTime() < deadline) {
            for (String address : realAddresses) {
                if (!at.containsKey(address) && accepts(address, port)) {
                    at.put(address, System.nanoTime());
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (at.size() < realAddresses.size()) {
            throw new AssertionError("real hosts not accepting on port " + port + " within " + max + ": "
                    + realAddresses.stream().filter(a -> !at.containsKey(a)).toList());
        }
        at.putAll(simulated.awaitSerial(serial, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        Map<String, Duration> followed = new HashMap<>();
        at.forEach((address, nanos) -> followed.put(address, Duration.ofNanos(nanos - since)));
        return followed;
    }

    /**
     * For the simulated hosts that followed the last change: how long after {@code since} the NOTIFY reached each
     * ({@code notified}) and how long after that its read ended ({@code read}); the two parts of the time to follow.
     */
    Split split(long since, Map<String, Duration> followed) {
        List<Duration> notified = new ArrayList<>();
        List<Duration> read = new ArrayList<>();
        simulated.notifiedAt(serial).forEach((address, nanos) -> {
            Duration toFollow = followed.get(address);
            if (toFollow != null) {
                notified.add(Duration.ofNanos(nanos - since));
                read.add(toFollow.minusNanos(nanos - since));
            }
        });
        return new Split(notified, read);
    }

    record Split(List<Duration> notified, List<Duration> read) {
    }

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        real.forEach(DemoServer::close);
        simulated.close();
        dns.close();
    }
}
