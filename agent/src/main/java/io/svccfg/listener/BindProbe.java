package io.svccfg.listener;

import io.svccfg.tuple.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Tries an endpoint before the application's socket is bound there. A {@code java.net.ServerSocket} whose bind
 * fails is closed by the JDK, so a failed bind could not be turned into a parked one afterwards: svccfg finds out
 * first, with a socket of its own, bound and closed at once.
 */
final class BindProbe {
    private BindProbe() {
    }

    /** Null when a socket of {@code transport} can bind {@code endpoint} now, else why not. */
    static String whyUnbindable(InetSocketAddress endpoint, Transport transport) {
        try (NetworkChannel probe = transport == Transport.TCP ? ServerSocketChannel.open() : DatagramChannel.open()) {
            probe.bind(endpoint);
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
