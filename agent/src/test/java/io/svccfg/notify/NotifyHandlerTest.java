package io.svccfg.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.config.TsigKey;
import io.svccfg.dns.Tsigs;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

class NotifyHandlerTest {
    static final TSIG KEY = Tsigs.of(new TsigKey("k1", "hmac-sha256", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"));
    static final TSIG OTHER = Tsigs.of(new TsigKey("k1", "hmac-sha256", "b3RoZXJvdGhlcm90aGVyb3RoZXI="));

    static byte[] notify(String zone, TSIG signer) {
        Message m = new Message();
        m.getHeader().setOpcode(Opcode.NOTIFY);
        m.getHeader().setFlag(Flags.AA);
        m.addRecord(Record.newRecord(Name.fromConstantString(zone + "."), Type.SOA, DClass.IN), 0);
        if (signer != null) {
            signer.apply(m, null);
        }
        return m.toWire();
    }

    static NotifyHandler.Outcome handle(TSIG key, byte[] wire) {
        return new NotifyHandler(List.of("example.test"), key).handle(wire);
    }

    static int rcode(NotifyHandler.Outcome outcome) throws IOException {
        return new Message(outcome.answer().orElseThrow()).getRcode();
    }

    @Test
    void theSerialOfTheZonesSoaInTheAnswerSectionIsPassedOn() throws IOException {
        Message m = new Message();
        m.getHeader().setOpcode(Opcode.NOTIFY);
        m.getHeader().setFlag(Flags.AA);
        Name zone = Name.fromConstantString("example.test.");
        m.addRecord(Record.newRecord(zone, Type.SOA, DClass.IN), Section.QUESTION);
        m.addRecord(new SOARecord(zone, DClass.IN, 60, Name.fromConstantString("ns1.example.test."),
                Name.fromConstantString("hostmaster.example.test."), 4_000_000_000L, 3600, 600, 86400, 60),
                Section.ANSWER);

        NotifyHandler.Outcome outcome = handle(null, m.toWire());

        assertEquals(Optional.of(new Notice("example.test", OptionalLong.of(4_000_000_000L))), outcome.notice());
        assertEquals(Optional.of(new Notice("example.test", OptionalLong.empty())),
                handle(null, notify("example.test", null)).notice(), "no SOA in the answer: no serial");
    }

    @Test
    void aSignedNotifyForOurZoneIsAnsweredSignedAndReads() throws IOException {
        NotifyHandler.Outcome outcome = handle(KEY, notify("example.test", KEY));
        assertTrue(outcome.read(), outcome.why());
        Message answer = new Message(outcome.answer().orElseThrow());
        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertEquals(Opcode.NOTIFY, answer.getHeader().getOpcode());
        assertTrue(answer.getHeader().getFlag(Flags.QR));
        assertTrue(answer.getTSIG() != null, "signed, as Knot requires");
    }

    @Test
    void withoutAKeyAnyNotifyForOurZoneReads() {
        assertTrue(handle(null, notify("example.test", null)).read());
        assertTrue(handle(null, notify("test", null)).read(), "the zone above one of our domains");
    }

    @Test
    void unsignedBadlySignedAndForeignNotifiesAreRefused() throws IOException {
        NotifyHandler.Outcome unsigned = handle(KEY, notify("example.test", null));
        assertFalse(unsigned.read());
        assertEquals(Rcode.NOTAUTH, rcode(unsigned));
        NotifyHandler.Outcome forged = handle(KEY, notify("example.test", OTHER));
        assertFalse(forged.read());
        assertEquals(Rcode.NOTAUTH, rcode(forged));
        NotifyHandler.Outcome foreign = handle(KEY, notify("other.test", KEY));
        assertFalse(foreign.read());
        assertTrue(foreign.why().contains("other.test"), foreign.why());
    }

    /** Found by NotifyHandlerFuzzTest: dnsjava keeps a TC message whose records end early, and getTSIG() then threw. */
    @Test
    void aTruncatedMessageIsIgnoredNotThrown() {
        byte[] wire = notify("example.test", null);
        wire[2] |= 0x02; // TC
        wire[11] = 1; // ARCOUNT 1, with no additional record after the question
        NotifyHandler.Outcome outcome = handle(KEY, wire);
        assertFalse(outcome.read());
        assertTrue(outcome.answer().isEmpty(), outcome.why());
    }

    @Test
    void queriesAndGarbageAreIgnored() {
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("example.test."), Type.SOA,
                DClass.IN));
        assertFalse(handle(null, query.toWire()).read());
        assertTrue(handle(null, new byte[] {1, 2, 3}).answer().isEmpty());
    }
}
