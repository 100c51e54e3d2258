package io.svccfg.client;

import io.svccfg.dns.ListeningPointRead;
import io.svccfg.tuple.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Orders tuples the way RFC 2782 tells clients to try servers: lowest priority first; within one priority, a
 * weighted random order. Weighting is per SRV record: a target with several addresses counts once, and its
 * addresses follow one another in the order DNS gave them.
 */
public final class Rfc2782 {
    private Rfc2782() {
    }

    /** One SRV record of one domain, with the addresses of its target. */
    private record SrvRecord(String domain, int priority, int weight, int port, String target) {
    }

    public static List<Tuple> order(Collection<Tuple> tuples, RandomGenerator random) {
        Map<SrvRecord, List<Tuple>> records = new LinkedHashMap<>();
        for (Tuple t : tuples) {
            records.computeIfAbsent(new SrvRecord(t.domain(), t.priority(), t.weight(), t.port(), t.target()),
                    r -> new ArrayList<>()).add(t);
        }
        Map<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        records.keySet().forEach(r -> byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r));

        List<Tuple> ordered = new ArrayList<>(tuples.size());
        for (List<SrvRecord> samePriority : byPriority.values()) {
            for (SrvRecord record : byWeight(samePriority, random)) {
                ordered.addAll(records.get(record));
            }
        }
        return ordered;
    }

    /**
     * The steps of a SIP URI's resolution in the order RFC 3263 gives them (NAPTR order and preference, then SRV,
     * then A/AAAA), the tuples of each in RFC 2782's order: how a client tries them.
     */
    public static List<ListeningPointRead.Step> order(ListeningPointRead read, RandomGenerator random) {
        return read.steps().stream()
                .map(step -> new ListeningPointRead.Step(step.via(), step.service(), order(step.tuples(), random)))
                .toList();
    }

    /**
     * RFC 2782's selection: put the weight-0 records first, draw a number between 0 and the sum of the weights
     * (inclusive), take the first record whose running sum reaches it, and repeat with the rest. A weight-0 record
     * is thus chosen before the others only when the draw is 0.
     */
    private static List<SrvRecord> byWeight(List<SrvRecord> records, RandomGenerator random) {
        List<SrvRecord> zero = new ArrayList<>();
        List<SrvRecord> weighted = new ArrayList<>();
        records.forEach(r -> (r.weight() == 0 ? zero : weighted).add(r));
        for (int i = zero.size() - 1; i > 0; i--) {
            Collections.swap(zero, i, random.nextInt(i + 1));
        }
        List<SrvRecord> remaining = new ArrayList<>(zero);
        remaining.addAll(weighted);

        List<SrvRecord> ordered = new ArrayList<>(records.size());
        while (!remaining.isEmpty()) {
            long sum = remaining.stream().mapToLong(SrvRecord::weight).sum();
            long draw = random.nextLong(sum + 1);
            long running = 0;
            for (int i = 0; i < remaining.size(); i++) {
                running += remaining.get(i).weight();
                if (running >= draw) {
                    ordered.add(remaining.remove(i));
                    break;
                }
            }
        }
        return ordered;
    }
}
