package io.svccfg.demo;

import java.io.IOException;
import java.net.MulticastSocket;

/**
 * {@code multicast-socket}: a {@link MulticastSocket}, answered like {@code datagram-socket}. Without --address it
 * is {@code new MulticastSocket(port)}, the common form, which binds the wildcard. It joins no group: what matters
 * here is how it binds (SO_REUSEADDR set before the bind), not multicast delivery.
 */
final class MulticastSocketListener extends DatagramSocketListener {

    MulticastSocketListener(Options options) throws IOException {
        super(Kind.MULTICAST_SOCKET, open(options));
    }

    private static MulticastSocket open(Options options) throws IOException {
        if (options.lateBind()) {
            return (MulticastSocket) bind(new MulticastSocket(null), options);
        }
        if (options.address().getAddress().isAnyLocalAddress()) {
            return new MulticastSocket(options.address().getPort());
        }
        return new MulticastSocket(options.address());
    }
}
