package io.svccfg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.svccfg.dns.Tsigs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionValuesTest {
    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), OptionValues.duration("500ms"));
        assertEquals(Duration.ofSeconds(5), OptionValues.duration("5s"));
        assertEquals(Duration.ofMinutes(2), OptionValues.duration("2m"));
        assertEquals(Duration.ofHours(1), OptionValues.duration("1h"));
        for (String bad : new String[] {"soon", "5", "-5s", "5 s", "1.5s", "5d", "", "0ms", "8761h", "999999999h"}) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.duration(bad), bad);
        }
    }

    /** Found by ConfigLoaderFuzzTest: secrets Java's decoder takes but dnsjava's does not made the agent fail at start. */
    @Test
    void aTsigSecretIsCanonicalBase64SoThatTheAgentsKeyCanBeMade() {
        assertNotNull(Tsigs.of(OptionValues.tsig("k:hmac-sha256:c2VjcmV0MTI=")));
        for (String bad : new String[] {"k:hmac-sha256:c2VjcmV0MTP=", "k:hmac-sha256:c2VjcmV0MTI", "k:hmac-sha256:c2V$"}) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.tsig(bad), bad);
        }
    }

    @Test
    void hostPorts() {
        assertEquals(new HostPort("127.0.0.1", 53), OptionValues.hostPort("127.0.0.1", 53));
        assertEquals(new HostPort("127.0.0.1", 5353), OptionValues.hostPort("127.0.0.1:5353", 53));
        assertEquals(new HostPort("ns1.example.com", 53), OptionValues.hostPort("ns1.example.com", 53));
        assertEquals(new HostPort("2001:db8::53", 53), OptionValues.hostPort("2001:db8::53", 53));
        assertEquals(new HostPort("2001:db8::53", 5353), OptionValues.hostPort("[2001:db8::53]:5353", 53));
        assertEquals("[2001:db8::53]:5353", OptionValues.hostPort("[2001:db8::53]:5353", 53).toString());
        for (String bad : new String[] {"::::", "", "a b", "1.2.3.4:", "1.2.3.4:x", "[::1]x", "256.0.0.1"}) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.hostPort(bad, 53), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> OptionValues.hostPort("127.0.0.1", 0));
    }

    @Test
    void servicesAndDomains() {
        assertEquals(java.util.Map.entry(9080, "http"), OptionValues.servicePort("HTTP:9080"));
        assertEquals(java.util.Map.entry(5222, "xmpp-client"), OptionValues.servicePort("_xmpp-client:5222"));
        assertEquals("example.com", OptionValues.domain("EXAMPLE.com."));
        assertThrows(IllegalArgumentException.class, () -> OptionValues.domain("."));
        assertThrows(IllegalArgumentException.class, () -> OptionValues.domain("a..b"));
        assertThrows(IllegalArgumentException.class, () -> OptionValues.serviceName("-http"));
    }
}
