package io.svccfg.fleet;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DNS names a fleet file gives: host names (letters, digits and inner hyphens, RFC 1123), because the domain
 * and the server names become SRV targets with A/AAAA records, and SRV targets must be host names (RFC 2782).
 */
final class DnsNames {
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int NAME_MAX = 253; // without the trailing dot (RFC 1035's 255 octets on the wire)

    private DnsNames() {
    }

    /** One label of a host name: 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen. */
    static boolean isHostLabel(String text) {
        return HOST_LABEL.matcher(text).matches();
    }

    /**
     * A domain as the model keeps it: lower case (DNS compares names without case), without the trailing dot, which
     * may be written or not.
     *
     * @return empty if {@code text} is not a host name
     */
    static Optional<String> domain(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.length() > NAME_MAX) {
            return Optional.empty();
        }
        for (String label : name.split("\\.", -1)) {
            if (!isHostLabel(label)) {
                return Optional.empty();
            }
        }
        return Optional.of(name.toLowerCase(Locale.ROOT));
    }
}
