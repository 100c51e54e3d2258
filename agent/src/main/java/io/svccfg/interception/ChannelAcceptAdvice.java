package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServerSocketChannelImpl.implAccept(FileDescriptor, FileDescriptor, SocketAddress[])}, where
 * every accept of a {@code ServerSocketChannel} (blocking, with selectors, through its {@code socket()}) takes its
 * connection: lets svccfg put a drained connection in its place before the channel wraps it.
 */
final class ChannelAcceptAdvice {
    private ChannelAcceptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
            @Advice.Return int accepted,
            @Advice.Argument(1) FileDescriptor connection,
            @Advice.Argument(2) SocketAddress[] remote) {
        if (accepted > 0) {
            BindHook.onAccepted(connection, remote);
        }
    }
}
