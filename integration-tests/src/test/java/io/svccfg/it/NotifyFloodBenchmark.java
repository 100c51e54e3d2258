package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Prints what a flood of refused NOTIFYs costs the application's process: forged, unsigned NOTIFYs for the zone as
 * fast as one client sends them, at a receiver that requires a TSIG signature. Figures: NOTIFYs sent and refused,
 * reads they caused (none may), and the CPU the whole JVM spent per refused NOTIFY. On demand only:
 * {@code mvn verify -pl integration-tests -Dit.test=NotifyFloodBenchmark}.
 */
class NotifyFloodBenchmark {
    private static final int NOTIFIES = 200_000;
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux: /proc/PID/stat counts CPU in 1/100 s
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58131 host176
            host176     A    127.0.0.176
            """);

    @OnEachJdk
    void refusedNotifyFlood(ChildJvm jvm) throws IOException {
        int notifyPort = FreePorts.udpAndTcp();
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                        + ",address=127.0.0.176,poll=1h,notify=127.0.0.1:" + notifyPort + ",tsig=" + dns.tsig(),
                        "server-socket", "--port", "8080")) {
            assertEquals("127.0.0.176:58131", server.awaitListening());
            long pid = server.child().pid();
            Map<String, Object> before = AgentStatus.of(jvm, pid);
            long cpuBefore = cpuTicks(pid);
            byte[] forged = HostilePeer.unsignedNotify("example.test");
            long start = System.nanoTime();
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), notifyPort);
                for (int i = 0; i < NOTIFIES; i++) {
                    socket.send(new DatagramPacket(forged, forged.length, to));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Wait until the receiver has drained its queue: the refused count stops growing.
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long now = AgentStatus.number(AgentStatus.of(jvm, pid), "refusedNotifies");
                boolean settled = now == last[0];
                last[0] = now;
                return settled;
            });
            long cpu = cpuTicks(pid) - cpuBefore;
            Map<String, Object> after = AgentStatus.of(jvm, pid);
            long refused = AgentStatus.number(after, "refusedNotifies") - AgentStatus.number(before, "refusedNotifies");
            long reads = AgentStatus.number(after, "polls") - AgentStatus.number(before, "polls");
            System.out.printf("%s: %,d forged NOTIFYs sent in %.2f s (%,.0f/s); %,d refused (the rest dropped by the"
                    + " kernel's queue), %d reads; the JVM's CPU %.2f s, %.1f us per refused NOTIFY (includes the"
                    + " status commands' attaches)%n", jvm, NOTIFIES, seconds, NOTIFIES / seconds, refused, reads,
                    cpu / (double) CLOCK_TICKS, cpu * 1e6 / CLOCK_TICKS / Math.max(1, refused));
            assertEquals(0, reads, "a refused NOTIFY reads nothing");
        }
    }

    /** User and system CPU of the whole process so far, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    }
}
