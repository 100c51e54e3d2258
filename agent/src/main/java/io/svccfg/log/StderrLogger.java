package io.svccfg.log;

import java.io.PrintStream;
import java.time.LocalTime;
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
        String line = "svccfg " + time(LocalTime.now()) + " " + LEVELS[level.ordinal()] + " " + origin + message;
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
    }

    /**
     * {@code HH:mm:ss.SSS}, written out by hand: {@code DateTimeFormatter} and {@code String.format} cost tens of
     * milliseconds of class loading and JIT at the agent's first line, while the application starts.
     */
    static String time(LocalTime t) {
        StringBuilder text = new StringBuilder(12);
        two(text, t.getHour()).append(':');
        two(text, t.getMinute()).append(':');
        two(text, t.getSecond()).append('.');
        int millis = t.getNano() / 1_000_000;
        return text.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
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
