package io.svccfg.demo.dns;

import java.util.LinkedHashSet;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;

/** Answers one QUERY from one zone version, as an authoritative server does (RFC 1034 4.3.2, RFC 2308). */
final class QueryAnswerer {
    /** A CNAME chain inside the zone is followed this far, so that a loop ends. */
    private static final int MAX_CNAMES = 8;

    private QueryAnswerer() {
    }

    /** Fills {@code response} (header and question already set from the request) and returns why, for logs. */
    static String answer(Record question, DnsZone zone, Message response) {
        Name name = question.getName();
        int type = question.getType();
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return "class " + DClass.string(question.getDClass()) + " is not served";
        }
        if (!name.subdomain(zone.origin())) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return name + " is outside zone " + zone.origin();
        }
        if (type == Type.AXFR || type == Type.IXFR) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return "zone transfers are not offered";
        }
        response.getHeader().setFlag(Flags.AA);
        Name current = name;
        for (int hop = 0; hop <= MAX_CNAMES; hop++) {
            SetResponse found = zone.find(current, type);
            if (found.isSuccessful()) {
                for (RRset set : found.answers()) {
                    add(response, set, Section.ANSWER);
                }
                addTargets(response, zone);
                return "answer";
            }
            if (found.isCNAME()) {
                CNAMERecord cname = found.getCNAME();
                response.addRecord(cname, Section.ANSWER);
                current = cname.getTarget();
                if (!current.subdomain(zone.origin())) {
                    return "CNAME out of the zone";
                }
                continue;
            }
            if (found.isDNAME()) {
                response.addRecord(found.getDNAME(), Section.ANSWER);
                return "DNAME";
            }
            if (found.isDelegation()) {
                // A referral: the child zone's servers answer, so this one is not authoritative for the name.
                if (hop == 0) {
                    response.getHeader().unsetFlag(Flags.AA);
                }
                add(response, found.getNS(), Section.AUTHORITY);
                addTargets(response, zone);
                return "referral";
            }
            if (found.isNXDOMAIN()) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            response.addRecord(negativeSoa(zone.soa()), Section.AUTHORITY);
            return found.isNXDOMAIN() ? "NXDOMAIN" : "NODATA";
        }
        return "CNAME chain too long";
    }

    /**
     * The SOA in a negative answer, with the TTL a resolver may cache the "no": the smaller of the SOA's TTL and its
     * MINIMUM field (RFC 2308 section 3).
     */
    private static SOARecord negativeSoa(SOARecord soa) {
        long ttl = Math.min(soa.getTTL(), soa.getMinimum());
        return new SOARecord(soa.getName(), soa.getDClass(), ttl, soa.getHost(), soa.getAdmin(), soa.getSerial(),
                soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    }

    private static void add(Message response, RRset set, int section) {
        for (Record r : set.rrs()) {
            response.addRecord(r, section);
        }
    }

    /**
     * The addresses of SRV, NS and MX targets the zone holds, in the additional section: a client reading SRV tuples
     * then needs no second question. Dropped first when a UDP answer must be cut.
     */
    private static void addTargets(Message response, DnsZone zone) {
        Set<Name> targets = new LinkedHashSet<>();
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record r : response.getSection(section)) {
                if (r.getType() == Type.SRV || r.getType() == Type.NS || r.getType() == Type.MX) {
                    Name target = r.getAdditionalName();
                    if (target != null && target.subdomain(zone.origin())) {
                        targets.add(target);
                    }
                }
            }
        }
        for (Name target : targets) {
            for (int type : new int[] {Type.A, Type.AAAA}) {
                RRset set = zone.exact(target, type);
                if (set != null) {
                    add(response, set, Section.ADDITIONAL);
                }
            }
        }
    }
}
