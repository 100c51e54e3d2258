package io.svccfg.dns;

import io.svccfg.config.HostPort;
import io.svccfg.config.ListeningPoint;
import io.svccfg.config.TsigKey;
import io.svccfg.log.Logs;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads tuples from DNS: for each domain and service, the SRV records of {@code _service._transport.domain}, then
 * the addresses of each target. A target of {@code .} means "no such service here" and gives no tuple.
 *
 * <p>Where a target's addresses come from: when the SRV answer carries A or AAAA records of the target in its
 * additional section, those are its addresses and it is not asked (BIND and the demo's server send them for targets
 * inside their zone, so a read of such a zone costs one question per service and domain, not three); otherwise
 * (a target outside the zone, or addresses cut from an answer too big) its A and AAAA records are asked. A server
 * sends a target's A and AAAA records together when it sends any, so a target that came with A records alone is
 * taken to have no AAAA. A carried record that no listener could be assigned (not unicast) is not used: the target
 * is then asked, and that answer is checked like any other.
 */
public final class TupleSource {
    /** How long one server may take to answer one question before the next server is asked. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = Logs.of(TupleSource.class);

    /** The most distinct SRV targets one read follows: a bound on the questions a hostile zone can cause. */
    static final int MAX_TARGETS = 10_000;

    private final DnsServers servers;

    public TupleSource(List<HostPort> servers, Optional<TsigKey> tsig, Duration timeout) {
        this.servers = new DnsServers(servers, tsig, timeout);
    }

    /**
     * Every tuple of {@code services} in every domain and from every listening point, and the serial of each domain
     * and listening point's host; fails as a whole. All SRV questions of the domains are sent at once, then the
     * address questions of the targets whose addresses the SRV answers did not carry. A listening point is resolved
     * (RFC 3263, whole) when one of its services is asked, and gives the tuples of those services. With no service,
     * only the serials are asked.
     */
    public DnsRead read(Collection<String> domains, Collection<ListeningPoint> points,
            Collection<ServiceType> services) throws DnsReadException {
        // The serials are answered before any record is asked, so that a read's serial is never newer than its
        // records: a change between them shows at the next poll as a newer serial. Asked together, a server may
        // answer the SOA after the change and the records before it, and the SOA gate would keep that stale read for
        // good. One round trip more per read.
        Map<String, Long> serials = serials(ListeningPoint.names(domains, points));
        List<Tuple> tuples = collect(domains, services);
        List<ListeningPointRead> resolved = new ArrayList<>();
        for (ListeningPoint point : points) {
            if (point.services().stream().anyMatch(services::contains)) {
                ListeningPointRead read = resolve(point);
                resolved.add(read);
                read.tuples().stream().filter(t -> services.contains(new ServiceType(t.service(), t.transport())))
                        .forEach(tuples::add);
            }
        }
        return new DnsRead(tuples, serials, Set.copyOf(services), resolved);
    }

    /** The tuples of a SIP URI, found as RFC 3263 tells a client, in the order it gives. */
    public ListeningPointRead resolve(ListeningPoint point) throws DnsReadException {
        return new Rfc3263(this, servers).resolve(point);
    }

    /**
     * The SOA serial of each domain's zone (absent for a domain that does not exist): one question per domain, what
     * a poll asks first to learn whether anything changed.
     */
    public Map<String, Long> serials(Collection<String> domains) throws DnsReadException {
        return awaitSerials(askSerials(domains));
    }

    /**
     * Makes a resolver and encodes one question without sending it: dnsjava's class initialisation (its type
     * tables, 62 method references; the random source of query ids) then happens wherever this runs, ahead of the
     * first read rather than in it.
     */
    public static void warmUp() {
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        Message.newQuery(Record.newRecord(Name.root, Type.SOA, DClass.IN)).toWire();
    }

    /** How many questions this source has sent, to every server, since it was made. */
    public long questions() {
        return servers.questions();
    }

