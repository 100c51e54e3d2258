package io.svccfg.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DNS message as the {@link EarlyRead} needs it, written and read with java.base alone (RFC 1035 section 4): a
 * query of one question, and an answer's header, question and records, with the data of the types a read uses (SOA,
 * SRV, A, AAAA) decoded and the others kept as their type only. What it cannot read exactly (a length past the end,
 * a compression pointer that does not point backwards, a name with a byte other than a letter, digit, {@code -} or
 * {@code _}) is refused with a {@link Refused}: the early read then leaves the read to dnsjava, which reads
 * everything.
 */
final class WireMessage {
    static final int A = 1;
    static final int SOA = 6;
    static final int AAAA = 28;
    static final int SRV = 33;
    static final int OPT = 41;
    static final int IN = 1;
    static final int NOERROR = 0;
    static final int NXDOMAIN = 3;
    /** The UDP payload a query offers (EDNS0), as dnsjava's resolver offers. */
    private static final int PAYLOAD = 1280;
    /** The longest name on the wire (RFC 1035 section 2.3.4). */
    private static final int MAX_NAME = 255;

    /** Why a message cannot be read here. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** The data of one record: what a read uses of it. */
    sealed interface Data {
    }

    record Serial(long serial) implements Data {
    }

    record Service(int priority, int weight, int port, String target) implements Data {
    }

    record Address(InetAddress address) implements Data {
    }

    /** A record of a type a read does not use. */
    record Other() implements Data {
    }

    /** One resource record; {@code name} in lower case, without the final dot ({@code .} for the root). */
    record WireRecord(String name, int type, int dclass, long ttl, Data data) {
    }

    /** An answer: its header's fields, its one question, and its three sections of records. */
    record Answer(int id, boolean response, int opcode, boolean truncated, int rcode, String name, int type,
            int dclass, List<WireRecord> answer, List<WireRecord> authority, List<WireRecord> additional) {
    }

    private WireMessage() {
    }

