package io.svccfg.fleet;

import java.util.List;
import java.util.Optional;

/**
 * What an administrator describes once, in a fleet file: the servers of a domain with their capacities, and the
 * services with their expected volumes. The planner assigns the services to the servers; DNS follows.
 *
 * @param domain the zone the SRV records and the servers' address records go in, without the trailing dot
 * @param ttl the TTL of every record written, in seconds
 */
public record Fleet(String domain, long ttl, List<Server> servers, List<Service> services) {
    public Fleet {
        servers = List.copyOf(servers);
        services = List.copyOf(services);
    }

    public Optional<Server> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The absolute name of a server in DNS, its SRV target: {@code host121.example.test.}. */
    public String targetOf(Server server) {
        return server.name() + "." + domain + ".";
    }

    /** The SRV owner name of a service: {@code _http._tcp.example.test.}. */
    public String ownerOf(Service service) {
        return "_" + service.name() + "._" + service.transport().label() + "." + domain + ".";
    }
}
