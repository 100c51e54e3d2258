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
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(String::toUpperCase).toList());
        for (Tuple t : tuples) {
            rows.add(json(t).values().stream().map(String::valueOf).toList());
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i))).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
