package io.svccfg.it.servers;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * A gRPC Java server as users write one: {@code grpc-netty-shaded} (its own relocated Netty, on epoll by default on
 * Linux), on the wildcard address and the given port, with the standard health service answering SERVING.
 */
public final class GrpcServer {
    static final String KIND = "grpc";

    private GrpcServer() {
    }

    public static void main(String[] args) {
        try {
            int port = Served.port(args);
            HealthStatusManager health = new HealthStatusManager();
            Server server = NettyServerBuilder.forPort(port).addService(health.getHealthService()).build().start();
            Served.listening(KIND, port);
            server.awaitTermination();
        } catch (Throwable e) {
            Served.startFailed(KIND, e);
        }
    }
}
