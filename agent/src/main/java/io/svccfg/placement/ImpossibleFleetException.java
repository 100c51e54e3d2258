package io.svccfg.placement;

import java.util.List;

/** The fleet cannot carry its services: one line per service short of capacity or of spares. */
public final class ImpossibleFleetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> shortfalls;

    ImpossibleFleetException(List<String> shortfalls) {
        super("the fleet cannot carry its services: " + String.join("; ", shortfalls));
        this.shortfalls = List.copyOf(shortfalls);
    }

    /** One line per service short, e.g. {@code http/tcp: volume 1500 > 1200 that ... can carry (host1, host2)}. */
    public List<String> shortfalls() {
        return shortfalls;
    }
}
