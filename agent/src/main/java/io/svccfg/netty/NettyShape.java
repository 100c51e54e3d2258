package io.svccfg.netty;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What svccfg needs of one Netty channel class, found by its shape rather than by its package: Netty is often
 * relocated inside other jars (gRPC's {@code io.grpc.netty.shaded.io.netty}, and any other prefix), but relocation
 * keeps simple names and field names. A native channel is a subclass of {@code AbstractEpollChannel} (epoll) or
 * {@code AbstractIoUringChannel} (io_uring) whose {@code socket} field holds a {@code LinuxSocket}, a
 * {@code unix.FileDescriptor} with its number in the int field {@code fd}.
 */
final class NettyShape {
    /** The channel's role, from the simple names of its class and superclasses. */
    enum Role {
        /** A server channel (TCP, or a domain socket, which svccfg leaves alone since it has no port). */
        SERVER,
        /** A datagram channel. */
        DATAGRAM,
        /** Anything else: a client or an accepted connection. */
        OTHER
    }

    private static final Map<Class<?>, NettyShape> BY_CLASS = new ConcurrentHashMap<>();
    private static final NettyShape NONE = new NettyShape();

    final boolean ioUring;
    final Role role;
    /** {@code AbstractEpollChannel.socket} / {@code AbstractIoUringChannel.socket}. */
    final Field socket;
    /** {@code unix.FileDescriptor.fd} and {@code state} (closed when bit 0 is set). */
    final Field fd;
    final Field fdState;
    /** The cached endpoints: the native channel's {@code local} and {@code remote}, {@code AbstractChannel}'s. */
    final Field local;
    final Field remote;
    final Field cachedLocal;
    final Field cachedRemote;
    /**
     * epoll only: {@code registration} (its outer {@code EpollIoHandler} holds {@code epollFd}) and {@code ops};
     * null in Netty 4.1, whose channels have no {@code IoRegistration}.
     */
    final Field registration;
    final Field ops;

    private NettyShape() {
        ioUring = false;
        role = Role.OTHER;
        socket = fd = fdState = local = remote = cachedLocal = cachedRemote = registration = ops = null;
    }

    private NettyShape(Class<?> base, boolean ioUring, Role role) throws ReflectiveOperationException {
        this.ioUring = ioUring;
        this.role = role;
        socket = accessible(base.getDeclaredField("socket"));
        Class<?> descriptor = socket.getType();
        while (descriptor != null && !descriptor.getSimpleName().equals("FileDescriptor")) {
            descriptor = descriptor.getSuperclass();
        }
        if (descriptor == null) {
            throw new NoSuchFieldException(base.getName() + ".socket is not a unix FileDescriptor");
        }
        fd = accessible(descriptor.getDeclaredField("fd"));
        fdState = accessible(descriptor.getDeclaredField("state"));
        local = accessible(base.getDeclaredField("local"));
        remote = accessible(base.getDeclaredField("remote"));
        Class<?> abstractChannel = base.getSuperclass();
        cachedLocal = accessible(abstractChannel.getDeclaredField("localAddress"));
        cachedRemote = accessible(abstractChannel.getDeclaredField("remoteAddress"));
        registration = ioUring ? null : optional(base, "registration");
        ops = ioUring ? null : optional(base, "ops");
    }

    /** The shape of {@code type}, or null when it is not a Netty native channel svccfg knows. */
    static NettyShape of(Class<?> type) {
        NettyShape shape = BY_CLASS.computeIfAbsent(type, NettyShape::find);
        return shape == NONE ? null : shape;
    }

    private static NettyShape find(Class<?> type) {
        Role role = Role.OTHER;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String name = c.getSimpleName();
            if (name.equals("AbstractEpollServerChannel") || name.equals("AbstractIoUringServerChannel")) {
                role = Role.SERVER;
            } else if (name.equals("EpollDatagramChannel") || name.equals("IoUringDatagramChannel")) {
                role = Role.DATAGRAM;
            } else if (name.equals("AbstractEpollChannel") || name.equals("AbstractIoUringChannel")) {
                try {
                    return new NettyShape(c, name.equals("AbstractIoUringChannel"), role);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // Another Netty than the one svccfg knows: its channels are left alone.
                    return NONE;
                }
            }
        }
        return NONE;
    }

    private static Field optional(Class<?> type, String name) {
        try {
            return accessible(type.getDeclaredField(name));
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }
}
