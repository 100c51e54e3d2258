package io.svccfg.fleet;

import io.svccfg.fleet.YamlNodes.Entries;
import io.svccfg.fleet.YamlNodes.Keys;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads the {@code servers} list of a fleet file: each server on its own, no two with one name, and the services
 * they name all defined. The services are read first, whatever their place in the file, so that a misspelt service
 * name is reported where it is written.
 */
final class ServersSection {
    static final Keys KEYS = new Keys(List.of("name", "addresses", "capacity"), List.of("services", "ports"));
    private static final String ADDRESS =
            "an IPv4 or IPv6 address such as 10.10.10.121 or \"2001:db8::1\" (names are not resolved)";

    private final YamlNodes yaml;
    private final Set<String> defined;

    /** @param services the services of the file, which the servers' {@code services} and {@code ports} may name */
    ServersSection(YamlNodes yaml, Collection<Service> services) {
        this.yaml = yaml;
        this.defined = new TreeSet<>();
        services.forEach(service -> defined.add(service.name()));
    }

    List<Server> read(Node list) throws FleetFileException {
        List<Node> items = yaml.list(list, "servers", "a list of servers, each a mapping with " + KEYS);
        if (items.isEmpty()) {
            throw yaml.error(list, "servers is empty", "at least one server");
        }
        List<Server> servers = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Entries entries = yaml.entries(item, YamlNodes.named(item, "server", "servers item " + (i + 1)), KEYS);
            String name = name(entries);
            Node first = names.putIfAbsent(name, entries.node("name"));
            if (first != null) {
                throw yaml.error(entries.node("name"), "server " + name + " is defined twice (first at line "
                        + YamlNodes.line(first) + ")", "each server name once");
            }
            servers.add(server(entries.about("server " + name), name));
        }
        return servers;
    }

    private String name(Entries entries) throws FleetFileException {
        return entries.label("name", "is not one DNS label",
                "one DNS label: 1 to 63 letters, digits and inner hyphens, such as host121");
    }

    private Server server(Entries entries, String name) throws FleetFileException {
        List<InetAddress> addresses = addresses(entries);
        double capacity = entries.number("capacity");
        if (capacity <= 0) {
            throw yaml.error(entries.node("capacity"), entries.what() + ": capacity must be a positive number, got "
                    + entries.written("capacity"), "load units per second above 0");
        }
        Set<String> services = entries.optional("services").isPresent() ? services(entries) : Set.of();
        Map<String, Integer> ports =
                entries.optional("ports").isPresent() ? ports(entries, services) : Map.of();
        return new Server(name, addresses, capacity, services, ports);
    }

    private List<InetAddress> addresses(Entries entries) throws FleetFileException {
        List<Node> items = entries.list("addresses", "a list of " + ADDRESS);
        if (items.isEmpty()) {
            throw yaml.error(entries.node("addresses"), entries.what() + ": addresses is empty", "at least " + ADDRESS);
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (Node item : items) {
            String text = yaml.text(item, entries.what() + ": an address", ADDRESS);
            InetAddress address = IpLiterals.parse(text).orElseThrow(() -> yaml.error(item,
                    entries.what() + ": address " + YamlNodes.quoted(text) + " is not an IP address", ADDRESS));
            if (!addresses.add(address)) {
                throw yaml.error(item, entries.what() + ": address " + text + " is listed twice", "each address once");
            }
        }
        return List.copyOf(addresses);
    }

    // An empty list would mean "any service" to Server.mayRun, the opposite of what it says; so it is refused.
    private Set<String> services(Entries entries) throws FleetFileException {
        String expected = "a list of service names such as [http, smtp], or no services key for all services";
        List<Node> items = entries.list("services", expected);
        if (items.isEmpty()) {
            throw yaml.error(entries.node("services"), entries.what() + ": services is empty", expected);
        }
        Set<String> services = new LinkedHashSet<>();
        for (Node item : items) {
            String service = defined(item, yaml.text(item, entries.what() + ": a service", expected), entries.what());
            if (!services.add(service)) {
                throw yaml.error(item, entries.what() + ": services names " + service + " twice", "each service once");
            }
        }
        return services;
    }

    private Map<String, Integer> ports(Entries entries, Set<String> allowed) throws FleetFileException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (NodeTuple pair : yaml.pairs(entries.node("ports"), entries.what() + ": ports",
                "a mapping from service name to port, such as {http: 8080}")) {
            String service = defined(pair.getKeyNode(), YamlNodes.key(pair), entries.what());
            // A port for a service that the server may not run would never be used: most likely a slip.
            if (!allowed.isEmpty() && !allowed.contains(service)) {
                throw yaml.error(pair.getKeyNode(), entries.what() + ": ports gives a port for " + service
                        + ", which its services list leaves out", "ports only for services in its services list: "
                        + String.join(", ", allowed));
            }
            ports.put(service, (int) yaml.whole(pair.getValueNode(), entries.what() + ": port of " + service, 1,
                    65535));
        }
        return ports;
    }

    private String defined(Node at, String text, String what) throws FleetFileException {
        String service = text.toLowerCase(Locale.ROOT);
        if (!defined.contains(service)) {
            throw yaml.error(at, what + ": service " + YamlNodes.quoted(text) + " is not defined in services",
                    "one of " + String.join(", ", defined));
        }
        return service;
    }
}
