package io.svccfg.jmx;

import io.svccfg.tuple.AddressText;
import io.svccfg.tuple.Tuple;
import javax.management.ConstructorParameters;

/** One tuple, as JMX shows it (the keys of {@code resolve --json}). */
public final class TupleInfo {
    private final String service;
    private final String transport;
    private final String address;
    private final int port;
    private final int priority;
    private final int weight;
    private final String target;
    private final String domain;
    private final long ttl;

    @ConstructorParameters({"service", "transport", "address", "port", "priority", "weight", "target", "domain", "ttl"})
    public TupleInfo(String service, String transport, String address, int port, int priority, int weight,
            String target, String domain, long ttl) {
        this.service = service;
        this.transport = transport;
        this.address = address;
        this.port = port;
        this.priority = priority;
        this.weight = weight;
        this.target = target;
        this.domain = domain;
        this.ttl = ttl;
    }

    static TupleInfo of(Tuple t) {
        return new TupleInfo(t.service(), t.transport().label(), AddressText.of(t.address()), t.port(), t.priority(),
                t.weight(), t.target(), t.domain(), t.ttl());
    }

    public String getService() {
        return service;
    }

    public String getTransport() {
        return transport;
    }

    public String getAddress() {
        return address;
    }

    public int getPort() {
        return port;
    }

    public int getPriority() {
        return priority;
    }

    public int getWeight() {
        return weight;
    }

    public String getTarget() {
        return target;
    }

    public String getDomain() {
        return domain;
    }

    public long getTtl() {
        return ttl;
    }
}
