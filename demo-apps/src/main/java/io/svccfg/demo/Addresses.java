package io.svccfg.demo;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Socket addresses as the lines of the protocol show them: {@code 127.0.0.1:8080}, {@code [::1]:8080}. Never
 * {@code InetSocketAddress.toString()} or {@code getHostName()}: those may do a reverse DNS lookup, which is slow,
 * varies between hosts and, under an agent that answers DNS, is not what a test means to check.
 */
final class Addresses {
    private Addresses() {
    }

    static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address); // null (not bound) or a non-IP address: show it as it is
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        InetAddress ip = inet.getAddress();
        String host = ip == null ? inet.getHostString() : ip.getHostAddress();
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
