package io.svccfg.dns;

import io.svccfg.config.ListeningPoint;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import java.util.List;

/**
 * What one listening point resolved to (RFC 3263): its steps in the order a client tries them, NAPTR order and
 * preference first; within a step the tuples are in the order of the DNS answer, for RFC 2782 to order.
 */
public record ListeningPointRead(ListeningPoint point, List<Step> steps) {
    public ListeningPointRead {
        steps = List.copyOf(steps);
    }

    /**
     * One step: where it came from ({@code via}: a NAPTR record as a zone file writes it, an SRV name, or the host's
     * addresses on a port), the service, and its tuples.
     */
    public record Step(String via, ServiceType service, List<Tuple> tuples) {
        public Step {
            tuples = List.copyOf(tuples);
        }
    }

    /** Every tuple, step after step. */
    public List<Tuple> tuples() {
        return steps.stream().flatMap(step -> step.tuples().stream()).toList();
    }
}
