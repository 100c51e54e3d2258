package io.svccfg.interception;

import java.net.SocketAddress;

/** Told of every connection the application's accept takes, while one is installed (see {@link Interception}). */
public interface AcceptListener {
    /** See {@code BindHook.onAccepted}: {@code accepted} is a new descriptor or a new {@code SocketImpl}. */
    void accepted(Object accepted, SocketAddress[] remote);
}
