package io.svccfg.tuple;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One (service, transport, address, port, priority, weight): one SRV record of {@code _service._transport.domain}
 * and one address of its target. {@code ttl} is the smaller of the SRV and the address record's TTL, in seconds.
 * Names ({@code service}, {@code target}, {@code domain}) are lower case, without the trailing dot.
 */
public record Tuple(
        String service,
        Transport transport,
        InetAddress address,
        int port,
        int priority,
        int weight,
        String target,
        String domain,
        long ttl) {

    public Tuple {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(domain, "domain");
    }

    public Endpoint endpoint() {
        return new Endpoint(address, port);
    }

    /** Whether this tuple is for {@code service} over {@code transport}. */
    public boolean isFor(String service, Transport transport) {
        return this.service.equals(service) && this.transport == transport;
    }
}
