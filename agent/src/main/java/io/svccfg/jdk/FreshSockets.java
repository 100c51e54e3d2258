package io.svccfg.jdk;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Set;

/** Copies the application's socket options to the fresh socket, before it binds. */
final class FreshSockets {
    private FreshSockets() {
    }

    /** A socket option accessor that works for channels and for {@code java.net} sockets alike. */
    interface Options {
        Set<SocketOption<?>> supported();

        <T> T get(SocketOption<T> option) throws IOException;

        <T> void set(SocketOption<T> option, T value) throws IOException;
    }

    /** Every option both sockets support, copied as it is set now; an option that refuses is skipped. */
    static void copy(Options from, Options to) {
        for (SocketOption<?> option : from.supported()) {
            if (to.supported().contains(option)) {
                copyOne(option, from, to);
            }
        }
    }

    /**
     * Binds the fresh socket. While the old socket is retained to drain, it still holds its endpoint: a fresh socket
     * on the same port (a wildcard old endpoint and a specific new one, which the kernel otherwise refuses) shares it
     * through SO_REUSEPORT, set on both; the kernel then gives the specific address to the fresh socket and the rest
     * to the old. {@code old} is null when the old socket is not retained.
     */
    static void bind(java.nio.channels.ServerSocketChannel fresh, java.net.InetSocketAddress to, int backlog,
            Options old, java.net.InetSocketAddress from) throws IOException {
        try {
            fresh.bind(to, backlog);
        } catch (java.net.BindException e) {
            if (old == null || from == null || from.getPort() != to.getPort()
                    || !old.supported().contains(java.net.StandardSocketOptions.SO_REUSEPORT)) {
                throw e;
            }
            old.set(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            fresh.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            fresh.bind(to, backlog);
        }
    }

    private static <T> void copyOne(SocketOption<T> option, Options from, Options to) {
        try {
            T value = from.get(option);
            if (value != null) {
                to.set(option, value);
            }
        } catch (IOException | RuntimeException e) {
            // An option that cannot be read or set keeps its default on the fresh socket.
        }
    }

    static Options of(java.nio.channels.NetworkChannel channel) {
        return new Options() {
            @Override
            public Set<SocketOption<?>> supported() {
                return channel.supportedOptions();
            }

            @Override
            public <T> T get(SocketOption<T> option) throws IOException {
                return channel.getOption(option);
            }

            @Override
            public <T> void set(SocketOption<T> option, T value) throws IOException {
                channel.setOption(option, value);
            }
        };
    }

    /**
     * The options of a socket svccfg knows only by its descriptor (Netty's native transports), as far as the JDK
     * has them: those a listener's clients or its sharing of a port depend on.
     */
    static Options of(Descriptors descriptors, java.io.FileDescriptor fd) {
        return new Options() {
            @Override
            public Set<SocketOption<?>> supported() {
                return Set.of(StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT,
                        StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF,
                        StandardSocketOptions.SO_BROADCAST);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(SocketOption<T> option) throws IOException {
                return (T) descriptors.option(fd, option);
            }

            @Override
            public <T> void set(SocketOption<T> option, T value) throws IOException {
                descriptors.option(fd, option, value);
            }
        };
    }

    static Options of(java.net.ServerSocket socket) {
        return new Options() {
            @Override
            public Set<SocketOption<?>> supported() {
                return socket.supportedOptions();
            }

            @Override
            public <T> T get(SocketOption<T> option) throws IOException {
                return socket.getOption(option);
            }

            @Override
            public <T> void set(SocketOption<T> option, T value) throws IOException {
                socket.setOption(option, value);
            }
        };
    }
}
