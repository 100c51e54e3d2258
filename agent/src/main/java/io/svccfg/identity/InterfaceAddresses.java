package io.svccfg.identity;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** Reads the identity of this host: exactly the {@code address=} values, else every address of its interfaces. */
public final class InterfaceAddresses {
    private InterfaceAddresses() {
    }

    public static Identity identity(List<InetAddress> configured) throws SocketException {
        return configured.isEmpty() ? Identity.of(onInterfaces()) : Identity.of(configured);
    }

    static List<InetAddress> onInterfaces() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .toList();
    }
}
