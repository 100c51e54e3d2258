package io.svccfg.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;

/**
 * Binds a {@code ServerSocket} on port 8080 (a well-known http port, so managed under the agent) as its first act,
 * prints {@code FIRST_BIND_MS n port cpu classes}: the milliseconds since the launch time given as its argument, the
 * port bound, the process's CPU time (all threads, the JIT's too) and the classes loaded when the bind returned,
 * and exits.
 */
public final class FirstBindApp {
    private FirstBindApp() {
    }

    public static void main(String[] args) throws IOException {
        long launched = Long.parseLong(args[0]);
        try (ServerSocket socket = new ServerSocket(8080)) {
            long bound = System.currentTimeMillis();
            // Read after the bind, with what the reading itself loads counted the same with and without the agent.
            long cpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
            long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            System.out.println("FIRST_BIND_MS " + (bound - launched) + " " + socket.getLocalPort() + " " + cpu + " "
                    + classes);
        }
    }
}
