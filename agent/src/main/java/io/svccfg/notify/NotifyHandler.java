package io.svccfg.notify;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * Judges one DNS NOTIFY (RFC 1996) and writes its answer. A NOTIFY counts when its opcode is NOTIFY, it names a
 * zone that holds one of our domains, and, with a TSIG key set, it is signed with that key. dnsjava parses and signs;
 * it has no NOTIFY handling of its own.
 */
final class NotifyHandler {
    /** What to do with one message: the answer to send (if any) and, for an accepted NOTIFY, what it says. */
    record Outcome(Optional<byte[]> answer, Optional<Notice> notice, String why) {
        /** Whether the NOTIFY was accepted: it asks for a read. */
        boolean read() {
            return notice.isPresent();
        }
    }

    private final List<String> domains;
    private final TSIG tsig;

    /** {@code tsig} null: NOTIFYs are not authenticated. */
    NotifyHandler(List<String> domains, TSIG tsig) {
        this.domains = domains;
        this.tsig = tsig;
    }

    Outcome handle(byte[] wire) {
        Message request;
        try {
            request = new Message(wire);
        } catch (IOException | RuntimeException e) {
            // dnsjava rejects some malformed messages with unchecked exceptions (a TTL above 2^31-1:
            // InvalidTTLException), not IOException: those are garbage as well, never a reason to throw.
            return new Outcome(Optional.empty(), Optional.empty(), "not a DNS message: " + e);
        }
        if (!complete(request)) {
            return new Outcome(Optional.empty(), Optional.empty(),
                    "a truncated message (TC set, fewer records than counted)");
        }
        if (request.getHeader().getFlag(Flags.QR) || request.getHeader().getOpcode() != Opcode.NOTIFY) {
            return new Outcome(Optional.empty(), Optional.empty(), "not a NOTIFY request");
        }
        Record question = request.getQuestion();
        if (question == null) {
            return refuse(request, Rcode.FORMERR, "a NOTIFY without a question");
        }
        if (tsig != null) {
            if (request.getTSIG() == null) {
                return refuse(request, Rcode.NOTAUTH, "an unsigned NOTIFY, while tsig= is set");
            }
            int verified = tsig.verify(request, wire, null);
            if (verified != Rcode.NOERROR) {
                return refuse(request, Rcode.NOTAUTH, "a NOTIFY whose TSIG does not verify ("
                        + Rcode.TSIGstring(verified) + ")");
            }
        }
        String zone = question.getName().toString(true).toLowerCase(Locale.ROOT);
        if (domains.stream().noneMatch(d -> d.equals(zone) || d.endsWith("." + zone))) {
            return refuse(request, Rcode.NOTAUTH, "a NOTIFY for zone " + zone + ", which holds none of our domains");
        }
        OptionalLong serial = serial(request, question.getName());
        return new Outcome(Optional.of(answer(request, Rcode.NOERROR)), Optional.of(new Notice(zone, serial)),
                "NOTIFY for zone " + zone + serial.stream().mapToObj(n -> ", serial " + n).findFirst().orElse(""));
    }

    /** The serial of the zone's SOA in the answer section, if the NOTIFY carries it. */
    private static OptionalLong serial(Message request, Name zone) {
        for (Record record : request.getSection(Section.ANSWER)) {
            if (record instanceof SOARecord soa && soa.getName().equals(zone)) {
                return OptionalLong.of(soa.getSerial());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Whether every section holds as many records as the header counts. With TC set, dnsjava keeps a message whose
     * records end early, and its {@code getTSIG()} then fails (it trusts the count); no NOTIFY needs TC.
     */
    private static boolean complete(Message request) {
        for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
            if (request.getSection(section).size() != request.getHeader().getCount(section)) {
                return false;
            }
        }
        return true;
    }

    private Outcome refuse(Message request, int rcode, String why) {
        return new Outcome(Optional.of(answer(request, rcode)), Optional.empty(), why);
    }

    /** The NOTIFY response: same id and question, QR and AA set, signed when a key is set and the request was. */
    private byte[] answer(Message request, int rcode) {
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setOpcode(Opcode.NOTIFY);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setRcode(rcode);
        if (request.getQuestion() != null) {
            response.addRecord(request.getQuestion(), Section.QUESTION);
        }
        if (tsig != null && request.getTSIG() != null && rcode == Rcode.NOERROR) {
            tsig.apply(response, request.getTSIG());
        }
        return response.toWire();
    }
}
