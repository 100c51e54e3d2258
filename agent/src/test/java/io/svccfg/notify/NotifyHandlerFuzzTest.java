package io.svccfg.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

/**
 * Any bytes that reach the NOTIFY port: the handler always returns an outcome, never throws, and only a real NOTIFY
 * for a zone holding one of our domains (signed with the key, when there is one) makes it read the DNS. Seeds and kept
 * crashes are in {@code src/test/resources/io/svccfg/notify/NotifyHandlerFuzzTestInputs/<method>/}.
 */
class NotifyHandlerFuzzTest {
    private static final List<String> DOMAINS = List.of("example.test", "svc.example.org");
    private static final TSIG KEY = NotifyHandlerTest.KEY;

    @FuzzTest
    void withoutKey(byte[] wire) throws IOException {
        check(null, wire);
    }

    /**
     * The fuzzer cannot compute an HMAC, so nothing past TSIG verification would be reached: when the first byte is
     * odd, the rest is signed here with the key before it is handed over; when even, it goes as it is (a stale or
     * mutated signature, or none).
     */
    @FuzzTest
    void withKey(byte[] input) throws IOException {
        if (input.length == 0) {
            check(KEY, input);
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        check(KEY, (input[0] & 1) == 1 ? signedNow(rest) : rest);
    }

    private static void check(TSIG key, byte[] wire) throws IOException {
        // Not wrapped in a try: whatever escapes handle() is the finding, reported with its own stack trace.
        NotifyHandler.Outcome outcome = new NotifyHandler(DOMAINS, key).handle(wire);
        assertNotNull(outcome);
        assertNotNull(outcome.answer());
        assertNotNull(outcome.why());
        if (outcome.read()) {
            assertReallyANotifyForUs(key, wire, outcome);
        }
        if (outcome.answer().isPresent()) {
            Message answer = new Message(outcome.answer().get());
            assertTrue(answer.getHeader().getFlag(Flags.QR), "an answer is a response");
            assertEquals(Opcode.NOTIFY, answer.getHeader().getOpcode());
            assertEquals(((wire[0] & 0xff) << 8) | (wire[1] & 0xff), answer.getHeader().getID(), "the request's ID");
        }
    }

    /** Judged again here, independently of the handler: parsed afresh, zones compared as dnsjava names. */
    private static void assertReallyANotifyForUs(TSIG key, byte[] wire, NotifyHandler.Outcome outcome)
            throws IOException {
        Message request = new Message(wire);
        assertEquals(Opcode.NOTIFY, request.getHeader().getOpcode(), outcome.why());
        assertFalse(request.getHeader().getFlag(Flags.QR), outcome.why());
        assertNotNull(request.getQuestion(), outcome.why());
        Name zone = request.getQuestion().getName();
        assertTrue(DOMAINS.stream().anyMatch(d -> Name.fromConstantString(d + ".").subdomain(zone)),
                "zone " + zone + " holds none of " + DOMAINS);
        if (key != null) {
            assertNotNull(request.getTSIG(), "read an unsigned NOTIFY although a key is set");
            assertEquals(Rcode.NOERROR, key.verify(request, wire, null), "read a NOTIFY that does not verify");
        }
        assertEquals(Rcode.NOERROR, new Message(outcome.answer().orElseThrow()).getRcode());
    }

    /** The message signed with the key now, or the bytes unchanged when they are no message or already signed. */
    private static byte[] signedNow(byte[] wire) {
        try {
            Message message = new Message(wire);
            if (message.getTSIG() != null) {
                return wire;
            }
            KEY.apply(message, null);
            return message.toWire();
        } catch (IOException | RuntimeException e) {
            // Test harness only: bytes dnsjava cannot turn into a signed message are handed over unsigned.
            return wire;
        }
    }
}
