package io.svccfg.fleet;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One server of a fleet.
 *
 * @param name its host name inside the fleet's domain (one label, {@code host121}): the SRV target
 * @param addresses its A/AAAA records
 * @param capacity load units per second it carries, all its services together
 * @param services the names of the services it may run; empty: any
 * @param ports its port for a service, by service name, where it is not the service's own port
 */
public record Server(String name, List<InetAddress> addresses, double capacity, Set<String> services,
        Map<String, Integer> ports) {
    public Server {
        addresses = List.copyOf(addresses);
        services = Set.copyOf(services);
        ports = Map.copyOf(ports);
    }

    public boolean mayRun(Service service) {
        return services.isEmpty() || services.contains(service.name());
    }

    /** The port its SRV record for {@code service} names. */
    public int portFor(Service service) {
        return ports.getOrDefault(service.name(), service.port());
    }
}
