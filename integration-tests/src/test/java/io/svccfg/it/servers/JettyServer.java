package io.svccfg.it.servers;

import java.net.InetSocketAddress;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** Jetty 12 with one {@link ServerConnector} on the wildcard address and the given port, answering every request. */
public final class JettyServer {
    static final String KIND = "jetty";

    private JettyServer() {
    }

    public static void main(String[] args) {
        try {
            int port = Served.port(args);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setPort(port);
            server.addConnector(connector);
            server.setHandler(new Answer());
            // Throws if the connector cannot bind.
            server.start();
            Served.listening(KIND, port);
        } catch (Throwable e) {
            Served.startFailed(KIND, e);
        }
    }

    private static final class Answer extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            InetSocketAddress local = (InetSocketAddress) request.getConnectionMetaData().getLocalSocketAddress();
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(Served.PEER_HEADER, Served.peer(
                    (InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()));
            Content.Sink.write(response, true, Served.body(KIND, local), callback);
            return true;
        }
    }
}
