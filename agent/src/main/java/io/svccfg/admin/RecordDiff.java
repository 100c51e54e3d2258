package io.svccfg.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;

/**
 * The smallest change that takes what DNS holds to what a plan wants: the records to delete and the records to add.
 * A record that stays the same but for its TTL is deleted and added again (RFC 2136 gives no other way to change a
 * TTL alone).
 */
public record RecordDiff(List<Record> deletes, List<Record> adds) {
    public RecordDiff {
        deletes = List.copyOf(deletes);
        adds = List.copyOf(adds);
    }

    public static RecordDiff between(Map<RecordSet, List<Record>> now, Map<RecordSet, List<Record>> wanted) {
        List<Record> deletes = new ArrayList<>();
        List<Record> adds = new ArrayList<>();
        for (Map.Entry<RecordSet, List<Record>> set : wanted.entrySet()) {
            List<Record> held = now.getOrDefault(set.getKey(), List.of());
            for (Record record : held) {
                if (!containsExactly(set.getValue(), record)) {
                    deletes.add(record);
                }
            }
            for (Record record : set.getValue()) {
                if (!containsExactly(held, record)) {
                    adds.add(record);
                }
            }
        }
        return new RecordDiff(deletes, adds);
    }

    public boolean isEmpty() {
        return deletes.isEmpty() && adds.isEmpty();
    }

    /** dnsjava's {@code equals} leaves the TTL out; here it counts. */
    private static boolean containsExactly(List<Record> records, Record record) {
        return records.stream().anyMatch(r -> r.equals(record) && r.getTTL() == record.getTTL());
    }
}
