package io.svccfg.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which port that an application listens on is which service: the {@code service=NAME:PORT} options when any is
 * given, otherwise the built-in table of well-known ports. A listener on a port that maps to no service is never
 * touched.
 */
public final class ServicePorts {
    private final Map<Integer, String> byPort;
    /** Whether the table is the {@code service=} options (not the built-in one). */
    private final boolean named;

    private ServicePorts(Map<Integer, String> byPort, boolean named) {
        this.byPort = Collections.unmodifiableMap(new TreeMap<>(byPort));
        this.named = named;
    }

    public static ServicePorts wellKnown() {
        return new ServicePorts(WellKnownServices.BY_PORT, false);
    }

    /** The table of the {@code service=} options. */
    public static ServicePorts of(Map<Integer, String> byPort) {
        return new ServicePorts(byPort, true);
    }

    /**
     * The services named with {@code service=}, which every read asks for whether a listener uses them yet or not;
     * none with the built-in table, whose services are read only once a listener uses them.
     */
    public Set<String> named() {
        return named ? services() : Set.of();
    }

    /** The service of a listener that asks for {@code port}; none for port 0 or an unmapped port. */
    public Optional<String> serviceFor(int port) {
        return Optional.ofNullable(byPort.get(port));
    }

    /** Every service name, once. */
    public Set<String> services() {
        return Collections.unmodifiableSet(new TreeSet<>(byPort.values()));
    }

    public Map<Integer, String> byPort() {
        return byPort;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServicePorts other && byPort.equals(other.byPort) && named == other.named;
    }

    @Override
    public int hashCode() {
        return byPort.hashCode();
    }

    @Override
    public String toString() {
        return byPort.toString();
    }
}
