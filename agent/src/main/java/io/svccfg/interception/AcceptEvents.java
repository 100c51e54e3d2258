package io.svccfg.interception;

import io.svccfg.log.Logs;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/** Where the accept hook lands: whatever the listener throws is logged once, and the accept returns as it was. */
final class AcceptEvents implements BiConsumer<Object, SocketAddress[]> {
    private static final Logger log = Logs.of(AcceptEvents.class);
    private static final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AcceptListener listener;

    AcceptEvents(AcceptListener listener) {
        this.listener = listener;
    }

    @Override
    public void accept(Object accepted, SocketAddress[] remote) {
        try {
            listener.accepted(accepted, remote);
        } catch (Throwable t) {
            if (failureLogged.compareAndSet(false, true)) {
                log.error("svccfg failed inside an accept; the application's accept returns what it took", t);
            }
        }
    }
}
