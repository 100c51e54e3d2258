package io.svccfg.tuple;

/** A service over a transport, as named by an SRV owner: {@code _service._transport.domain}. */
public record ServiceType(String service, Transport transport) implements Comparable<ServiceType> {

    /** {@code _http._tcp.example.com}. */
    public String srvName(String domain) {
        return "_" + service + "._" + transport.label() + "." + domain;
    }

    @Override
    public int compareTo(ServiceType o) {
        int c = service.compareTo(o.service);
        return c != 0 ? c : transport.compareTo(o.transport);
    }

    // equals and hashCode written out, as the record's would be: the generated ones bootstrap method handles at their
    // first call (several milliseconds each, cold), and these run on the way to the application's first bind.
    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceType s && service.equals(s.service) && transport == s.transport;
    }

    @Override
    public int hashCode() {
        return 31 * service.hashCode() + transport.hashCode();
    }

    @Override
    public String toString() {
        return service + "/" + transport.label();
    }
}
