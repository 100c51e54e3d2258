package io.svccfg.demo;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One running demo service ({@link HttpService}, {@link SmtpService}, {@link SipService}): bound and serving from the
 * moment it is made. Like a {@link Listener} it keeps no copy of its address: the agent may move the kernel socket
 * under it at any moment, so the address is asked of the socket whenever it is reported.
 */
interface Service extends AutoCloseable {

    /** {@code http}, {@code smtp} or {@code sip}: the first word of the service's stdout lines. */
    String protocol();

    /** The listening socket's local address as the application sees it right now. */
    SocketAddress localAddress();

    default int localPort() {
        return ((InetSocketAddress) localAddress()).getPort();
    }

    /**
     * Completes when the service stops serving: normally after {@link #close()}, exceptionally with what showed it
     * if its listening socket was closed under it.
     */
    CompletableFuture<Void> stopped();

    /** Stops serving and closes the listening socket; never throws. */
    @Override
    void close();
}
