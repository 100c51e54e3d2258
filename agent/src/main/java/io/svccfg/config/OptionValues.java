package io.svccfg.config;

import io.svccfg.log.LogLevel;
import io.svccfg.plan.AllowList;
import io.svccfg.tuple.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.utils.base64;

/**
 * Parsers of option values, shared by the agent's options and the command line. Each throws
 * {@link IllegalArgumentException} with a short reason, or with no message when the value simply does not have
 * the expected form.
 */
public final class OptionValues {
    private static final Duration LONGEST = Duration.ofDays(365);
    /** The longest label of a domain name (RFC 1035). */
    private static final int LABEL_MAX = 63;
    private static final Set<String> TSIG_ALGORITHMS =
            Set.of("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    private OptionValues() {
    }

    // Loops, not regular expressions: these run in premain, on the application's main thread, where compiling and
    // first running a pattern costs milliseconds.

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; positive. */
    public static Duration duration(String text) {
        String t = text.trim();
        int digits = 0;
        while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            throw new IllegalArgumentException();
        }
        long n = Long.parseLong(t.substring(0, digits));
        Duration d = switch (t.substring(digits)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException();
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("it must be longer than zero");
        }
        // Flap damping and the reconciler count in nanoseconds, which overflow past 292 years (999999999h did).
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("it must be at most 8760h (a year)");
        }
        return d;
    }

    /**
     * A domain name, returned in lower case without the trailing dot: labels of letters, digits, '-' and '_' (SRV
     * owners have it), 1-63 long, not starting or ending with '-'.
     */
    public static String domain(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 253) {
            throw new IllegalArgumentException();
        }
        int from = 0;
        while (true) {
            int dot = t.indexOf('.', from);
            int to = dot < 0 ? t.length() : dot;
            if (!isLabel(t, from, to, true)) {
                throw new IllegalArgumentException();
            }
            if (dot < 0) {
                return t;
            }
            from = dot + 1;
        }
    }

    /** An SRV service name like {@code http} or {@code xmpp-client}, in lower case, without the underscore. */
    public static String serviceName(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("_")) {
            t = t.substring(1);
        }
        if (!isLabel(t, 0, t.length(), false)) {
            throw new IllegalArgumentException("'" + text + "' is not a service name (letters, digits, '-')");
        }
        return t;
    }

    /**
     * Whether {@code t[from, to)} is a label of lower-case letters, digits, '-' (not first or last) and, when
     * {@code underscore}, '_'; 1 to 63 long.
     */
    private static boolean isLabel(String t, int from, int to, boolean underscore) {
        if (to <= from || to - from > LABEL_MAX || t.charAt(from) == '-' || t.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || underscore && c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A host name as a DNS server's may be written: letters, digits, '_', '-' and '.', not starting with '.' or
     * '-', not ending with '-', no empty label.
     */
    private static boolean isHostName(String t) {
        if (t.isEmpty() || t.charAt(0) == '.' || t.charAt(0) == '-' || t.charAt(t.length() - 1) == '-'
                || t.contains("..")) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** 1-65535. */
    public static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a port 1-65535");
    }

    /** An IPv4 or IPv6 literal (never a name: no lookup happens here). */
    public static InetAddress ipAddress(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        byte[] bytes = AddressText.parse(t);
        if (bytes == null) {
            throw new IllegalArgumentException();
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 literal; the host is an IP literal or a
     * host name. {@code defaultPort} 0 means a port is required.
     */
    public static HostPort hostPort(String text, int defaultPort) {
        BeforePort split = BeforePort.of(text.trim());
        String host = split.before();
        String port = split.port();
        if (split.bracketed() || host.indexOf(':') >= 0 || digitsAndDots(host)) {
            if (AddressText.parse(host) == null) {
                throw new IllegalArgumentException();
            }
        } else if (!isHostName(host)) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or IP address");
        }
        if (port == null) {
            if (defaultPort == 0) {
                throw new IllegalArgumentException("a port is required");
            }
            return new HostPort(host, defaultPort);
        }
        return new HostPort(host, port(port));
    }

    /** Whether {@code text} is all digits and dots: meant as an IPv4 address (a check, not a regex, in premain). */
    private static boolean digitsAndDots(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** {@code NAME:PORT}, as a map entry from port to service name. */
    public static Map.Entry<Integer, String> servicePort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException();
        }
        return Map.entry(port(text.substring(colon + 1)), serviceName(text.substring(0, colon)));
    }

    /** {@code name:algorithm:base64secret}. */
    public static TsigKey tsig(String text) {
        String[] parts = text.trim().split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException();
        }
        String name = domain(parts[0]);
        String algorithm = parts[1].toLowerCase(Locale.ROOT);
        if (!TSIG_ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unknown algorithm '" + parts[1] + "', use one of "
                    + String.join(", ", new TreeSet<>(TSIG_ALGORITHMS)));
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret is not base64");
        }
        // The agent's key is made by dnsjava (Tsigs.of), whose decoder wants the padding and zero unused bits that
        // Java's does not check (and returns null, so the agent failed at start); Java's rejects characters outside the
        // alphabet, which dnsjava's does not. Passing both, a key accepted here works.
        if (base64.fromString(parts[2]) == null) {
            throw new IllegalArgumentException("the secret is not canonical base64 (padded with '=', as tsig-keygen "
                    + "writes it)");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("the secret is empty");
        }
        return new TsigKey(name, algorithm, parts[2]);
    }

    /**
     * {@code CIDR[:PORTS]}: {@code 10.0.0.0/8}, {@code 192.0.2.10} (one address), {@code 192.0.2.0/24:8000-8999},
     * {@code [2001:db8::]/32:443}, or a bare IPv6 network without ports ({@code 2001:db8::/32}).
     */
    public static AllowList.Rule allowRule(String text) {
        BeforePort split = BeforePort.of(text.trim());
        String network = split.before();
        String ports = split.port();
        int slash = network.indexOf('/');
        InetAddress address = ipAddress(slash < 0 ? network : network.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(network.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + network.substring(slash + 1) + "' is not a prefix length");
            }
        }
        int from = 1;
        int to = 65535;
        if (ports != null) {
            int dash = ports.indexOf('-');
            from = port(dash < 0 ? ports : ports.substring(0, dash));
            to = dash < 0 ? from : port(ports.substring(dash + 1));
        }
        return new AllowList.Rule(address, prefix, from, to);
    }

    /**
     * {@code [v6]REST:PORT} (brackets removed, {@code REST} kept, like a prefix length), a bare IPv6 literal (no port:
     * its colons leave no room for one) or {@code HOST:PORT}: what comes before the port, and the port's text (null
     * when there is none). Shared by {@code dns=}/{@code notify=} and {@code allow=}.
     */
    private record BeforePort(String before, String port, boolean bracketed) {
        static BeforePort of(String t) {
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("missing ']'");
                }
                String rest = t.substring(close + 1);
                int colon = rest.indexOf(':');
                return new BeforePort(t.substring(1, close) + (colon < 0 ? rest : rest.substring(0, colon)),
                        colon < 0 ? null : rest.substring(colon + 1), true);
            }
            int colon = t.indexOf(':');
            if (colon < 0 || colon != t.lastIndexOf(':')) {
                return new BeforePort(t, null, false);
            }
            return new BeforePort(t.substring(0, colon), t.substring(colon + 1), false);
        }
    }

    public static Drain drain(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ttl" -> Drain.TTL;
            case "off" -> Drain.OFF;
            default -> new Drain(false, duration(t));
        };
    }

    /** {@code off} (zero) or a positive duration. */
    public static Duration jitter(String text) {
        return text.trim().equalsIgnoreCase("off") ? Duration.ZERO : duration(text);
    }

    public static Unassigned unassigned(String text) {
        return choice(Unassigned.class, text);
    }

    public static LogLevel logLevel(String text) {
        return choice(LogLevel.class, text);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException();
        }
    }
}
