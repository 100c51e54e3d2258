package io.svccfg.identity;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the identity of this host: exactly the {@code address=} values, else every address of its interfaces. */
public final class InterfaceAddresses {
    private InterfaceAddresses() {
    }

    public static Identity identity(List<InetAddress> configured) throws SocketException {
        return configured.isEmpty() ? Identity.of(onInterfaces()) : Identity.of(configured);
    }

    /** Loops, not streams: this runs beside the first read, while the application's first bind waits for it. */
    static List<InetAddress> onInterfaces() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            addresses.addAll(Collections.list(networkInterface.getInetAddresses()));
        }
        return List.copyOf(addresses);
    }
}
