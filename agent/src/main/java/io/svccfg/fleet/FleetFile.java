package io.svccfg.fleet;

import io.svccfg.fleet.YamlNodes.Entries;
import io.svccfg.fleet.YamlNodes.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads the fleet file of {@code svccfg plan} and {@code apply}:
 *
 * <pre>
 * domain: example.test       # the zone; a trailing dot may be written
 * ttl: 60                    # optional, seconds, 0 to 2147483647; default 60
 * servers:
 *   - name: host121          # one DNS label: the SRV target host121.example.test.
 *     addresses: [10.10.10.121, "2001:db8::121"]   # literals only, never resolved
 *     capacity: 1000         # load units per second, above 0
 *     services: [http, smtp] # optional: the services it may run; default all
 *     ports: {http: 8080}    # optional: its port for a service, where not the service's port
 * services:
 *   - name: http             # _http._tcp.example.test.
 *     transport: tcp         # tcp or udp
 *     port: 80
 *     volume: 1500           # expected load units per second, 0 or more
 *     spares: 1              # optional, default 0
 * </pre>
 *
 * <p>Names (domain, servers, services) are kept in lower case, as DNS compares them without case. An IPv6 address
 * that starts with a colon must be quoted in a flow list ({@code ["::1"]}), as YAML would read it otherwise as a
 * mapping. Every mistake is a {@link FleetFileException} naming the line of the value at fault.
 */
public final class FleetFile {
    /** The TTL of the records when the file gives none. */
    public static final long DEFAULT_TTL = 60;

    static final Keys KEYS = new Keys(List.of("domain", "servers", "services"), List.of("ttl"));

    private FleetFile() {
    }

    /** Reads and checks a fleet file; its path, as given, names it in messages. */
    public static Fleet read(Path file) throws IOException, FleetFileException {
        return parse(Files.readString(file), file.toString());
    }

    /** Checks the text of a fleet file, named {@code fileName} in messages. */
    static Fleet parse(String text, String fileName) throws FleetFileException {
        YamlNodes yaml = new YamlNodes(fileName);
        Node root = compose(text, fileName)
                .orElseThrow(() -> new FleetFileException(fileName, 1, "the file is empty", "a mapping with " + KEYS));
        Entries fleet = yaml.entries(root, "the fleet", KEYS);
        String domain = domain(yaml, fleet);
        long ttl = fleet.whole("ttl", 0, Integer.MAX_VALUE, DEFAULT_TTL);
        Map<Service, Node> services = new ServicesSection(yaml).read(fleet.node("services"));
        List<Server> servers = new ServersSection(yaml, services.keySet()).read(fleet.node("servers"));
        for (Map.Entry<Service, Node> service : services.entrySet()) {
            runnable(yaml, service.getKey(), service.getValue(), servers);
        }
        return new Fleet(domain, ttl, servers, List.copyOf(services.keySet()));
    }

    /** The YAML tree, with the lines of its nodes; empty for a file without a document (or only comments). */
    private static Optional<Node> compose(String text, String fileName) throws FleetFileException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                // JSON schema: 1000 is a number, "1000" a text, yes/no/on/off are texts. Stated, not defaulted,
                // because the types the file's checks rely on must not change with a SnakeYAML upgrade.
                .setSchema(new JsonSchema())
                // Only construction checks this; composing does not, so YamlNodes.pairs refuses repeated keys too.
                .setAllowDuplicateKeys(false)
                .build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new FleetFileException(fileName, mark.map(m -> m.getLine() + 1).orElse(1),
                    "not valid YAML: " + e.getProblem() + context, "well-formed YAML");
        } catch (ReaderException e) {
            throw new FleetFileException(fileName, lineAt(text, e.getPosition()),
                    "not valid YAML: " + e.getMessage() + " (code point " + e.getCodePoint() + ")",
                    "printable text");
        } catch (YamlEngineException e) {
            throw new FleetFileException(fileName, 1, "not valid YAML: " + e.getMessage(), "well-formed YAML");
        }
    }

    /** The 1-based line of a code point position, which is all that SnakeYAML's reader reports. */
    private static int lineAt(String text, int codePoints) {
        int end = text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return 1 + (int) text.substring(0, end).chars().filter(c -> c == '\n').count();
    }

    private static String domain(YamlNodes yaml, Entries fleet) throws FleetFileException {
        String expected = "a DNS name such as example.test, labels of letters, digits and inner hyphens";
        String text = fleet.text("domain", expected);
        return DnsNames.domain(text).orElseThrow(() -> yaml.error(fleet.node("domain"),
                "the fleet: domain " + YamlNodes.quoted(text) + " is not a DNS name", expected));
    }

    // A service that no server may run could never be given an SRV record: the plan could not be made.
    private static void runnable(YamlNodes yaml, Service service, Node at, List<Server> servers)
            throws FleetFileException {
        if (servers.stream().noneMatch(server -> server.mayRun(service))) {
            String id = service.name() + "/" + service.transport().label();
            throw yaml.error(at,
                    "service " + id + ": no server may run it (every server's services list leaves it out)",
                    service.name() + " in some server's services list, or a server without a services list");
        }
    }
}
