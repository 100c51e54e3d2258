package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code NioSocketImpl.accept(SocketImpl)}, where every {@code java.net.ServerSocket} accept ends: lets
 * svccfg put a drained connection under the new impl once the JDK has filled it in.
 */
final class SocketImplAcceptAdvice {
    private SocketImplAcceptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Object accepted) {
        BindHook.onAccepted(accepted, null);
    }
}
