package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * svccfg beside another agent that retransforms the JDK's listener classes after svccfg wrapped them as they loaded
 * ({@link RetransformingAgent}): the retransformation succeeds, and the application's bind is still managed.
 */
class OtherAgentIT {
    private static Bind9 fig1;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startDns() {
        fig1 = Bind9.startFig1();
    }

    @AfterAll
    static void stopDns() {
        if (fig1 != null) {
            fig1.close();
        }
    }

    @OnEachJdk
    void anotherAgentRetransformsTheWrappedListenerClassesAndBindsStayManaged(ChildJvm jvm) throws IOException {
        Path other = workDir.resolve("other-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", RetransformingAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(other), manifest)) {
            // the class itself comes from the application's class path
        }
        ChildProcess.Result r = jvm.run(List.of(
                "-javaagent:" + ItEnvironment.agentJar() + "=domain=example.test,dns=" + fig1.hostPort()
                        + ",address=127.0.0.123",
                "-javaagent:" + other, "-cp", ItEnvironment.testClasses(), FirstBindApp.class.getName(),
                Long.toString(System.currentTimeMillis())), Map.of(), workDir);

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains(RetransformingAgent.DONE + RetransformingAgent.CLASSES.size()), r::describe);
        // FIG. 1: 127.0.0.123 serves http on 18081; the application asked for 8080.
        String firstBind = r.stdout().lines().filter(l -> l.startsWith("FIRST_BIND_MS ")).findFirst().orElseThrow();
        assertEquals("18081", firstBind.split(" ")[2], r::describe);
    }
}
