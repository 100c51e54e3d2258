package io.svccfg.log;

import java.util.Locale;

/** The levels of the {@code log=} option, most severe first. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG;

    /** Whether a message at {@code level} is written when this is the threshold. */
    boolean admits(LogLevel level) {
        return level.ordinal() <= ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
