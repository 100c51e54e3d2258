package io.svccfg.fleet;

import io.svccfg.tuple.AddressText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals, parsed without ever asking DNS: a fleet file states the addresses to publish, a name there is
 * a mistake, and resolving it would publish whatever the resolver of the administrator's machine says today.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** @return empty if {@code text} is not an IPv4 dotted quad or an IPv6 address */
    static Optional<InetAddress> parse(String text) {
        // Strict: InetAddress alone would also take 10.1 or a zone (%eth0: it would query the interfaces).
        byte[] bytes = AddressText.parse(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            // ::ffff:10.0.0.1 comes back as an IPv4 address; the file should say which record it means.
            if (bytes.length == 16 && address instanceof Inet4Address) {
                return Optional.empty();
            }
            return Optional.of(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
