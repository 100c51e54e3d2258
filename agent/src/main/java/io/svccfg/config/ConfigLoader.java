package io.svccfg.config;

import io.svccfg.log.LogLevel;
import io.svccfg.plan.AllowList;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the options from their four sources. For each key, the highest source that sets it gives all its values:
 * agent arguments, then {@code -Dsvccfg.KEY}, then {@code SVCCFG_KEY}, then the {@code config=} file. In agent
 * arguments a repeatable key is repeated ({@code domain=a,domain=b}); elsewhere its values are comma-separated.
 */
public final class ConfigLoader {

    /** The values of one key from one source; {@code origin} says where, for error messages. */
    private record Raw(Option option, List<String> values, String origin) {
    }

    private final Map<Option, Raw> chosen = new EnumMap<>(Option.class);

    private ConfigLoader() {
    }

    /** The agent's options from all sources. */
    public static Config load(String agentArguments, Properties systemProperties, Map<String, String> environment)
            throws BadOptionException {
        ConfigLoader loader = new ConfigLoader();
        loader.offer(fromAgentArguments(agentArguments), "agent arguments");
        loader.offer(fromSystemProperties(systemProperties), "system property");
        loader.offer(fromEnvironment(environment), "environment");
        Raw config = loader.chosen.get(Option.CONFIG);
        if (config != null) {
            loader.offer(fromFile(config), "config file " + config.values().get(0));
        }
        return loader.build();
    }

    private void offer(Map<Option, List<String>> source, String origin) {
        for (Map.Entry<Option, List<String>> e : source.entrySet()) {
            chosen.putIfAbsent(e.getKey(), new Raw(e.getKey(), e.getValue(), origin));
        }
    }

    /**
     * Parses the options given, and only those, with a {@code switch} rather than a parser per option: this runs in
     * premain, on the application's main thread, where each method reference costs its linking.
     */
    private Config build() throws BadOptionException {
        if (!chosen.containsKey(Option.DOMAIN) && !chosen.containsKey(Option.LISTENING_POINT)) {
            throw new BadOptionException("svccfg: missing option domain: expected at least one domain, like "
                    + "-javaagent:svccfg.jar=domain=example.com, or a SIP URI, like listening-point=sip:example.com");
        }
        List<String> domains = new ArrayList<>();
        List<ListeningPoint> listeningPoints = new ArrayList<>();
        List<HostPort> dns = new ArrayList<>();
        List<Map.Entry<Integer, String>> services = new ArrayList<>();
        List<InetAddress> addresses = new ArrayList<>();
        Duration poll = Config.DEFAULT_POLL;
        Duration idlePoll = Config.DEFAULT_IDLE_POLL;
        Optional<HostPort> notifyOn = Optional.empty();
        Optional<TsigKey> tsig = Optional.empty();
        Unassigned unassigned = Unassigned.PARK;
        LogLevel log = LogLevel.INFO;
        Duration firstReadWait = Config.DEFAULT_FIRST_READ_WAIT;
        Duration flapDamping = Config.DEFAULT_FLAP_DAMPING;
        List<AllowList.Rule> allow = new ArrayList<>();
        Drain drain = Drain.TTL;
        Duration notifyJitter = Config.DEFAULT_NOTIFY_JITTER;
        for (Raw raw : chosen.values()) {
            if (!raw.option().repeatable() && raw.values().size() > 1) {
                throw new BadOptionException("svccfg: bad option " + raw.option().key() + "="
                        + String.join(",", raw.values()) + " (" + raw.origin() + "): expected one value: "
                        + raw.option().expected());
            }
            for (String value : raw.values()) {
                try {
                    switch (raw.option()) {
                        case DOMAIN -> domains.add(OptionValues.domain(value));
                        case LISTENING_POINT -> listeningPoints.add(ListeningPoint.parse(value));
                        case DNS -> dns.add(OptionValues.hostPort(value, 53));
                        case SERVICE -> services.add(OptionValues.servicePort(value));
                        case ADDRESS -> addresses.add(OptionValues.ipAddress(value));
                        case POLL -> poll = OptionValues.duration(value);
                        case IDLE_POLL -> idlePoll = OptionValues.duration(value);
                        case NOTIFY -> notifyOn = Optional.of(OptionValues.hostPort(value, 0));
                        case TSIG -> tsig = Optional.of(OptionValues.tsig(value));
                        case UNASSIGNED -> unassigned = OptionValues.unassigned(value);
                        case LOG -> log = OptionValues.logLevel(value);
                        case FIRST_READ_WAIT -> firstReadWait = OptionValues.duration(value);
                        case FLAP_DAMPING -> flapDamping = OptionValues.duration(value);
                        case DRAIN -> drain = OptionValues.drain(value);
                        case NOTIFY_JITTER -> notifyJitter = OptionValues.jitter(value);
                        case ALLOW -> allow.add(OptionValues.allowRule(value));
                        case CONFIG -> {
                            // read already: the file's options are among the others
                        }
                        default -> throw new IllegalStateException("option " + raw.option().key() + " is not parsed");
                    }
                } catch (IllegalArgumentException e) {
                    String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
                    throw new BadOptionException("svccfg: bad option " + raw.option().key() + "=" + value + " ("
                            + raw.origin() + "): expected " + raw.option().expected() + why);
                }
            }
        }
        return new Config(domains, dns, servicePorts(services), addresses, poll, idlePoll, notifyOn, tsig,
                unassigned, log, firstReadWait, flapDamping, new AllowList(allow), drain, notifyJitter,
                listeningPoints);
    }

