package io.svccfg.tuple;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as people write them: IPv4 dotted, IPv6 in RFC 5952's canonical form (lower case, no leading zeros, the
 * longest run of two or more zero groups as {@code ::}, the first of equal runs), in brackets when a port follows.
 * The JDK's {@code getHostAddress()} writes {@code 0:0:0:0:0:0:0:1}; svccfg prints {@code ::1}. No lookup ever.
 * Read back ({@link #parse}) strictly: a dotted quad, or IPv6 text; never a name, a zone or the JDK's laxer forms.
 */
public final class AddressText {
    private AddressText() {
    }

    /** {@code 192.0.2.1} or {@code 2001:db8::1}. */
    public static String of(InetAddress address) {
        byte[] ip = address.getAddress();
        if (ip.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is written as 0, not ::
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** A peer or endpoint as svccfg prints it: {@code 192.0.2.1:80}, {@code [2001:db8::1]:80}; else its text. */
    public static String of(java.net.SocketAddress address) {
        return address instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? of(inet.getAddress(), inet.getPort()) : String.valueOf(address);
    }

    /** {@code 192.0.2.1:80} or {@code [2001:db8::1]:80}. */
    public static String of(InetAddress address, int port) {
        return (address instanceof Inet6Address ? "[" + of(address) + "]" : of(address)) + ":" + port;
    }

    /**
     * The bytes of an IPv4 dotted quad (4: no leading zeros, no shorter forms like {@code 10.1}) or of IPv6 text (16:
     * groups of 1-4 hex digits, at most one {@code ::}, an optional dotted-quad tail; no zone, no brackets); null when
     * {@code text} is neither. A loop, not the JDK's parser: that one takes {@code 10.1}, and this runs in premain.
     */
    public static byte[] parse(String text) {
        return text.indexOf(':') < 0 ? ipv4(text, 0, new byte[4], 0) : ipv6(text);
    }

    /** Writes the dotted quad {@code text[from..]} into {@code into} at {@code at}; null when it is none. */
    private static byte[] ipv4(String text, int from, byte[] into, int at) {
        int i = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < text.length() && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + text.charAt(i) - '0';
                i++;
            }
            if (i == start || value > 255 || i - start > 1 && text.charAt(start) == '0') {
                return null;
            }
            into[at + part] = (byte) value;
        }
        return i == text.length() ? into : null;
    }

    private static byte[] ipv6(String text) {
        byte[] bytes = new byte[16];
        int groups = 0;
        int gap = -1; // where "::" stands, in groups
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < text.length()) {
            if (groups == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < text.length() && i - start < 4 && Character.digit(text.charAt(i), 16) >= 0
                    && text.charAt(i) < 128) {
                value = value * 16 + Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < text.length() && text.charAt(i) == '.') {
                // the dotted-quad tail: the last two groups
                if (groups > 6 || ipv4(text, start, bytes, 2 * groups) == null) {
                    return null;
                }
                groups += 2;
                i = text.length();
                break;
            }
            if (i == start) {
                return null;
            }
            bytes[2 * groups] = (byte) (value >> 8);
            bytes[2 * groups + 1] = (byte) value;
            groups++;
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < text.length() && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = groups;
                i++;
            } else if (i == text.length()) {
                return null; // a trailing single ':'
            }
        }
        if (gap < 0) {
            return groups == 8 ? bytes : null;
        }
        if (groups == 8) {
            return null; // "::" stands for at least one group
        }
        int moved = groups - gap;
        System.arraycopy(bytes, 2 * gap, bytes, 16 - 2 * moved, 2 * moved);
        java.util.Arrays.fill(bytes, 2 * gap, 16 - 2 * moved, (byte) 0);
        return bytes;
    }
}
