package io.svccfg.demo.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** Queries through dnsjava's resolver, and raw bytes for what a resolver hides. */
class QueryTest {
    private Fixtures.Running dns;

    @BeforeEach
    void start() throws Exception {
        dns = new Fixtures.Running();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void srvAnswerIsAuthoritativeWithTargetAddresses(boolean tcp) throws Exception {
        Message answer = dns.query("_http._tcp", Type.SRV, tcp);
        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertTrue(answer.getHeader().getFlag(Flags.AA));
        assertEquals(List.of("1 100 80 host121.example.test.", "1 100 80 host122.example.test."),
                answer.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList());
        assertEquals(List.of("10.10.10.121", "10.10.10.122", "fd00:0:0:0:0:0:0:122"),
                answer.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() != Type.OPT)
                        .map(Record::rdataToString).sorted().toList());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aAndSoa(boolean tcp) throws Exception {
        Message a = dns.query("host121", Type.A, tcp);
        assertEquals("10.10.10.121", a.getSection(Section.ANSWER).get(0).rdataToString());
        Message soa = dns.query("", Type.SOA, tcp);
        assertEquals(7, ((SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void nxdomainCarriesTheSoa(boolean tcp) throws Exception {
        Message answer = dns.query("nobody", Type.A, tcp);
        assertEquals(Rcode.NXDOMAIN, answer.getRcode());
        assertTrue(answer.getHeader().getFlag(Flags.AA));
        assertTrue(answer.getSection(Section.ANSWER).isEmpty());
        SOARecord soa = (SOARecord) answer.getSection(Section.AUTHORITY).get(0);
        assertEquals(7, soa.getSerial());
        assertEquals(60, soa.getTTL(), "RFC 2308: min(SOA TTL, MINIMUM)");
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void nodataCarriesTheSoa(boolean tcp) throws Exception {
        Message answer = dns.query("host121", Type.TXT, tcp);
        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertTrue(answer.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, answer.getSection(Section.AUTHORITY).get(0).getType());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void namesOutsideTheZoneAreRefused(boolean tcp) throws Exception {
        Message answer = dns.query(Name.fromConstantString("www.example.com."), Type.A, tcp);
        assertEquals(Rcode.REFUSED, answer.getRcode());
        assertFalse(answer.getHeader().getFlag(Flags.AA));
    }

    @Test
    void cnameIsFollowedInsideTheZone() throws Exception {
        Message answer = dns.query("alias", Type.A, false);
        assertEquals(List.of(Type.CNAME, Type.A),
                answer.getSection(Section.ANSWER).stream().map(Record::getType).toList());
    }

    @Test
    void udpAnswerOver512BytesIsTruncatedWithoutEdnsAndWholeWithIt() throws Exception {
        Message plain = Message.newQuery(Fixtures.question("big", Type.TXT));
        Message cut = new Message(Fixtures.udp(dns.server.address(), plain.toWire()));
        assertTrue(cut.getHeader().getFlag(Flags.TC));
        assertTrue(cut.numBytes() <= 512);

        Message edns = Message.newQuery(Fixtures.question("big", Type.TXT));
        edns.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Message whole = new Message(Fixtures.udp(dns.server.address(), edns.toWire()));
        assertFalse(whole.getHeader().getFlag(Flags.TC));
        assertEquals(1, whole.getSection(Section.ANSWER).size());

        Message small = Message.newQuery(Fixtures.question("big", Type.TXT));
        small.addRecord(new OPTRecord(600, 0, 0), Section.ADDITIONAL);
        assertTrue(new Message(Fixtures.udp(dns.server.address(), small.toWire())).getHeader().getFlag(Flags.TC),
                "600 bytes of EDNS cannot hold 620 bytes of TXT");
    }

    @Test
    void garbageGetsFormerrWithItsId() throws Exception {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7f};
        Message answer = new Message(Fixtures.udp(dns.server.address(), garbage));
        assertEquals(0x1234, answer.getHeader().getID());
        assertEquals(Rcode.FORMERR, answer.getRcode());
    }

    @Test
    void unknownOpcodeIsNotImplemented() throws Exception {
        Message status = Message.newQuery(Fixtures.question("", Type.SOA));
        status.getHeader().setOpcode(Opcode.STATUS);
        assertEquals(Rcode.NOTIMP, new Message(Fixtures.udp(dns.server.address(), status.toWire())).getRcode());
    }

    @Test
    void tcpConnectionCarriesSeveralMessages() throws Exception {
        try (Socket socket = new Socket(dns.server.address().getAddress(), dns.server.address().getPort())) {
            socket.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (String name : List.of("host121", "host122", "big")) {
                Message query = Message.newQuery(Fixtures.question(name, name.equals("big") ? Type.TXT : Type.A));
                byte[] wire = query.toWire();
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
                byte[] answer = new byte[in.readUnsignedShort()];
                in.readFully(answer);
                Message m = new Message(answer);
                assertEquals(query.getHeader().getID(), m.getHeader().getID());
                assertEquals(1, m.getSection(Section.ANSWER).size(), name);
                assertFalse(m.getHeader().getFlag(Flags.TC), "TCP answers are never cut");
            }
        }
    }

    @Test
    void slowTcpClientDoesNotHoldUpUdp() throws Exception {
        try (Socket socket = new Socket(dns.server.address().getAddress(), dns.server.address().getPort())) {
            socket.getOutputStream().write(new byte[] {0, 40, 1}); // a length and one byte of 40, then nothing
            socket.getOutputStream().flush();
            assertEquals(Rcode.NOERROR, dns.query("host121", Type.A, false).getRcode());
            assertEquals(Rcode.NOERROR, dns.query("host121", Type.A, true).getRcode());
        }
    }

    @Test
    void signedQueryGetsSignedAnswer() throws Exception {
        TSIG key = Fixtures.key();
        Message query = Message.newQuery(Fixtures.question("host121", Type.A));
        key.apply(query, null);
        byte[] wire = Fixtures.udp(dns.server.address(), query.toWire());
        Message answer = new Message(wire);
        assertEquals(Rcode.NOERROR, key.verify(answer, wire, query.getTSIG()));
        assertEquals(1, answer.getSection(Section.ANSWER).size());
    }

    @Test
    void queryOfAnotherClassIsRefused() throws Exception {
        Message query = Message.newQuery(Record.newRecord(Fixtures.name("host121"), Type.A, DClass.CH));
        assertEquals(Rcode.REFUSED, new Message(Fixtures.udp(dns.server.address(), query.toWire())).getRcode());
    }

    @Test
    void closeIsIdempotentAndFreesThePort() throws Exception {
        var address = dns.server.address();
        dns.server.close();
        dns.server.close();
        // Both ports free again: binding them here would fail while the server held them.
        try (DatagramSocket udp = new DatagramSocket(address);
                ServerSocket tcp = new ServerSocket(address.getPort(), 1, address.getAddress())) {
            assertEquals(address.getPort(), tcp.getLocalPort());
        }
    }
}
