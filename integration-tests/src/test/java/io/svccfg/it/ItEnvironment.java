package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** What the build hands the integration tests, as system properties set by maven-failsafe (see pom.xml). */
final class ItEnvironment {
    private ItEnvironment() {
    }

    /**
     * The integration tests' own classes ({@code target/test-classes}), as the class path of a child JVM that runs
     * one of them: with nothing else on it, the agent's classes come from the agent jar under test, never from the
     * copy of svccfg that the tests' class path holds.
     */
    static String testClasses() {
        try {
            return Path.of(ItEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real agent and command-line jar, {@code agent/target/svccfg.jar}. */
    static Path agentJar() {
        return existingFile("svccfg.it.agentJar");
    }

    /** The demo applications, {@code demo-apps/target/svccfg-demo.jar}. */
    static Path demoJar() {
        return existingFile("svccfg.it.demoJar");
    }

    /**
     * One {@link ChildJvm} per JAVA_HOME in {@code svccfg.it.jdks}. A listed JDK that is missing fails its tests
     * when they start a JVM (never a skip); an empty list fails here, so that no test passes by running on nothing.
     */
    static Stream<ChildJvm> jdks() {
        String list = System.getProperty("svccfg.it.jdks", "");
        ChildJvm[] jvms = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(home -> new ChildJvm(Path.of(home))).toArray(ChildJvm[]::new);
        if (jvms.length == 0) {
            throw new IllegalStateException("system property svccfg.it.jdks lists no JDK: run through maven-failsafe");
        }
        return Stream.of(jvms);
    }

    private static Path existingFile(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null && !value.isBlank(), "system property " + property + " is not set: run through"
                + " maven-failsafe (mvn verify)");
        Path path = Path.of(value).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(path), property + " names a missing file " + path
                + ": build it first (mvn -DskipTests install)");
        return path;
    }
}
