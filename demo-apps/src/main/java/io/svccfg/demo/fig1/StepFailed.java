package io.svccfg.demo.fig1;

/** A step of the demo did not hold: the message says what was expected and what was seen. */
final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailed(String message) {
        super(message);
    }

    StepFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
