package io.svccfg.notify;

import io.svccfg.config.Config;
import io.svccfg.config.HostPort;
import io.svccfg.dns.Tsigs;
import io.svccfg.interception.AgentThreads;
import io.svccfg.log.Logs;
import io.svccfg.tuple.AddressText;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Accepts DNS NOTIFY on {@code notify=host:port}, over UDP (BIND) and TCP (Knot), on two threads of its own. Every
 * NOTIFY gets an answer; an accepted one asks for a read (which the reconciler coalesces); a refused one is counted
 * and logged at debug, and costs no DNS read. No message, of any size or content, stops or stalls either thread:
 * whatever handling one message throws is logged and the next message is served.
 */
public final class NotifyReceiver {
    private static final Logger log = Logs.of(NotifyReceiver.class);

    private final Function<byte[], NotifyHandler.Outcome> handler;
    private final NotifyLimits limits;
    private final Notice.Listener onNotify;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final DatagramSocket udp;
    private final TcpNotifyServer tcp;

    /** {@code handler} judges one message ({@link NotifyHandler#handle}). */
    NotifyReceiver(Function<byte[], NotifyHandler.Outcome> handler, NotifyLimits limits, Notice.Listener onNotify,
            InetSocketAddress at) throws IOException {
        this.handler = handler;
        this.limits = limits;
        this.onNotify = onNotify;
        this.udp = new DatagramSocket(at);
        try {
            this.tcp = new TcpNotifyServer(new InetSocketAddress(at.getAddress(), udp.getLocalPort()), limits,
                    this::handle);
        } catch (IOException | RuntimeException e) {
            udp.close();
            throw e;
        }
    }

    /**
     * Opens the listener on the calling thread (an agent thread, so that the agent does not manage its own
     * sockets) and starts serving; {@code onNotify} runs for every accepted NOTIFY.
     */
    public static NotifyReceiver start(Config config, HostPort at, Notice.Listener onNotify) throws IOException {
        NotifyHandler handler = new NotifyHandler(config.names(), config.tsig().map(Tsigs::of).orElse(null));
        NotifyReceiver receiver = new NotifyReceiver(handler::handle, NotifyLimits.DEFAULT, onNotify, at.resolve());
        receiver.serve();
        log.info("accepting DNS NOTIFY on {} (UDP and TCP){}", at, config.tsig().isPresent() ? ", signed only" : "");
        return receiver;
    }

    void serve() {
        AgentThreads.start("svccfg-notify-udp", this::serveUdp);
        AgentThreads.start("svccfg-notify-tcp", tcp::serve);
    }

    /** NOTIFYs refused so far (unsigned, badly signed, for another zone, malformed, too large). */
    public long refused() {
        return refused.get();
    }

    /** The port it listens on, UDP and TCP. */
    int port() {
        return udp.getLocalPort();
    }

    void close() {
        udp.close();
        tcp.close();
    }

    private void serveUdp() {
        // One byte more than the limit: a datagram that fills it was too large (the kernel drops the rest).
        byte[] buffer = new byte[limits.maxMessage() + 1];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] answer = handle(Arrays.copyOf(packet.getData(), packet.getLength()), packet.getSocketAddress());
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                if (!udp.isClosed()) {
                    log.debug("NOTIFY over UDP: {}", e.toString());
                }
            }
        }
    }

    /** Judges one message; returns its answer or null. Never throws: one message never stops the receiver. */
    private byte[] handle(byte[] message, SocketAddress from) {
        try {
            return judge(message, from);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            refused.incrementAndGet();
            // Rate-limited: a peer sending the same bad bytes again and again must not fill the log.
            if (unexpected.getAndIncrement() == 0) {
                log.warn("NOTIFY from {} could not be handled ({}); refused, and such failures are logged at "
                        + "debug from now on", AddressText.of(from), e.toString());
            } else {
                log.debug("NOTIFY from {} could not be handled: {}", AddressText.of(from), e.toString());
            }
            return null;
        }
    }

    private byte[] judge(byte[] message, SocketAddress from) {
        if (message.length > limits.maxMessage()) {
            refused.incrementAndGet();
            log.debug("refused a message of more than {} bytes from {}", limits.maxMessage(), AddressText.of(from));
            return null;
        }
        NotifyHandler.Outcome outcome = handler.apply(message);
        if (outcome.notice().isPresent()) {
            log.debug("{} from {}", outcome.why(), AddressText.of(from));
            onNotify.notified(outcome.notice().get());
        } else {
            refused.incrementAndGet();
            log.debug("refused {} from {}", outcome.why(), AddressText.of(from));
        }
        return outcome.answer().orElse(null);
    }
}
