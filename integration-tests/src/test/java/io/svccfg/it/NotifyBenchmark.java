package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Prints how fast a DNS change reaches a listener on the NOTIFY path (BIND over UDP, Knot over TCP; polling off
 * with {@code poll=1h}), and what an idle poll costs for a small and a large zone. On demand only:
 * {@code mvn verify -pl integration-tests -Dit.test=NotifyBenchmark}. It asserts only that each run did what it
 * measures.
 */
class NotifyBenchmark {
    private static final int CHANGES = 50;
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58151 host175
            host175     A    127.0.0.175
            """);

    private static String move(int from, int to) {
        return SrvUpdate.movePort("_http._tcp.example.test.", 1, "host175.example.test.", from, to);
    }

    @OnEachJdk
    void updateToAcceptingThroughBindNotify(ChildJvm jvm) {
        int notifyPort = FreePorts.udpAndTcp();
        try (Bind9 dns = Bind9.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort)) {
            measure(jvm, "BIND (UDP)", dns.hostPort(), dns.tsig(), notifyPort, dns::update);
        }
    }

    @OnEachJdk
    void updateToAcceptingThroughKnotNotify(ChildJvm jvm) {
        int notifyPort = FreePorts.udpAndTcp();
        try (Knot dns = Knot.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort)) {
            measure(jvm, "Knot (TCP)", dns.hostPort(), dns.tsig(), notifyPort, c -> dns.update("example.test", c));
        }
    }

    /** From just before the update command to the first accepted connection on the new port, {@value CHANGES} times. */
    private static void measure(ChildJvm jvm, String what, String dns, String tsig, int notifyPort,
            Consumer<String> update) {
        try (DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns + ",address=127.0.0.175,"
                // drain=off: the endpoint a change leaves must stop answering, or the next change back to it would
                // find it answering (handed over) at once.
                + "poll=1h,flap-damping=10ms,drain=off,notify=127.0.0.1:" + notifyPort + ",tsig=" + tsig,
                "server-socket",
                "--port", "8080")) {
            assertEquals("127.0.0.175:58151", server.awaitListening());
            List<Long> millis = new ArrayList<>();
            int port = 58151;
            for (int i = 0; i < CHANGES; i++) {
                int next = port == 58151 ? 58152 : 58151;
                String at = "127.0.0.175:" + next;
                long start = System.nanoTime();
                update.accept(move(port, next));
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(() -> server.answers(at));
                millis.add((System.nanoTime() - start) / 1_000_000);
                port = next;
                // Pacing, not waiting for anything: reads for NOTIFYs are at least 250 ms apart, and changes that
                // come faster would measure that spacing instead of one change.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            }
            Collections.sort(millis);
            System.out.printf("BENCHMARK %s, %s: update to accepting through NOTIFY, %d changes: p50 %d ms, p99 %d ms,"
                    + " min %d ms%n", jvm, what, CHANGES, LoadStats.percentile(millis, 50),
                    LoadStats.percentile(millis, 99), millis.get(0));
        }
    }

    @OnEachJdk
    void questionsPerIdlePoll(ChildJvm jvm) {
        for (int records : List.of(10, 10_000)) {
            StringBuilder zone = new StringBuilder(ZONE);
            for (int i = 1; i < records; i++) {
                zone.append("_s").append(i).append("._tcp  SRV  1 100 ").append(20000 + i % 1000).append(" host175\n");
            }
            try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, zone.toString());
                    DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                            + ",address=127.0.0.175,poll=200ms", "server-socket", "--port", "8080")) {
                server.awaitListening();
                long pid = server.child().pid();
                Map<String, Object> before = AgentStatus.of(jvm, pid);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> AgentStatus.number(AgentStatus.of(jvm, pid), "polls")
                                >= AgentStatus.number(before, "polls") + 10);
                Map<String, Object> after = AgentStatus.of(jvm, pid);
                long polls = AgentStatus.number(after, "polls") - AgentStatus.number(before, "polls");
                long questions = AgentStatus.number(after, "questions") - AgentStatus.number(before, "questions");
                System.out.printf("BENCHMARK %s: zone of %d SRV records: %d DNS questions in %d idle polls (%.2f per"
                        + " poll)%n", jvm, records, questions, polls, questions / (double) polls);
            }
        }
    }
}
