package io.svccfg.config;

/** A bad option: its message is the one line shown to the user, naming the key, the value and what is expected. */
public final class BadOptionException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadOptionException(String message) {
        super(message, null, false, false);
    }
}
