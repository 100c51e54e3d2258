package io.svccfg.agent;

import io.svccfg.cli.Version;
import io.svccfg.config.BadOptionException;
import io.svccfg.config.Config;
import io.svccfg.config.ConfigLoader;
import io.svccfg.dns.TupleSource;
import io.svccfg.identity.Identity;
import io.svccfg.identity.InterfaceAddresses;
import io.svccfg.interception.Interception;
import io.svccfg.listener.ListenerBinder;
import io.svccfg.listener.ListenerRegistry;
import io.svccfg.log.StderrLogging;
import io.svccfg.reconcile.ReadState;
import io.svccfg.reconcile.Reconciler;
import java.lang.instrument.Instrumentation;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        start(config, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        try {
            start(ConfigLoader.load(arguments, System.getProperties(), System.getenv()), instrumentation);
        } catch (BadOptionException e) {
            // A running application is never stopped by a bad attach: say why and leave it alone.
            System.err.println(e.getMessage());
        }
    }

    private static void start(Config config, Instrumentation instrumentation) {
        StderrLogging.setThreshold(config.log());
        Logger log = LoggerFactory.getLogger(SvccfgAgent.class);
        try {
            Identity identity = InterfaceAddresses.identity(config.addresses());
            log.info("svccfg {}: domains {}, identity {}, unassigned={}", Version.get(), config.domains(), identity,
                    config.unassigned().label());
            ReadState reads = new ReadState();
            ListenerRegistry registry = new ListenerRegistry();
            Interception.install(instrumentation,
                    new ListenerBinder(config, identity, reads, registry, config.firstReadWait()));
            TupleSource source = new TupleSource(config.dns(), config.tsig(), TupleSource.DEFAULT_TIMEOUT);
            new Reconciler(config, identity, source, reads).start();
        } catch (SocketException e) {
            log.error("svccfg is off: cannot list this host's addresses ({}); give them with address=", e.toString());
        } catch (Exception | LinkageError e) {
            log.error("svccfg is off: the application runs as without it", e);
        }
    }
}
