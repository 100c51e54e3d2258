package io.svccfg.bootstrap;

import java.io.FileDescriptor;
import java.net.SocketAddress;
import java.nio.channels.Channel;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one class that the calls svccfg inserts into listener classes reach, and whose fields the agent points at its
 * own code. The agent jar is on the boot class path, so the JDK's classes see this class itself (the JVM lets a
 * module whose classes an agent transformed read the boot loader's unnamed module), and every application class
 * loader (Netty's) sees it by delegation. When the jar is not on the boot class path (a renamed jar, {@code attach})
 * the agent copies it into {@code java.base} as {@code sun.nio.ch.SvccfgBindHook} for the JDK's classes. It uses JDK
 * types only (plain interfaces, not method handles: nothing to link at the first bind), holds no logic of svccfg's,
 * and never throws but the refusal it was told to throw: until the fields are set, or if they fail, the
 * application's call proceeds as without the agent.
 */
public final class BindHook {
    /** {@code sun.nio.ch.IOStatus.INTERRUPTED}, the same on JDK 17 and 25. */
    static final int INTERRUPTED = -3;
    /**
     * The backlog that a Netty channel's bind passes: whether it is a listener at all, and its kind and backlog, are
     * read from the channel.
     */
    public static final int FROM_CHANNEL = -1;

    /**
     * {@code [Object socket, SocketAddress asked, Integer backlog, Boolean udp] -> Object} (a backlog of
     * {@link #FROM_CHANNEL} for a Netty channel): null to bind as asked, a
     * {@link SocketAddress} to bind there instead, a {@link Throwable} to throw instead of binding.
     */
    public static volatile Function<Object[], Object> onBind;
    /** {@code (Object socket, Throwable failure)} once the bind returned (failure null) or threw. */
    public static volatile BiConsumer<Object, Throwable> onBound;
    /**
     * {@code (Object accepted, SocketAddress[] remote)}; null except while svccfg hands connections of a draining
     * endpoint over, so that an accept otherwise costs one volatile read.
     */
    public static volatile BiConsumer<Object, SocketAddress[]> onAccepted;

    private BindHook() {
    }

    /**
     * Called as a listener's bind begins: where to bind instead of {@code asked} ({@code asked} itself to bind as
     * asked). Throws the refusal svccfg decided on, in place of the bind.
     */
    public static SocketAddress bindAddress(Object socket, SocketAddress asked, int backlog, boolean udp) {
        Function<Object[], Object> hook = onBind;
        if (hook == null) {
            return asked;
        }
        Object decision;
        try {
            decision = hook.apply(new Object[] {socket, asked, backlog, udp});
        } catch (Throwable t) {
            return asked;
        }
        if (decision instanceof Throwable refusal) {
            throw BindHook.<RuntimeException>refuse(refusal);
        }
        return decision instanceof SocketAddress address ? address : asked;
    }

    /** Throws {@code refusal} (a {@code BindException}) from a method that declares {@code IOException}. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T refuse(Throwable refusal) throws T {
        throw (T) refusal;
    }

    /** Called when the bind of {@code socket} returned ({@code failure} null) or threw. */
    public static void bound(Object socket, Throwable failure) {
        BiConsumer<Object, Throwable> hook = onBound;
        if (hook != null) {
            try {
                hook.accept(socket, failure);
            } catch (Throwable t) {
                // never disturb the application's bind
            }
        }
    }

    /**
     * Called when an accept took a connection: its new {@code SocketImpl} ({@code ServerSocket}) or Netty channel,
     * with {@code remote} null.
     */
    public static void accepted(Object accepted, SocketAddress[] remote) {
        BiConsumer<Object, SocketAddress[]> hook = onAccepted;
        if (hook != null && accepted != null) {
            try {
                hook.accept(accepted, remote);
            } catch (Throwable t) {
                // never disturb the application's accept
            }
        }
    }

    /**
     * Called when {@code ServerSocketChannelImpl.implAccept} returns {@code status}: a positive one took a
     * connection, whose descriptor is {@code connection} and whose peer is {@code remote[0]}.
     */
    public static void acceptedChannel(int status, FileDescriptor connection, SocketAddress[] remote) {
        if (status > 0) {
            accepted(connection, remote);
        }
    }

    /**
     * Whether a datagram receive that returned {@code status} must be made again: a move wakes a thread blocked in
     * it with a signal (EINTR) so that it receives from the new socket, and JDK 25's {@code DatagramSocket.receive()}
     * would return with the packet untouched instead of retrying, as the JDK's other blocking calls do. So: it was
     * interrupted, on a channel still open, in a thread that was not interrupted, which is what a move looks like.
     */
    public static boolean receiveAgain(int status, Object channel) {
        return status == INTERRUPTED && ((Channel) channel).isOpen() && !Thread.currentThread().isInterrupted();
    }
}
