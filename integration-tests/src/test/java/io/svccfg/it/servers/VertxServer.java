package io.svccfg.it.servers;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetSocketAddress;

/** Vert.x 5 with {@code preferNativeTransport} (epoll), an HTTP server on the wildcard address and the given port. */
public final class VertxServer {
    static final String KIND = "vertx-native";

    private VertxServer() {
    }

    public static void main(String[] args) {
        try {
            int port = Served.port(args);
            Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
            if (!vertx.isNativeTransportEnabled()) {
                throw new IllegalStateException("Vert.x runs without its native transport: "
                        + vertx.unavailableNativeTransportCause());
            }
            vertx.createHttpServer()
                    .requestHandler(request -> {
                        InetSocketAddress local = new InetSocketAddress(request.localAddress().host(),
                                request.localAddress().port());
                        request.response()
                                .putHeader("Content-Type", "text/plain; charset=utf-8")
                                .putHeader(Served.PEER_HEADER, request.remoteAddress().host() + ":"
                                        + request.remoteAddress().port())
                                .end(Served.body(KIND, local));
                    })
                    .listen(port)
                    .await();
            Served.listening(KIND, port);
        } catch (Throwable e) {
            Served.startFailed(KIND, e);
        }
    }
}
