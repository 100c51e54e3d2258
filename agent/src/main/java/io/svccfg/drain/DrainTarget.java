package io.svccfg.drain;

import java.net.InetSocketAddress;

/** The listener whose old endpoint drains, as the drain sees it. */
public interface DrainTarget {
    /** {@code service/transport}, for logs and status. */
    String label();

    /** Where the application's listener is bound now (the connections drained go there), null once closed. */
    InetSocketAddress endpoint();

    /** Whether the application still has its listener open; once it closes it, its windows end. */
    boolean isOpen();
}
