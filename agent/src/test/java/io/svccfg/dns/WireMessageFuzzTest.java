package io.svccfg.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * Any bytes as an answer: the early read's own decoding refuses them or reads them, never throws anything else, and
 * whatever it reads, dnsjava reads the same way (header, question, every record's name, type, class, TTL and the
 * data a read uses), so that an early read can never differ from dnsjava's. Seeds are in {@code
 * src/test/resources/io/svccfg/dns/WireMessageFuzzTestInputs/readsAsDnsjava/}.
 */
class WireMessageFuzzTest {
    @FuzzTest
    void readsAsDnsjava(byte[] input) {
        WireMessage.Answer answer;
        try {
            answer = WireMessage.parse(input, input.length);
        } catch (WireMessage.Refused refused) {
            return;
        }
        Message message;
        try {
            message = new Message(input);
        } catch (Exception e) {
            return; // dnsjava refuses it: its read fails and asks the next server, the early read's is not used
        }
        assertEquals(message.getHeader().getID(), answer.id());
        assertEquals(message.getHeader().getFlag(org.xbill.DNS.Flags.QR), answer.response());
        assertEquals(message.getHeader().getOpcode(), answer.opcode());
        assertEquals(message.getHeader().getFlag(org.xbill.DNS.Flags.TC), answer.truncated());
        if (answer.truncated()) {
            return; // dnsjava keeps what it could read of a truncated answer; the early read uses none of it
        }
        assertEquals(message.getRcode(), answer.rcode());
        Record question = message.getQuestion();
        assertEquals(text(question), answer.name());
        assertEquals(question.getType(), answer.type());
        assertEquals(question.getDClass(), answer.dclass());
        assertSame(message.getSection(Section.ANSWER), answer.answer());
        assertSame(message.getSection(Section.AUTHORITY), answer.authority());
        assertSame(message.getSection(Section.ADDITIONAL), answer.additional());
    }

    private static void assertSame(List<Record> expected, List<WireMessage.WireRecord> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Record record = expected.get(i);
            WireMessage.WireRecord wire = actual.get(i);
            assertEquals(text(record), wire.name());
            assertEquals(record.getType(), wire.type());
            assertEquals(record.getDClass(), wire.dclass());
            assertEquals(record.getTTL(), wire.ttl());
            if (record instanceof SOARecord soa) {
                assertEquals(new WireMessage.Serial(soa.getSerial()), wire.data());
            } else if (record instanceof SRVRecord srv) {
                assertEquals(new WireMessage.Service(srv.getPriority(), srv.getWeight(), srv.getPort(),
                        TupleSource.text(srv.getTarget())), wire.data());
            } else if (record instanceof ARecord || record instanceof AAAARecord) {
                assertEquals(new WireMessage.Address(Answers.address(record)), wire.data());
            }
        }
    }

    private static String text(Record record) {
        return record.getName().isAbsolute() && record.getName().labels() == 1 ? "."
                : record.getName().toString(true).toLowerCase(Locale.ROOT);
    }
}
