package io.svccfg.cli;

import io.svccfg.config.BadOptionException;
import io.svccfg.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code attach PID OPTIONS}: loads the agent into a running JVM. The options are checked here first, so that a bad
 * one is reported to whoever typed it, not in the target's log.
 */
record AttachCommand(long pid, String options) {

    static AttachCommand parse(List<String> args) throws UsageException {
        if (args.size() != 2) {
            throw new UsageException("attach needs PID OPTIONS, like: attach 12345 domain=example.com,poll=10s");
        }
        return new AttachCommand(TargetJvm.pid(args.get(0)), args.get(1));
    }

    int run(PrintStream out, PrintStream err) throws UsageException {
        try {
            ConfigLoader.load(options, new Properties(), Map.of());
        } catch (BadOptionException e) {
            err.println(e.getMessage());
            return Main.ERROR;
        }
        try (TargetJvm target = TargetJvm.attach(pid)) {
            Path agentJar = Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path attachJar = AttachJar.write(agentJar);
            try {
                target.loadAgent(attachJar.toString(), options);
            } finally {
                // The target opened it while it loaded the agent, and keeps it open.
                Files.deleteIfExists(attachJar);
            }
        } catch (UsageException e) {
            throw e;
        } catch (Exception e) {
            throw new UsageException("cannot load the agent into process " + pid + ": " + e);
        }
        out.println("svccfg: agent loaded into process " + pid + "; listeners bound from now on are managed");
        return Main.OK;
    }
}
