package io.svccfg.demo.fig1;

import io.svccfg.demo.dns.DnsServer;
import io.svccfg.demo.dns.DnsZone;
import io.svccfg.demo.dns.TsigKeys;
import io.svccfg.demo.dns.ZoneFileException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Update;

/**
 * What the demo starts, and stops again: the DNS server (in this JVM) and the five server JVMs, which share a TSIG
 * key with it and each take NOTIFY on their own address.
 */
final class Fleet implements AutoCloseable {
    static final String KEY_NAME = "svccfg-demo";
    private static final String KEY_ALGORITHM = "hmac-sha256";
    static final String DNS_ADDRESS = "127.0.0.120";
    private static final int DNS_PORT = 53;
    private static final int NOTIFY_PORT = 10054;

    private final Jars jars;
    private final Path logs;
    private final String keySecret;
    private final Map<Integer, ServerJvm> servers = new TreeMap<>();
    private DnsServer dns;
    /** The DNS server's lines (each update, each NOTIFY and its answer), kept beside the servers' logs. */
    private PrintWriter dnsLog;
    private int notifyPort;

    Fleet(Jars jars, Path logs) {
        this.jars = jars;
        this.logs = logs;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.keySecret = Base64.getEncoder().encodeToString(secret);
    }

    Jars jars() {
        return jars;
    }

    /**
     * Starts the DNS server on 127.0.0.120, port 53 (or that plus 10000, or any port, when taken or not allowed),
     * notifying every server's NOTIFY address after each change.
     */
    synchronized void startDns(Fig1Table table) throws StepFailed {
        startDns(table.zone(DNS_ADDRESS), table.portOffset());
    }

    /** As {@link #startDns(Fig1Table)}, with a zone file of the caller's whose name server is {@link #DNS_ADDRESS}. */
    synchronized void startDns(String zoneText, int portOffset) throws StepFailed {
        notifyPort = freeOnEveryHost(NOTIFY_PORT);
        List<InetSocketAddress> notify = new ArrayList<>();
        for (int host : Fig1Table.HOSTS) {
            notify.add(new InetSocketAddress(Fig1Table.address(host), notifyPort));
        }
        DnsZone zone;
        try {
            zone = DnsZone.fromText(zoneText, Optional.empty());
        } catch (ZoneFileException e) {
            throw new StepFailed("the demo's own zone does not load: " + e.getMessage(), e);
        }
        try {
            dnsLog = new PrintWriter(Files.newBufferedWriter(logs.resolve("dns.log")), true);
        } catch (IOException e) {
            throw new StepFailed("cannot write " + logs.resolve("dns.log") + ": " + e.getMessage(), e);
        }
        IOException last = null;
        for (int port : new int[] {DNS_PORT + portOffset, DNS_PORT + Fig1Table.OFFSET, 0}) {
            try {
                dns = DnsServer.start(zone, new InetSocketAddress(DNS_ADDRESS, port), notify, Optional.of(key()),
                        line -> dnsLog.println(LocalTime.now() + " " + line));
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new StepFailed("the DNS server cannot listen on " + DNS_ADDRESS + ": " + last.getMessage(), last);
    }

    String dnsHostPort() {
        InetSocketAddress address = dns.address();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    String notifyHostPort(int host) {
        return Fig1Table.address(host) + ":" + notifyPort;
    }

    /** {@code NAME:ALGORITHM:SECRET}, as svccfg's {@code tsig=} and {@code --tsig} take the key. */
    String tsig() {
        return KEY_NAME + ":" + KEY_ALGORITHM + ":" + keySecret;
    }

    /** {@code ALGORITHM:NAME:SECRET}, as {@code nsupdate -y} takes the key. */
    String tsigForNsupdate() {
        return KEY_ALGORITHM + ":" + KEY_NAME + ":" + keySecret;
    }

    /** Starts {@code host}'s server JVM under the agent, with the fleet's options and {@code moreOptions}. */
    synchronized ServerJvm startServer(int host, String... moreOptions) throws StepFailed {
        String options = String.join(",", "domain=" + Fig1Table.DOMAIN, "dns=" + dnsHostPort(),
                "address=" + Fig1Table.address(host), "notify=" + notifyHostPort(host),
                "tsig=" + tsig(), "poll=1h", "idle-poll=1h");
        for (String option : moreOptions) {
            options += "," + option;
        }
        try {
            ServerJvm server = ServerJvm.start(host, jars, options, logs);
            servers.put(host, server);
            return server;
        } catch (IOException e) {
            throw new StepFailed("cannot start " + Fig1Table.hostName(host) + ": " + e.getMessage(), e);
        }
    }

    synchronized ServerJvm server(int host) {
        return servers.get(host);
    }

    synchronized boolean anyExited() {
        return servers.values().stream().anyMatch(s -> !s.isAlive());
    }

    void stop(int host) {
        server(host).stop();
    }

    /** One RFC 2136 update, signed: {@code row}'s SRV record now names host {@code to} instead of {@code from}. */
    void updateHttp(Fig1Table.Row row, int from, int to, Fig1Table table) throws StepFailed {
        try {
            Name zone = Name.fromString(Fig1Table.DOMAIN + ".");
            Name owner = Name.fromString("_" + row.service() + "._tcp", zone);
            Update update = new Update(zone);
            update.delete(srv(owner, row, table, Name.fromString(Fig1Table.hostName(from), zone)));
            update.add(srv(owner, row, table, Name.fromString(Fig1Table.hostName(to), zone)));
            SimpleResolver resolver = new SimpleResolver(dns.address());
            resolver.setTSIGKey(key());
            resolver.setTimeout(Duration.ofSeconds(2));
            Message answer = resolver.send(update);
            if (answer.getRcode() != Rcode.NOERROR) {
                throw new StepFailed("the DNS server refused the update: " + Rcode.string(answer.getRcode()));
            }
        } catch (IOException e) {
            throw new StepFailed("the update did not reach the DNS server: " + e.getMessage(), e);
        }
    }

    /** Prints where each server's log is, and its last lines, after a failed step. */
    synchronized void reportLogs(PrintStream out) {
        for (ServerJvm server : servers.values()) {
            out.println("--- " + server.name() + " (" + server.log() + "), last lines ---");
            out.println(server.logTail(15));
        }
    }

    /** Stops every server, then the DNS server; safe to call again, from the shutdown hook too. */
    @Override
    public synchronized void close() {
        servers.values().forEach(ServerJvm::stop);
        if (dns != null) {
            dns.close();
            dnsLog.close();
        }
    }

    private SRVRecord srv(Name owner, Fig1Table.Row row, Fig1Table table, Name target) {
        return new SRVRecord(owner, DClass.IN, 60, row.priority(), 100, table.port(row), target);
    }

    private TSIG key() {
        return TsigKeys.parse(tsig());
    }

    /** The first port from {@code first} on that is free for UDP and TCP on all five addresses. */
    private static int freeOnEveryHost(int first) throws StepFailed {
        for (int port = first; port < first + 100; port++) {
            if (freeOnEveryHostAt(port)) {
                return port;
            }
        }
        throw new StepFailed("no port from " + first + " to " + (first + 99) + " is free on 127.0.0.121-125");
    }

    private static boolean freeOnEveryHostAt(int port) {
        for (int host : Fig1Table.HOSTS) {
            try {
                InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(Fig1Table.address(host)), port);
                try (DatagramSocket udp = new DatagramSocket(at); ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(at);
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
