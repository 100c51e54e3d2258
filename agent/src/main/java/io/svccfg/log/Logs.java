package io.svccfg.log;

import org.slf4j.Logger;

/**
 * svccfg's loggers, straight from its own binding: SLF4J's {@code LoggerFactory} finds a binding with a
 * {@code ServiceLoader} look-up over the application's class path, tens of milliseconds that would fall on the
 * application's main thread in {@code premain}. dnsjava's loggers still come through {@code LoggerFactory}, on
 * svccfg's own threads, and land in the same binding.
 */
public final class Logs {
    private static final StderrLogging LOGGING = new StderrLogging();

    private Logs() {
    }

    public static Logger of(Class<?> type) {
        return LOGGING.getLogger(type.getName());
    }
}
