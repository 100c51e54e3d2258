package io.svccfg.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * An application that binds late, for {@code svccfg.jar attach}: it prints {@code READY}, waits for a line on stdin,
 * then binds {@code new ServerSocket(8080)} (the wildcard; 8080 is a well-known http port, so managed under the
 * agent), prints {@code LISTENING <address>:<port>} as the socket reports it, and keeps the listener open until its
 * stdin ends. It never accepts: a client's connect completes in the kernel's backlog, which is enough to show where
 * the listener is.
 */
public final class OperateLateBinder {
    private OperateLateBinder() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        if (in.readLine() == null) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(8080)) {
            System.out.println("LISTENING " + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort());
            System.out.flush();
            while (in.readLine() != null) {
                // Only the end of stdin matters.
            }
        }
    }
}
