package io.svccfg.it.servers;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 11, its HTTP connector on the wildcard address and the given port, one servlet answering all. */
public final class TomcatServer {
    static final String KIND = "tomcat";

    /** Held here: java.util.logging keeps loggers weakly, and a collected one would forget its level. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    private TomcatServer() {
    }

    public static void main(String[] args) {
        try {
            int port = Served.port(args);
            // Tomcat logs every start-up step at INFO on stderr; the tests read stderr for the agent's lines.
            TOMCAT_LOG.setLevel(Level.WARNING);
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(Files.createTempDirectory("svccfg-it-tomcat-").toString());
            tomcat.setPort(port);
            Connector connector = tomcat.getConnector();
            Context context = tomcat.addContext("", null);
            Tomcat.addServlet(context, "answer", new Answer());
            context.addServletMappingDecoded("/*", "answer");
            tomcat.start();
            // A connector that cannot bind only logs and stays stopped; start() does not throw for it.
            if (connector.getState() != LifecycleState.STARTED) {
                throw new IllegalStateException("the connector is " + connector.getState() + ", not STARTED");
            }
            Served.listening(KIND, port);
        } catch (Throwable e) {
            Served.startFailed(KIND, e);
        }
    }

    private static final class Answer extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            // getLocalAddr() is the connection's local address as digits; parsing digits does no name lookup.
            InetAddress local = InetAddress.getByName(request.getLocalAddr());
            response.setStatus(200);
            response.setContentType("text/plain; charset=utf-8");
            // getRemoteAddr() is the peer as digits, as the connection has it.
            response.setHeader(Served.PEER_HEADER, request.getRemoteAddr() + ":" + request.getRemotePort());
            response.getWriter().write(Served.body(KIND, local, request.getLocalPort()));
        }
    }
}
