package io.svccfg.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What a DNS answer may hold before any of it is used, as pure functions. dnsjava has checked the id, the question
 * (name, class, type) and the TSIG already, and retried a truncated UDP answer over TCP; here the answer section
 * must be about the question: every record belongs to the question's name or to the CNAME chain that starts there,
 * and the chain is at most {@link #MAX_CHAIN} long; and no record can be one that no tuple may come from (an SRV
 * record with port 0, an address that is not unicast). An answer that fails is treated like a server that did not
 * answer: the next server is asked, and with none left the read fails and the last good tuples stay. A bad record
 * is never skipped while the others are believed: an answer is taken whole or not at all.
 */
final class Answers {
    /** The longest CNAME chain followed; resolvers use 8-16, and svccfg's records need none. */
    static final int MAX_CHAIN = 8;

    private Answers() {
    }

    /** Why {@code answer} cannot be used as the answer to {@code question}, or null when it can. */
    static String problem(Record question, Message answer) {
        if (!answer.getHeader().getFlag(Flags.QR)) {
            return "sent a message that is not a response";
        }
        if (answer.getHeader().getOpcode() != Opcode.QUERY) {
            return "answered with opcode " + Opcode.string(answer.getHeader().getOpcode());
        }
        if (answer.getHeader().getFlag(Flags.TC)) {
            // dnsjava asks a truncated UDP answer again over TCP: this one was truncated even there.
            return "answered truncated (TC) over TCP too";
        }
        Set<Name> chain = new HashSet<>();
        Name end = question.getName();
        chain.add(end);
        for (Name next = cnameOf(answer, end); next != null; next = cnameOf(answer, end)) {
            if (chain.size() > MAX_CHAIN || !chain.add(next)) {
                return "answered with a CNAME chain longer than " + MAX_CHAIN + " or looping, from "
                        + question.getName();
            }
            end = next;
        }
        for (Record record : answer.getSection(Section.ANSWER)) {
            // DNSSEC signatures and DNAMEs come with the chain they sign or synthesise.
            if (!chain.contains(record.getName()) && record.getType() != Type.RRSIG
                    && record.getType() != Type.DNAME) {
                return "answered " + question.getName() + " with a record for another name: " + text(record);
            }
            String unusable = unusable(record);
            if (unusable != null) {
                return "answered with a record that no listener can be assigned: " + text(record) + " (" + unusable
                        + ")";
            }
        }
        return null;
    }

    /**
     * A record as a zone file writes it, for messages; dnsjava's {@code toString} throws on some data it parsed
     * (a signature covering a type number it does not know), and then the name and type number must do.
     */
    static String text(Record record) {
        try {
            return record.toString();
        } catch (RuntimeException e) {
            return record.getName() + " TYPE" + record.getType() + " (" + e.getMessage() + ")";
        }
    }

    /** Why no tuple may come from {@code record}, or null. */
    private static String unusable(Record record) {
        if (record instanceof SRVRecord srv && srv.getPort() == 0 && !srv.getTarget().equals(Name.root)) {
            return "port 0; expected 1-65535";
        }
        InetAddress address = address(record);
        return address == null ? null : notUnicast(address);
    }

    /** The address of an A or AAAA record; null for any other record. */
    static InetAddress address(Record record) {
        return record instanceof ARecord a ? a.getAddress() : record instanceof AAAARecord aaaa ? aaaa.getAddress()
                : null;
    }

    /**
     * The A and AAAA records of {@code target} in the additional section of {@code answer}: its addresses, sent with
     * an SRV answer so that they need not be asked. Empty when there are none, or when one of them is not a unicast
     * address: the target is then asked, and that answer is {@link #problem checked} as any other.
     */
    static List<Record> carriedAddresses(Message answer, Name target) {
        List<Record> carried = new ArrayList<>();
        for (Record record : answer.getSection(Section.ADDITIONAL)) {
            InetAddress address = address(record);
            if (address != null && record.getDClass() == DClass.IN && record.getName().equals(target)) {
                if (notUnicast(address) != null) {
                    return List.of();
                }
                carried.add(record);
            }
        }
        return carried;
    }

    /** What kind of non-unicast address {@code address} is, or null for a unicast one. */
    static String notUnicast(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] ip = address.getAddress();
        if (ip.length == 4 && ip[0] == 0) {
            return "an address of 'this network', 0.0.0.0/8";
        }
        if (ip.length == 4 && (ip[0] & ip[1] & ip[2] & ip[3]) == -1) {
            return "the broadcast address";
        }
        return null;
    }

    /**
     * The records of {@code type} that answer {@code name}, at the end of its CNAME chain, and that end: when the
     * records are empty and the end is another name, the answer did not carry the target's records and the end
     * must be asked for itself. Call only on an answer that {@link #problem} accepted.
     */
    static Followed follow(Message answer, Name name, int type) {
        Name end = name;
        for (int links = 0; links < MAX_CHAIN; links++) {
            Name next = cnameOf(answer, end);
            if (next == null) {
                break;
            }
            end = next;
        }
        List<Record> records = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record.getType() == type && record.getName().equals(end)) {
                records.add(record);
            }
        }
        return new Followed(records, end);
    }

    /** The records found, and the name at the end of the CNAME chain. */
    record Followed(List<Record> records, Name end) {
    }

    private static Name cnameOf(Message answer, Name owner) {
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof CNAMERecord cname && record.getName().equals(owner)) {
                return cname.getTarget();
            }
        }
        return null;
    }
}