    /** A query for {@code name} ({@code type}, class IN) with recursion desired and an EDNS0 OPT record. */
    static byte[] query(int id, String name, int type) throws Refused {
        ByteBuffer out = ByteBuffer.allocate(12 + MAX_NAME + 2 + 4 + 11);
        out.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 1);
        String text = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int length = 1;
        for (String label : text.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || !plain(label)) {
                throw new Refused("'" + name + "' is not a plain DNS name");
            }
            length += 1 + label.length();
            if (length > MAX_NAME) {
                throw new Refused("'" + name + "' is longer than " + MAX_NAME + " bytes");
            }
            out.put((byte) label.length());
            for (int i = 0; i < label.length(); i++) {
                out.put((byte) label.charAt(i));
            }
        }
        out.put((byte) 0).putShort((short) type).putShort((short) IN);
        out.put((byte) 0).putShort((short) OPT).putShort((short) PAYLOAD).putInt(0).putShort((short) 0);
        byte[] query = new byte[out.position()];
        out.flip().get(query);
        return query;
    }

    /** Reads an answer whole, or refuses it. */
    static Answer parse(byte[] message, int length) throws Refused {
        ByteBuffer in = ByteBuffer.wrap(message, 0, length);
        try {
            int id = in.getShort() & 0xFFFF;
            int flags = in.getShort() & 0xFFFF;
            int questions = in.getShort() & 0xFFFF;
            int answers = in.getShort() & 0xFFFF;
            int authorities = in.getShort() & 0xFFFF;
            int additionals = in.getShort() & 0xFFFF;
            if (questions != 1) {
                throw new Refused("an answer with " + questions + " questions");
            }
            String name = name(in, message);
            int type = in.getShort() & 0xFFFF;
            int dclass = in.getShort() & 0xFFFF;
            List<WireRecord> answer = records(in, message, answers);
            List<WireRecord> authority = records(in, message, authorities);
            List<WireRecord> additional = records(in, message, additionals);
            // An OPT record extends the rcode with 8 high bits (RFC 6891 section 6.1.3), as dnsjava reads it.
            // More than one OPT is a malformed message (RFC 6891 section 6.1.1).
            int rcode = flags & 0xF;
            boolean opt = false;
            for (WireRecord record : additional) {
                if (record.type() == OPT) {
                    if (opt) {
                        throw new Refused("an answer with two OPT records");
                    }
                    opt = true;
                    rcode |= (int) (record.ttl() >>> 24) << 4;
                }
            }
            return new Answer(id, (flags & 0x8000) != 0, (flags >> 11) & 0xF, (flags & 0x0200) != 0, rcode,
                    name, type, dclass, answer, authority, additional);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new Refused("an answer cut short or with a length past its end");
        }
    }

    private static List<WireRecord> records(ByteBuffer in, byte[] message, int count) throws Refused {
        List<WireRecord> records = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            String name = name(in, message);
            int type = in.getShort() & 0xFFFF;
            int dclass = in.getShort() & 0xFFFF;
            long ttl = in.getInt() & 0xFFFF_FFFFL;
            int length = in.getShort() & 0xFFFF;
            int end = in.position() + length;
            if (end > in.limit()) {
                throw new Refused("a record's data past the end of the answer");
            }
            Data data = data(in, message, type, length);
            if (in.position() != end) {
                throw new Refused("a record of type " + type + " whose data is not its length");
            }
            records.add(new WireRecord(name, type, dclass, ttl, data));
        }
        return records;
    }

    private static Data data(ByteBuffer in, byte[] message, int type, int length) throws Refused {
        switch (type) {
            case SOA -> {
                name(in, message);
                name(in, message);
                Serial serial = new Serial(in.getInt() & 0xFFFF_FFFFL);
                in.position(in.position() + 16);
                return serial;
            }
            case SRV -> {
                int priority = in.getShort() & 0xFFFF;
                int weight = in.getShort() & 0xFFFF;
                int port = in.getShort() & 0xFFFF;
                return new Service(priority, weight, port, name(in, message));
            }
            case A, AAAA -> {
                if (length != (type == A ? 4 : 16)) {
                    throw new Refused("an address record of " + length + " bytes");
                }
                byte[] address = new byte[length];
                in.get(address);
                try {
                    InetAddress ip = InetAddress.getByAddress(address);
                    if (type == AAAA && ip instanceof Inet4Address) {
                        throw new Refused("an IPv4-mapped AAAA record");
                    }
                    return new Address(ip);
                } catch (UnknownHostException e) {
                    throw new Refused("an address record of " + length + " bytes");
                }
            }
            default -> {
                in.position(in.position() + length);
                return new Other();
            }
        }
    }

    /**
     * A name at the buffer's position, following compression pointers, each of which must point before the name
     * it continues (so that no name can loop); leaves the buffer after the name as written there.
     */
    private static String name(ByteBuffer in, byte[] message) throws Refused {
        StringBuilder name = new StringBuilder();
        int at = in.position();
        int resume = -1;
        int length = 1;
        while (true) {
            if (at >= in.limit()) {
                throw new Refused("a name past the end of the answer");
            }
            int label = message[at] & 0xFF;
            if ((label & 0xC0) == 0xC0) {
                if (at + 1 >= in.limit()) {
                    throw new Refused("a name past the end of the answer");
                }
                int target = ((label & 0x3F) << 8) | (message[at + 1] & 0xFF);
                if (resume < 0) {
                    resume = at + 2;
                }
                if (target >= at) {
                    throw new Refused("a compression pointer that does not point backwards");
                }
                at = target;
                continue;
            }
            if ((label & 0xC0) != 0) {
                throw new Refused("a label of an unknown kind");
            }
            if (label == 0) {
                break;
            }
            length += 1 + label;
            if (length > MAX_NAME || at + 1 + label > in.limit()) {
                throw new Refused("a name longer than " + MAX_NAME + " bytes or past the end of the answer");
            }
            if (name.length() > 0) {
                name.append('.');
            }
            for (int i = at + 1; i <= at + label; i++) {
                char c = (char) (message[i] & 0xFF);
                if (!plain(c)) {
                    throw new Refused("a name with a byte other than a letter, digit, '-' or '_'");
                }
                name.append(c);
            }
            at += 1 + label;
        }
        in.position(resume < 0 ? at + 1 : resume);
        return name.length() == 0 ? "." : name.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean plain(String label) {
        for (int i = 0; i < label.length(); i++) {
            if (!plain(label.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
