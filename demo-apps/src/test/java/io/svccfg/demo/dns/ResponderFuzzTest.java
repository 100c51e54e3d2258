package io.svccfg.demo.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

/**
 * Any bytes the demo DNS server receives: the responder returns an answer or none, never throws; an answer is a DNS
 * response to that request, within the transport's size; the zone is replaced only by a valid, newer zone, and only
 * for a request signed with the server's key. Seeds and kept crashes are in
 * {@code src/test/resources/io/svccfg/demo/dns/ResponderFuzzTestInputs/respond/}.
 */
class ResponderFuzzTest {
    private static final TSIG KEY = Fixtures.key();
    private static final DnsZone ZONE = zone();
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5353);
    private static final int SIGN_HERE = 1;
    private static final int UDP = 2;
    private static final int NO_KEY = 4;

    /**
     * The first byte chooses how the rest is sent: bit 0, signed here with the server's key first (the fuzzer cannot
     * compute an HMAC, and updates are taken only when signed); bit 1, over UDP rather than TCP; bit 2, to a server
     * without a key.
     */
    @FuzzTest
    void respond(byte[] input) throws IOException {
        int mode = input.length == 0 ? 0 : input[0];
        byte[] rest = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        byte[] wire = (mode & SIGN_HERE) != 0 ? signedNow(rest) : rest;
        boolean udp = (mode & UDP) != 0;
        Optional<TSIG> key = (mode & NO_KEY) != 0 ? Optional.empty() : Optional.of(KEY);
        ZoneStore store = new ZoneStore(ZONE);
        List<DnsZone> changed = new ArrayList<>();

        // Not wrapped in a try: whatever escapes respond() is the finding, reported with its own stack trace.
        Optional<byte[]> answer = new Responder(store, key, changed::add, line -> { }).respond(wire, FROM, udp);

        assertNotNull(answer);
        answer.ifPresent(a -> assertAnAnswerTo(wire, a, udp));
        DnsZone now = store.current();
        if (now == ZONE) {
            assertEquals(List.of(), changed, "told the notifier of a change that did not happen");
            return;
        }
        assertEquals(List.of(now), changed, "the notifier is told of each new zone");
        assertEquals(Optional.empty(), ZoneRules.check(now.origin(), now.records()), "a corrupt zone in service");
        assertTrue(Serials.greater(now.serial(), ZONE.serial()), "a change without a newer serial");
        Message request = new Message(wire);
        assertEquals(Opcode.UPDATE, request.getHeader().getOpcode(), "changed by a non-update");
        assertTrue(key.isPresent() && request.getTSIG() != null, "changed by an unsigned update");
        assertEquals(Rcode.NOERROR, KEY.verify(request, wire, null), "changed by an update that does not verify");
    }

    private static void assertAnAnswerTo(byte[] wire, byte[] answer, boolean udp) {
        assertTrue(answer.length <= (udp ? Responder.MAX_UDP : 65535), answer.length + " bytes");
        Message response;
        try {
            response = new Message(answer);
        } catch (IOException e) {
            throw new AssertionError("an answer that does not parse: " + e, e);
        }
        assertTrue(response.getHeader().getFlag(Flags.QR), "an answer is a response");
        assertEquals(((wire[0] & 0xff) << 8) | (wire[1] & 0xff), response.getHeader().getID(), "the request's ID");
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
            // Test harness only: bytes dnsjava cannot turn into a signed message are sent as they are.
            return wire;
        }
    }

    private static DnsZone zone() {
        try {
            return Fixtures.zone();
        } catch (ZoneFileException e) {
            throw new IllegalStateException(e);
        }
    }
}
