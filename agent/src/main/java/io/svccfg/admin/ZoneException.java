package io.svccfg.admin;

/** The DNS server did not answer as the administrator needs, or refused its update: one line saying which. */
public final class ZoneException extends Exception {
    public ZoneException(String message) {
        super(message);
    }
}
