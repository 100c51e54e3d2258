package io.svccfg.plan;

import io.svccfg.tuple.Transport;

/** What the plan knows of a managed listener: its service, its transport, and the port the application asked for. */
public record ListenerKey(String service, Transport transport, int requestedPort) implements Comparable<ListenerKey> {

    @Override
    public int compareTo(ListenerKey o) {
        int c = service.compareTo(o.service);
        if (c == 0) {
            c = transport.compareTo(o.transport);
        }
        return c != 0 ? c : Integer.compare(requestedPort, o.requestedPort);
    }

    @Override
    public String toString() {
        return service + "/" + transport.label() + " (asked :" + requestedPort + ")";
    }
}
