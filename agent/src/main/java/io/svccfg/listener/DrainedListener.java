package io.svccfg.listener;

import io.svccfg.drain.DrainTarget;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A listener whose old endpoint drains: its drained connections go where its socket is bound now. */
record DrainedListener(Listener listener, String label) implements DrainTarget {
    @Override
    public InetSocketAddress endpoint() {
        Object socket = listener.socket();
        try {
            return socket == null || !SocketView.isOpen(socket) ? null : SocketView.localAddress(socket);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isOpen() {
        return ListenerRegistry.isOpen(listener);
    }
}
