package io.svccfg.jmx;

import io.svccfg.config.ListeningPoint;
import io.svccfg.dns.ListeningPointRead;
import io.svccfg.tuple.Tuple;
import java.util.stream.Collectors;
import javax.management.ConstructorParameters;

/**
 * One listening point, as JMX shows it: the URI, when the read that resolved it ended (null when no read has: no SIP
 * listener is in use yet), and one line per step of its resolution, in RFC 3263 order:
 * {@code sip/udp from NAPTR ...: 192.0.2.1:5060 (priority 1, weight 10)}.
 */
public final class ListeningPointInfo {
    private final String uri;
    private final String resolved;
    private final String[] steps;

    @ConstructorParameters({"uri", "resolved", "steps"})
    public ListeningPointInfo(String uri, String resolved, String[] steps) {
        this.uri = uri;
        this.resolved = resolved;
        this.steps = steps.clone();
    }

    static ListeningPointInfo of(ListeningPointRead read, String resolved) {
        return new ListeningPointInfo(read.point().toString(), resolved, read.steps().stream()
                .map(step -> step.service() + " from " + step.via() + ": " + (step.tuples().isEmpty() ? "no address"
                        : step.tuples().stream().map(ListeningPointInfo::text).collect(Collectors.joining(", "))))
                .toArray(String[]::new));
    }

    static ListeningPointInfo unresolved(ListeningPoint point) {
        return new ListeningPointInfo(point.toString(), null, new String[0]);
    }

    private static String text(Tuple t) {
        return t.endpoint() + " (priority " + t.priority() + ", weight " + t.weight() + ")";
    }

    public String getUri() {
        return uri;
    }

    public String getResolved() {
        return resolved;
    }

    public String[] getSteps() {
        return steps.clone();
    }
}
