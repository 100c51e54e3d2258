package io.svccfg.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;

/** A running JVM reached through the Attach API, for {@code status} and {@code attach}. */
final class TargetJvm implements AutoCloseable {
    private final long pid;
    private final VirtualMachine vm;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches, or fails with one line that says why. */
    static TargetJvm attach(long pid) throws UsageException {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new UsageException("no process with pid " + pid);
        }
        try {
            return new TargetJvm(pid, VirtualMachine.attach(String.valueOf(pid)));
        } catch (AttachNotSupportedException | IOException e) {
            throw new UsageException("cannot attach to process " + pid + " (not a Java process, or not one this user"
                    + " may attach to): " + e.getMessage());
        }
    }

    static long pid(String text) throws UsageException {
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("bad PID '" + text + "': expected a process id like 12345");
    }

    long pid() {
        return pid;
    }

    /** One of the JVM's agent properties (the Attach API's {@code properties} command), or null. */
    String agentProperty(String key) throws IOException {
        return vm.getAgentProperties().getProperty(key);
    }

    void loadAgent(String jar, String options) throws Exception {
        vm.loadAgent(jar, options);
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // the JVM went away: nothing to detach from
        }
    }
}
