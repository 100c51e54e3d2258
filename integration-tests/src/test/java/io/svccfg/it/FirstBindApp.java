package io.svccfg.it;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Binds a {@code ServerSocket} on port 8080 (a well-known http port, so managed under the agent) as its first act,
 * prints {@code FIRST_BIND_MS n}, the milliseconds since the launch time given as its argument, and exits.
 */
public final class FirstBindApp {
    private FirstBindApp() {
    }

    public static void main(String[] args) throws IOException {
        long launched = Long.parseLong(args[0]);
        try (ServerSocket socket = new ServerSocket(8080)) {
            System.out.println("FIRST_BIND_MS " + (System.currentTimeMillis() - launched) + " "
                    + socket.getLocalPort());
        }
    }
}
