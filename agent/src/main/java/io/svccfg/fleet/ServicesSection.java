package io.svccfg.fleet;

import io.svccfg.fleet.YamlNodes.Entries;
import io.svccfg.fleet.YamlNodes.Keys;
import io.svccfg.tuple.Transport;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads the {@code services} list of a fleet file: each service on its own, and no two with one SRV owner name. */
final class ServicesSection {
    static final Keys KEYS = new Keys(List.of("name", "transport", "port", "volume"), List.of("spares"));

    private final YamlNodes yaml;

    ServicesSection(YamlNodes yaml) {
        this.yaml = yaml;
    }

    /** The services in file order, each with the node it was read from, for later complaints about it. */
    Map<Service, Node> read(Node list) throws FleetFileException {
        List<Node> items = yaml.list(list, "services", "a list of services, each a mapping with " + KEYS);
        if (items.isEmpty()) {
            throw yaml.error(list, "services is empty", "at least one service");
        }
        Map<Service, Node> services = new LinkedHashMap<>();
        // The SRV owner name _name._transport is what must be unique: http/tcp and http/udp are two services.
        Map<String, Node> owners = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Entries entries = yaml.entries(item, YamlNodes.named(item, "service", "services item " + (i + 1)), KEYS);
            String name = name(entries);
            Transport transport = transport(entries.about("service " + name));
            String id = name + "/" + transport.label();
            Node first = owners.putIfAbsent(id, entries.node("name"));
            if (first != null) {
                throw yaml.error(entries.node("name"), "service " + id + " is defined twice (first at line "
                        + YamlNodes.line(first) + ")", "each service name and transport once");
            }
            services.put(service(entries.about("service " + id), name, transport), item);
        }
        return services;
    }

    private String name(Entries entries) throws FleetFileException {
        return entries.label("name", "is not a service name",
                "one DNS label without the underscore, such as http or smtp");
    }

    private Transport transport(Entries entries) throws FleetFileException {
        String text = entries.text("transport", "tcp or udp");
        try {
            return Transport.parse(text);
        } catch (IllegalArgumentException e) {
            throw yaml.error(entries.node("transport"),
                    entries.what() + ": transport " + YamlNodes.quoted(text) + " is unknown", "tcp or udp");
        }
    }

    private Service service(Entries entries, String name, Transport transport) throws FleetFileException {
        int port = (int) entries.whole("port", 1, 65535);
        double volume = entries.number("volume");
        if (volume < 0) {
            throw yaml.error(entries.node("volume"), entries.what() + ": volume must not be negative, got "
                    + entries.written("volume"), "load units per second, 0 or more");
        }
        int spares = (int) entries.whole("spares", 0, Integer.MAX_VALUE, 0);
        return new Service(name, transport, port, volume, spares);
    }
}
