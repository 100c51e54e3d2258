package io.svccfg.demo.dns;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.xbill.DNS.TSIG;

/**
 * The demo's authoritative DNS server: one zone, UDP and TCP on one address and port, TSIG-signed RFC 2136 updates,
 * NOTIFY after each change. Started in-process by the demo, or from the command line by {@link DnsCommand}.
 */
public final class DnsServer implements AutoCloseable {
    /** Tries for one port free for both UDP and TCP when the caller asks for any port (0). */
    private static final int BIND_TRIES = 20;

    /** One whole line at a time, flushed: tests and the demo read these lines as they come. */
    public static final Consumer<String> STDOUT = line -> {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    };

    private final ZoneStore store;
    private final InetSocketAddress address;
    private final UdpServer udp;
    private final TcpServer tcp;
    private final Notifier notifier;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DnsServer(ZoneStore store, InetSocketAddress address, UdpServer udp, TcpServer tcp, Notifier notifier) {
        this.store = store;
        this.address = address;
        this.udp = udp;
        this.tcp = tcp;
        this.notifier = notifier;
    }

    /** {@link #start(DnsZone, InetSocketAddress, List, Optional, Consumer)} with its lines on stdout. */
    public static DnsServer start(DnsZone zone, InetSocketAddress listen, List<InetSocketAddress> notifyTargets,
            Optional<TSIG> key) throws IOException {
        return start(zone, listen, notifyTargets, key, STDOUT);
    }

    /**
     * Binds UDP and TCP on {@code listen} (port 0: any port free for both), starts serving, and reports the start,
     * each update and each NOTIFY outcome as one line to {@code log}. Without a key every update is refused.
     */
    public static DnsServer start(DnsZone zone, InetSocketAddress listen, List<InetSocketAddress> notifyTargets,
            Optional<TSIG> key, Consumer<String> log) throws IOException {
        DatagramSocket datagrams = null;
        ServerSocket streams = null;
        for (int tries = 1; streams == null; tries++) {
            datagrams = new DatagramSocket(listen);
            InetSocketAddress bound = new InetSocketAddress(listen.getAddress(), datagrams.getLocalPort());
            try {
                streams = new ServerSocket();
                streams.setReuseAddress(true);
                streams.bind(bound, 64);
            } catch (IOException e) {
                datagrams.close();
                streams = null;
                // The UDP port is taken for TCP; another random one may be free for both, a given one will not.
                if (listen.getPort() != 0 || tries >= BIND_TRIES || !(e instanceof BindException)) {
                    throw e;
                }
            }
        }
        InetSocketAddress address = new InetSocketAddress(listen.getAddress(), datagrams.getLocalPort());
        ZoneStore store = new ZoneStore(zone);
        Notifier notifier = new Notifier(notifyTargets, key, log);
        Responder responder = new Responder(store, key, notifier::changed, log);
        DnsServer server = new DnsServer(store, address, new UdpServer(datagrams, responder, log),
                new TcpServer(streams, responder, log), notifier);
        server.udp.start();
        server.tcp.start();
        log.accept("dns serving " + zone.origin() + " serial " + zone.serial() + " (" + zone.size() + " records) on "
                + Responder.show(address) + " udp+tcp, notify " + notifyTargets.stream().map(Responder::show)
                        .collect(Collectors.joining(", ", "[", "]"))
                + ", " + key.map(k -> "updates need key " + TsigKeys.name(k))
                        .orElse("updates refused (no TSIG key set)"));
        return server;
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** The zone version now in service. */
    public DnsZone zone() {
        return store.current();
    }

    public long serial() {
        return store.current().serial();
    }

    /** Closes both sockets and stops the threads and NOTIFY retries; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        notifier.close();
        udp.close();
        tcp.close();
    }
}
