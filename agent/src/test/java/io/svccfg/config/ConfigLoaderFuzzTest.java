package io.svccfg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.svccfg.dns.Tsigs;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Any option text, from any source, gives a {@link Config} the agent can run with, or a {@link BadOptionException}
 * whose message is one line starting {@code svccfg: } (the JVM prints it and exits 2); never another exception.
 * Inputs are UTF-8 text, so that seeds in {@code src/test/resources/io/svccfg/config/ConfigLoaderFuzzTestInputs/}
 * read as what a user writes.
 */
class ConfigLoaderFuzzTest {
    /** What ends a line for a terminal or a log reader. */
    private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\r\\u0085\\u2028\\u2029]");
    /** The one config file the harness writes; fuzzed text never names a file (see {@link #allSources}). */
    private static final Path CONFIG_FILE = configFile();

    @FuzzTest
    void agentArguments(byte[] input) {
        String arguments = new String(input, StandardCharsets.UTF_8);
        if (namesAFile(arguments)) {
            return;
        }
        check(arguments, new Properties(), Map.of());
    }

    /**
     * Four parts separated by NUL: agent arguments, system properties, environment variables (both in properties-file
     * syntax) and the config file's text (written to a file the system property {@code svccfg.config} names).
     */
    @FuzzTest
    void allSources(byte[] input) throws IOException {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\0", 4);
        String sources = parts[0] + (parts.length > 1 ? parts[1] : "") + (parts.length > 2 ? parts[2] : "");
        Properties system = properties(parts.length > 1 ? parts[1] : "");
        Properties environment = properties(parts.length > 2 ? parts[2] : "");
        if (system == null || environment == null || namesAFile(sources)) {
            return;
        }
        if (parts.length > 3) {
            Files.writeString(CONFIG_FILE, parts[3], StandardCharsets.UTF_8);
            system.setProperty("svccfg.config", CONFIG_FILE.toString());
        }
        Map<String, String> env = new HashMap<>();
        environment.stringPropertyNames().forEach(k -> env.put(k, environment.getProperty(k)));
        check(parts[0], system, env);
    }

    /** Each value parser returns or throws IllegalArgumentException (which the loader words), nothing else. */
    @FuzzTest
    void optionValues(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<java.util.function.Function<String, ?>> parsers = List.of(OptionValues::duration,
                OptionValues::domain, OptionValues::serviceName, OptionValues::port, OptionValues::ipAddress,
                v -> OptionValues.hostPort(v, 53), v -> OptionValues.hostPort(v, 0), OptionValues::servicePort,
                OptionValues::tsig, OptionValues::unassigned, OptionValues::logLevel, ListeningPoint::parse);
        for (java.util.function.Function<String, ?> parser : parsers) {
            try {
                assertUsable(parser.apply(text));
            } catch (IllegalArgumentException expected) {
                // the loader turns it into a BadOptionException naming the key
            }
        }
    }

    private static void check(String arguments, Properties system, Map<String, String> environment) {
        try {
            Config config = ConfigLoader.load(arguments, system, environment);
            assertFalse(config.domains().isEmpty() && config.listeningPoints().isEmpty());
            config.listeningPoints().forEach(ConfigLoaderFuzzTest::assertUsable);
            List.of(config.poll(), config.idlePoll(), config.firstReadWait(), config.flapDamping())
                    .forEach(ConfigLoaderFuzzTest::assertUsable);
            config.tsig().ifPresent(ConfigLoaderFuzzTest::assertUsable);
        } catch (BadOptionException e) {
            assertTrue(e.getMessage().startsWith("svccfg: "), e.getMessage());
            assertFalse(LINE_BREAK.matcher(e.getMessage()).find(), "not one line: " + e.getMessage());
        }
    }

    /** What the agent does with a parsed value later must not throw either. */
    private static void assertUsable(Object value) {
        if (value instanceof Duration d) {
            assertTrue(!d.isNegative() && !d.isZero(), d.toString());
            d.toNanos(); // flap damping and the reconciler schedule in nanoseconds
        } else if (value instanceof TsigKey key) {
            Tsigs.of(key); // the agent makes its dnsjava key at start
        } else if (value instanceof ListeningPoint point) {
            // What status, the log and resolve print is the URI again, and its host is what a read asks.
            assertEquals(point, ListeningPoint.parse(point.toString()), point.toString());
            point.services();
            if (point.hostIsAddress()) {
                point.address();
            }
        } else if (value instanceof HostPort hp) {
            assertTrue(hp.port() >= 1 && hp.port() <= 65535, hp.toString());
        }
    }

    /**
     * A config= the fuzzer wrote would open any path (a FIFO or /dev/zero never ends); which file to read is the
     * operator's choice, not hostile input, so those inputs are skipped.
     */
    private static boolean namesAFile(String text) {
        return text.toLowerCase(Locale.ROOT).contains("config");
    }

    /** The text as properties, or null when it is not properties-file syntax (a bad \\u escape). */
    private static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return p;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Path configFile() {
        try {
            Path file = Files.createTempFile("svccfg-fuzz", ".properties");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
