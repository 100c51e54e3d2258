package io.svccfg.placement;

import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;

/**
 * One SRV record of the plan: {@code service} on {@code server}.
 *
 * @param priority 1: the server serves it; 2: the server stands by as a spare
 * @param weight 1..65535; at priority 1 in proportion to the load, at priority 2 to the server's headroom
 * @param load load units per second it carries at priority 1; 0 for spares
 */
public record Slot(Service service, Server server, int priority, int weight, int port, double load) {
    /** The priority of the slots that serve. */
    public static final int SERVES = 1;
    /** The priority of the slots that stand by. */
    public static final int SPARE = 2;
}
