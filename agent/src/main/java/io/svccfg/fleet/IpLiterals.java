package io.svccfg.fleet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without ever asking DNS: a fleet file states the addresses to publish, a name there is
 * a mistake, and resolving it would publish whatever the resolver of the administrator's machine says today.
 */
final class IpLiterals {
    // Strict dotted quad: InetAddress alone would also take 10.1 or 0x0a.1.1.1, which nobody means in a zone.
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    // IPv6 text with an optional dotted-quad tail; no zone (%eth0: it would query the interfaces), no brackets.
    // It must start with a hex digit or a colon and hold a colon: only such text does InetAddress take as a
    // literal and refuse without a lookup when it is no address.
    private static final Pattern IPV6_CHARS = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /** @return empty if {@code text} is not an IPv4 dotted quad or an IPv6 address */
    static Optional<InetAddress> parse(String text) {
        boolean ipv4 = IPV4.matcher(text).matches();
        if (!ipv4 && !IPV6_CHARS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // Only a literal reaches here, and InetAddress parses a literal without any lookup.
            InetAddress address = InetAddress.getByName(text);
            // ::ffff:10.0.0.1 comes back as an IPv4 address; the file should say which record it means.
            if (!ipv4 && address instanceof Inet4Address) {
                return Optional.empty();
            }
            return Optional.of(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
