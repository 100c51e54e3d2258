package io.svccfg.agent;

import io.svccfg.config.BadOptionException;
import io.svccfg.config.Config;
import io.svccfg.config.ConfigLoader;
import io.svccfg.log.StderrLogging;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry: {@code -javaagent:svccfg.jar=OPTIONS} ({@link #premain}) or a late attach
 * ({@link #agentmain}).
 */
public final class SvccfgAgent {
    /** The exit status of a JVM stopped at start by a bad option. */
    static final int BAD_OPTION = 2;

    private SvccfgAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        Config config;
        try {
            config = ConfigLoader.load(arguments, System.getProperties(), System.getenv());
        } catch (BadOptionException e) {
            // Throwing from premain aborts the JVM with a crash report (exit 134): one line and status 2 instead.
            System.err.println(e.getMessage());
            System.exit(BAD_OPTION);
            return;
        }
        start(config);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        try {
            start(ConfigLoader.load(arguments, System.getProperties(), System.getenv()));
        } catch (BadOptionException e) {
            // A running application is never stopped by a bad attach: say why and leave it alone.
            System.err.println(e.getMessage());
        }
    }

    private static void start(Config config) {
        StderrLogging.setThreshold(config.log());
        StartupReport.startInBackground(config);
    }
}
