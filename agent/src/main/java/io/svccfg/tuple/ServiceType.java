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

    @Override
    public String toString() {
        return service + "/" + transport.label();
    }
}
