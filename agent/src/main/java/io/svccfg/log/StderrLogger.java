package io.svccfg.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Writes one line per event to stderr: {@code svccfg HH:mm:ss.SSS LEVEL message}. Lines of loggers that are
 * not svccfg's own (dnsjava's) carry the logger's simple name, so that operators can tell them apart.
 */
final class StderrLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    /** Each level's name padded to five characters, by {@link Level#ordinal()}. */
    private static final String[] LEVELS = padded();

    private final String origin;

    StderrLogger(String name) {
        this.name = name;
        this.origin = name.startsWith("io.svccfg.") ? "" : "[" + name.substring(name.lastIndexOf('.') + 1) + "] ";
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return StderrLogging.threshold().admits(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return StderrLogging.threshold().admits(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return StderrLogging.threshold().admits(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        LogOutput.write(System.currentTimeMillis(), LEVELS[level.ordinal()] + " " + origin + message, throwable);
    }

    private static String[] padded() {
        Level[] levels = Level.values();
        String[] names = new String[levels.length];
        for (Level level : levels) {
            names[level.ordinal()] = (level.name() + "    ").substring(0, 5);
        }
        return names;
    }
}
