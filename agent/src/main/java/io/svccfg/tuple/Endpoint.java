package io.svccfg.tuple;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** An address and a port: where a listener is bound, or where DNS says it should be. */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {
    public Endpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** IPv4 before IPv6, then by the bytes of the address. */
    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    /** By address ({@link #compareAddresses}), then port. */
    @Override
    public int compareTo(Endpoint other) {
        int byAddress = compareAddresses(address, other.address);
        return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
    }

    /** {@code 127.0.0.1:80} or {@code [::1]:80}. */
    @Override
    public String toString() {
        return AddressText.of(address, port);
    }
}
