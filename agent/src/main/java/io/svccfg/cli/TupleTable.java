package io.svccfg.cli;

import io.svccfg.tuple.AddressText;
import io.svccfg.tuple.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tuples for people (an aligned table) and for programs (JSON objects with fixed keys). */
final class TupleTable {
    private static final List<String> COLUMNS =
            List.of("service", "transport", "address", "port", "priority", "weight", "target", "domain", "ttl");

    private TupleTable() {
    }

    /** The tuple as a JSON object: these keys, numbers as numbers, the address as a bare IP string. */
    static Map<String, Object> json(Tuple t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", t.service());
        m.put("transport", t.transport().label());
        m.put("address", AddressText.of(t.address()));
        m.put("port", t.port());
        m.put("priority", t.priority());
        m.put("weight", t.weight());
        m.put("target", t.target());
        m.put("domain", t.domain());
        m.put("ttl", t.ttl());
        return m;
    }

    static String text(List<Tuple> tuples) {
        return grouped(Map.of("", tuples));
    }

    /**
     * One table for several groups of tuples, aligned as one: each group after a line {@code from KEY}, unless its
     * key is empty.
     */
    static String grouped(Map<String, List<Tuple>> groups) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(String::toUpperCase).toList());
        groups.values().forEach(tuples -> tuples.forEach(t -> rows.add(json(t).values().stream().map(String::valueOf)
                .toList())));
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(line(rows.get(0), widths));
        int next = 1;
        for (Map.Entry<String, List<Tuple>> group : groups.entrySet()) {
            if (!group.getKey().isEmpty()) {
                out.append("from ").append(group.getKey()).append('\n');
            }
            for (int i = 0; i < group.getValue().size(); i++) {
                out.append(line(rows.get(next++), widths));
            }
        }
        return out.toString();
    }

    private static String line(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            line.append(String.format("%-" + widths[i] + "s", row.get(i))).append("  ");
        }
        return line.toString().stripTrailing() + "\n";
    }
}
