package io.svccfg.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;

/** Loopback ports that are free on both UDP and TCP, as a DNS server needs both. */
final class FreePorts {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /**
     * A port on 127.0.0.1 that nothing listens on, UDP or TCP, at the time of the call. The kernel picks a free UDP
     * port; we keep it only if TCP is free on the same number too, and close both so that the caller can bind it.
     */
    static int udpAndTcp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                int port = udp.getLocalPort();
                if (tcpFree(port)) {
                    return port;
                }
            } catch (SocketException e) {
                throw new IllegalStateException("cannot bind a UDP socket on " + LOOPBACK, e);
            }
        }
        throw new IllegalStateException("no port free on both UDP and TCP found on " + LOOPBACK);
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            // No SO_REUSEADDR: a port in TIME_WAIT would be "free" here but could still refuse the DNS server.
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
