package io.svccfg.it;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An application that listens on 0.0.0.0:8080 through a native library, not through the JDK's sockets nor a Netty
 * channel: Netty's own JNI socket, bound and listening by hand. svccfg cannot intercept that bind. Prints
 * {@code LISTENING} and stays until its stdin closes.
 */
public final class NativeListenerApp {
    private NativeListenerApp() {
    }

    public static void main(String[] args) throws IOException {
        Epoll.ensureAvailability(); // loads the native library that Netty's unix sockets live in
        Socket socket = Socket.newSocketStream();
        socket.bind(new InetSocketAddress("0.0.0.0", 8080));
        socket.listen(50);
        System.out.println("LISTENING");
        System.out.flush();
        while (System.in.read() >= 0) {
            // Only the end of stdin matters.
        }
        socket.close();
    }
}
