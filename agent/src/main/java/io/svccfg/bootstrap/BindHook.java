package io.svccfg.bootstrap;

import java.lang.invoke.MethodHandle;
import java.net.SocketAddress;

/**
 * The one class that advice inlined into the JDK calls. At start the agent copies it into {@code java.base} (as
 * {@code sun.nio.ch.SvccfgBindHook}, so that JDK classes can see it without any JVM flag) and points its handles at
 * the agent's own code. It uses JDK types only, holds no logic, and never throws: until the handles are set, or if
 * they fail, the application's bind proceeds as without the agent.
 */
public final class BindHook {
    /** {@code (Object socket, SocketAddress asked, int backlog, boolean udp) -> Object}. */
    public static volatile MethodHandle onBind;
    /** {@code (Object socket, Throwable failure) -> void}. */
    public static volatile MethodHandle onBound;
    /**
     * {@code (Object accepted, SocketAddress[] remote) -> void}; null except while svccfg hands connections of a
     * draining endpoint over, so that an accept otherwise costs one volatile read.
     */
    public static volatile MethodHandle onAccepted;

    private BindHook() {
    }

    /**
     * Called before the JDK binds {@code socket}. Returns null to bind as asked, a {@link SocketAddress} to bind
     * there instead, or a {@link Throwable} to throw instead of binding.
     */
    public static Object onBind(Object socket, SocketAddress asked, int backlog, boolean udp) {
        MethodHandle handle = onBind;
        if (handle == null) {
            return null;
        }
        try {
            return (Object) handle.invokeExact(socket, asked, backlog, udp);
        } catch (Throwable t) {
            return null;
        }
    }

    /** Called after the JDK's bind of {@code socket} returned ({@code failure} null) or threw. */
    public static void onBound(Object socket, Throwable failure) {
        MethodHandle handle = onBound;
        if (handle != null) {
            try {
                handle.invokeExact(socket, failure);
            } catch (Throwable t) {
                // never disturb the application's bind
            }
        }
    }

    /**
     * Called after the JDK's accept took a connection: {@code accepted} is its new descriptor with its peer in
     * {@code remote[0]} (channels), or the new {@code SocketImpl} ({@code ServerSocket}, {@code remote} null).
     */
    public static void onAccepted(Object accepted, SocketAddress[] remote) {
        MethodHandle handle = onAccepted;
        if (handle != null) {
            try {
                handle.invokeExact(accepted, remote);
            } catch (Throwable t) {
                // never disturb the application's accept
            }
        }
    }
}
