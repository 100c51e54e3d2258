package io.svccfg.placement;

import io.svccfg.fleet.Service;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Why a fleet cannot carry its services, one line per service (or group of services sharing the same servers) that is
 * short, in words an administrator can act on. Plain sums, no programme: a service with no server, a service whose
 * volume exceeds what its allowed servers can carry, and services whose allowed servers all lie among those of
 * one of them and together exceed those servers' capacity.
 */
final class Shortfalls {
    private static final int NAMED = 10;

    private Shortfalls() {
    }

    static List<String> of(Pairs pairs) {
        List<String> lines = new ArrayList<>();
        int services = pairs.services.size();
        List<Set<Integer>> allowedTo = IntStream.range(0, services).mapToObj(v -> servers(pairs, v)).toList();
        Set<Set<Integer>> groups = new LinkedHashSet<>();
        for (int v = 0; v < services; v++) {
            Service service = pairs.services.get(v);
            Set<Integer> allowed = allowedTo.get(v);
            if (allowed.isEmpty()) {
                lines.add(name(service) + ": no server may run it");
                continue;
            }
            double capacity = capacity(pairs, allowed);
            if (service.volume() > capacity) {
                lines.add(String.format("%s: volume %s > %s that the servers allowed to run it can carry (%s)",
                        name(service), amount(service.volume()), amount(capacity), names(pairs, allowed)));
                continue;
            }
            Set<Integer> group = IntStream.range(0, services)
                    .filter(u -> !allowedTo.get(u).isEmpty() && allowed.containsAll(allowedTo.get(u)))
                    .boxed().collect(Collectors.toCollection(LinkedHashSet::new));
            double volume = group.stream().mapToDouble(u -> pairs.services.get(u).volume()).sum();
            if (group.size() > 1 && volume > capacity && groups.add(group)) {
                lines.add(String.format("%s: volume %s > %s that the servers allowed to run them can carry (%s)",
                        group.stream().map(u -> name(pairs.services.get(u))).collect(Collectors.joining(", ")),
                        amount(volume), amount(capacity), names(pairs, allowed)));
            }
        }
        return lines;
    }

    /** When the sums above find nothing and the programme still needs a utilisation above 1. */
    static List<String> overall(double least) {
        return List.of("the services cannot be spread within the servers' capacities: the least largest utilisation is "
                + amount(least));
    }

    static String name(Service service) {
        return service.name() + "/" + service.transport().label();
    }

    /** Load units as an administrator wrote them: 1500, 1500.5, 0.33. */
    static String amount(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static Set<Integer> servers(Pairs pairs, int v) {
        return IntStream.of(pairs.ofService[v]).map(pair -> pairs.server[pair]).boxed()
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static double capacity(Pairs pairs, Set<Integer> servers) {
        return servers.stream().mapToDouble(s -> pairs.servers.get(s).capacity()).sum();
    }

    /** The servers' names; past {@value #NAMED}, how many more, so that a line stays a line. */
    private static String names(Pairs pairs, Set<Integer> servers) {
        String named = servers.stream().limit(NAMED).map(s -> pairs.servers.get(s).name())
                .collect(Collectors.joining(", "));
        return servers.size() <= NAMED ? named : named + " and " + (servers.size() - NAMED) + " more";
    }
}
