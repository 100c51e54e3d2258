package io.svccfg.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server for component tests, on loopback, UDP and TCP, serving records parsed from zone-file
 * text. It can be told to fail (SERVFAIL, REFUSED, or no answer at all) and counts the questions it gets.
 */
public final class InProcessDns implements AutoCloseable {
    public enum Mode { ANSWER, SERVFAIL, REFUSED, SILENT }

    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final AtomicInteger questions = new AtomicInteger();
    private volatile Mode mode = Mode.ANSWER;
    private volatile UnaryOperator<Message> tamper = UnaryOperator.identity();
    private volatile boolean carryTargetAddresses;
    private volatile boolean soaLate;
    /** An SOA question held back by {@link #answerSoaLate()}, and where it came from. */
    private DatagramPacket heldSoa;

    public InProcessDns(String origin, String zoneText) throws IOException {
        load(origin, zoneText);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // UDP and TCP on one port number: the TCP port of a free UDP port may be taken; then try another.
        DatagramSocket udpSocket = null;
        ServerSocket tcpSocket = null;
        for (int attempt = 0; tcpSocket == null; attempt++) {
            udpSocket = new DatagramSocket(0, loopback);
            try {
                tcpSocket = new ServerSocket(udpSocket.getLocalPort(), 50, loopback);
            } catch (java.net.BindException taken) {
                udpSocket.close();
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
        this.udp = udpSocket;
        this.tcp = tcpSocket;
        daemon("in-process-dns-udp", this::serveUdp);
        daemon("in-process-dns-tcp", this::serveTcp);
    }

    /** Replaces the records: the next question sees the new data. */
    public void load(String origin, String zoneText) throws IOException {
        List<Record> parsed = new java.util.ArrayList<>();
        try (Master master = new Master(new java.io.ByteArrayInputStream(zoneText.getBytes()),
                Name.fromString(origin, Name.root), 60)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                parsed.add(r);
            }
        }
        records.clear();
        records.addAll(parsed);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public int port() {
        return udp.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    public int questions() {
        return questions.get();
    }

    /**
     * From now on an SRV answer carries the A and AAAA records of its targets in the additional section, as BIND's
     * does for targets in its zone.
     */
    public void carryTargetAddresses() {
        this.carryTargetAddresses = true;
    }

    /**
     * From now on a UDP question for an SOA is answered only after the next other question, or 100 ms later if none
     * comes: as a multi-threaded server may answer questions sent together, out of their order.
     */
    public void answerSoaLate() {
        this.soaLate = true;
    }

    /** From now on every answer passes through {@code tamper} before it is sent, as a hostile server's would. */
    public void tamper(UnaryOperator<Message> tamper) {
        this.tamper = tamper;
    }

    private Message answer(Message query) {
        return tamper.apply(honestAnswer(query));
    }

    private Message honestAnswer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        if (mode == Mode.SERVFAIL || mode == Mode.REFUSED) {
            response.getHeader().setRcode(mode == Mode.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
            return response;
        }
        boolean nameExists = false;
        Name name = question.getName();
        // Follows CNAMEs as an authoritative server does within its zone; 20 links at most, so that a loop ends.
        for (int links = 0; name != null && links < 20; links++) {
            Name next = null;
            for (Record r : records) {
                if (r.getName().equals(name)) {
                    nameExists = true;
                    if (r.getType() == question.getType() && r.getDClass() == DClass.IN) {
                        response.addRecord(r, Section.ANSWER);
                    } else if (r instanceof CNAMERecord cname && question.getType() != Type.CNAME) {
                        response.addRecord(r, Section.ANSWER);
                        next = cname.getTarget();
                    }
                }
            }
            name = next;
        }
        if (carryTargetAddresses) {
            for (Record answer : response.getSection(Section.ANSWER)) {
                if (answer instanceof SRVRecord srv) {
                    records.stream()
                            .filter(r -> r.getName().equals(srv.getTarget())
                                    && (r.getType() == Type.A || r.getType() == Type.AAAA))
                            .forEach(r -> response.addRecord(r, Section.ADDITIONAL));
                }
            }
        }
        if (response.getSection(Section.ANSWER).isEmpty()) {
            records.stream().filter(r -> r instanceof SOARecord).findFirst()
                    .ifPresent(soa -> response.addRecord(soa, Section.AUTHORITY));
            if (!nameExists) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
        }
        return response;
    }

    private void serveUdp() {
        byte[] buffer = new byte[512];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                questions.incrementAndGet();
                if (mode == Mode.SILENT) {
                    continue;
                }
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                if (soaLate && query.getQuestion() != null && query.getQuestion().getType() == Type.SOA) {
                    holdSoa(new DatagramPacket(java.util.Arrays.copyOf(packet.getData(), packet.getLength()),
                            packet.getLength(), packet.getSocketAddress()));
                    continue;
                }
                byte[] wire = answer(query).toWire(512);
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                releaseSoa();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a malformed query: no answer, as a real server may do
            }
        }
    }

    private synchronized void holdSoa(DatagramPacket packet) throws IOException {
        releaseSoa();
        heldSoa = packet;
        daemon("in-process-dns-late-soa", () -> {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
            try {
                releaseSoa();
            } catch (IOException e) {
                // closed meanwhile
            }
        });
    }

    private synchronized void releaseSoa() throws IOException {
        if (heldSoa != null) {
            Message query = new Message(java.util.Arrays.copyOf(heldSoa.getData(), heldSoa.getLength()));
            byte[] wire = answer(query).toWire(512);
            udp.send(new DatagramPacket(wire, wire.length, heldSoa.getSocketAddress()));
            heldSoa = null;
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                daemon("in-process-dns-tcp-connection", () -> serveTcp(s));
            } catch (IOException closed) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    /**
     * Each connection has a thread (one at a time would make a read's TCP questions wait for each other) and carries
     * as many questions as the client sends on it (dnsjava sends several on one connection).
     */
    private void serveTcp(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                questions.incrementAndGet();
                if (mode == Mode.SILENT) {
                    continue;
                }
                byte[] wire = answer(new Message(query)).toWire();
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
            }
        } catch (IOException e) {
            // the client is done, or went away
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
