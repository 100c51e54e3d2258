package io.svccfg.config;

import io.svccfg.tuple.AddressText;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A SIP URI whose resolution (RFC 3263) says where this host's SIP listeners open: {@code sip:example.com},
 * {@code sips:example.com}, {@code sip:example.com:5070}, {@code sip:example.com;transport=tcp}. Only what RFC 3263
 * uses to find a server is taken: the scheme, the host, the port and the transport parameter. A user part or any
 * other parameter is refused rather than ignored, since a listening point names a host, and an ignored
 * {@code maddr=} would send the listeners somewhere the operator did not mean.
 *
 * @param scheme    {@code sip} or {@code sips}, lower case
 * @param host      a host name (lower case, no trailing dot) or an IP literal (IPv6 without brackets)
 * @param port      the port written in the URI, if any
 * @param transport the {@code transport=} parameter, if any
 */
public record ListeningPoint(String scheme, String host, OptionalInt port, Optional<Transport> transport) {
    public static final String SIP = "sip";
    public static final String SIPS = "sips";
    public static final int SIP_PORT = 5060;
    public static final int SIPS_PORT = 5061;
    /** What {@link OptionValues#hostPort} gives for a URI without a port. */
    private static final int NO_PORT = -1;

    /** Parses a SIP URI; the message of the exception says what is wrong. */
    public static ListeningPoint parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + t + "' has no scheme");
        }
        String scheme = t.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals(SIP) && !scheme.equals(SIPS)) {
            throw new IllegalArgumentException("unknown scheme '" + scheme + "'");
        }
        String rest = t.substring(colon + 1);
        if (rest.indexOf('@') >= 0) {
            throw new IllegalArgumentException("a user part names a user, not a host");
        }
        if (rest.indexOf('?') >= 0) {
            throw new IllegalArgumentException("headers (?...) are not part of a listening point");
        }
        String[] parts = rest.split(";", -1);
        Optional<Transport> transport = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            transport = Optional.of(transport(parts[i], transport, scheme));
        }
        HostPort hostPort = OptionValues.hostPort(parts[0], NO_PORT);
        String host = isAddressText(hostPort.host()) ? AddressText.of(OptionValues.ipAddress(hostPort.host()))
                : OptionValues.domain(hostPort.host());
        OptionalInt port = hostPort.port() == NO_PORT ? OptionalInt.empty() : OptionalInt.of(hostPort.port());
        return new ListeningPoint(scheme, host, port, transport);
    }

    private static Transport transport(String parameter, Optional<Transport> before, String scheme) {
        int eq = parameter.indexOf('=');
        String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
        if (!name.equals("transport")) {
            throw new IllegalArgumentException("unsupported parameter '" + parameter + "'; svccfg reads transport="
                    + " only");
        }
        if (before.isPresent()) {
            throw new IllegalArgumentException("transport= is given twice");
        }
        String value = eq < 0 ? "" : parameter.substring(eq + 1).toLowerCase(Locale.ROOT);
        if (!value.equals("udp") && !value.equals("tcp")) {
            throw new IllegalArgumentException("transport '" + value + "' is not udp or tcp (SCTP and WebSocket are"
                    + " not supported)");
        }
        Transport transport = Transport.parse(value);
        if (scheme.equals(SIPS) && transport == Transport.UDP) {
            throw new IllegalArgumentException("sips runs over TLS, on TCP: transport=udp cannot be sips");
        }
        return transport;
    }

    private static boolean isAddressText(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    /**
     * The names whose zones' SOA serials vouch for the tuples of {@code domains} and {@code points}: the domains and
     * the hosts of the listening points (an IP literal has no zone), each once, in order.
     */
    public static List<String> names(Collection<String> domains, Collection<ListeningPoint> points) {
        Set<String> names = new LinkedHashSet<>(domains);
        for (ListeningPoint point : points) {
            if (!point.hostIsAddress()) {
                names.add(point.host());
            }
        }
        return List.copyOf(names);
    }

    /** Whether the host is an IP literal: the URI then needs no DNS at all. */
    public boolean hostIsAddress() {
        return isAddressText(host);
    }

    /** The IP literal of the host; call only when {@link #hostIsAddress}. */
    public InetAddress address() {
        return OptionValues.ipAddress(host);
    }

    /** The port a transport uses when neither the URI nor SRV gives one: 5060 for sip, 5061 for sips. */
    public int defaultPort() {
        return scheme.equals(SIPS) ? SIPS_PORT : SIP_PORT;
    }

    /**
     * The services this URI can give tuples of: with {@code transport=}, only that one; otherwise {@code sip/udp},
     * {@code sip/tcp} and (through NAPTR) {@code sips/tcp} for a sip URI, {@code sips/tcp} for a sips URI.
     */
    public List<ServiceType> services() {
        List<ServiceType> services = new ArrayList<>();
        if (scheme.equals(SIPS)) {
            services.add(new ServiceType(SIPS, Transport.TCP));
        } else if (transport.isPresent()) {
            services.add(new ServiceType(SIP, transport.get()));
        } else {
            services.add(new ServiceType(SIP, Transport.UDP));
            services.add(new ServiceType(SIP, Transport.TCP));
            if (port.isEmpty()) {
                services.add(new ServiceType(SIPS, Transport.TCP));
            }
        }
        return services;
    }

    /** The URI as written back: scheme, host (IPv6 in brackets), port and transport when given. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + ":" + h + (port.isPresent() ? ":" + port.getAsInt() : "")
                + transport.map(tr -> ";transport=" + tr.label()).orElse("");
    }
}
