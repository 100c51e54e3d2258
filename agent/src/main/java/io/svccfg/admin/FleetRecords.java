package io.svccfg.admin;

import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import io.svccfg.placement.Placement;
import io.svccfg.placement.Slot;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The records a fleet owns in DNS, and what a placement puts there: one SRV RRset per service, one A and one AAAA
 * RRset per server. Those are the only RRsets the administrator reads, compares and writes: anything else in the
 * zone (its SOA and NS, other names, the address records of a server no longer in the fleet file) is left alone.
 */
public final class FleetRecords {
    private FleetRecords() {
    }

    /** Every RRset the fleet owns, in DNS order. */
    public static List<RecordSet> owned(Fleet fleet) {
        List<RecordSet> sets = new ArrayList<>();
        for (Service service : fleet.services()) {
            sets.add(new RecordSet(name(fleet.ownerOf(service)), Type.SRV));
        }
        for (Server server : fleet.servers()) {
            Name target = name(fleet.targetOf(server));
            sets.add(new RecordSet(target, Type.A));
            sets.add(new RecordSet(target, Type.AAAA));
        }
        return sets.stream().distinct().sorted().toList();
    }

    /** What the placement puts in each owned RRset (an empty list: the RRset should not exist). */
    public static Map<RecordSet, List<Record>> of(Fleet fleet, Placement placement) {
        Map<RecordSet, List<Record>> wanted = new TreeMap<>();
        for (RecordSet set : owned(fleet)) {
            wanted.put(set, new ArrayList<>());
        }
        for (Slot slot : placement.slots()) {
            Name owner = name(fleet.ownerOf(slot.service()));
            wanted.get(new RecordSet(owner, Type.SRV)).add(new SRVRecord(owner, DClass.IN, fleet.ttl(),
                    slot.priority(), slot.weight(), slot.port(), name(fleet.targetOf(slot.server()))));
        }
        for (Server server : fleet.servers()) {
            Name target = name(fleet.targetOf(server));
            for (InetAddress address : server.addresses()) {
                boolean v4 = address instanceof Inet4Address;
                wanted.get(new RecordSet(target, v4 ? Type.A : Type.AAAA)).add(v4
                        ? new ARecord(target, DClass.IN, fleet.ttl(), address)
                        : new AAAARecord(target, DClass.IN, fleet.ttl(), address));
            }
        }
        return wanted;
    }

    static Name name(String absolute) {
        try {
            return Name.fromString(absolute);
        } catch (TextParseException e) {
            // The fleet file's reader checked the domain and every server and service name.
            throw new IllegalArgumentException("not a DNS name: " + absolute, e);
        }
    }
}
