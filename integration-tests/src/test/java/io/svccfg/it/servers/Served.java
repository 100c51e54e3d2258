package io.svccfg.it.servers;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What the real servers of this package share: their one argument, the body they answer with, and how they fail to
 * start. The body names the local address of the connection, so that a test sees where the agent really bound.
 */
final class Served {
    /** The exit status of a server that could not start; the tests tell it apart from the agent's own status 2. */
    static final int START_FAILED_STATUS = 3;

    private Served() {
    }

    /** The port to listen on: the only argument. */
    static int port(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PORT");
        }
        return Integer.parseInt(args[0]);
    }

    /** {@code KIND served at HOST:PORT}, the address as digits: a name lookup would hide what was bound. */
    static String body(String kind, InetAddress localAddress, int localPort) {
        return kind + " served at " + localAddress.getHostAddress() + ":" + localPort;
    }

    static String body(String kind, InetSocketAddress local) {
        return body(kind, local.getAddress(), local.getPort());
    }

    /**
     * The response header that names the connection's peer as the server sees it ({@code 127.0.0.1:40312}), so that
     * a test can check it is the client's own address.
     */
    static final String PEER_HEADER = "X-Peer";

    static String peer(InetSocketAddress remote) {
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    /** Printed once the server accepts connections, for the child's output in failure reports. */
    static void listening(String kind, int port) {
        System.out.println(kind + " listening, asked port " + port);
        System.out.flush();
    }

    /** Reports why the server did not start and exits with {@link #START_FAILED_STATUS}. */
    static void startFailed(String kind, Throwable cause) {
        System.err.println("START FAILED " + kind + ": " + cause);
        cause.printStackTrace();
        System.err.flush();
        System.exit(START_FAILED_STATUS);
    }
}
