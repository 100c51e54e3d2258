package io.svccfg.drain;

import io.svccfg.interception.AcceptListener;
import io.svccfg.jdk.AcceptSwap;
import io.svccfg.jdk.HeldConnection;
import io.svccfg.log.Logs;
import io.svccfg.tuple.AddressText;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Hands drained connections to the application's own accept. A listener's waiters (a selector, a thread blocked in
 * {@code accept()}, a virtual thread parked in the JDK's poller) wake only on real readiness of its socket, so for
 * each connection taken from an old endpoint svccfg opens a loopback connection of its own, the doorbell, to the
 * listener's new endpoint; when the application's accept takes the doorbell, the accept advice puts the drained
 * connection in its place (its descriptor, its client's address) and the doorbell is reset. The application sees
 * the client's connection, accepted as usual.
 */
final class Doorbells implements AcceptListener {
    private static final Logger log = Logs.of(Doorbells.class);

    /** A connection rung through, by the address the doorbell connects from: what the application's accept sees. */
    private record Ring(HeldConnection held, SocketChannel bell, DrainWindow window) {
    }

    private final Map<InetSocketAddress, Ring> rings = new ConcurrentHashMap<>();
    private final AcceptSwap swap;

    Doorbells(AcceptSwap swap) {
        this.swap = swap;
    }

    /**
     * A connection {@code window} took from its old endpoint: a client's, rung through to the listener; or a
     * doorbell that was in that queue when the listener moved again, whose client connection is rung again.
     */
    void take(HeldConnection connection, DrainWindow window) {
        Ring earlier = rings.remove(connection.remote());
        if (earlier == null) {
            ring(connection, window);
            return;
        }
        window.passedOn();
        closeQuietly(connection);
        closeQuietly(earlier.bell());
        ring(earlier.held(), earlier.window());
    }

    private void ring(HeldConnection held, DrainWindow window) {
        InetSocketAddress to = window.target().endpoint();
        SocketChannel bell = null;
        InetSocketAddress key = null;
        try {
            if (to == null) {
                throw new IOException("the listener is closed");
            }
            InetAddress address = to.getAddress().isAnyLocalAddress() ? loopback(to.getAddress()) : to.getAddress();
            bell = SocketChannel.open(address instanceof Inet4Address ? StandardProtocolFamily.INET
                    : StandardProtocolFamily.INET6);
            bell.configureBlocking(false);
            // Reset, not closed, once answered: no TIME_WAIT left behind for each connection drained.
            bell.setOption(StandardSocketOptions.SO_LINGER, 0);
            // Bound first, so that its address is known before the application can accept it.
            bell.bind(new InetSocketAddress(address, 0));
            key = (InetSocketAddress) bell.getLocalAddress();
            rings.put(key, new Ring(held, bell, window));
            bell.connect(new InetSocketAddress(address, to.getPort()));
        } catch (IOException | RuntimeException e) {
            if (key != null) {
                rings.remove(key);
            }
            if (bell != null) {
                closeQuietly(bell);
            }
            log.debug("{}: cannot ring {} through to {}: {}", window.target().label(), AddressText.of(held.remote()),
                    AddressText.of(to), e.toString());
            closeQuietly(held);
            window.dropped();
        }
    }

    /** On the application's thread, in its accept: a doorbell is replaced by the connection it rings for. */
    @Override
    public void accepted(Object accepted, SocketAddress[] remote) {
        if (rings.isEmpty()) {
            return;
        }
        InetSocketAddress from = swap.remote(accepted, remote);
        Ring ring = from == null ? null : rings.remove(from);
        if (ring == null) {
            return;
        }
        try {
            swap.deliver(ring.held(), accepted, remote);
            ring.window().delivered();
        } catch (IOException | RuntimeException e) {
            // The application gets the doorbell, which ends at once: for the client, the connection is reset.
            closeQuietly(ring.held());
            ring.window().dropped();
            log.warn("{}: cannot hand the connection from {} over: {}", ring.window().target().label(),
                    AddressText.of(ring.held().remote()), e.toString());
        } finally {
            closeQuietly(ring.bell());
        }
    }

    /** The window ended: what it rang and the application did not accept is closed. */
    void forget(DrainWindow window) {
        for (Map.Entry<InetSocketAddress, Ring> entry : rings.entrySet()) {
            Ring ring = entry.getValue();
            // Removed here or in the application's accept, never both.
            if (ring.window() == window && rings.remove(entry.getKey(), ring)) {
                closeQuietly(ring.held());
                closeQuietly(ring.bell());
                window.dropped();
            }
        }
    }

    private static InetAddress loopback(InetAddress family) throws IOException {
        return InetAddress.getByAddress(family instanceof Inet4Address ? new byte[] {127, 0, 0, 1}
                : new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    }

    private static void closeQuietly(HeldConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }

    private static void closeQuietly(SocketChannel bell) {
        try {
            bell.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
