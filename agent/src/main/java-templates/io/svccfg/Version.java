package io.svccfg;

/**
 * The version of svccfg, written in when the build filters this file: reading it from the jar's manifest at run time
 * would open the agent jar in Java on the agent's start-up path, where the JVM itself reads it natively.
 */
public final class Version {
    private static final String VERSION = "${project.version}";

    private Version() {
    }

    public static String get() {
        return VERSION;
    }
}
