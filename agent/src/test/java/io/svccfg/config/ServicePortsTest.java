package io.svccfg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServicePortsTest {
    @Test
    void theWellKnownTableHasTheContractsPorts() {
        ServicePorts ports = ServicePorts.wellKnown();
        assertEquals(Optional.of("http"), ports.serviceFor(80));
        assertEquals(Optional.of("http"), ports.serviceFor(8080));
        assertEquals(Optional.of("https"), ports.serviceFor(443));
        assertEquals(Optional.of("https"), ports.serviceFor(8443));
        assertEquals(Optional.of("smtp"), ports.serviceFor(25));
        assertEquals(Optional.of("smtp"), ports.serviceFor(587));
        assertEquals(Optional.of("ftp"), ports.serviceFor(21));
        assertEquals(Optional.of("sip"), ports.serviceFor(5060));
        assertEquals(Optional.of("sips"), ports.serviceFor(5061));
    }

    @Test
    void portZeroAndUnmappedPortsAreNotManaged() {
        assertEquals(Optional.empty(), ServicePorts.wellKnown().serviceFor(0));
        assertEquals(Optional.empty(), ServicePorts.wellKnown().serviceFor(12345));
    }

    @Test
    void everyServiceOnce() {
        assertTrue(ServicePorts.wellKnown().services().contains("http"));
        assertEquals(ServicePorts.wellKnown().services().size(),
                ServicePorts.wellKnown().services().stream().distinct().count());
    }
}
