package io.svccfg.cli;

import io.svccfg.admin.RecordDiff;
import io.svccfg.admin.ZoneState;
import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import io.svccfg.placement.Placement;
import io.svccfg.placement.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Record;

/** What {@code plan} prints: per server, per service, then the records to delete and to add. */
record PlanReport(Fleet fleet, ZoneState now, Placement placement, RecordDiff diff) {

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "fleet %s: %d servers, %d services; DNS %s, serial %d%n",
                fleet.domain(), fleet.servers().size(), fleet.services().size(), now.server(), now.serial()));
        out.append("servers:\n");
        int width = fleet.servers().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (Server server : fleet.servers()) {
            List<String> slots = placement.on(server).stream().map(PlanReport::onServer).toList();
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  capacity %s  utilisation %3.0f%%  %s%n",
                    server.name(), number(server.capacity()), 100 * placement.utilisation(server),
                    slots.isEmpty() ? "(no service)" : String.join("; ", slots)));
        }
        out.append("services:\n");
        for (Service service : fleet.services()) {
            List<String> serving = new ArrayList<>();
            List<String> spares = new ArrayList<>();
            for (Slot slot : placement.of(service)) {
                (slot.priority() == 1 ? serving : spares).add(slot.server().name());
            }
            out.append(String.format(Locale.ROOT, "  %s  volume %s, given %s by %s%s%n", label(service),
                    number(service.volume()), number(placement.given(service)), String.join(", ", serving),
                    spares.isEmpty() ? "" : "; spares " + String.join(", ", spares)));
        }
        if (diff.isEmpty()) {
            out.append("changes: none, DNS holds this plan\n");
        } else {
            out.append(String.format(Locale.ROOT, "changes: %d to delete, %d to add%n", diff.deletes().size(),
                    diff.adds().size()));
            diff.deletes().forEach(r -> out.append("  - ").append(r).append('\n'));
            diff.adds().forEach(r -> out.append("  + ").append(r).append('\n'));
        }
        return out.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("domain", fleet.domain());
        object.put("dns", now.server());
        object.put("serial", now.serial());
        List<Object> servers = new ArrayList<>();
        for (Server server : fleet.servers()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", server.name());
            s.put("capacity", server.capacity());
            s.put("utilisation", placement.utilisation(server));
            s.put("slots", placement.on(server).stream().map(PlanReport::json).toList());
            servers.add(s);
        }
        object.put("servers", servers);
        List<Object> services = new ArrayList<>();
        for (Service service : fleet.services()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", service.name());
            s.put("transport", service.transport().label());
            s.put("volume", service.volume());
            s.put("given", placement.given(service));
            s.put("slots", placement.of(service).stream().map(PlanReport::json).toList());
            services.add(s);
        }
        object.put("services", services);
        object.put("delete", diff.deletes().stream().map(Record::toString).toList());
        object.put("add", diff.adds().stream().map(Record::toString).toList());
        return object;
    }

    private static Map<String, Object> json(Slot slot) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("server", slot.server().name());
        s.put("service", slot.service().name());
        s.put("transport", slot.service().transport().label());
        s.put("priority", slot.priority());
        s.put("weight", slot.weight());
        s.put("port", slot.port());
        s.put("load", slot.load());
        return s;
    }

    private static String onServer(Slot slot) {
        return slot.priority() == 1
                ? String.format(Locale.ROOT, "%s priority 1 weight %d port %d, load %s", label(slot.service()),
                        slot.weight(), slot.port(), number(slot.load()))
                : String.format(Locale.ROOT, "%s spare (priority %d weight %d port %d)", label(slot.service()),
                        slot.priority(), slot.weight(), slot.port());
    }

    private static String label(Service service) {
        return service.name() + "/" + service.transport().label();
    }

    /** One decimal, none when it would be 0 (a sum of shares may miss a whole number by a rounding error). */
    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
