package io.svccfg.log;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
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
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

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
        String line = "svccfg " + LocalTime.now().format(TIME) + " " + String.format("%-5s", level) + " " + origin
                + message;
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
    }
}
