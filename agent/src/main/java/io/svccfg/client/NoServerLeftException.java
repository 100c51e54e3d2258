package io.svccfg.client;

import java.io.IOException;

/** Every server of a service was tried and none could be reached; each failure is a suppressed exception. */
public final class NoServerLeftException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoServerLeftException(String message) {
        super(message);
    }
}
