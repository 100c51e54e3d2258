package io.svccfg.listener;

/** Where a managed listener stands. */
public enum ListenerState {
    /** Being bound by the application right now. */
    BINDING,
    /** Bound where DNS assigns it (or, with {@code unassigned=passthrough}, where the application asked). */
    ACTIVE,
    /** Bound where nobody outside reaches it: no tuple assigns it. */
    PARKED,
    /** Not where DNS says, because the last attempt failed; see the listener's last error. */
    FAILED
}
