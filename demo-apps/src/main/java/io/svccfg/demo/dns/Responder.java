package io.svccfg.demo.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * One request's bytes in, the answer's bytes out, the same for UDP and TCP: parses, authenticates (TSIG, RFC 8945),
 * hands queries to {@link QueryAnswerer} and updates to the {@link ZoneStore}, and renders, cut to size for UDP.
 */
final class Responder {
    /** Without EDNS a UDP answer holds 512 bytes (RFC 1035 4.2.1). */
    static final int PLAIN_UDP = 512;
    /** The largest UDP answer sent and the size advertised in our OPT; larger EDNS sizes are cut to it. */
    static final int MAX_UDP = 4096;
    private static final int MAX_TCP = 65535;

    private final ZoneStore store;
    private final Optional<TSIG> key;
    private final Consumer<DnsZone> changed;
    private final Consumer<String> log;

    Responder(ZoneStore store, Optional<TSIG> key, Consumer<DnsZone> changed, Consumer<String> log) {
        this.store = store;
        this.key = key;
        this.changed = changed;
        this.log = log;
    }

    /** The answer to send back, or nothing (a response, or too short to carry an ID). */
    Optional<byte[]> respond(byte[] wire, InetSocketAddress from, boolean udp) {
        Message request;
        try {
            request = new Message(wire);
        } catch (IOException | RuntimeException e) {
            return formErr(wire);
        }
        if (!complete(request)) {
            return formErr(wire);
        }
        Header header = request.getHeader();
        if (header.getFlag(Flags.QR)) {
            return Optional.empty(); // never answer an answer: two servers could loop
        }
        Message response = responseTo(request);
        TSIGRecord requestTsig = request.getTSIG();
        int opcode = header.getOpcode();
        // How the response is signed: with our key (the request verified), or an unsigned TSIG error, or not at all.
        boolean sign = false;
        OPTRecord opt = request.getOPT();
        if (opt != null && opt.getVersion() != 0) {
            // RFC 6891 6.1.3: BADVERS (16) is an extended RCODE, carried in the OPT; the header's four bits are 0.
            response.addRecord(new OPTRecord(MAX_UDP, Rcode.BADVERS >> 4, 0), Section.ADDITIONAL);
            return Optional.of(render(response, request, udp, false));
        }
        if (opt != null) {
            response.addRecord(new OPTRecord(MAX_UDP, 0, 0), Section.ADDITIONAL);
        }
        if (opcode == Opcode.UPDATE && key.isEmpty()) {
            response.getHeader().setRcode(Rcode.REFUSED);
            log.accept("update from " + show(from) + " refused: REFUSED (this server has no TSIG key, so it takes"
                    + " no updates)");
            return Optional.of(render(response, request, udp, false));
        }
        if (requestTsig != null) {
            int verdict = key.isEmpty() ? Rcode.BADKEY : key.get().verify(request, wire, null);
            if (verdict != Rcode.NOERROR) {
                response.getHeader().setRcode(Rcode.NOTAUTH);
                if (opcode == Opcode.UPDATE) {
                    log.accept("update from " + show(from) + " refused: NOTAUTH (TSIG " + Rcode.TSIGstring(verdict)
                            + " for key " + requestTsig.getName() + ")");
                }
                return Optional.of(tsigError(response, request, requestTsig, verdict, udp));
            }
            sign = true;
        }
        if (opcode == Opcode.QUERY) {
            if (header.getCount(Section.QUESTION) != 1) {
                response.getHeader().setRcode(Rcode.FORMERR);
            } else {
                QueryAnswerer.answer(request.getQuestion(), store.current(), response);
            }
        } else if (opcode == Opcode.UPDATE) {
            update(request, response, requestTsig != null, from);
        } else {
            response.getHeader().setRcode(Rcode.NOTIMP);
        }
        return Optional.of(render(response, request, udp, sign));
    }

    private void update(Message request, Message response, boolean signed, InetSocketAddress from) {
        if (!signed) {
            response.getHeader().setRcode(Rcode.REFUSED);
            log.accept("update from " + show(from) + " refused: REFUSED (unsigned; updates must be signed with key "
                    + TsigKeys.name(key.orElseThrow()) + ")");
            return;
        }
        UpdateProcessor.Result result = store.update(request);
        response.getHeader().setRcode(result.rcode());
        if (result.rcode() != Rcode.NOERROR) {
            log.accept("update from " + show(from) + " refused: " + Rcode.string(result.rcode()) + " ("
                    + result.why() + ")");
            return;
        }
        DnsZone now = store.current();
        log.accept("update from " + show(from) + ": +" + result.added() + " -" + result.removed() + " records, serial "
                + now.serial() + (result.next().isEmpty() ? " (no change)" : ""));
        result.next().ifPresent(changed);
    }

