package io.svccfg.demo.fig1;

import io.svccfg.client.ServiceLocator;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The java, the agent jar and the demo jar that this demo runs from, so that its servers run the very same. */
record Jars(Path java, Path agent, Path demo) {

    /** Found from where their classes were loaded: the demo jar names the agent jar in its manifest. */
    static Jars ofThisJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new Jars(java, locationOf(ServiceLocator.class), locationOf(Jars.class));
    }

    private static Path locationOf(Class<?> type) {
        try {
            Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(type.getName() + " comes from " + path + ", not from a jar: run the"
                        + " demo as java -jar demo-apps/target/svccfg-demo.jar after mvn -DskipTests package");
            }
            return path;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
