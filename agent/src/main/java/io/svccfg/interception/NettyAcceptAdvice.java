package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code EpollServerSocketChannel.newChildChannel(int, byte[], int, int)}, where Netty's epoll accept
 * makes the channel of each connection it took, before registering it: lets svccfg put a drained connection in
 * its place, as {@link ChannelAcceptAdvice} does for the JDK.
 */
final class NettyAcceptAdvice {
    private NettyAcceptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return Object child) {
        if (child != null) {
            BindHook.onAccepted(child, null);
        }
    }
}