    private Map<String, CompletableFuture<Message>> askSerials(Collection<String> domains) throws DnsReadException {
        Map<String, CompletableFuture<Message>> soa = new LinkedHashMap<>();
        for (String domain : domains) {
            soa.put(domain, servers.askAsync(name(domain), Type.SOA));
        }
        return soa;
    }

    private static Map<String, Long> awaitSerials(Map<String, CompletableFuture<Message>> soa)
            throws DnsReadException {
        Map<String, Long> serials = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Message>> e : soa.entrySet()) {
            serial(DnsServers.await(e.getValue())).ifPresent(serial -> serials.put(e.getKey(), serial));
        }
        return serials;
    }

    /** The tuples of one service in one domain, in the order of the DNS answer; empty for NXDOMAIN and NODATA. */
    public List<Tuple> tuples(String domain, ServiceType service) throws DnsReadException {
        return collect(List.of(domain), List.of(service));
    }

    /** One SRV question: its owner, the service its records give tuples of, and the domain those tuples name. */
    record SrvQuestion(Name owner, ServiceType service, String domain) {
    }

    /** The tuples of one SRV question in the order of the answer, and whether it had any SRV record at all. */
    record SrvSet(SrvQuestion question, List<Tuple> tuples, boolean hasRecords) {
    }

    private List<Tuple> collect(Collection<String> domains, Collection<ServiceType> services)
            throws DnsReadException {
        List<SrvQuestion> questions = new ArrayList<>();
        for (String domain : domains) {
            for (ServiceType service : services) {
                questions.add(new SrvQuestion(name(service.srvName(domain)), service, domain));
            }
        }
        List<Tuple> tuples = new ArrayList<>();
        srvSets(questions).forEach(set -> tuples.addAll(set.tuples()));
        return tuples;
    }

    /**
     * The tuples of each SRV question, one set per question in their order (a question given twice is answered
     * twice), all asked at once: first the SRV questions, then the address questions of the targets whose addresses
     * the SRV answers did not carry. A record whose target is {@code .} ("no such service here") gives no tuple but
     * counts as a record.
     */
    List<SrvSet> srvSets(List<SrvQuestion> questions) throws DnsReadException {
        List<CompletableFuture<Message>> srvAnswers = new ArrayList<>();
        for (SrvQuestion question : questions) {
            srvAnswers.add(servers.askAsync(question.owner(), Type.SRV));
        }
        List<List<SRVRecord>> srvRecords = new ArrayList<>();
        List<Boolean> hasRecords = new ArrayList<>();
        // Each target once: its addresses as the SRV answer carried them, or the questions asked for them.
        Map<Name, List<AddressRecord>> addressesOf = new LinkedHashMap<>();
        Map<Name, List<CompletableFuture<Message>>> addressAnswers = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            List<SRVRecord> records = new ArrayList<>();
            Message answer = DnsServers.await(srvAnswers.get(i));
            List<Record> answered = answered(questions.get(i).owner(), Type.SRV, answer);
            hasRecords.add(!answered.isEmpty());
            for (Record record : answered) {
                SRVRecord srv = (SRVRecord) record;
                Name target = srv.getTarget();
                if (target.equals(Name.root)) {
                    continue;
                }
                records.add(srv);
                if (addressesOf.containsKey(target) || addressAnswers.containsKey(target)) {
                    continue;
                }
                if (addressesOf.size() + addressAnswers.size() == MAX_TARGETS) {
                    throw new DnsReadException("the SRV records name more than " + MAX_TARGETS
                            + " targets; svccfg reads at most that many");
                }
                List<AddressRecord> carried = carried(answer, target);
                if (carried.isEmpty()) {
                    addressAnswers.put(target, askAddresses(target));
                } else {
                    addressesOf.put(target, carried);
                }
            }
            srvRecords.add(records);
        }
        List<SrvSet> sets = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            SrvQuestion question = questions.get(i);
            List<Tuple> tuples = new ArrayList<>();
            for (SRVRecord srv : srvRecords.get(i)) {
                List<AddressRecord> addresses = addressesOf.get(srv.getTarget());
                if (addresses == null) {
                    addresses = addresses(srv.getTarget(), addressAnswers.get(srv.getTarget()));
                    addressesOf.put(srv.getTarget(), addresses);
                }
                if (addresses.isEmpty()) {
                    log.debug("SRV {} points at {}, which has no address: no tuple", question.owner(),
                            srv.getTarget());
                }
                for (AddressRecord address : addresses) {
                    tuples.add(new Tuple(question.service().service(), question.service().transport(),
                            address.address(), srv.getPort(), srv.getPriority(), srv.getWeight(),
                            text(srv.getTarget()), question.domain(), Math.min(srv.getTTL(), address.ttl())));
                }
            }
            sets.add(new SrvSet(question, tuples, hasRecords.get(i)));
        }
        return sets;
    }

    /**
     * The tuples of {@code services} on {@code port} at every address of {@code host}: how a SIP URI without SRV
     * records is served (RFC 3263 section 4.2). Priority and weight are 0; the domain is the host.
     */
    List<Tuple> hostTuples(Name host, int port, List<ServiceType> services) throws DnsReadException {
        List<AddressRecord> addresses = addresses(host, askAddresses(host));
        List<Tuple> tuples = new ArrayList<>();
        for (ServiceType service : services) {
            for (AddressRecord address : addresses) {
                tuples.add(new Tuple(service.service(), service.transport(), address.address(), port, 0, 0,
                        text(host), text(host), address.ttl()));
            }
        }
        return tuples;
    }

    private List<CompletableFuture<Message>> askAddresses(Name target) {
        return List.of(servers.askAsync(target, Type.A), servers.askAsync(target, Type.AAAA));
    }

    /**
     * The records of {@code type} that answer {@code name}: those at the end of its CNAME chain, asking again for
     * the end of the chain when the answer did not carry its records, at most {@link Answers#MAX_CHAIN} times.
     */
    List<Record> answered(Name name, int type, Message answer) throws DnsReadException {
        Answers.Followed followed = Answers.follow(answer, name, type);
        for (int asked = 1; followed.records().isEmpty() && !followed.end().equals(name); asked++) {
            if (asked > Answers.MAX_CHAIN) {
                throw new DnsReadException("cannot read " + name + " " + Type.string(type) + ": a CNAME chain longer"
                        + " than " + Answers.MAX_CHAIN);
            }
            name = followed.end();
            followed = Answers.follow(servers.ask(name, type), name, type);
        }
        return followed.records();
    }

    /** The SOA serial of the zone that holds {@code domain}; empty when the domain does not exist. */
    public OptionalLong serial(String domain) throws DnsReadException {
        return serial(servers.ask(name(domain), Type.SOA));
    }

    private static OptionalLong serial(Message answer) {
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

    /** One address of a target, as a bare IP (no name attached), with its record's TTL. */
    private record AddressRecord(InetAddress address, long ttl) {
        static AddressRecord of(Record record) {
            return new AddressRecord(bare(Answers.address(record)), record.getTTL());
        }
    }

    /** The addresses of {@code target} that {@code answer} carries in its additional section; empty if none. */
    private static List<AddressRecord> carried(Message answer, Name target) {
        return Answers.carriedAddresses(answer, target).stream().map(AddressRecord::of).toList();
    }

    /** The addresses in the A and AAAA answers of one target. */
    private List<AddressRecord> addresses(Name target, List<CompletableFuture<Message>> answers)
            throws DnsReadException {
        List<AddressRecord> addresses = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            int type = i == 0 ? Type.A : Type.AAAA;
            for (Record record : answered(target, type, DnsServers.await(answers.get(i)))) {
                addresses.add(AddressRecord.of(record));
            }
        }
        return addresses;
    }

    private static InetAddress bare(InetAddress address) {
        byte[] ip = address.getAddress();
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Name name(String text) throws DnsReadException {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new DnsReadException("'" + text + "' is not a DNS name: " + e.getMessage());
        }
    }

    static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }
}
