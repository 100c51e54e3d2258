package io.svccfg.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server of the test's own for one zone, {@code example.test}, with one SRV record {@code _http._tcp} whose
 * target {@code host.example.test} has one address; UDP and TCP on one loopback port. Told to, it turns hostile:
 * it answers with garbage, the wrong id, records for another name, truncated answers, a port 0, an address that is
 * not unicast, or nothing. Each change of data bumps the zone's serial, as a real primary does.
 */
final class HostileDns implements AutoCloseable {
    enum Mode { HONEST, GARBAGE, WRONG_ID, NOT_A_RESPONSE, MISDIRECTED, TRUNCATED, PORT_ZERO, NOT_UNICAST, SILENT }

    private static final Name ZONE = Name.fromConstantString("example.test.");
    private static final Name SRV_OWNER = Name.fromConstantString("_http._tcp.example.test.");
    private static final Name TARGET = Name.fromConstantString("host.example.test.");

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final InetAddress address;
    private final Random random = new Random(2782);
    private volatile Mode mode = Mode.HONEST;
    private volatile int port;
    private volatile long serial = 1;

    HostileDns(String address, int port) throws IOException {
        this.address = InetAddress.getByName(address);
        this.port = port;
        int dnsPort = FreePorts.udpAndTcp();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        udp = new DatagramSocket(new InetSocketAddress(loopback, dnsPort));
        tcp = new ServerSocket(dnsPort, 50, loopback);
        daemon(this::serveUdp);
        daemon(this::serveTcp);
    }

    String hostPort() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    /** From now on, answers as {@code mode} says; the serial changes, so that a poll reads everything. */
    void mode(Mode mode) {
        this.mode = mode;
        serial++;
    }

    /** Answers honestly again, with the SRV record on {@code port}. */
    void honest(int port) {
        this.port = port;
        mode(Mode.HONEST);
    }

    private byte[] answer(byte[] query, boolean overTcp) throws IOException {
        Mode now = mode;
        if (now == Mode.GARBAGE) {
            byte[] junk = new byte[12 + random.nextInt(300)];
            random.nextBytes(junk);
            junk[0] = query[0]; // the right id, so that the junk is parsed, not dropped as another exchange's
            junk[1] = query[1];
            return junk;
        }
        Message request = new Message(query);
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = request.getQuestion();
        response.addRecord(question, Section.QUESTION);
        for (Record record : records(now)) {
            if (record.getName().equals(question.getName()) && record.getType() == question.getType()) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        if (response.getSection(Section.ANSWER).isEmpty()) {
            response.getHeader().setRcode(question.getName().equals(ZONE) || question.getName().equals(SRV_OWNER)
                    || question.getName().equals(TARGET) ? Rcode.NOERROR : Rcode.NXDOMAIN);
            response.addRecord(soa(), Section.AUTHORITY);
        }
        switch (now) {
            case WRONG_ID -> response.getHeader().setID((request.getHeader().getID() + 1) & 0xffff);
            case NOT_A_RESPONSE -> response.getHeader().unsetFlag(Flags.QR);
            case MISDIRECTED -> response.addRecord(new SRVRecord(Name.fromConstantString("_http._tcp.elsewhere.test."),
                    DClass.IN, 60, 1, 100, 58999, TARGET), Section.ANSWER);
            case TRUNCATED -> {
                if (overTcp) {
                    byte[] wire = response.toWire();
                    return Arrays.copyOf(wire, wire.length / 2); // cut in the middle of a record
                }
                response.getHeader().setFlag(Flags.TC);
            }
            default -> { }
        }
        return response.toWire();
    }

    private Record[] records(Mode now) {
        InetAddress target = now == Mode.NOT_UNICAST ? address("224.0.0.1") : address;
        return new Record[] {soa(),
            new SRVRecord(SRV_OWNER, DClass.IN, 60, 1, 100, now == Mode.PORT_ZERO ? 0 : port, TARGET),
            new ARecord(TARGET, DClass.IN, 60, target)};
    }

    private SOARecord soa() {
        return new SOARecord(ZONE, DClass.IN, 60, Name.fromConstantString("ns.example.test."),
                Name.fromConstantString("hostmaster.example.test."), serial, 3600, 600, 86400, 60);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[512];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                if (mode == Mode.SILENT) {
                    continue;
                }
                byte[] wire = answer(Arrays.copyOf(packet.getData(), packet.getLength()), false);
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // closed, or a query it could not parse: no answer
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket connection = tcp.accept();
                daemon(() -> serveTcp(connection));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serveTcp(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                if (mode == Mode.SILENT) {
                    continue;
                }
                byte[] wire = answer(query, true);
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client is done
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "hostile-dns");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
