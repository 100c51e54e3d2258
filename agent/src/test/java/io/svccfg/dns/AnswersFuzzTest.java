package io.svccfg.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Any bytes a DNS server may send as the answer to one of the agent's questions: the check either refuses the answer
 * or accepts it, never throws, and what it accepts gives only records that a tuple may come from. The first input
 * byte picks the question (SRV, A or AAAA), the rest is the answer. Seeds and kept crashes are in
 * {@code src/test/resources/io/svccfg/dns/AnswersFuzzTestInputs/srvAnswer/}.
 */
class AnswersFuzzTest {
    private static final Name SRV = Name.fromConstantString("_http._tcp.example.test.");
    private static final Name TARGET = Name.fromConstantString("host1.example.test.");

    @FuzzTest
    void srvAnswer(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int type = switch (input[0] & 3) {
            case 0, 1 -> Type.SRV;
            case 2 -> Type.A;
            default -> Type.AAAA;
        };
        Record question = Record.newRecord(type == Type.SRV ? SRV : TARGET, type, DClass.IN);
        Message answer;
        try {
            answer = new Message(Arrays.copyOfRange(input, 1, input.length));
        } catch (Exception e) {
            return; // dnsjava refuses the bytes: the exchange fails before any check (DnsServers.problem)
        }
        if (Answers.problem(question, answer) != null) {
            return;
        }
        Answers.Followed followed = Answers.follow(answer, question.getName(), type);
        for (Record record : followed.records()) {
            assertEquals(type, record.getType());
            assertEquals(followed.end(), record.getName(), "owned by the end of the chain");
            if (record instanceof SRVRecord srv && !srv.getTarget().equals(Name.root)) {
                assertNotEquals(0, srv.getPort(), "port 0 accepted: " + record);
            }
            if (type != Type.SRV) {
                assertNull(Answers.notUnicast(Answers.address(record)), "not unicast, accepted: " + record);
            }
        }
        assertTrue(followed.records().isEmpty() || followed.end().equals(question.getName())
                || answer.findRecord(followed.records().get(0)), "the records come from the answer");
    }
}
