package io.svccfg.notify;

import io.svccfg.config.Config;
import io.svccfg.config.HostPort;
import io.svccfg.dns.Tsigs;
import io.svccfg.interception.Interception;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts DNS NOTIFY on {@code notify=host:port}, over UDP (BIND) and TCP (Knot), each on a daemon thread of its
 * own. Every NOTIFY gets an answer; an accepted one asks for a read (which the reconciler coalesces); a refused one
 * is counted and logged at debug.
 */
public final class NotifyReceiver {
    private static final Logger log = LoggerFactory.getLogger(NotifyReceiver.class);
    private static final int TCP_IDLE_MILLIS = 5000;

    private final NotifyHandler handler;
    private final Runnable onNotify;
    private final AtomicLong refused = new AtomicLong();
    private final DatagramSocket udp;
    private final ServerSocket tcp;

    private NotifyReceiver(NotifyHandler handler, Runnable onNotify, InetSocketAddress at) throws IOException {
        this.handler = handler;
        this.onNotify = onNotify;
        this.udp = new DatagramSocket(at);
        try {
            this.tcp = new ServerSocket(at.getPort(), 50, at.getAddress());
        } catch (IOException e) {
            udp.close();
            throw e;
        }
    }

    /**
     * Opens the listener on the calling thread (an agent thread, so that the agent does not manage its own
     * sockets) and starts serving; {@code onNotify} runs for every accepted NOTIFY.
     */
    public static NotifyReceiver start(Config config, HostPort at, Runnable onNotify) throws IOException {
        NotifyHandler handler = new NotifyHandler(config.domains(), config.tsig().map(Tsigs::of).orElse(null));
        NotifyReceiver receiver = new NotifyReceiver(handler, onNotify, at.resolve());
        daemon("svccfg-notify-udp", receiver::serveUdp);
        daemon("svccfg-notify-tcp", receiver::serveTcp);
        log.info("accepting DNS NOTIFY on {} (UDP and TCP){}", at, config.tsig().isPresent() ? ", signed only" : "");
        return receiver;
    }

    /** NOTIFYs refused so far (unsigned, badly signed, for another zone, malformed). */
    public long refused() {
        return refused.get();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] answer = handle(Arrays.copyOf(packet.getData(), packet.getLength()), packet.getSocketAddress());
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                log.debug("NOTIFY over UDP: {}", e.toString());
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket connection = tcp.accept()) {
                connection.setSoTimeout(TCP_IDLE_MILLIS);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                DataOutputStream out = new DataOutputStream(connection.getOutputStream());
                // One connection may carry several messages, each behind its two-byte length (RFC 1035 4.2.2).
                while (true) {
                    byte[] message = new byte[in.readUnsignedShort()];
                    in.readFully(message);
                    byte[] answer = handle(message, connection.getRemoteSocketAddress());
                    if (answer != null) {
                        out.writeShort(answer.length);
                        out.write(answer);
                        out.flush();
                    }
                }
            } catch (EOFException | SocketTimeoutException e) {
                // the peer is done
            } catch (IOException e) {
                log.debug("NOTIFY over TCP: {}", e.toString());
            }
        }
    }

    private byte[] handle(byte[] message, Object from) {
        NotifyHandler.Outcome outcome = handler.handle(message);
        if (outcome.read()) {
            log.debug("{} from {}", outcome.why(), from);
            onNotify.run();
        } else {
            refused.incrementAndGet();
            log.debug("refused {} from {}", outcome.why(), from);
        }
        return outcome.answer().orElse(null);
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            Interception.markAgentThread();
            work.run();
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
