package io.svccfg.listener;

import io.svccfg.tuple.Transport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Tries an endpoint before the application's socket is bound there. A {@code java.net.ServerSocket} whose bind
 * fails is closed by the JDK, so a failed bind could not be turned into a parked one afterwards: svccfg finds out
 * first, with a socket of its own, bound and closed at once. A {@code ServerSocket} or {@code DatagramSocket}, not
 * a channel: opening a channel looks the selector provider up as a service on the class path, which opens the agent
 * jar's 2,000 entries in Java on the first bind's path.
 */
final class BindProbe {
    private BindProbe() {
    }

    /** Null when a socket of {@code transport} can bind {@code endpoint} now, else why not. */
    static String whyUnbindable(InetSocketAddress endpoint, Transport transport) {
        try {
            if (transport == Transport.TCP) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(endpoint);
                }
            } else {
                try (DatagramSocket probe = new DatagramSocket(null)) {
                    probe.bind(endpoint);
                }
            }
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
