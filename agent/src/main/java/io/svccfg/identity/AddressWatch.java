package io.svccfg.identity;

import io.svccfg.tuple.AddressText;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Notices an address bound to or removed from this host: each {@link #check} reads the interfaces' addresses and
 * says whether they differ from the last ones seen, and how.
 */
public final class AddressWatch {
    /** A new identity and, in words, what changed. */
    public record Change(Identity identity, String what) {
    }

    private final Supplier<Identity> addresses;
    private Identity last;

    public AddressWatch(Supplier<Identity> addresses, Identity current) {
        this.addresses = addresses;
        this.last = current;
    }

    public Optional<Change> check() {
        Identity now = addresses.get();
        if (now.equals(last)) {
            return Optional.empty();
        }
        Set<InetAddress> added = new LinkedHashSet<>(now.addresses());
        added.removeAll(last.addresses());
        Set<InetAddress> removed = new LinkedHashSet<>(last.addresses());
        removed.removeAll(now.addresses());
        last = now;
        return Optional.of(new Change(now, "added " + text(added) + ", removed " + text(removed)));
    }

    private static String text(Set<InetAddress> addresses) {
        return addresses.stream().map(AddressText::of).toList().toString();
    }
}
