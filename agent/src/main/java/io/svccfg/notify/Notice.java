package io.svccfg.notify;

import java.util.OptionalLong;

/**
 * What an accepted NOTIFY says: its zone, and the zone's new serial when the NOTIFY carries the zone's SOA in its
 * answer section (RFC 1996 section 3.7 allows it; BIND 9.18 sends it).
 */
public record Notice(String zone, OptionalLong serial) {

    /** Told what an accepted NOTIFY says; runs on the receiver's threads. */
    @FunctionalInterface
    public interface Listener {
        void notified(Notice notice);
    }
}
