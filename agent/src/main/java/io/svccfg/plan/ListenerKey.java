package io.svccfg.plan;

import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;

/** What the plan knows of a managed listener: its service, its transport, and the port the application asked for. */
public record ListenerKey(String service, Transport transport, int requestedPort) implements Comparable<ListenerKey> {

    /** The service and transport whose SRV records decide where this listener goes. */
    public ServiceType serviceType() {
        return new ServiceType(service, transport);
    }

    @Override
    public int compareTo(ListenerKey o) {
        int c = service.compareTo(o.service);
        if (c == 0) {
            c = transport.compareTo(o.transport);
        }
        return c != 0 ? c : Integer.compare(requestedPort, o.requestedPort);
    }

    // equals and hashCode written out, as the record's would be: the generated ones bootstrap method handles at their
    // first call (several milliseconds each, cold), and these run on the way to the application's first bind.
    @Override
    public boolean equals(Object o) {
        return o instanceof ListenerKey k && service.equals(k.service) && transport == k.transport
                && requestedPort == k.requestedPort;
    }

    @Override
    public int hashCode() {
        return (31 * service.hashCode() + transport.hashCode()) * 31 + requestedPort;
    }

    @Override
    public String toString() {
        return service + "/" + transport.label() + " (asked :" + requestedPort + ")";
    }
}