    private ServicePorts servicePorts(List<Map.Entry<Integer, String>> services) throws BadOptionException {
        if (services.isEmpty()) {
            return ServicePorts.wellKnown();
        }
        Map<Integer, String> byPort = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : services) {
            String before = byPort.putIfAbsent(e.getKey(), e.getValue());
            if (before != null && !before.equals(e.getValue())) {
                Raw raw = chosen.get(Option.SERVICE);
                throw new BadOptionException("svccfg: bad option service=" + e.getValue() + ":" + e.getKey() + " ("
                        + raw.origin() + "): port " + e.getKey() + " is already service " + before
                        + "; expected one service per port");
            }
        }
        return ServicePorts.of(byPort);
    }

    static Map<Option, List<String>> fromAgentArguments(String arguments) throws BadOptionException {
        Map<Option, List<String>> values = new EnumMap<>(Option.class);
        if (arguments == null || arguments.isBlank()) {
            return values;
        }
        for (String token : arguments.split(",")) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                throw new BadOptionException("svccfg: bad agent argument '" + token
                        + "': expected key=value pairs separated by commas, like domain=example.com,poll=10s");
            }
            String key = token.substring(0, eq).trim();
            Option option = known(Option.forKey(key), key, token, "agent arguments");
            List<String> given = values.get(option);
            if (given == null) {
                given = new ArrayList<>();
                values.put(option, given);
            }
            given.add(token.substring(eq + 1).trim());
        }
        return values;
    }

    static Map<Option, List<String>> fromSystemProperties(Properties properties) throws BadOptionException {
        Map<Option, List<String>> values = new EnumMap<>(Option.class);
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("svccfg.")) {
                String value = properties.getProperty(name);
                String key = name.substring("svccfg.".length());
                Option option = known(Option.forKey(key), key, "-D" + name + "=" + value, "system property");
                values.put(option, split(option, value));
            }
        }
        return values;
    }

    static Map<Option, List<String>> fromEnvironment(Map<String, String> environment) throws BadOptionException {
        Map<Option, List<String>> values = new EnumMap<>(Option.class);
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().startsWith("SVCCFG_")) {
                Option option = known(Option.forEnvironmentVariable(e.getKey()), e.getKey(),
                        e.getKey() + "=" + e.getValue(), "environment");
                values.put(option, split(option, e.getValue()));
            }
        }
        return values;
    }

    private static Map<Option, List<String>> fromFile(Raw config) throws BadOptionException {
        String file = config.values().get(0);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | RuntimeException e) {
            throw new BadOptionException("svccfg: bad option config=" + file + " (" + config.origin()
                    + "): expected " + Option.CONFIG.expected() + " (" + e + ")");
        }
        Map<Option, List<String>> values = new EnumMap<>(Option.class);
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            String origin = "config file " + file;
            Option option = known(Option.forKey(key), key, key + "=" + value, origin);
            if (option == Option.CONFIG) {
                throw new BadOptionException("svccfg: bad option config=" + value + " (" + origin
                        + "): a config file cannot name another config file");
            }
            values.put(option, split(option, value));
        }
        return values;
    }

    private static List<String> split(Option option, String value) {
        if (!option.repeatable()) {
            return List.of(value.trim());
        }
        List<String> values = new ArrayList<>();
        for (String v : value.split(",")) {
            values.add(v.trim());
        }
        return values;
    }

    /** {@code option}, found by {@code key}; when none was, the error that names what was given and where. */
    private static Option known(Optional<Option> option, String key, String given, String origin)
            throws BadOptionException {
        if (option.isPresent()) {
            return option.get();
        }
        String bare = key.toLowerCase(java.util.Locale.ROOT).replace("svccfg_", "").replace('_', '-');
        String hint = Arrays.stream(Option.values())
                .filter(o -> editDistance(o.key(), bare) <= 2)
                .map(o -> " (did you mean " + o.key() + "?)")
                .findFirst().orElse("");
        throw new BadOptionException("svccfg: unknown option " + given + " (" + origin + ")" + hint
                + ": expected one of " + Option.allKeys());
    }

    /** Levenshtein distance, to suggest the option a typo meant. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
