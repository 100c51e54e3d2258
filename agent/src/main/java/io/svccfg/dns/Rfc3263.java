package io.svccfg.dns;

import io.svccfg.config.ListeningPoint;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Resolves a listening point the way RFC 3263 (section 4) tells a client to find a SIP server, giving tuples:
 * <ul>
 * <li>an IP literal: that address, on the URI's port or the scheme's default;</li>
 * <li>a port in the URI: the host's A/AAAA records on that port (no NAPTR, no SRV);</li>
 * <li>no port, no {@code transport=}: the host's NAPTR records whose service svccfg knows ({@code SIP+D2U},
 * {@code SIP+D2T}, {@code SIPS+D2T}; a sips URI takes {@code SIPS+D2T} only), by order then preference, each
 * replacement read as an SRV name; without them, the SRV records {@code _sips._tcp}, {@code _sip._tcp},
 * {@code _sip._udp} of the host; without any SRV record either, the host's A/AAAA records on the default port;</li>
 * <li>{@code transport=} without a port: the SRV records of that transport, then A/AAAA as above.</li>
 * </ul>
 * A NAPTR with a regexp (RFC 3263 uses the replacement only), without a replacement, or with a flag other than
 * {@code S} or none, a chain of non-terminal NAPTR replacements that loops or names more than
 * {@link Answers#MAX_CHAIN} owners, or more than {@link #MAX_NAPTRS} usable records make the read fail: the last good
 * tuples stay.
 */
final class Rfc3263 {
    /** The NAPTR services svccfg reads, and the service of their tuples. {@code +D2S} (SCTP) is not among them. */
    private static final Map<String, ServiceType> NAPTR_SERVICES = Map.of(
            "SIP+D2U", new ServiceType(ListeningPoint.SIP, Transport.UDP),
            "SIP+D2T", new ServiceType(ListeningPoint.SIP, Transport.TCP),
            "SIPS+D2T", new ServiceType(ListeningPoint.SIPS, Transport.TCP));
    /** The order in which SRV records are asked when there is no NAPTR (RFC 3263 section 4.1). */
    private static final List<ServiceType> SRV_ORDER = List.of(
            new ServiceType(ListeningPoint.SIPS, Transport.TCP),
            new ServiceType(ListeningPoint.SIP, Transport.TCP),
            new ServiceType(ListeningPoint.SIP, Transport.UDP));
    /**
     * The most NAPTR records of SIP services one listening point uses: each costs an SRV question, and a hostile zone
     * could list thousands. RFC 3263 needs three (one per transport); a zone that splits them further is still read.
     */
    static final int MAX_NAPTRS = 64;
    /** Host tuples of a literal address live as long as the URI: a day, like a zone without outside targets. */
    private static final long LITERAL_TTL = 86_400;

    private final TupleSource source;
    private final DnsServers servers;

    Rfc3263(TupleSource source, DnsServers servers) {
        this.source = source;
        this.servers = servers;
    }

    ListeningPointRead resolve(ListeningPoint point) throws DnsReadException {
        if (point.hostIsAddress()) {
            return literal(point);
        }
        Name host = TupleSource.name(point.host());
        if (point.port().isPresent()) {
            return onHost(point, host, point.port().getAsInt());
        }
        if (point.transport().isEmpty()) {
            List<Naptr> naptrs = new ArrayList<>();
            naptrs(point, host, new LinkedHashSet<>(), naptrs);
            if (!naptrs.isEmpty()) {
                return fromNaptrs(point, naptrs);
            }
        }
        List<TupleSource.SrvQuestion> questions = new ArrayList<>();
        for (ServiceType service : SRV_ORDER) {
            if (point.services().contains(service)) {
                questions.add(new TupleSource.SrvQuestion(TupleSource.name(service.srvName(point.host())), service,
                        point.host()));
            }
        }
        List<TupleSource.SrvSet> sets = source.srvSets(questions);
        if (sets.stream().noneMatch(TupleSource.SrvSet::hasRecords)) {
            return onHost(point, host, point.defaultPort());
        }
        List<ListeningPointRead.Step> steps = new ArrayList<>();
        for (TupleSource.SrvSet set : sets) {
            if (set.hasRecords()) {
                steps.add(new ListeningPointRead.Step("SRV " + TupleSource.text(set.question().owner()),
                        set.question().service(), set.tuples()));
            }
        }
        return new ListeningPointRead(point, steps);
    }

    /** One NAPTR record that svccfg uses, and the service of its tuples. */
    private record Naptr(NAPTRRecord record, ServiceType service) {
    }

    /**
     * Appends the usable NAPTR records of {@code name} to {@code found}, by order then preference, following a
     * non-terminal record (no flag) to the NAPTR records of its replacement in its place.
     */
    private void naptrs(ListeningPoint point, Name name, Set<Name> seen, List<Naptr> found) throws DnsReadException {
        if (!seen.add(name)) {
            throw new DnsReadException("the NAPTR replacements of " + point + " loop: " + chain(seen, name));
        }
        if (seen.size() > Answers.MAX_CHAIN) {
            throw new DnsReadException("the NAPTR replacements of " + point + " name more than " + Answers.MAX_CHAIN
                    + " owners of NAPTR records: " + chain(seen, null));
        }
        List<NAPTRRecord> records = new ArrayList<>();
        for (Record record : source.answered(name, Type.NAPTR, servers.ask(name, Type.NAPTR))) {
            records.add((NAPTRRecord) record);
        }
        records.sort(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference));
        for (NAPTRRecord record : records) {
            String flags = record.getFlags().toLowerCase(Locale.ROOT);
            if (flags.isEmpty()) {
                checkRegexp(record);
                checkReplacement(record);
                naptrs(point, record.getReplacement(), seen, found);
                continue;
            }
            ServiceType service = NAPTR_SERVICES.get(record.getService().toUpperCase(Locale.ROOT));
            if (service == null || !point.services().contains(service)) {
                continue;
            }
            checkRegexp(record);
            if (!flags.equals("s")) {
                throw new DnsReadException("NAPTR record " + text(record) + " has flags \"" + record.getFlags()
                        + "\"; expected \"S\" (the replacement is an SRV name) or none");
            }
            checkReplacement(record);
            if (found.size() == MAX_NAPTRS) {
                throw new DnsReadException(point + " has more than " + MAX_NAPTRS + " NAPTR records of SIP services;"
                        + " svccfg reads at most that many");
            }
            found.add(new Naptr(record, service));
        }
    }

    private static void checkRegexp(NAPTRRecord record) throws DnsReadException {
        if (!record.getRegexp().isEmpty()) {
            throw new DnsReadException("NAPTR record " + text(record) + " has a regexp; RFC 3263 uses the"
                    + " replacement only: expected \"\"");
        }
    }

    /** {@code sip.example.com. NAPTR 10 10 "s" "SIP+D2U" "" _sip._udp.example.com.}: one line, single spaces. */
    private static String text(NAPTRRecord record) {
        return record.getName() + " NAPTR " + record.rdataToString();
    }

    /** A replacement of {@code .} means "none" (RFC 3403): with no regexp either, the record names nothing. */
    private static void checkReplacement(NAPTRRecord record) throws DnsReadException {
        if (record.getReplacement().equals(Name.root)) {
            throw new DnsReadException("NAPTR record " + text(record) + " has no replacement (.); expected the SRV"
                    + " name to read");
        }
    }

    private static String chain(Set<Name> seen, Name again) {
        List<String> names = new ArrayList<>();
        seen.forEach(n -> names.add(TupleSource.text(n)));
        if (again != null) {
            names.add(TupleSource.text(again));
        }
        return String.join(" -> ", names);
    }

    /** Each NAPTR's replacement read as an SRV name, all at once; a step per NAPTR, in NAPTR order. */
    private ListeningPointRead fromNaptrs(ListeningPoint point, List<Naptr> naptrs) throws DnsReadException {
        List<TupleSource.SrvQuestion> questions = new ArrayList<>();
        for (Naptr naptr : naptrs) {
            Name owner = naptr.record().getReplacement();
            questions.add(new TupleSource.SrvQuestion(owner, naptr.service(), domainOf(owner)));
        }
        List<TupleSource.SrvSet> sets = source.srvSets(questions);
        List<ListeningPointRead.Step> steps = new ArrayList<>();
        for (int i = 0; i < naptrs.size(); i++) {
            steps.add(new ListeningPointRead.Step(text(naptrs.get(i).record()), naptrs.get(i).service(),
                    sets.get(i).tuples()));
        }
        return new ListeningPointRead(point, steps);
    }

    /**
     * The domain that tuples of the SRV name {@code owner} name: {@code example.com} for {@code _sip._udp.example.com}
     * as for a domain's own SRV records, the whole name for a replacement of another shape.
     */
    static String domainOf(Name owner) {
        if (owner.labels() > 3 && owner.getLabelString(0).startsWith("_") && owner.getLabelString(1).startsWith("_")) {
            return TupleSource.text(new Name(owner, 2));
        }
        return TupleSource.text(owner);
    }

    /** The host's addresses on {@code port}, one step per service the URI allows there. */
    private ListeningPointRead onHost(ListeningPoint point, Name host, int port) throws DnsReadException {
        List<ServiceType> services = hostServices(point);
        List<Tuple> tuples = source.hostTuples(host, port, services);
        List<ListeningPointRead.Step> steps = new ArrayList<>();
        for (ServiceType service : services) {
            steps.add(new ListeningPointRead.Step("A/AAAA " + point.host() + " port " + port, service,
                    tuples.stream().filter(t -> t.isFor(service.service(), service.transport())).toList()));
        }
        return new ListeningPointRead(point, steps);
    }

    private static ListeningPointRead literal(ListeningPoint point) {
        int port = point.port().orElse(point.defaultPort());
        List<ListeningPointRead.Step> steps = new ArrayList<>();
        for (ServiceType service : hostServices(point)) {
            steps.add(new ListeningPointRead.Step("the URI's address", service, List.of(new Tuple(service.service(),
                    service.transport(), point.address(), port, 0, 0, point.host(), point.host(), LITERAL_TTL))));
        }
        return new ListeningPointRead(point, steps);
    }

    /**
     * The services served on the host's own addresses: those of the URI's transport, or of the transports its scheme
     * allows, UDP first as RFC 3263 tells a client (sip: UDP and TCP; sips: TCP).
     */
    private static List<ServiceType> hostServices(ListeningPoint point) {
        String scheme = point.scheme();
        return point.services().stream().filter(s -> s.service().equals(scheme)).toList();
    }
}
