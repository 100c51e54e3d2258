package io.svccfg.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding inside the agent jar. Shading relocates SLF4J, so this provider serves only svccfg
 * and its libraries; the application's own SLF4J and its binding are untouched.
 */
public final class StderrLogging implements SLF4JServiceProvider, ILoggerFactory {
    private static volatile LogLevel threshold = LogLevel.INFO;

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Sets the level of the {@code log=} option for every svccfg logger. */
    public static void setThreshold(LogLevel level) {
        threshold = level;
    }

    static LogLevel threshold() {
        return threshold;
    }

    @Override
    public Logger getLogger(String name) {
        Logger logger = loggers.get(name); // no method reference: the first loggers are made at premain
        if (logger == null) {
            Logger made = new StderrLogger(name);
            logger = loggers.putIfAbsent(name, made);
            return logger == null ? made : logger;
        }
        return logger;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return this;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }
}
