package io.svccfg.demo.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The zone, prerequisite and update sections of one RFC 2136 UPDATE, judged and applied to a copy of one zone
 * version. Authentication is the caller's job. Nothing here changes the zone it is given: the result holds the next
 * version, or nothing when the update failed or changed nothing.
 */
final class UpdateProcessor {
    /** The outcome: the RCODE to answer, the next zone version when something changed, and counts or why not. */
    record Result(int rcode, Optional<DnsZone> next, int added, int removed, String why) {
        static Result refuse(int rcode, String why) {
            return new Result(rcode, Optional.empty(), 0, 0, why);
        }
    }

    /** Thrown inside a check to end the update with an RCODE. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int rcode;

        Failure(int rcode, String why) {
            super(why, null, false, false);
            this.rcode = rcode;
        }
    }

    private UpdateProcessor() {
    }

    static Result process(DnsZone zone, Message request) {
        try {
            checkZoneSection(zone, request);
            ZoneEdit edit = new ZoneEdit(zone.records());
            checkPrerequisites(zone.origin(), edit, request.getSection(Section.PREREQ));
            List<Record> updates = request.getSection(Section.UPDATE);
            prescan(zone.origin(), updates);
            for (Record r : updates) {
                apply(zone.origin(), edit, r);
            }
            if (!edit.changed()) {
                return new Result(Rcode.NOERROR, Optional.empty(), 0, 0, "no change");
            }
            // Counted before the serial bump, which is bookkeeping, not a change the client asked for.
            int added = edit.added();
            int removed = edit.removed();
            bumpSerial(zone.soa(), edit);
            DnsZone next = DnsZone.of(zone.origin(), edit.records());
            return new Result(Rcode.NOERROR, Optional.of(next), added, removed, "applied");
        } catch (Failure f) {
            return Result.refuse(f.rcode, f.getMessage());
        } catch (IllegalArgumentException e) {
            // The copy broke a zone rule that the checks above should have kept: fail whole, change nothing.
            return Result.refuse(Rcode.SERVFAIL, "the result would not be a valid zone: " + e.getMessage());
        }
    }

    /** RFC 2136 3.1: exactly one zone record, of type SOA, naming the zone this server is authoritative for. */
    private static void checkZoneSection(DnsZone zone, Message request) throws Failure {
        List<Record> zones = request.getSection(Section.ZONE);
        if (zones.size() != 1) {
            throw new Failure(Rcode.FORMERR, "the zone section holds " + zones.size() + " records, not 1");
        }
        Record z = zones.get(0);
        if (z.getType() != Type.SOA) {
            throw new Failure(Rcode.FORMERR, "the zone section has type " + Type.string(z.getType()) + ", not SOA");
        }
        if (z.getDClass() != DClass.IN || !z.getName().equals(zone.origin())) {
            throw new Failure(Rcode.NOTAUTH, "zone " + z.getName() + " " + DClass.string(z.getDClass())
                    + " is not served here, only " + zone.origin() + " IN");
        }
    }

    /** RFC 2136 3.2, checked against the zone before any change. */
    private static void checkPrerequisites(Name origin, ZoneEdit zone, List<Record> prerequisites) throws Failure {
        Map<String, List<Record>> valueDependent = new LinkedHashMap<>();
        for (Record r : prerequisites) {
            if (r.getTTL() != 0) {
                throw new Failure(Rcode.FORMERR, "prerequisite " + r + " has TTL " + r.getTTL() + ", not 0");
            }
            if (!r.getName().subdomain(origin)) {
                throw new Failure(Rcode.NOTZONE, "prerequisite name " + r.getName() + " is outside zone " + origin);
            }
            if (r.getDClass() == DClass.ANY || r.getDClass() == DClass.NONE) {
                if (r.rdataToWireCanonical().length != 0) {
                    throw new Failure(Rcode.FORMERR, "prerequisite " + r + " of class "
                            + DClass.string(r.getDClass()) + " has data");
                }
                boolean exists = r.getType() == Type.ANY ? zone.inUse(r.getName())
                        : !zone.rrset(r.getName(), r.getType()).isEmpty();
                boolean wanted = r.getDClass() == DClass.ANY;
                if (exists != wanted) {
                    throw new Failure(prerequisiteRcode(r.getType(), wanted), "prerequisite failed: "
                            + describe(r.getName(), r.getType()) + (wanted ? " does not exist" : " exists"));
                }
            } else if (r.getDClass() == DClass.IN) {
                valueDependent.computeIfAbsent(r.getName() + "/" + r.getType(), k -> new ArrayList<>()).add(r);
            } else {
                throw new Failure(Rcode.FORMERR, "prerequisite " + r + " has class " + DClass.string(r.getDClass()));
            }
        }
        for (List<Record> wanted : valueDependent.values()) {
            Record first = wanted.get(0);
            if (!sameSet(wanted, zone.rrset(first.getName(), first.getType()))) {
                throw new Failure(Rcode.NXRRSET, "prerequisite failed: " + describe(first.getName(), first.getType())
                        + " does not hold exactly the records given");
            }
        }
    }

