package io.svccfg.interception;

import java.nio.channels.Channel;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DatagramChannelImpl.receive(ByteBuffer, boolean)}, the one system call of every receive. A
 * move wakes a thread blocked in it with a signal (EINTR) so that it receives from the new socket; JDK 25's
 * {@code DatagramSocket.receive()} would then return with the packet untouched instead of retrying, as the JDK's
 * other blocking calls do. This repeats the call while it was interrupted on a channel that is still open and a
 * thread that was not interrupted, which is what a move looks like.
 */
final class DatagramReceiveAdvice {
    /** {@code sun.nio.ch.IOStatus.INTERRUPTED}, the same on JDK 17 and 25. */
    static final int INTERRUPTED = -3;

    private DatagramReceiveAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class, repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@Advice.This Object channel, @Advice.Return int status) {
        return status == INTERRUPTED && ((Channel) channel).isOpen() && !Thread.currentThread().isInterrupted();
    }
}
