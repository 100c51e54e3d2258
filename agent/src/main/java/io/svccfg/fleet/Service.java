package io.svccfg.fleet;

import io.svccfg.tuple.Transport;

/**
 * One service of a fleet: {@code _name._transport.domain}.
 *
 * @param port the port its SRV records name, unless a server has a port of its own for it
 * @param volume the load units per second expected of it
 * @param spares how many servers stand by at priority 2, together able to carry what any one of its priority-1
 *     servers carries
 */
public record Service(String name, Transport transport, int port, double volume, int spares) {
}
