package io.svccfg.dns;

import io.svccfg.config.HostPort;
import io.svccfg.config.TsigKey;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads tuples from DNS: for each domain and service, the SRV records of {@code _service._transport.domain}, then
 * the A and AAAA records of each target. A target of {@code .} means "no such service here" and gives no tuple.
 */
public final class TupleSource {
    /** How long one server may take to answer one question before the next server is asked. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(TupleSource.class);

    private final DnsServers servers;

    public TupleSource(List<HostPort> servers, Optional<TsigKey> tsig, Duration timeout) {
        this.servers = new DnsServers(servers, tsig, timeout);
    }

    /** Every tuple of every service in every domain, and each domain's serial; fails as a whole. */
    public DnsRead read(Collection<String> domains, Collection<ServiceType> services) throws DnsReadException {
        List<Tuple> tuples = new ArrayList<>();
        Map<String, Long> serials = new LinkedHashMap<>();
        for (String domain : domains) {
            serial(domain).ifPresent(serial -> serials.put(domain, serial));
            for (ServiceType service : services) {
                tuples.addAll(tuples(domain, service));
            }
        }
        return new DnsRead(tuples, serials);
    }

    /** The tuples of one service in one domain, in the order of the DNS answer; empty for NXDOMAIN and NODATA. */
    public List<Tuple> tuples(String domain, ServiceType service) throws DnsReadException {
        Message answer = servers.ask(name(service.srvName(domain)), Type.SRV);
        Map<Name, List<AddressRecord>> addressesOf = new LinkedHashMap<>();
        List<Tuple> tuples = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (!(record instanceof SRVRecord srv) || srv.getTarget().equals(Name.root)) {
                continue;
            }
            List<AddressRecord> addresses = addressesOf.get(srv.getTarget());
            if (addresses == null) {
                addresses = addresses(srv.getTarget());
                addressesOf.put(srv.getTarget(), addresses);
            }
            if (addresses.isEmpty()) {
                log.debug("SRV {} {} points at {}, which has no address: no tuple", service, domain,
                        srv.getTarget());
            }
            for (AddressRecord address : addresses) {
                tuples.add(new Tuple(service.service(), service.transport(), address.address(), srv.getPort(),
                        srv.getPriority(), srv.getWeight(), text(srv.getTarget()), domain,
                        Math.min(srv.getTTL(), address.ttl())));
            }
        }
        return tuples;
    }

    /** The SOA serial of the zone that holds {@code domain}; empty when the domain does not exist. */
    public OptionalLong serial(String domain) throws DnsReadException {
        Message answer = servers.ask(name(domain), Type.SOA);
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record record : answer.getSection(section)) {
                if (record instanceof SOARecord soa) {
                    return OptionalLong.of(soa.getSerial());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The servers asked, in order, as {@code address:port}. */
    public List<String> servers() {
        return servers.describe();
    }

    private record AddressRecord(InetAddress address, long ttl) {
    }

    private List<AddressRecord> addresses(Name target) throws DnsReadException {
        List<AddressRecord> addresses = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            for (Record record : servers.ask(target, type).getSection(Section.ANSWER)) {
                if (record instanceof ARecord a) {
                    addresses.add(new AddressRecord(a.getAddress(), a.getTTL()));
                } else if (record instanceof AAAARecord aaaa) {
                    addresses.add(new AddressRecord(aaaa.getAddress(), aaaa.getTTL()));
                }
            }
        }
        return addresses;
    }

    private static Name name(String text) throws DnsReadException {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new DnsReadException("'" + text + "' is not a DNS name: " + e.getMessage());
        }
    }

    private static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }
}
