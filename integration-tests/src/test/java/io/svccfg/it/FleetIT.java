package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fleet through a real DNS hierarchy: a BIND primary, a BIND secondary that takes the zone by signed transfer and
 * notifies the hosts, 20 simulated hosts (svccfg's classes from the agent jar, {@link SimulatedHosts}) and 2 real
 * agent JVMs with a listener. One update at the primary reaches every host through the secondary's NOTIFY; with the
 * secondary stopped, the hosts read from the primary, their second {@code dns=}, and follow by polling.
 */
class FleetIT {
    private static final int SIMULATED = 20;
    private static final int REAL = 2;
    private static final Duration FOLLOW = Duration.ofSeconds(30);

    private final ChildJvm jvm = ItEnvironment.jdks().findFirst().orElseThrow();

    @Test
    void oneUpdateReachesEveryHostThroughTheSecondarysNotify() {
        // poll=1h: only NOTIFY can tell the hosts within the test's time.
        try (FleetRun fleet = FleetRun.start(jvm, SIMULATED, 1, REAL, 1, 200,
                "domain=example.test,poll=1h")) {
            long[] before = fleet.simulated().questions();
            long since = fleet.change();
            Map<String, Duration> followed = fleet.awaitFollowed(since, FOLLOW);

            assertEquals(SIMULATED + REAL, followed.size(), followed.toString());
            Map<String, String> serving = fleet.simulated().serving();
            assertEquals("http/tcp@127.0.20.1:" + fleet.port(), serving.get("127.0.20.1"), serving.toString());
            assertEquals("-", serving.get("127.0.20.9"), "a host no record names serves nothing");
            // At most (services x 2 + targets + 1) questions per host for the change: here one service, 7 targets.
            long asked = fleet.simulated().questions()[0] - before[0];
            int bound = 2 + fleet.servingHosts() + 1;
            assertTrue(asked <= (long) SIMULATED * bound, asked + " questions for " + SIMULATED + " hosts");
        }
    }

    @Test
    void withTheSecondaryStoppedTheHostsReadFromThePrimaryAndFollowByPolling() {
        try (FleetRun fleet = FleetRun.start(jvm, SIMULATED, 1, REAL, 1, 200,
                "domain=example.test,poll=2s")) {
            fleet.dns().secondary(0).stop();
            long since = fleet.change();
            Map<String, Duration> followed = fleet.awaitFollowed(since, FOLLOW);

            assertEquals(SIMULATED + REAL, followed.size(), followed.toString());
            assertEquals("http/tcp@127.0.20.2:" + fleet.port(), fleet.simulated().serving().get("127.0.20.2"));
        }
    }
}
