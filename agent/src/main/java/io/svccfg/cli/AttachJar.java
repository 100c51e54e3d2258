package io.svccfg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar that {@code attach} loads into a running JVM: a manifest only, which names the agent's entry and
 * {@code svccfg.jar} as its class path. Loaded itself, {@code svccfg.jar} would have its {@code Boot-Class-Path}
 * appended while the JVM runs, and the JVM then prints a warning into the application's output (it stops sharing
 * class data); the speed that path buys matters at start only.
 */
final class AttachJar {
    private AttachJar() {
    }

    /** Writes it to a temporary file, which the caller deletes once the agent is loaded. */
    static Path write(Path agentJar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        try (JarFile agent = new JarFile(agentJar.toFile())) {
            Attributes own = agent.getManifest().getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            for (String name : new String[] {"Agent-Class", "Can-Retransform-Classes", "Can-Redefine-Classes"}) {
                attributes.putValue(name, own.getValue(name));
            }
        }
        attributes.put(Attributes.Name.CLASS_PATH, agentJar.toUri().toString());
        Path jar = Files.createTempFile("svccfg-attach-", ".jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            // the manifest is all
        }
        return jar;
    }
}