    private static int prerequisiteRcode(int type, boolean wanted) {
        if (type == Type.ANY) {
            return wanted ? Rcode.NXDOMAIN : Rcode.YXDOMAIN;
        }
        return wanted ? Rcode.NXRRSET : Rcode.YXRRSET;
    }

    private static String describe(Name name, int type) {
        return type == Type.ANY ? "name " + name : "RRset " + name + " " + Type.string(type);
    }

    /** Equal as sets of RDATA (RFC 2136 3.2.3); duplicates in the prerequisite count once. */
    private static boolean sameSet(List<Record> wanted, List<Record> have) {
        Set<String> a = new HashSet<>();
        Set<String> b = new HashSet<>();
        wanted.forEach(r -> a.add(key(r)));
        have.forEach(r -> b.add(key(r)));
        return a.equals(b);
    }

    private static String key(Record r) {
        return HexFormat.of().formatHex(r.rdataToWireCanonical());
    }

    /** RFC 2136 3.4.1: every update record is checked before any is applied, so a bad one changes nothing. */
    private static void prescan(Name origin, List<Record> updates) throws Failure {
        for (Record r : updates) {
            if (!r.getName().subdomain(origin)) {
                throw new Failure(Rcode.NOTZONE, "update name " + r.getName() + " is outside zone " + origin);
            }
            int type = r.getType();
            boolean empty = r.rdataToWireCanonical().length == 0;
            if (r.getDClass() == DClass.IN) {
                if (!Type.isRR(type) || empty) {
                    throw new Failure(Rcode.FORMERR, "cannot add " + r + (empty ? ": it has no data" : ""));
                }
            } else if (r.getDClass() == DClass.ANY) {
                if (r.getTTL() != 0 || !empty || type == Type.AXFR || type == Type.MAILA || type == Type.MAILB
                        || (type != Type.ANY && !Type.isRR(type))) {
                    throw new Failure(Rcode.FORMERR, "bad RRset delete " + r);
                }
            } else if (r.getDClass() == DClass.NONE) {
                if (r.getTTL() != 0 || !Type.isRR(type)) {
                    throw new Failure(Rcode.FORMERR, "bad record delete " + r);
                }
            } else {
                throw new Failure(Rcode.FORMERR, "update " + r + " has class " + DClass.string(r.getDClass()));
            }
        }
    }

    /** RFC 2136 3.4.2, one update record; the rules that protect the SOA and the apex NS say "ignore", not "fail". */
    private static void apply(Name origin, ZoneEdit zone, Record r) {
        Name name = r.getName();
        int type = r.getType();
        boolean apex = name.equals(origin);
        if (r.getDClass() == DClass.IN) {
            if (type == Type.SOA) {
                if (apex && Serials.greater(((SOARecord) r).getSerial(), zone.soa(origin).getSerial())) {
                    zone.replace(r);
                }
            } else if (type == Type.CNAME) {
                if (!zone.hasTypeOtherThan(name, Type.CNAME)) {
                    zone.replace(r);
                }
            } else if (zone.rrset(name, Type.CNAME).isEmpty()) {
                zone.add(r);
            }
        } else if (r.getDClass() == DClass.ANY) {
            if (type == Type.ANY) {
                for (int t : zone.types(name)) {
                    if (!apex || (t != Type.SOA && t != Type.NS)) {
                        zone.removeRRset(name, t);
                    }
                }
            } else if (!apex || (type != Type.SOA && type != Type.NS)) {
                zone.removeRRset(name, type);
            }
        } else {
            boolean lastApexNs = apex && type == Type.NS && zone.rrset(name, Type.NS).size() == 1
                    && ZoneEdit.sameData(zone.rrset(name, Type.NS).get(0), r);
            if (type != Type.SOA && !lastApexNs) {
                zone.remove(r);
            }
        }
    }

    /**
     * One more than the serial before the update (RFC 1982), unless the update itself put in a greater one: a
     * secondary that sees the same serial would not transfer the change.
     */
    private static void bumpSerial(SOARecord before, ZoneEdit zone) {
        SOARecord now = zone.soa(before.getName());
        if (Serials.greater(now.getSerial(), before.getSerial())) {
            return;
        }
        zone.replace(new SOARecord(now.getName(), now.getDClass(), now.getTTL(), now.getHost(), now.getAdmin(),
                Serials.next(before.getSerial()), now.getRefresh(), now.getRetry(), now.getExpire(),
                now.getMinimum()));
    }
}
