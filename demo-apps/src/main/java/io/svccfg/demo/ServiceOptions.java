package io.svccfg.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the demo services: {@code [--host NAME]} and one {@code --...port P} option per listener, each
 * with its default. Checked as a whole, as {@link Options} checks {@link SocketServer}'s, so that a bad command line
 * is one clear line and exit 2.
 *
 * @param host the name the service calls itself in what it answers
 * @param ports each port option and its value
 */
record ServiceOptions(String host, Map<String, Integer> ports) {

    /** A port option and the port it stands for when not given. */
    record Port(String option, int defaultPort) {
    }

    static String usage(Class<?> main, List<Port> ports) {
        StringBuilder usage = new StringBuilder("usage: java -cp svccfg-demo.jar " + main.getName() + " [--host NAME]");
        ports.forEach(port -> usage.append(" [").append(port.option()).append(" P]"));
        return usage.toString();
    }

    /** Parses the command line, or prints the usage error on stderr and exits 2. */
    static ServiceOptions parseOrExit(Class<?> main, List<Port> ports, String... args) {
        try {
            return parse(ports, args);
        } catch (Options.UsageException e) {
            System.err.println("USAGE ERROR: " + e.getMessage() + ". " + usage(main, ports));
            System.exit(2);
            throw new AssertionError(e); // not reached
        }
    }

    static ServiceOptions parse(List<Port> defaults, String... args) throws Options.UsageException {
        Map<String, Integer> ports = new HashMap<>();
        defaults.forEach(port -> ports.put(port.option(), port.defaultPort()));
        String host = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--host")) {
                host = host(Options.value(args, ++i, option));
            } else if (ports.containsKey(option)) {
                ports.put(option, Options.number(args, ++i, option, 0, 65535));
            } else {
                throw new Options.UsageException("unknown option '" + option + "'");
            }
        }
        return new ServiceOptions(host == null ? localHostName() : host, Map.copyOf(ports));
    }

    int port(String option) {
        return ports.get(option);
    }

    /**
     * This host's name as the JDK knows it; "localhost" if it cannot tell (a host whose own name does not resolve).
     * Asked once at start: the name is what the service calls itself, not something the agent moves.
     */
    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | RuntimeException e) {
            return "localhost";
        }
    }

    /**
     * The name goes verbatim into SMTP replies and SIP headers, where a space or a control character would break the
     * line or the header: so one word of printable ASCII.
     */
    private static String host(String name) throws Options.UsageException {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new Options.UsageException("--host needs a name of printable ASCII without spaces, not '" + name
                    + "'");
        }
        return name;
    }
}
