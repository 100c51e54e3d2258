package io.svccfg.config;

import io.svccfg.log.LogLevel;
import io.svccfg.plan.AllowList;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent's options, parsed and checked (see README for each key).
 *
 * @param dns        the DNS servers to ask, in order; empty means the system resolvers
 * @param notifyOn   where to accept DNS NOTIFY ({@code notify=})
 * @param firstReadWait how long a managed bind waits for a DNS read that asked for its service
 * @param flapDamping   the least time between two moves of one listener
 * @param addresses  the identity given with {@code address=}; empty means every address of the host's interfaces
 * @param allow      where DNS may put this host's listeners ({@code allow=})
 * @param drain      how long a moved TCP listener's old endpoint keeps accepting ({@code drain=})
 * @param notifyJitter the most a read for a NOTIFY is put off at random, so that a fleet's reads spread out
 * @param listeningPoints the SIP URIs whose RFC 3263 resolution gives tuples too ({@code listening-point=})
 */
public record Config(
        List<String> domains,
        List<HostPort> dns,
        ServicePorts services,
        List<InetAddress> addresses,
        Duration poll,
        Duration idlePoll,
        Optional<HostPort> notifyOn,
        Optional<TsigKey> tsig,
        Unassigned unassigned,
        LogLevel log,
        Duration firstReadWait,
        Duration flapDamping,
        AllowList allow,
        Drain drain,
        Duration notifyJitter,
        List<ListeningPoint> listeningPoints) {

    public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_POLL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_FIRST_READ_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_FLAP_DAMPING = Duration.ofMillis(500);
    public static final Duration DEFAULT_NOTIFY_JITTER = Duration.ofMillis(100);

    public Config {
        domains = List.copyOf(domains);
        dns = List.copyOf(dns);
        addresses = List.copyOf(addresses);
        listeningPoints = List.copyOf(listeningPoints);
    }

    /**
     * The names whose zones' SOA serials vouch for the tuples, and for which a NOTIFY is accepted: the domains and the
     * hosts of the listening points (an IP literal has no zone).
     */
    public List<String> names() {
        return ListeningPoint.names(domains, listeningPoints);
    }
}
