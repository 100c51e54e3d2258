package io.svccfg.admin;

import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Service;
import io.svccfg.placement.Held;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * The fleet's RRsets as one DNS server held them when read, with the zone's serial then.
 *
 * @param server the DNS server that answered, as text
 * @param rrsets every RRset the fleet owns, empty when it does not exist
 */
public record ZoneState(String server, long serial, Map<RecordSet, List<Record>> rrsets) {
    public ZoneState {
        rrsets = Map.copyOf(rrsets);
    }

    /**
     * The SRV records of the fleet's services whose target is a name of the fleet's domain, as the planner sees
     * them: what it keeps where it can. A target elsewhere is no server of this fleet; the plan deletes its record.
     */
    public List<Held> held(Fleet fleet) {
        List<Held> held = new ArrayList<>();
        Name domain = FleetRecords.name(fleet.domain() + ".");
        for (Service service : fleet.services()) {
            RecordSet set = new RecordSet(FleetRecords.name(fleet.ownerOf(service)), Type.SRV);
            for (Record record : rrsets.getOrDefault(set, List.of())) {
                SRVRecord srv = (SRVRecord) record;
                Name target = srv.getTarget();
                if (target.labels() == domain.labels() + 1 && target.subdomain(domain)) {
                    held.add(new Held(service.name(), service.transport(), target.getLabelString(0),
                            srv.getPriority(), srv.getWeight(), srv.getPort()));
                }
            }
        }
        return held;
    }
}
