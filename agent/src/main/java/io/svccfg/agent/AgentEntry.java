package io.svccfg.agent;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * The class the JVM starts the agent with ({@code Premain-Class}, {@code Agent-Class}).
 *
 * <p>The agent jar names itself, {@code svccfg.jar}, as its {@code Boot-Class-Path}, so that under
 * {@code -javaagent} the JVM loads every class of the agent from the bootstrap loader: in native code and without
 * bytecode verification, instead of through the application class loader's Java code (jar look-ups, protection
 * domains, verification, and the JIT compiling all that). Measured to the first bind: 40 ms sooner, 80 ms of CPU
 * less. The JVM takes that path at start, before class data sharing is set up; a jar appended later
 * ({@link Instrumentation#appendToBootstrapClassLoaderSearch}) would make the JVM print a warning and stop sharing
 * the application's JDK classes. The agent's packages are relocated, so they meet no application's classes, and
 * every class loader sees them, Netty's too.
 *
 * <p>The path is relative to the agent jar's directory. A jar renamed away from {@code svccfg.jar} still works, from
 * the application class loader, as before; but were there another {@code svccfg.jar} beside it, the JVM would run
 * that one's classes: {@link #foreignBootJar} catches that, and the JVM stops with one line, as for a bad option.
 */
public final class AgentEntry {
    private static final String SELF = "io/svccfg/agent/AgentEntry.class";
    private static final String AGENT = "io/svccfg/agent/SvccfgAgent.class";
    /** The agent jar's name, as its manifest's {@code Boot-Class-Path} gives it (agent/pom.xml). */
    private static final String JAR_NAME = "svccfg.jar";
    private static final String JAVAAGENT = "-javaagent:";

    private AgentEntry() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        String foreign = foreignBootJar();
        if (foreign != null) {
            System.err.println(foreign);
            System.exit(SvccfgAgent.BAD_OPTION);
            return;
        }
        SvccfgAgent.premain(arguments, instrumentation);
    }

    /**
     * A late attach ({@code svccfg attach}) loads the agent from a jar without a boot class path, and the classes
     * from the application class loader; or, when an agent runs already, from the bootstrap loader: then
     * {@link SvccfgAgent} says so.
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        SvccfgAgent.agentmain(arguments, instrumentation);
    }

    /**
     * Null when the classes the JVM runs are those of the {@code -javaagent} jar; else the line that says which jar
     * they come from and what to do.
     */
    private static String foreignBootJar() {
        try {
            boolean fromBoot = AgentEntry.class.getClassLoader() == null;
            if (fromBoot && namedAsItsBootClassPath()) {
                return null;
            }
            // The platform loader asks the bootstrap loader alone: the boot class path's copy, if it holds one.
            URL boot = ClassLoader.getPlatformClassLoader().getResource(AGENT);
            if (boot == null) {
                return null;
            }
            Path given;
            if (fromBoot) {
                given = javaagentJar();
                if (given == null || Files.isSameFile(given, jarOf(boot))) {
                    return null;
                }
            } else {
                // The boot class path holds an svccfg without this class: another, older jar.
                given = Path.of(AgentEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            }
            return "svccfg: the JVM loaded svccfg from " + jarOf(boot) + ", not from the -javaagent jar " + given
                    + ": the agent jar finds its classes by the name svccfg.jar in its directory; name it"
                    + " svccfg.jar, or move the other svccfg.jar away";
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a {@code -javaagent} option, on the command line or in the JVM's environment variables, names a jar
     * called {@code svccfg.jar}: then its boot class path is itself. The cheap answer for the usual case, before the
     * exact one ({@link #javaagentJar}), which makes the application class loader open the agent jar and read its
     * 2,000 entries' names (10-14 ms on the application's main thread). False when unsure (not Linux, an
     * argument file).
     */
    private static boolean namedAsItsBootClassPath() {
        try (InputStream in = new FileInputStream("/proc/self/cmdline")) {
            String commandLine = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return namesJar(commandLine.split("\0")) || namesJar(words(System.getenv("JAVA_TOOL_OPTIONS")))
                    || namesJar(words(System.getenv("JDK_JAVA_OPTIONS")));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String[] words(String options) {
        return options == null ? new String[0] : options.trim().split(" ");
    }

    /** Whether one of {@code options} is {@code -javaagent:} with a jar called {@code svccfg.jar}. */
    static boolean namesJar(String[] options) {
        for (String option : options) {
            if (option.startsWith(JAVAAGENT)) {
                int end = option.indexOf('=');
                String jar = option.substring(JAVAAGENT.length(), end < 0 ? option.length() : end);
                if (jar.equals(JAR_NAME) || jar.endsWith("/" + JAR_NAME)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The {@code -javaagent} jar: the JVM appends it to the application class path, after the application's own
     * entries, so it is the last that holds this class.
     */
    private static Path javaagentJar() throws IOException, URISyntaxException {
        URL last = null;
        Enumeration<URL> copies = ClassLoader.getSystemClassLoader().getResources(SELF);
        while (copies.hasMoreElements()) {
            last = copies.nextElement();
        }
        return last == null ? null : jarOf(last);
    }

    /** The jar of {@code jar:file:/a/b.jar!/entry}. */
    private static Path jarOf(URL entry) throws URISyntaxException {
        String spec = entry.toString();
        int end = spec.lastIndexOf("!/");
        return Path.of(new URI(spec.substring("jar:".length(), end)));
    }
}
