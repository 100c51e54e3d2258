package io.svccfg.tuple;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as people write them: IPv4 dotted, IPv6 in RFC 5952's canonical form (lower case, no leading zeros, the
 * longest run of two or more zero groups as {@code ::}, the first of equal runs), in brackets when a port follows.
 * The JDK's {@code getHostAddress()} writes {@code 0:0:0:0:0:0:0:1}; svccfg prints {@code ::1}. No lookup ever.
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
}
