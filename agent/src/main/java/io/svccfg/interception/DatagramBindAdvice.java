package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DatagramChannelImpl.bind(SocketAddress)}, which {@code DatagramChannel},
 * {@code DatagramSocket} and {@code MulticastSocket} all reach. Same contract as {@link StreamBindAdvice}.
 *
 * <p>Also inlined, as it is (calling the agent's own {@link BindHook}, which the application's class loaders see,
 * rather than the copy in {@code java.base}), into {@code doBind(SocketAddress)} of Netty's native channels
 * ({@code AbstractEpollChannel}, {@code AbstractIoUringChannel}, in any copy of Netty), which their server and
 * datagram channels call before they listen: there the agent reads the kind and backlog from the channel itself,
 * and ignores the {@code udp} flag.
 */
final class DatagramBindAdvice {
    private DatagramBindAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    static Throwable enter(
            @Advice.This Object socket,
            @Advice.Argument(value = 0, readOnly = false) SocketAddress local) {
        Object decision = BindHook.onBind(socket, local, 0, true);
        if (decision instanceof SocketAddress) {
            local = (SocketAddress) decision;
        }
        return decision instanceof Throwable ? (Throwable) decision : null;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(
            @Advice.This Object socket,
            @Advice.Enter Throwable refusal,
            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (refusal != null) {
            thrown = refusal;
        } else {
            BindHook.onBound(socket, thrown);
        }
    }
}
