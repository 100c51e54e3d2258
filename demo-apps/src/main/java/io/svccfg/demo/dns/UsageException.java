package io.svccfg.demo.dns;

/** A command line that cannot be run: the message says what was wrong and what is expected. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
