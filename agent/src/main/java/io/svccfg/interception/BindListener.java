package io.svccfg.interception;

import io.svccfg.tuple.Transport;
import java.net.SocketAddress;

/** What the agent does when the application binds a listener. */
public interface BindListener {
    /**
     * Before the JDK binds {@code socket}: null to bind as asked, a {@link SocketAddress} to bind there instead, or
     * a {@link Throwable} (a {@link java.net.BindException}) to throw instead of binding.
     */
    Object onBind(Object socket, SocketAddress asked, int backlog, Transport transport);

    /** After the JDK's bind returned ({@code failure} null) or threw. */
    void onBound(Object socket, Throwable failure);
}
