package io.svccfg.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/** {@code server-socket}: a blocking {@link ServerSocket}, one thread per accepted connection. */
final class ServerSocketListener implements Listener {
    private final ServerSocket socket;
    private final ThreadFactory handlers;

    ServerSocketListener(Options options) throws IOException {
        handlers = Threads.factory(options.virtual());
        if (options.lateBind()) {
            socket = new ServerSocket();
            try {
                socket.bind(options.address(), options.backlog());
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        } else {
            // The binding constructor: bind happens inside it, a path of its own in the JDK.
            socket = new ServerSocket(options.address().getPort(), options.backlog(), options.address().getAddress());
        }
    }

    @Override
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void serve() throws IOException {
        while (true) {
            Socket accepted;
            try {
                accepted = socket.accept();
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    throw e;
                }
                Out.error(e);
                Out.pauseAfterError();
                continue;
            }
            handlers.newThread(() -> reply(accepted)).start();
        }
    }

    private void reply(Socket accepted) {
        try (accepted) {
            accepted.getOutputStream().write(Lines.tcp(Kind.SERVER_SOCKET, localAddress(),
                    accepted.getLocalSocketAddress(), accepted.getRemoteSocketAddress()));
        } catch (IOException | RuntimeException e) {
            Out.error(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
