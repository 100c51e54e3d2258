package io.svccfg.config;

import java.util.Locale;

/** What a managed listener does when no tuple assigns it an endpoint on this host. */
public enum Unassigned {
    /** Bound to loopback on an ephemeral port: the application runs, nobody outside reaches it. */
    PARK,
    /** The bind throws {@link java.net.BindException}. */
    FAIL,
    /** Bound as the application asked. */
    PASSTHROUGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
