package io.svccfg.placement;

import io.svccfg.tuple.Transport;

/**
 * One SRV record DNS holds now for a fleet service. The planner keeps what it can of these, so that a re-plan after
 * one change moves few services.
 *
 * @param server the target's first label when the target is {@code <label>.<fleet domain>.}
 */
public record Held(String service, Transport transport, String server, int priority, int weight, int port) {
}
