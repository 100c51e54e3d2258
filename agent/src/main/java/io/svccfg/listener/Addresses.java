package io.svccfg.listener;

import io.svccfg.tuple.AddressText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** Socket addresses as svccfg prints them, and whether an address is on this host. */
public final class Addresses {
    private Addresses() {
    }

    /** {@code 127.0.0.1:80} or {@code [::1]:80}; never a host name, never a lookup. */
    public static String text(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        return address.getAddress() == null ? address.getHostString() + ":" + address.getPort()
                : AddressText.of(address.getAddress(), address.getPort());
    }

    /** Whether a socket can bind {@code address} here: loopback (all of 127/8 on Linux) or on an interface. */
    public static boolean onThisHost(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }
}
