package io.svccfg.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.config.Drain;
import io.svccfg.config.Unassigned;
import io.svccfg.identity.Identity;
import io.svccfg.jdk.ListenerMover;
import io.svccfg.plan.AllowList;
import io.svccfg.plan.Assignment;
import io.svccfg.plan.ListenerKey;
import io.svccfg.tuple.Endpoint;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A read says nothing of a service it did not ask for: a listener of such a service is left as it is, not parked
 * for lack of tuples (a read that started before its bind), while a read that covered it and found no tuple parks it.
 */
class ListenerActionsCoverageTest {
    private static final ServiceType HTTP = new ServiceType("http", Transport.TCP);
    private static final ServiceType SMTP = new ServiceType("smtp", Transport.TCP);

    @Test
    void aReadThatDidNotCoverAListenersServiceLeavesItAlone() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket socket = new ServerSocket(0, 50, loopback)) {
            ListenerRegistry registry = new ListenerRegistry();
            Assignment assigned = Assignment.of(new Endpoint(loopback, socket.getLocalPort()));
            Listener listener = new Listener(new ListenerKey("http", Transport.TCP, 8080),
                    new InetSocketAddress(8080), 50, socket, assigned, ListenerState.ACTIVE, "assigned");
            registry.add(listener);
            listener.bound((InetSocketAddress) socket.getLocalSocketAddress());
            ListenerActions actions = new ListenerActions(registry, ListenerMover::create, Unassigned.PARK,
                    Duration.ZERO, AllowList.ANYTHING, Drain.OFF);
            Identity identity = Identity.of(List.of(loopback));

            ListenerActions.Applied applied = actions.apply(List.of(), Set.of(SMTP), identity);
            assertEquals(List.of(), applied.moves());
            assertEquals(List.of(), applied.errors());
            assertEquals(ListenerState.ACTIVE, listener.state());
            assertEquals(assigned, listener.assignment());
            assertNull(listener.lastError());
            assertEquals(socket.getLocalSocketAddress(), listener.bound());

            // The same tuples from a read that covered http: no tuple is for this host, so the listener is parked
            // (or, where this test JVM cannot move it, marked failed with the reason).
            actions.apply(List.of(), Set.of(HTTP, SMTP), identity);
            assertTrue(listener.state() != ListenerState.ACTIVE || !assigned.equals(listener.assignment()),
                    listener.toString());
            assertNotEquals(ListenerState.BINDING, listener.state());
        }
    }
}
