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

    // equals and hashCode written out, as the record's would be: the generated ones bootstrap method handles at their
    // first call (several milliseconds each, cold), and these run on the way to the application's first bind.
    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple t && service.equals(t.service) && transport == t.transport
                && address.equals(t.address) && port == t.port && priority == t.priority && weight == t.weight
                && target.equals(t.target) && domain.equals(t.domain) && ttl == t.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, transport, address, port, priority, weight, target, domain, ttl);
    }

    public Endpoint endpoint() {
        return new Endpoint(address, port);
    }

    /** Whether this tuple is for {@code service} over {@code transport}. */
    public boolean isFor(String service, Transport transport) {
        return this.service.equals(service) && this.transport == transport;
    }
}
