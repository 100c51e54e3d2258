package io.svccfg.config;

import java.net.InetSocketAddress;

/** A host (name or IP literal, IPv6 without brackets) and a port, as given in {@code dns=} and {@code notify=}. */
public record HostPort(String host, int port) {

    /** Resolves the host; a name is looked up with the system resolver. */
    public InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
