package io.svccfg.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The cheap half of the check that the JVM runs the {@code -javaagent} jar's own classes: a {@code -javaagent} that
 * names {@code svccfg.jar} (whose boot class path is then itself). A miss costs 10-14 ms at start, not correctness.
 */
class AgentEntryTest {

    @Test
    void aJavaagentNamedSvccfgJarIsItsOwnBootClassPath() {
        assertTrue(AgentEntry.namesJar(new String[] {"java", "-javaagent:svccfg.jar", "-jar", "app.jar"}));
        assertTrue(AgentEntry.namesJar(new String[] {"-javaagent:/opt/svccfg/svccfg.jar=domain=example.com"}));
        assertTrue(AgentEntry.namesJar(new String[] {"-javaagent:/opt/otel.jar", "-javaagent:lib/svccfg.jar=x=y"}));
    }

    @Test
    void anyOtherNameIsNot() {
        assertFalse(AgentEntry.namesJar(new String[] {"-javaagent:/opt/svccfg-0.9.jar=domain=example.com"}));
        assertFalse(AgentEntry.namesJar(new String[] {"-javaagent:/opt/mysvccfg.jar"}));
        assertFalse(AgentEntry.namesJar(new String[] {"-cp", "svccfg.jar", "-Dx=-javaagent:svccfg.jar"}));
        assertFalse(AgentEntry.namesJar(new String[] {"-javaagent:/opt/a=svccfg.jar"}));
        assertFalse(AgentEntry.namesJar(new String[0]));
    }

    @Test
    void environmentOptionsAreSplitAtSpaces() {
        assertArrayEquals(new String[] {"-Xmx1g", "-javaagent:svccfg.jar=domain=example.com"},
                AgentEntry.words("  -Xmx1g -javaagent:svccfg.jar=domain=example.com "));
        assertArrayEquals(new String[0], AgentEntry.words(null));
    }
}
