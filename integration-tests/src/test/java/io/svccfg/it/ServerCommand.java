package io.svccfg.it;

import io.svccfg.it.servers.RealServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server that a test runs under the agent, asking port 8080: its command line after the agent's option, and whether
 * it speaks HTTP (the real servers of {@code io.svccfg.it.servers}) or the demo's line protocol
 * ({@code io.svccfg.demo.SocketServer}).
 */
record ServerCommand(String name, List<String> command, boolean http) {
    static ServerCommand real(RealServer server) {
        return new ServerCommand(server.toString(), List.of("-cp", System.getProperty("java.class.path"),
                server.mainClass(), "8080"), true);
    }

    static ServerCommand demo(String... kindAndOptions) {
        List<String> command = new ArrayList<>(List.of("-cp", ItEnvironment.demoJar().toString(),
                "io.svccfg.demo.SocketServer"));
        command.addAll(List.of(kindAndOptions));
        command.addAll(List.of("--port", "8080"));
        return new ServerCommand(String.join(" ", kindAndOptions), command, false);
    }

    /** The demo's TCP accept paths, and the real servers: every server the drain tests run. */
    static Stream<ServerCommand> tcpServers(RealServer... real) {
        return Stream.concat(Stream.of(demo("nio-selector"), demo("nio-blocking"), demo("server-socket"),
                demo("server-socket", "--virtual")), Stream.of(real).map(ServerCommand::real));
    }

    /** Whether it runs on {@code jvm}: virtual threads need JDK 21+. */
    boolean runsOn(ChildJvm jvm) {
        return !command.contains("--virtual") || !jvm.toString().contains("17");
    }

    @Override
    public String toString() {
        return name;
    }
}
