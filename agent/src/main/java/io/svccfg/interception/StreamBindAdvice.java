package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code bind(SocketAddress, int)} of TCP listeners ({@code ServerSocket}, {@code ServerSocketChannel},
 * {@code AsynchronousServerSocketChannel}): asks the agent where to bind, and binds there, refuses, or binds as
 * asked. Static, stateless, and every throwable suppressed, as code living inside the JDK must be.
 */
final class StreamBindAdvice {
    private StreamBindAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    static Throwable enter(
            @Advice.This Object socket,
            @Advice.Argument(value = 0, readOnly = false) SocketAddress local,
            @Advice.Argument(1) int backlog) {
        Object decision = BindHook.onBind(socket, local, backlog, false);
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
