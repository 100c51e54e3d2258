package io.svccfg.dns;

import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One complete read of the DNS: every tuple of the services asked for, the SOA serial of each domain's zone (absent
 * for a domain that does not exist), and the services it {@code covered}, the ones it asked for. A read says nothing
 * of a service it did not cover: no tuple of it is not "no tuple for it". The listening points it resolved are
 * kept whole ({@code listeningPoints}), with where each tuple came from, for {@code status}.
 */
public record DnsRead(List<Tuple> tuples, Map<String, Long> serials, Set<ServiceType> covered,
        List<ListeningPointRead> listeningPoints) {
    public DnsRead {
        tuples = List.copyOf(tuples);
        serials = Map.copyOf(serials);
        covered = Set.copyOf(covered);
        listeningPoints = List.copyOf(listeningPoints);
    }

    public boolean covers(ServiceType service) {
        return covered.contains(service);
    }

    public boolean coversAll(Collection<ServiceType> services) {
        return covered.containsAll(services);
    }
}
