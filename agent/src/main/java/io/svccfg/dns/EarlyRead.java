package io.svccfg.dns;

import io.svccfg.config.HostPort;
import io.svccfg.config.ListeningPoint;
import io.svccfg.config.TsigKey;
import io.svccfg.tuple.AddressText;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The first read of a JVM, made with java.base alone before dnsjava starts. dnsjava's class initialisation (its
 * type table of 62 record classes and method references, the random source of its query ids, its logging look-up)
 * takes 150-300 ms on two CPUs; a server whose first act is a bind would wait for it. This reader asks the same
 * questions as {@link TupleSource#read} (the SOA serials first, then the SRV records) of the first {@code dns=}
 * server, over UDP, and takes an answer only when it is of the plainest kind: no CNAME, every record of the
 * question's name and type, every SRV target's addresses carried in the additional section, nothing truncated,
 * NOERROR or NXDOMAIN. For anything else (no answer within {@link #TIMEOUT}) it returns nothing, and the read is
 * dnsjava's, which asks again and checks everything as it always does: this reader only ever makes a read sooner,
 * never different. It is not made at all with a TSIG key, a listening point or a server given by name.
 */
public final class EarlyRead {
    /** How long this reader waits for all its answers before it leaves the read to dnsjava. */
    static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The most questions it sends at once, as {@link DnsServers#MAX_IN_FLIGHT}. */
    private static final int MAX_QUESTIONS = DnsServers.MAX_IN_FLIGHT;

    private final InetSocketAddress server;
    private final Duration timeout;
    private final AtomicLong questions = new AtomicLong();
    private volatile String lastRefusal;

    EarlyRead(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    /**
     * A reader when the options allow one: a first {@code dns=} server given as an address, no TSIG key, no
     * listening point (RFC 3263 is dnsjava's alone).
     */
    public static Optional<EarlyRead> of(List<HostPort> servers, Optional<TsigKey> tsig,
            List<ListeningPoint> points) {
        if (!possible(servers, tsig, points)) {
            return Optional.empty();
        }
        return Optional.of(new EarlyRead(servers.get(0).resolve(), TIMEOUT));
    }

    /** Whether {@link #of} gives a reader; it makes none (premain asks). */
    public static boolean possible(List<HostPort> servers, Optional<TsigKey> tsig, List<ListeningPoint> points) {
        return !servers.isEmpty() && tsig.isEmpty() && points.isEmpty() && isLiteral(servers.get(0).host());
    }

    /**
     * The read of {@code services} in {@code domains}, or empty when this reader cannot make it alone (then {@link
     * #lastRefusal} says why). Never throws.
     */
    public Optional<DnsRead> read(Collection<String> domains, Collection<ServiceType> services) {
        return read(domains, () -> services);
    }

    /**
     * Starts the JDK's classes that the first read needs and that no other part of svccfg starts sooner: those of
     * {@code InetAddress} (on JDK 25 its initialisation reads the security properties file) and of a datagram
     * socket (not in the JDK's class-data archive). Binds nothing. Never throws.
     */
    public static void warmUp() {
        InetAddress.getLoopbackAddress();
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.getLocalPort();
        } catch (IOException | RuntimeException e) {
            // the first read meets it again, and says so
        }
    }

    /**
     * As {@link #read(Collection, Collection)}, with the services to ask for taken once the serials are in: the first
     * read, begun as svccfg starts, then covers a bind that came meanwhile. Never throws.
     */
    public Optional<DnsRead> read(Collection<String> domains,
            Supplier<? extends Collection<ServiceType>> servicesAfterSerials) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            Asked asked = new Asked(socket, System.nanoTime() + timeout.toNanos());
            Map<String, Long> serials = serials(asked, domains);
            Collection<ServiceType> services = servicesAfterSerials.get();
            List<String> names = new ArrayList<>();
            for (String domain : domains) {
                for (ServiceType service : services) {
                    names.add(service.srvName(domain));
                }
            }
            List<WireMessage.Answer> answers = asked.answers(names, WireMessage.SRV);
            List<Tuple> tuples = new ArrayList<>();
            int i = 0;
            for (String domain : domains) {
                for (ServiceType service : services) {
                    tuples.addAll(tuples(answers.get(i++), service, domain));
                }
            }
            return Optional.of(new DnsRead(tuples, serials, Set.copyOf(services), List.of()));
        } catch (WireMessage.Refused e) {
            return refused(e.getMessage());
        } catch (SocketTimeoutException e) {
            return refused("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            return refused(e.toString());
        }
    }

    /** Why the last read that this reader could not make was left to dnsjava; null before any. */
    public String lastRefusal() {
        return lastRefusal;
    }

    /** The server asked, as {@code address:port}. */
    public List<String> servers() {
        return List.of(AddressText.of(server.getAddress(), server.getPort()));
    }

    /** How many questions this reader has sent. */
    public long questions() {
        return questions.get();
    }

    private Optional<DnsRead> refused(String why) {
        lastRefusal = why;
        return Optional.empty();
    }

    /** As {@code TupleSource}: the SOA of the answer section, else of the authority section; none for no SOA. */
    private static Map<String, Long> serials(Asked asked, Collection<String> domains) throws IOException,
            WireMessage.Refused {
        List<WireMessage.Answer> answers = asked.answers(List.copyOf(domains), WireMessage.SOA);
        Map<String, Long> serials = new LinkedHashMap<>();
        int i = 0;
        for (String domain : domains) {
            WireMessage.Answer answer = answers.get(i++);
            Long serial = serial(answer.answer());
            if (serial == null) {
                serial = serial(answer.authority());
            }
            if (serial != null) {
                serials.put(domain, serial);
            }
        }
        return serials;
    }

    private static Long serial(List<WireMessage.WireRecord> section) {
        for (WireMessage.WireRecord record : section) {
            if (record.data() instanceof WireMessage.Serial soa) {
                return soa.serial();
            }
        }
        return null;
    }

    /** The tuples of one SRV answer, in its order, each target's addresses as the additional section carries them. */
    private static List<Tuple> tuples(WireMessage.Answer answer, ServiceType service, String domain)
            throws WireMessage.Refused {
        List<Tuple> tuples = new ArrayList<>();
        for (WireMessage.WireRecord record : answer.answer()) {
            WireMessage.Service srv = (WireMessage.Service) record.data();
            if (srv.target().equals(".")) {
                continue;
            }
            if (srv.port() == 0) {
                throw new WireMessage.Refused("an SRV record with port 0");
            }
            List<WireMessage.WireRecord> carried = new ArrayList<>();
            for (WireMessage.WireRecord r : answer.additional()) {
                if (r.data() instanceof WireMessage.Address && r.dclass() == WireMessage.IN
                        && r.name().equals(srv.target())) {
                    carried.add(r);
                }
            }
            if (carried.isEmpty()) {
                throw new WireMessage.Refused("the addresses of " + srv.target() + " are not in the answer");
            }
            for (WireMessage.WireRecord address : carried) {
                InetAddress ip = ((WireMessage.Address) address.data()).address();
                if (Answers.notUnicast(ip) != null) {
                    throw new WireMessage.Refused("a target address that is not unicast");
                }
                tuples.add(new Tuple(service.service(), service.transport(), ip, srv.port(), srv.priority(),
                        srv.weight(), srv.target(), domain, Math.min(record.ttl(), address.ttl())));
            }
        }
        return tuples;
    }

    /** The questions of one read on one socket, each with an id of its own drawn from the kernel's random source. */
    private final class Asked {
        private final DatagramSocket socket;
        private final long deadline;
        private final byte[] ids;
        private int nextId;

        Asked(DatagramSocket socket, long deadline) throws IOException {
            this.socket = socket;
            this.deadline = deadline;
            // Two bytes an id, for two rounds of at most MAX_QUESTIONS (the serials, then the SRV records).
            this.ids = new byte[2 * 2 * MAX_QUESTIONS];
            // Not SecureRandom: its providers take tens of milliseconds to start, the cost this reader avoids.
            try (InputStream random = new FileInputStream("/dev/urandom")) {
                if (random.readNBytes(ids, 0, ids.length) != ids.length) {
                    throw new IOException("/dev/urandom gave too few bytes");
                }
            }
        }

        /** The answers to {@code names} (one question each, of {@code type}), in their order, each checked. */
        List<WireMessage.Answer> answers(List<String> names, int type) throws IOException, WireMessage.Refused {
            if (names.size() > MAX_QUESTIONS) {
                throw new WireMessage.Refused("more than " + MAX_QUESTIONS + " questions");
            }
            Map<Integer, Integer> byId = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                int id = ((ids[nextId] & 0xFF) << 8) | (ids[nextId + 1] & 0xFF);
                nextId += 2;
                if (byId.putIfAbsent(id, i) != null) {
                    throw new WireMessage.Refused("two questions drew the same id");
                }
                byte[] query = WireMessage.query(id, names.get(i), type);
                socket.send(new DatagramPacket(query, query.length));
                questions.incrementAndGet();
            }
            WireMessage.Answer[] answers = new WireMessage.Answer[names.size()];
            byte[] buffer = new byte[65535];
            for (int left = names.size(); left > 0; ) {
                int length = receive(buffer);
                WireMessage.Answer answer = WireMessage.parse(buffer, length);
                Integer i = byId.remove(answer.id());
                if (i == null) {
                    continue; // not an answer to a question outstanding: dnsjava would drop it too
                }
                check(answer, names.get(i), type);
                answers[i] = answer;
                left--;
            }
            return List.of(answers);
        }

        private int receive(byte[] buffer) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return packet.getLength();
        }
    }

    /**
     * The plainest answer only: a response to this query (QR, opcode QUERY, not truncated, NOERROR or NXDOMAIN,
     * the same question) whose answer section holds records of the question's name, type and class IN alone.
     */
    private static void check(WireMessage.Answer answer, String name, int type) throws WireMessage.Refused {
        if (!answer.response() || answer.opcode() != 0 || answer.truncated()) {
            throw new WireMessage.Refused("an answer that is not a plain response, or truncated");
        }
        if (answer.rcode() != WireMessage.NOERROR && answer.rcode() != WireMessage.NXDOMAIN) {
            throw new WireMessage.Refused("an answer with rcode " + answer.rcode());
        }
        String asked = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
        if (!answer.name().equals(asked) || answer.type() != type || answer.dclass() != WireMessage.IN) {
            throw new WireMessage.Refused("an answer to another question");
        }
        for (WireMessage.WireRecord record : answer.answer()) {
            if (!record.name().equals(asked) || record.type() != type || record.dclass() != WireMessage.IN) {
                throw new WireMessage.Refused("an answer with a record of another name, type or class");
            }
        }
    }

    /** An IPv4 or IPv6 literal, which {@link HostPort#resolve} turns into an address without asking anyone. */
    private static boolean isLiteral(String host) {
        boolean colon = host.indexOf(':') >= 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c == '.' || colon && (c == ':' || c >= 'a' && c <= 'f'
                    || c >= 'A' && c <= 'F' || c == '%');
            if (!ok) {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
