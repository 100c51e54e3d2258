package io.svccfg.demo.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A private, changeable copy of a zone's records for one update: the update is checked and applied here, and only
 * a copy that came through whole becomes the next {@link DnsZone}. Counts what it added and removed.
 */
final class ZoneEdit {
    /** Owner name, then type, then the RRset's records; insertion order keeps the zone file's order. */
    private final Map<Name, Map<Integer, List<Record>>> names = new LinkedHashMap<>();
    private int added;
    private int removed;

    ZoneEdit(List<Record> records) {
        for (Record r : records) {
            set(r.getName(), r.getType()).add(r);
        }
    }

    int added() {
        return added;
    }

    int removed() {
        return removed;
    }

    boolean changed() {
        return added + removed > 0;
    }

    /** RFC 2136 2.4.4 "name is in use": at least one RR has that owner (an empty non-terminal is not in use). */
    boolean inUse(Name name) {
        return names.containsKey(name);
    }

    /** The RRset, empty when there is none. */
    List<Record> rrset(Name name, int type) {
        Map<Integer, List<Record>> types = names.get(name);
        List<Record> set = types == null ? null : types.get(type);
        return set == null ? List.of() : List.copyOf(set);
    }

    boolean hasTypeOtherThan(Name name, int type) {
        Map<Integer, List<Record>> types = names.get(name);
        return types != null && types.keySet().stream().anyMatch(t -> t != type);
    }

    SOARecord soa(Name origin) {
        return (SOARecord) rrset(origin, Type.SOA).get(0);
    }

    /** Adds the record; one with the same data is replaced (a new TTL) and counts as no change if nothing differs. */
    void add(Record record) {
        List<Record> set = set(record.getName(), record.getType());
        for (int i = 0; i < set.size(); i++) {
            if (sameData(set.get(i), record)) {
                if (set.get(i).getTTL() != record.getTTL()) {
                    set.set(i, record);
                    added++;
                    removed++;
                }
                return;
            }
        }
        set.add(record);
        added++;
    }

    /** Replaces the whole RRset of the record's name and type with this one record. */
    void replace(Record record) {
        removeRRset(record.getName(), record.getType());
        add(record);
    }

    void removeRRset(Name name, int type) {
        Map<Integer, List<Record>> types = names.get(name);
        if (types == null) {
            return;
        }
        List<Record> set = types.remove(type);
        if (set != null) {
            removed += set.size();
        }
        if (types.isEmpty()) {
            names.remove(name);
        }
    }

    /** Removes the one record with this name, type and data; the given record's class and TTL do not matter. */
    void remove(Record record) {
        Map<Integer, List<Record>> types = names.get(record.getName());
        if (types == null || !types.containsKey(record.getType())) {
            return;
        }
        List<Record> set = types.get(record.getType());
        if (set.removeIf(r -> sameData(r, record))) {
            removed++;
        }
        if (set.isEmpty()) {
            types.remove(record.getType());
        }
        if (types.isEmpty()) {
            names.remove(record.getName());
        }
    }

    /** Types at the name, as a copy so a caller can delete while it walks them. */
    List<Integer> types(Name name) {
        Map<Integer, List<Record>> types = names.get(name);
        return types == null ? List.of() : new ArrayList<>(types.keySet());
    }

    List<Record> records() {
        List<Record> all = new ArrayList<>();
        names.values().forEach(types -> types.values().forEach(all::addAll));
        return all;
    }

    /** Same name, type and RDATA (compared in canonical form, RFC 4034 6.2); class and TTL ignored. */
    static boolean sameData(Record a, Record b) {
        return a.getName().equals(b.getName()) && a.getType() == b.getType()
                && Arrays.equals(a.rdataToWireCanonical(), b.rdataToWireCanonical());
    }

    private List<Record> set(Name name, int type) {
        return names.computeIfAbsent(name, n -> new LinkedHashMap<>()).computeIfAbsent(type, t -> new ArrayList<>());
    }
}
