package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.log.Logs;
import io.svccfg.netty.NettyChannel;
import io.svccfg.tuple.Transport;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Where the hook in {@code java.base} lands. Guards against re-entry (the agent's own sockets, bound while it
 * decides) and against its own failures: any throwable is logged once and the bind proceeds as asked.
 */
final class BindEvents {
    private static final Logger log = Logs.of(BindEvents.class);
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();
    private static final AtomicBoolean failureLogged = new AtomicBoolean();
    static volatile BindListener listener;

    private BindEvents() {
    }

    /**
     * The hook's {@code onBind}: {@code [socket, asked, backlog, udp]}, as {@code BindHook.bindAddress} packs them.
     * Netty's channels go through {@link #onNettyBind}.
     */
    static final class Bind implements Function<Object[], Object> {
        @Override
        public Object apply(Object[] call) {
            SocketAddress asked = (SocketAddress) call[1];
            int backlog = (Integer) call[2];
            return backlog == BindHook.FROM_CHANNEL ? onNettyBind(call[0], asked)
                    : onBind(call[0], asked, backlog, (Boolean) call[3]);
        }
    }

    /** The hook's {@code onBound}. */
    static final class Bound implements BiConsumer<Object, Throwable> {
        @Override
        public void accept(Object socket, Throwable failure) {
            onBound(socket, failure);
        }
    }

    static void markAgentThread() {
        INSIDE.set(Boolean.TRUE);
    }

    static Object onBind(Object socket, SocketAddress asked, int backlog, boolean udp) {
        BindListener l = listener;
        if (l == null || INSIDE.get() != null) {
            return null;
        }
        INSIDE.set(Boolean.TRUE);
        try {
            return l.onBind(socket, asked, backlog, udp ? Transport.UDP : Transport.TCP);
        } catch (Throwable t) {
            failed(t);
            return null;
        } finally {
            INSIDE.remove();
        }
    }

    /**
     * A bind of a Netty native channel (see {@link HookCall#NETTY_BIND}): its kind and backlog are read from the channel
     * itself; channels that are not listeners (clients binding a local address) are left alone.
     */
    static Object onNettyBind(Object channel, SocketAddress asked) {
        NettyChannel netty = NettyChannel.of(channel);
        if (netty == null || !(netty.isServer() || netty.isDatagram())) {
            return null;
        }
        return onBind(channel, asked, netty.isServer() ? netty.backlog() : 0, netty.isDatagram());
    }

    static void onBound(Object socket, Throwable failure) {
        BindListener l = listener;
        if (l == null || INSIDE.get() != null) {
            return;
        }
        INSIDE.set(Boolean.TRUE);
        try {
            l.onBound(socket, failure);
        } catch (Throwable t) {
            failed(t);
        } finally {
            INSIDE.remove();
        }
    }

    private static void failed(Throwable t) {
        if (failureLogged.compareAndSet(false, true)) {
            log.error("svccfg failed inside a bind; the application's binds proceed as asked where it fails", t);
        }
    }
}
