package io.svccfg.plan;

import io.svccfg.tuple.Endpoint;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** The endpoints that the tuples give one listener on this host; empty when none does (the listener parks). */
public record Assignment(SortedSet<Endpoint> endpoints) {
    public static final Assignment NONE = new Assignment(new TreeSet<>());

    public Assignment {
        endpoints = Collections.unmodifiableSortedSet(new TreeSet<>(endpoints));
    }

    public static Assignment of(Collection<Endpoint> endpoints) {
        return new Assignment(new TreeSet<>(endpoints));
    }

    public static Assignment of(Endpoint... endpoints) {
        return of(java.util.List.of(endpoints));
    }

    public boolean isEmpty() {
        return endpoints.isEmpty();
    }

    // equals and hashCode written out, as the record's would be: the generated ones bootstrap method handles at their
    // first call (several milliseconds each, cold), and these run on the way to the application's first bind.
    @Override
    public boolean equals(Object o) {
        return o instanceof Assignment a && endpoints.equals(a.endpoints);
    }

    @Override
    public int hashCode() {
        return endpoints.hashCode();
    }

    @Override
    public String toString() {
        return endpoints.isEmpty() ? "none" : endpoints.toString();
    }
}
