package io.svccfg.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVMs of this user that may run svccfg, found without touching them: the JVMs the Attach API lists (as
 * {@code jps} does, from their performance data files), kept when their command line names an agent jar of svccfg
 * ({@code -javaagent:...svccfg...jar}) or when they hold one open (an agent loaded by {@code attach} later). Only
 * those are attached to, and only those that answer with svccfg's state are listed.
 */
final class AgentJvms {
    private AgentJvms() {
    }

    static List<Long> candidates() {
        long self = ProcessHandle.current().pid();
        List<Long> pids = new ArrayList<>();
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            long pid;
            try {
                pid = Long.parseLong(vm.id());
            } catch (NumberFormatException e) {
                continue;
            }
            if (pid != self && (commandNamesAgent(pid) || holdsAgentJar(pid))) {
                pids.add(pid);
            }
        }
        return pids;
    }

    private static boolean commandNamesAgent(long pid) {
        try {
            String command = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8);
            for (String arg : command.split("\0")) {
                if (arg.startsWith("-javaagent:") && isAgentJar(arg.substring("-javaagent:".length()).split("=")[0])) {
                    return true;
                }
            }
        } catch (IOException e) {
            // not readable: the descriptors may tell
        }
        return false;
    }

    private static boolean holdsAgentJar(long pid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (isAgentJar(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // not ours, or gone
        }
        return false;
    }

    private static boolean isAgentJar(String path) {
        String name = Path.of(path).getFileName() == null ? "" : Path.of(path).getFileName().toString();
        return name.endsWith(".jar") && name.contains("svccfg");
    }
}
