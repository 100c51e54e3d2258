package io.svccfg.dns;

import io.svccfg.tuple.Tuple;
import java.util.List;
import java.util.Map;

/**
 * One complete read of the DNS: every tuple of the services asked for, and the SOA serial of each domain's zone
 * (absent for a domain that does not exist).
 */
public record DnsRead(List<Tuple> tuples, Map<String, Long> serials) {
    public DnsRead {
        tuples = List.copyOf(tuples);
        serials = Map.copyOf(serials);
    }
}
