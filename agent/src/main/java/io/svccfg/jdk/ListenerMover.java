package io.svccfg.jdk;

import io.svccfg.netty.NettyChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * Moves a live listener: replaces the kernel socket under the application's unchanged Java object with one bound
 * to a new endpoint. The only way into the JDK internals this needs.
 */
public final class ListenerMover {
    private final List<Move> moves;
    private final AcceptSwap acceptSwap;

    private ListenerMover(List<Move> moves, AcceptSwap acceptSwap) {
        this.moves = moves;
        this.acceptSwap = acceptSwap;
    }

    /** Looks every JDK internal up now, so that the first move is as fast as the others. */
    public static ListenerMover create() {
        JdkInternals jdk = new JdkInternals();
        Descriptors descriptors = new Descriptors(jdk);
        return new ListenerMover(List.of(new ServerChannelMove(jdk, descriptors),
                new ServerSocketMove(jdk, descriptors), new DatagramChannelMove(jdk, descriptors),
                new NettyEpollMove(jdk, descriptors)),
                new AcceptSwap(jdk, descriptors));
    }

    /**
     * Moves a scratch socket of each kind once, on loopback: the first move of a JVM costs 10-40 ms of method
     * handle linking and class loading, which this pays ahead instead of the application's first real move.
     */
    public void warmUp() {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (ServerSocketChannel channel = ServerSocketChannel.open();
                ServerSocket socket = new ServerSocket();
                DatagramChannel datagram = DatagramChannel.open()) {
            channel.bind(loopback);
            socket.bind(loopback);
            datagram.bind(loopback);
            for (Object scratch : List.of(channel, socket, datagram)) {
                if (whyNotMovable(scratch) == null) {
                    Moved moved = move(scratch, loopback, 0, whyNotDrainable(scratch) == null);
                    if (moved.old() != null) {
                        moved.old().close();
                    }
                }
            }
        } catch (IOException e) {
            // Not warmed: the first real move is slower, nothing else.
        }
    }

    /** Null when {@code socket} can be moved on this JVM, else why not. */
    public String whyNotMovable(Object socket) {
        for (Move move : moves) {
            if (move.handles(socket)) {
                return move.missing();
            }
        }
        if (socket.getClass().getName().equals("sun.nio.ch.UnixAsynchronousServerSocketChannelImpl")) {
            return "an AsynchronousServerSocketChannel is driven by the JDK's own event port: not movable safely";
        }
        NettyChannel netty = NettyChannel.of(socket);
        if (netty != null) {
            return netty.whyNotMovable();
        }
        return "svccfg cannot move a " + socket.getClass().getName();
    }

    /**
     * Null when a move of {@code socket} can keep its old socket open to drain it (a TCP listener, on a JVM that
     * has what handing its connections over needs), else why not.
     */
    public String whyNotDrainable(Object socket) {
        String unmovable = whyNotMovable(socket);
        if (unmovable != null) {
            return unmovable;
        }
        for (Move move : moves) {
            if (move.handles(socket) && !move.drains(socket)) {
                return "a datagram listener is not drained: a reply must come from the address the client sent to";
            }
        }
        return acceptSwap.missing();
    }

    /** What the accept advice uses to hand a drained connection to the application. */
    public AcceptSwap acceptSwap() {
        return acceptSwap;
    }

    /**
     * Binds a fresh socket to {@code to} (before taking any lock: a failed bind leaves the listener untouched) and
     * swaps it under {@code socket}; with {@code retain} (see {@link #whyNotDrainable}) the old socket stays open and
     * is returned, to drain. Returns where the listener is bound now.
     */
    public Moved move(Object socket, InetSocketAddress to, int backlog, boolean retain) throws IOException {
        for (Move move : moves) {
            if (move.handles(socket)) {
                String missing = move.missing();
                if (missing != null) {
                    throw new IOException("not movable: " + missing);
                }
                return move.move(socket, to, backlog, retain);
            }
        }
        throw new IOException("not movable: " + whyNotMovable(socket));
    }
}