    /** Same ID, opcode and question (for UPDATE: the zone section), QR set, RD echoed (RFC 1035 4.1.1). */
    private static Message responseTo(Message request) {
        Message response = new Message(request.getHeader().getID());
        Header header = response.getHeader();
        header.setOpcode(request.getHeader().getOpcode());
        header.setFlag(Flags.QR);
        if (request.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        for (Record question : request.getSection(Section.QUESTION)) {
            response.addRecord(question, Section.QUESTION);
        }
        return response;
    }

    /**
     * RFC 8945 5.3.2: a request whose key is unknown (BADKEY) or whose MAC is wrong (BADSIG) gets an unsigned TSIG
     * that carries the error; one signed too long ago or ahead (BADTIME) gets a signed one.
     */
    private byte[] tsigError(Message response, Message request, TSIGRecord requestTsig, int error, boolean udp) {
        if (error == Rcode.BADTIME && key.isPresent()) {
            response.setTSIG(key.get(), error, requestTsig);
            return response.toWire(limit(request, udp));
        }
        TSIGRecord unsigned = new TSIGRecord(requestTsig.getName(), requestTsig.getDClass(), 0,
                requestTsig.getAlgorithm(), Instant.now(), requestTsig.getFudge(), new byte[0],
                response.getHeader().getID(), error, null);
        return withLast(response, unsigned, limit(request, udp));
    }

    /**
     * The response with {@code last} as its last record. Added as a record, a TSIG would not be last when there is an
     * OPT, which dnsjava writes after every other additional record, and the answer would not parse (RFC 8945 5.1:
     * the TSIG comes last). When it would take over half the room, the answer goes without it.
     */
    private static byte[] withLast(Message response, Record last, int limit) {
        byte[] record = last.toWire(Section.ADDITIONAL);
        if (record.length > limit / 2) {
            return response.toWire(limit);
        }
        byte[] head = response.toWire(limit - record.length);
        byte[] wire = Arrays.copyOf(head, head.length + record.length);
        System.arraycopy(record, 0, wire, head.length, record.length);
        int additional = ((wire[10] & 0xff) << 8 | (wire[11] & 0xff)) + 1; // ARCOUNT (RFC 1035 4.1.1)
        wire[10] = (byte) (additional >> 8);
        wire[11] = (byte) additional;
        return wire;
    }

    private byte[] render(Message response, Message request, boolean udp, boolean sign) {
        if (sign) {
            // setTSIG, not TSIG.apply: toWire(limit) then signs what it really sends, even when it had to cut it.
            response.setTSIG(key.orElseThrow(), Rcode.NOERROR, request.getTSIG());
        }
        return response.toWire(limit(request, udp));
    }

    /** 512 bytes over UDP without EDNS, the client's EDNS size (at most {@link #MAX_UDP}) with; TCP's 64 KiB. */
    private static int limit(Message request, boolean udp) {
        if (!udp) {
            return MAX_TCP;
        }
        OPTRecord opt = request.getOPT();
        return opt == null ? PLAIN_UDP : Math.max(PLAIN_UDP, Math.min(opt.getPayloadSize(), MAX_UDP));
    }

    /**
     * Whether every section holds as many records as the header counts. With TC set, dnsjava keeps a message whose
     * records end early, and its {@code getTSIG()} then fails (it trusts the count): such a request is malformed.
     */
    private static boolean complete(Message request) {
        for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
            if (request.getSection(section).size() != request.getHeader().getCount(section)) {
                return false;
            }
        }
        return true;
    }

    /** Garbage that at least has a header's worth of bytes gets FORMERR with its ID and opcode (RFC 1035 4.1.1). */
    private static Optional<byte[]> formErr(byte[] wire) {
        if (wire.length < Header.LENGTH || (wire[2] & 0x80) != 0) {
            return Optional.empty();
        }
        Message response = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
        response.getHeader().setOpcode((wire[2] >> 3) & 0xf);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return Optional.of(response.toWire());
    }

    static String show(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
