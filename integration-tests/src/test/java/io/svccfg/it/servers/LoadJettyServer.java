package io.svccfg.it.servers;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12 with TWO {@link ServerConnector}s on the wildcard address, one per port given ({@code PORT PORT}), both
 * answering every request with {@code jetty served at HOST:PORT} (the connection's local address) and a
 * Content-Length, so that an HTTP/1.1 client can keep the connection alive. For the move load test: under the agent
 * with {@code service=http:8080,service=alt:8081}, the two connectors are two services that DNS places apart.
 */
public final class LoadJettyServer {
    static final String KIND = "jetty";

    private LoadJettyServer() {
    }

    public static void main(String[] args) {
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: PORT PORT");
            }
            Server server = new Server();
            for (String port : args) {
                ServerConnector connector = new ServerConnector(server);
                connector.setPort(Integer.parseInt(port));
                server.addConnector(connector);
            }
            server.setHandler(new Answer());
            // Throws if a connector cannot bind.
            server.start();
            System.out.println("load-jetty listening, asked ports " + args[0] + " " + args[1]);
            System.out.flush();
        } catch (Throwable e) {
            Served.startFailed(KIND, e);
        }
    }

    private static final class Answer extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            InetSocketAddress local = (InetSocketAddress) request.getConnectionMetaData().getLocalSocketAddress();
            byte[] body = Served.body(KIND, local).getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
