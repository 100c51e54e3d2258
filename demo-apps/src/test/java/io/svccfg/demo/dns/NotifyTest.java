package io.svccfg.demo.dns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.xbill.DNS.Update;

/** A test socket plays the secondary that the server notifies after each change. */
class NotifyTest {
    private DatagramSocket target;
    private Fixtures.Running dns;
    private final TSIG key = Fixtures.key();

    @BeforeEach
    void start() throws Exception {
        target = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        target.setSoTimeout(5000);
        dns = new Fixtures.Running(Optional.of(key),
                List.of(new InetSocketAddress("127.0.0.1", target.getLocalPort())));
    }

    @AfterEach
    void stop() {
        dns.close();
        target.close();
    }

    /** One NOTIFY as received: the message, its bytes and where it came from. */
    private record Received(Message message, byte[] wire, DatagramPacket packet) {
    }

    @Test
    void signedNotifyAfterAnUpdateAndNoMoreOnceAnswered() throws Exception {
        assertEquals(Rcode.NOERROR, update("10.9.9.9").getRcode());

        Received first = receive();
        Message notify = first.message();
        assertEquals(Opcode.NOTIFY, notify.getHeader().getOpcode());
        assertTrue(notify.getHeader().getFlag(Flags.AA));
        Record question = notify.getQuestion();
        assertEquals(Fixtures.ORIGIN, question.getName());
        assertEquals(Type.SOA, question.getType());
        assertEquals(DClass.IN, question.getDClass());
        SOARecord soa = (SOARecord) notify.getSection(Section.ANSWER).get(0);
        assertEquals(8, soa.getSerial());
        assertEquals(Rcode.NOERROR, key.verify(notify, first.wire(), null), "signed with the key");

        // Silence: the server tries again, with the same message ID.
        Received second = receive();
        assertEquals(notify.getHeader().getID(), second.message().getHeader().getID());
        answer(second);

        await().atMost(Fixtures.PATIENCE).until(() -> dns.log.stream().anyMatch(l -> l.equals(
                "notify 127.0.0.1:" + target.getLocalPort() + ": serial 8 answered NOERROR after 2 tries")));
        target.setSoTimeout((int) (Notifier.INTERVAL.toMillis() * 2));
        assertThrows(SocketTimeoutException.class, this::receive, "no third try once answered");
    }

    @Test
    void unansweredNotifyStopsAfterThreeTries() throws Exception {
        assertEquals(Rcode.NOERROR, update("10.9.9.8").getRcode());
        for (int i = 0; i < Notifier.TRIES; i++) {
            assertEquals(Opcode.NOTIFY, receive().message().getHeader().getOpcode());
        }
        await().atMost(Fixtures.PATIENCE).until(() -> dns.log.stream().anyMatch(l -> l.startsWith(
                "notify 127.0.0.1:" + target.getLocalPort() + ": serial 8 unanswered after 3 tries")));
        target.setSoTimeout((int) (Notifier.INTERVAL.toMillis() * 2));
        assertThrows(SocketTimeoutException.class, this::receive);
    }

    @Test
    void refusedUpdateSendsNoNotify() throws Exception {
        Update update = new Update(Fixtures.ORIGIN);
        update.add(Fixtures.name("x"), Type.A, 300, "10.1.1.1");
        assertEquals(Rcode.REFUSED, dns.resolver(false).send(update).getRcode()); // unsigned
        target.setSoTimeout((int) (Notifier.INTERVAL.toMillis() * 2));
        assertThrows(SocketTimeoutException.class, this::receive);
    }

    private Message update(String address) throws Exception {
        Update update = new Update(Fixtures.ORIGIN);
        update.add(Fixtures.name("notified"), Type.A, 300, address);
        var resolver = dns.resolver(false);
        resolver.setTSIGKey(key);
        return resolver.send(update);
    }

    private Received receive() throws Exception {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        target.receive(packet);
        byte[] wire = Arrays.copyOf(buffer, packet.getLength());
        return new Received(new Message(wire), wire, packet);
    }

    private void answer(Received notify) throws Exception {
        Message response = new Message(notify.message().getHeader().getID());
        response.getHeader().setOpcode(Opcode.NOTIFY);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(notify.message().getQuestion(), Section.QUESTION);
        key.apply(response, notify.message().getTSIG());
        byte[] wire = response.toWire();
        target.send(new DatagramPacket(wire, wire.length, notify.packet().getSocketAddress()));
    }
}
