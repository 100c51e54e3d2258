package io.svccfg.it.servers;

/** The real servers of this package, as the tests name them: the kind each one writes in its answers, its main. */
public enum RealServer {
    JDK_HTTPSERVER(JdkHttpServer.KIND, JdkHttpServer.class),
    JETTY(JettyServer.KIND, JettyServer.class),
    NETTY(NettyServer.KIND, NettyServer.class),
    NETTY_EPOLL(NettyEpollServer.KIND, NettyEpollServer.class),
    VERTX_NATIVE(VertxServer.KIND, VertxServer.class),
    TOMCAT(TomcatServer.KIND, TomcatServer.class);

    private final String kind;
    private final Class<?> mainClass;

    RealServer(String kind, Class<?> mainClass) {
        this.kind = kind;
        this.mainClass = mainClass;
    }

    /** The body every request gets from this server on a connection whose local end is {@code host:port}. */
    public String answerAt(String host, int port) {
        return kind + " served at " + host + ":" + port;
    }

    public String mainClass() {
        return mainClass.getName();
    }

    /** The kind: the name of the parameterized test. */
    @Override
    public String toString() {
        return kind;
    }
}
