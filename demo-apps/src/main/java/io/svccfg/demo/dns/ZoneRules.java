package io.svccfg.demo.dns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * What a zone must satisfy before it is served: checked here rather than left to dnsjava's {@code Zone}, which
 * silently drops records outside the origin and reports a missing SOA without saying what would be right.
 */
final class ZoneRules {
    /** A rule broken: what is wrong and what is expected instead. */
    record Violation(String problem, String expected) {
    }

    private ZoneRules() {
    }

    static Optional<Violation> check(Name origin, List<Record> records) {
        int soas = 0;
        boolean apexNs = false;
        Map<Name, Boolean> hasCname = new HashMap<>();
        Map<Name, Boolean> hasOther = new HashMap<>();
        for (Record r : records) {
            if (!r.getName().subdomain(origin)) {
                return Optional.of(new Violation("record '" + r + "' is outside zone " + origin,
                        "every owner name to be " + origin + " or end in ." + origin));
            }
            if (r.getDClass() != DClass.IN) {
                return Optional.of(new Violation("record '" + r + "' has class " + DClass.string(r.getDClass()),
                        "class IN"));
            }
            if (r.getType() == Type.SOA) {
                if (!r.getName().equals(origin)) {
                    return Optional.of(new Violation("SOA owner " + r.getName() + " is not the zone origin " + origin,
                            "the SOA at the origin (or --origin " + r.getName() + ")"));
                }
                soas++;
            }
            if (r.getType() == Type.NS && r.getName().equals(origin)) {
                apexNs = true;
            }
            (r.getType() == Type.CNAME ? hasCname : hasOther).put(r.getName(), true);
        }
        if (soas == 0) {
            return Optional.of(new Violation("no SOA record for " + origin,
                    "one SOA at the origin, like '@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 60'"));
        }
        if (soas > 1) {
            return Optional.of(new Violation(soas + " SOA records", "exactly one SOA at the origin"));
        }
        if (!apexNs) {
            return Optional.of(new Violation("no NS record at the origin " + origin,
                    "at least one NS at the origin, like '@ 3600 IN NS ns1'"));
        }
        for (Name name : hasCname.keySet()) {
            if (hasOther.containsKey(name)) {
                return Optional.of(new Violation("a CNAME and other records at " + name,
                        "a CNAME alone at its name (RFC 1034 3.6.2)"));
            }
        }
        return Optional.empty();
    }
}
