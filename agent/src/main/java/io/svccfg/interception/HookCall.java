package io.svccfg.interception;

/**
 * The kinds of target method, each with what svccfg inserts into it (see {@link HookCallWriter}): a static call of
 * the hook ({@code BindHook}) at its start, at its returns, and for binds where it throws.
 */
enum HookCall {
    /**
     * {@code bind(SocketAddress, int)} of TCP listeners ({@code ServerSocket}, {@code ServerSocketChannelImpl},
     * {@code AsynchronousServerSocketChannelImpl}): the hook decides the address (or throws the refusal), and hears
     * how the bind ended.
     */
    STREAM_BIND("(Ljava/net/SocketAddress;I)"),
    /**
     * {@code bind(SocketAddress)} of {@code DatagramChannelImpl}, which {@code DatagramChannel},
     * {@code DatagramSocket} and {@code MulticastSocket} all reach.
     */
    DATAGRAM_BIND("(Ljava/net/SocketAddress;)"),
    /**
     * {@code doBind(SocketAddress)} of Netty's native channels, which bind clients and listeners alike: the hook is
     * told so by a backlog of {@code BindHook.FROM_CHANNEL}, and the agent reads the kind and backlog from the channel.
     */
    NETTY_BIND("(Ljava/net/SocketAddress;)"),
    /**
     * {@code DatagramChannelImpl.receive(ByteBuffer, boolean)}, the one system call of every receive: made again
     * while a move interrupted it (see {@code BindHook.receiveAgain}).
     */
    RECEIVE("(Ljava/nio/ByteBuffer;Z)I"),
    /**
     * {@code ServerSocketChannelImpl.implAccept(FileDescriptor, FileDescriptor, SocketAddress[])}, where every accept
     * of a {@code ServerSocketChannel} takes its connection: svccfg may put a drained connection in its place.
     */
    CHANNEL_ACCEPT("(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;[Ljava/net/SocketAddress;)I"),
    /** {@code NioSocketImpl.accept(SocketImpl)}, where every {@code ServerSocket} accept ends: the same. */
    IMPL_ACCEPT("(Ljava/net/SocketImpl;)V"),
    /**
     * {@code EpollServerSocketChannel.newChildChannel(int, byte[], int, int)}, where Netty's epoll accept makes the
     * channel of each connection before registering it: the same. Its return type is Netty's {@code Channel}, in
     * whatever package the copy of Netty lives.
     */
    NETTY_ACCEPT("(I[BII)");

    /** The start of the target's descriptor (all of it, but for the two whose return type varies). */
    private final String descriptor;

    HookCall(String descriptor) {
        this.descriptor = descriptor;
    }

    /** Whether a method of this {@code descriptor} is this call's target. */
    boolean fits(String methodDescriptor) {
        return methodDescriptor.startsWith(descriptor);
    }

    boolean binds() {
        return this == STREAM_BIND || this == DATAGRAM_BIND || this == NETTY_BIND;
    }
}
