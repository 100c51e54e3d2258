package io.svccfg.demo.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Sends DNS NOTIFY (RFC 1996) to each target after a change, at once and on its own threads so that the update's
 * answer never waits for it; tries each target a few times, a second apart, until a NOTIFY response comes back.
 */
final class Notifier implements AutoCloseable {
    static final int TRIES = 3;
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final List<InetSocketAddress> targets;
    private final Optional<TSIG> key;
    private final Consumer<String> log;
    private final ScheduledExecutorService executor;
    private final AtomicInteger ids = new AtomicInteger((int) System.nanoTime());

    Notifier(List<InetSocketAddress> targets, Optional<TSIG> key, Consumer<String> log) {
        this.targets = List.copyOf(targets);
        this.key = key;
        this.log = log;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(Math.max(1, Math.min(4, targets.size())),
                r -> {
                    Thread t = new Thread(r, "dns-notify");
                    t.setDaemon(true);
                    return t;
                });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    /** Starts notifying every target of this zone version; returns at once. */
    void changed(DnsZone zone) {
        for (InetSocketAddress target : targets) {
            Attempts attempts = new Attempts(target, zone.soa(), ids.incrementAndGet() & 0xffff);
            executor.execute(() -> attempts.run(1));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The tries for one target and one SOA; each try waits up to {@link #INTERVAL} for the answer. */
    private final class Attempts {
        private final InetSocketAddress target;
        private final SOARecord soa;
        private final int id;

        Attempts(InetSocketAddress target, SOARecord soa, int id) {
            this.target = target;
            this.soa = soa;
            this.id = id;
        }

        void run(int attempt) {
            long deadline = System.nanoTime() + INTERVAL.toNanos();
            Optional<Message> answer;
            String failure;
            // A new socket per try: a late answer to an earlier try then cannot be mistaken for this one's.
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.connect(target);
                byte[] wire = request().toWire(Responder.MAX_UDP);
                socket.send(new DatagramPacket(wire, wire.length));
                answer = await(socket, deadline);
                failure = "no answer";
            } catch (PortUnreachableException e) {
                answer = Optional.empty();
                failure = "port unreachable";
            } catch (IOException e) {
                answer = Optional.empty();
                failure = e.toString();
            }
            if (answer.isPresent()) {
                log.accept("notify " + Responder.show(target) + ": serial " + soa.getSerial() + " answered "
                        + Rcode.string(answer.get().getRcode()) + signature(answer.get()) + " after " + attempt
                        + (attempt == 1 ? " try" : " tries"));
            } else if (attempt >= TRIES || executor.isShutdown()) {
                log.accept("notify " + Responder.show(target) + ": serial " + soa.getSerial() + " unanswered after "
                        + attempt + " tries (" + failure + ")");
            } else {
                long wait = Math.max(0, deadline - System.nanoTime());
                try {
                    executor.schedule(() -> run(attempt + 1), wait, TimeUnit.NANOSECONDS);
                } catch (RuntimeException e) {
                    // the server is closing: no more tries
                }
            }
        }

        /** RFC 1996 3.6: opcode NOTIFY, AA, question zone/SOA/IN, the new SOA in the answer section. */
        private Message request() {
            Message m = new Message(id);
            m.getHeader().setOpcode(Opcode.NOTIFY);
            m.getHeader().setFlag(Flags.AA);
            m.addRecord(Record.newRecord(soa.getName(), Type.SOA, DClass.IN), Section.QUESTION);
            m.addRecord(soa, Section.ANSWER);
            key.ifPresent(k -> m.setTSIG(k));
            return m;
        }

        /** The NOTIFY response to this try: same ID, QR, opcode NOTIFY; anything else on the socket is ignored. */
        private Optional<Message> await(DatagramSocket socket, long deadline) throws IOException {
            byte[] buffer = new byte[Responder.MAX_UDP];
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                try {
                    Message m = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                    if (m.getHeader().getID() == id && m.getHeader().getFlag(Flags.QR)
                            && m.getHeader().getOpcode() == Opcode.NOTIFY) {
                        return Optional.of(m);
                    }
                } catch (IOException e) {
                    // not DNS: keep waiting for the real answer
                }
            }
        }

        private String signature(Message answer) {
            if (key.isEmpty()) {
                return "";
            }
            return answer.getTSIG() == null ? " (unsigned)" : "";
        }
    }
}
