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

    @Override
    public String toString() {
        return endpoints.isEmpty() ? "none" : endpoints.toString();
    }
}
