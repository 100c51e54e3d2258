package io.svccfg.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressWatchTest {
    static Identity identity(String... addresses) {
        return Identity.of(Arrays.stream(addresses).map(a -> {
            try {
                return InetAddress.getByName(a);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }).toList());
    }

    @Test
    void reportsAddedAndRemovedAddressesOnceEach() {
        Deque<Identity> readings = new ArrayDeque<>(List.of(identity("10.0.0.1"), identity("10.0.0.1", "10.0.0.2"),
                identity("10.0.0.1", "10.0.0.2"), identity("10.0.0.2")));
        AddressWatch watch = new AddressWatch(readings::removeFirst, identity("10.0.0.1"));

        assertEquals(Optional.empty(), watch.check(), "unchanged");
        AddressWatch.Change added = watch.check().orElseThrow();
        assertEquals(identity("10.0.0.1", "10.0.0.2"), added.identity());
        assertEquals("added [10.0.0.2], removed []", added.what());
        assertTrue(watch.check().isEmpty(), "reported once");
        assertEquals("added [], removed [10.0.0.1]", watch.check().orElseThrow().what());
    }
}
