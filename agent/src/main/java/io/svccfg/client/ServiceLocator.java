package io.svccfg.client;

import io.svccfg.config.HostPort;
import io.svccfg.config.ListeningPoint;
import io.svccfg.config.OptionValues;
import io.svccfg.dns.TupleSource;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client side of svccfg: finds the servers of a service in DNS and connects to them as RFC 2782 says, failing
 * over to the next server when one cannot be reached.
 *
 * <pre>{@code
 * ServiceLocator dns = ServiceLocator.using("127.0.0.1:5353");
 * try (Socket s = dns.connect("example.com", "smtp", Duration.ofSeconds(2))) { ... }
 * }</pre>
 */
public final class ServiceLocator {
    private final TupleSource source;
    private final RandomGenerator random;

    private ServiceLocator(TupleSource source, RandomGenerator random) {
        this.source = source;
        this.random = random;
    }

    /** Asks the system's resolvers. */
    public static ServiceLocator usingSystemResolvers() {
        return using();
    }

    /** Asks these DNS servers ({@code host[:port]}), in order. */
    public static ServiceLocator using(String... dnsServers) {
        List<HostPort> servers = java.util.Arrays.stream(dnsServers).map(s -> OptionValues.hostPort(s, 53)).toList();
        return new ServiceLocator(new TupleSource(servers, Optional.empty(), TupleSource.DEFAULT_TIMEOUT),
                RandomGenerator.getDefault());
    }

    /** The tuples of {@code _service._transport.domain}, in the order to try them. */
    public List<Tuple> locate(String domain, String service, Transport transport) throws IOException {
        ServiceType type = new ServiceType(OptionValues.serviceName(service), transport);
        return Rfc2782.order(source.tuples(OptionValues.domain(domain), type), random);
    }

    /**
     * The tuples of a SIP URI ({@code sip:example.com}, {@code sips:example.com;transport=tcp}...) in the order to
     * try them: as RFC 3263 resolves it (NAPTR order and preference, then SRV, then A/AAAA), each SRV set in RFC 2782
     * order. A transport is the tuple's: try UDP tuples over UDP.
     *
     * @throws IllegalArgumentException when {@code sipUri} is not a SIP URI svccfg reads
     */
    public List<Tuple> locate(String sipUri) throws IOException {
        return Rfc2782.order(source.resolve(ListeningPoint.parse(sipUri)), random).stream()
                .flatMap(step -> step.tuples().stream()).toList();
    }

    /** What {@code attempt} gives for the first server of a SIP URI it reaches, in {@link #locate(String)}'s order. */
    public <T> T connect(String sipUri, Failover.Attempt<T> attempt) throws IOException {
        return Failover.connect(sipUri, locate(sipUri), attempt);
    }

    /** Connects over TCP to the first server of the service that accepts, within {@code timeout} each. */
    public Socket connect(String domain, String service, Duration timeout) throws IOException {
        return connect(domain, service, Transport.TCP, tuple -> {
            Socket socket = new Socket();
            try {
                socket.connect(tuple.endpoint().socketAddress(), (int) timeout.toMillis());
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        });
    }

    /** The result of the first server for which {@code attempt} succeeds. */
    public <T> T connect(String domain, String service, Transport transport, Failover.Attempt<T> attempt)
            throws IOException {
        List<Tuple> ordered = locate(domain, service, transport);
        String what = new ServiceType(OptionValues.serviceName(service), transport).srvName(OptionValues.domain(domain));
        return Failover.connect(what, ordered, attempt);
    }
}
