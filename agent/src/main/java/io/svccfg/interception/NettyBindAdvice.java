package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code doBind(SocketAddress)} of Netty's native channels ({@code AbstractEpollChannel},
 * {@code AbstractIoUringChannel}, in any copy of Netty), which their server and datagram channels call to bind
 * before they listen. Calls the agent's own {@link BindHook} (not relocated into the JDK: the application's class
 * loader sees it); the agent reads the channel's kind and backlog itself. Same contract as
 * {@link StreamBindAdvice}.
 */
final class NettyBindAdvice {
    private NettyBindAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    static Throwable enter(
            @Advice.This Object channel,
            @Advice.Argument(value = 0, readOnly = false) SocketAddress local) {
        Object decision = BindHook.onBind(channel, local, 0, false);
        if (decision instanceof SocketAddress) {
            local = (SocketAddress) decision;
        }
        return decision instanceof Throwable ? (Throwable) decision : null;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
            @Advice.This Object channel,
            @Advice.Enter Throwable refusal,
            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (refusal != null) {
            thrown = refusal;
        } else {
            BindHook.onBound(channel, thrown);
        }
    }
}
