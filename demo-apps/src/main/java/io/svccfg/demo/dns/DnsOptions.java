package io.svccfg.demo.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/** The {@code dns} command's options, checked one by one so that a mistake is named exactly. */
record DnsOptions(Path zone, InetSocketAddress listen, Optional<Name> origin, List<InetSocketAddress> notifyTargets,
        Optional<TSIG> key) {

    static final String USAGE = "dns --zone FILE --port P [--address A (default 127.0.0.1)] [--origin NAME]"
            + " [--notify host:port ...] [--tsig name:algorithm:base64secret]";

    static DnsOptions parse(String... args) throws UsageException {
        Path zone = null;
        Integer port = null;
        String address = "127.0.0.1";
        Optional<Name> origin = Optional.empty();
        List<InetSocketAddress> notify = new ArrayList<>();
        Optional<TSIG> key = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                value = args[++i];
            } else if (arg.startsWith("--")) {
                throw new UsageException(arg + " needs a value; usage: " + USAGE);
            } else {
                throw new UsageException("unexpected argument '" + arg + "'; usage: " + USAGE);
            }
            switch (option) {
                case "--zone" -> zone = Path.of(value);
                case "--port" -> port = port(value);
                case "--address" -> address = value;
                case "--origin" -> origin = Optional.of(origin(value));
                case "--notify" -> notify.add(target(value));
                case "--tsig" -> key = Optional.of(key(value));
                default -> throw new UsageException("unknown option " + option + "; usage: " + USAGE);
            }
        }
        if (zone == null) {
            throw new UsageException("--zone FILE is missing; usage: " + USAGE);
        }
        if (port == null) {
            throw new UsageException("--port P is missing (0 for any free port); usage: " + USAGE);
        }
        return new DnsOptions(zone, new InetSocketAddress(address(address, "--address"), port), origin,
                List.copyOf(notify), key);
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--port '" + value + "' is not a port; expected a number from 0 to 65535");
    }

    private static Name origin(String value) throws UsageException {
        try {
            return Name.fromString(value, Name.root);
        } catch (TextParseException e) {
            throw new UsageException("--origin '" + value + "' is not a domain name (" + e.getMessage()
                    + "); expected a name like example.test");
        }
    }

    /** {@code host:port}, IPv6 as {@code [addr]:port}. */
    private static InetSocketAddress target(String value) throws UsageException {
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || colon == value.length() - 1) {
            throw new UsageException("--notify '" + value + "' is not host:port; expected like 127.0.0.1:5300"
                    + " or [::1]:5300");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("--notify '" + value + "' has no valid port; expected host:port with a port"
                    + " from 1 to 65535");
        }
        return new InetSocketAddress(address(host, "--notify"), port);
    }

    private static InetAddress address(String host, String option) throws UsageException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException(option + " '" + host + "' is not a known address; expected an IP address"
                    + " like 127.0.0.1");
        }
    }

    private static TSIG key(String value) throws UsageException {
        try {
            return TsigKeys.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tsig: " + e.getMessage());
        }
    }
}
