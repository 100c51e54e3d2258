package io.svccfg.netty;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * One channel of Netty's native transports (epoll, io_uring), in any copy of Netty, seen through the fields svccfg
 * needs (see {@link NettyShape}) and Netty's public {@code Channel} API. Svccfg reads and writes these fields only
 * on the channel's event loop, as Netty does, except the descriptor number and open state, which never change.
 */
public final class NettyChannel {
    private final Object channel;
    private final NettyShape shape;

    private NettyChannel(Object channel, NettyShape shape) {
        this.channel = channel;
        this.shape = shape;
    }

    /** The view of {@code channel}, or null when it is not a native channel of a Netty svccfg knows. */
    public static NettyChannel of(Object channel) {
        NettyShape shape = channel == null ? null : NettyShape.of(channel.getClass());
        return shape == null ? null : new NettyChannel(channel, shape);
    }

    /** A server channel (EpollServerSocketChannel, IoUringServerSocketChannel). */
    public boolean isServer() {
        return shape.role == NettyShape.Role.SERVER;
    }

    /** A datagram channel (EpollDatagramChannel, IoUringDatagramChannel). */
    public boolean isDatagram() {
        return shape.role == NettyShape.Role.DATAGRAM;
    }

    /** Null when svccfg can move it (a server or datagram channel of Netty 4.2's epoll), else why not. */
    public String whyNotMovable() {
        if (shape.ioUring) {
            return "Netty's io_uring transport keeps its accept or receive in flight in the kernel's ring, on the old "
                    + "socket: not movable safely";
        }
        if (shape.registration == null || shape.ops == null) {
            return "Netty's epoll transport before 4.2 (no IoRegistration) is not movable";
        }
        return isServer() || isDatagram() ? null : "not a listener";
    }

    /** The descriptor number of its socket. */
    public int fd() {
        try {
            return shape.fd.getInt(shape.socket.get(channel));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether Netty has not closed its socket. */
    public boolean isOpen() {
        try {
            return (shape.fdState.getInt(shape.socket.get(channel)) & 1) == 0;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where it is bound, as Netty's {@code localAddress()} reports it. */
    public InetSocketAddress localAddress() {
        return get(shape.local) instanceof InetSocketAddress inet ? inet : null;
    }

    /** The peer of an accepted connection, as Netty recorded it when it accepted. */
    public InetSocketAddress remoteAddress() {
        return get(shape.remote) instanceof InetSocketAddress inet ? inet : null;
    }

    /** Makes Netty report {@code local} from now on: its own field, and the channel's cached copy cleared. */
    public void localAddress(InetSocketAddress local) {
        set(shape.local, local);
        set(shape.cachedLocal, null);
    }

    /** Makes Netty report {@code remote} as the peer from now on. */
    public void remoteAddress(InetSocketAddress remote) {
        set(shape.remote, remote);
        set(shape.cachedRemote, null);
    }

    /** The backlog its config holds ({@code ServerSocketChannelConfig.getBacklog()}); 0 when there is none. */
    public int backlog() {
        try {
            Object config = publicMethod(channel, "config").invoke(channel);
            return (int) publicMethod(config, "getBacklog").invoke(config);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }

    /** Its event loop, where every change to its socket and registration must happen. */
    public Executor eventLoop() throws ReflectiveOperationException {
        return (Executor) publicMethod(channel, "eventLoop").invoke(channel);
    }

    /**
     * epoll: the descriptor of the epoll instance its event loop watches it with; -1 when it is not registered.
     * Netty 4.2's registration is an inner class of {@code EpollIoHandler}, which holds {@code epollFd}; the event
     * loop may wrap it in a registration of its own (its field {@code registration}).
     */
    public int epollFd() throws ReflectiveOperationException {
        Object registration = get(shape.registration);
        for (int depth = 0; registration != null && depth < 4; depth++) {
            Field outer = optionalField(registration.getClass(), "this$0");
            Object handler = outer == null ? null : outer.get(registration);
            Field epollFd = handler == null ? null : optionalField(handler.getClass(), "epollFd");
            if (epollFd != null) {
                return shape.fd.getInt(epollFd.get(handler));
            }
            Field wrapped = optionalField(registration.getClass(), "registration");
            registration = wrapped == null ? null : wrapped.get(registration);
        }
        if (registration == null && get(shape.registration) == null) {
            return -1;
        }
        throw new NoSuchFieldException("epollFd of the registration of " + channel.getClass().getName());
    }

    /** epoll: the events Netty asked for ({@code EpollIoOps.value}). */
    public int epollEvents() throws ReflectiveOperationException {
        Object ops = get(shape.ops);
        return ops == null ? 0 : field(ops.getClass(), "value").getInt(ops);
    }

    private Object get(Field field) {
        try {
            return field.get(channel);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void set(Field field, Object value) {
        try {
            field.set(channel, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field optionalField(Class<?> type, String name) {
        try {
            return field(type, name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** A public no-argument method of {@code target}'s class, callable whatever the class's own visibility. */
    private static Method publicMethod(Object target, String name) throws NoSuchMethodException {
        Method method = target.getClass().getMethod(name);
        method.setAccessible(true);
        return method;
    }

    /** Runs {@code call} on the channel's event loop and waits for it; see {@link EventLoopCall}. */
    public <T> T onEventLoop(EventLoopCall.Body<T> call) throws java.io.IOException {
        return EventLoopCall.run(this, call);
    }

    @Override
    public String toString() {
        return channel.getClass().getName();
    }
}
