package io.svccfg.identity;

import io.svccfg.tuple.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The addresses that count as this host: a tuple whose address is one of them is for this host. */
public final class Identity {
    private final Set<InetAddress> addresses;

    private Identity(Set<InetAddress> addresses) {
        this.addresses = Collections.unmodifiableSet(addresses);
    }

    public static Identity of(Collection<InetAddress> addresses) {
        Set<InetAddress> plain = new LinkedHashSet<>();
        for (InetAddress address : addresses) {
            plain.add(withoutScope(address));
        }
        return new Identity(plain);
    }

    public boolean contains(InetAddress address) {
        return addresses.contains(withoutScope(address));
    }

    public Set<InetAddress> addresses() {
        return addresses;
    }

    /** An interface's IPv6 address carries a scope (fe80::1%eth0); DNS never does. Compare the bare addresses. */
    private static InetAddress withoutScope(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other && addresses.equals(other.addresses);
    }

    @Override
    public int hashCode() {
        return addresses.hashCode();
    }

    @Override
    public String toString() {
        List<String> texts = new ArrayList<>(); // a loop: the first log line writes this, before the first bind
        for (InetAddress address : addresses) {
            texts.add(AddressText.of(address));
        }
        return texts.toString();
    }
}
