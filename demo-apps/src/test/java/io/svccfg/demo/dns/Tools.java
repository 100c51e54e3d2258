package io.svccfg.demo.dns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real BIND tools (Debian's bind9-dnsutils, which CI installs) run as child processes. */
final class Tools {
    static final Path DIG = Path.of("/usr/bin/dig");
    static final Path NSUPDATE = Path.of("/usr/bin/nsupdate");

    /** What a tool printed (stdout and stderr together) and its exit code. */
    record Run(int exit, String output) {
    }

    private Tools() {
    }

    static Run dig(DnsServer server, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DIG.toString(), "@" + server.address().getAddress()
                .getHostAddress(), "-p", String.valueOf(server.address().getPort()), "+time=5", "+tries=1"));
        command.addAll(List.of(args));
        return run(command, "");
    }

    /** nsupdate with the script on stdin; {@code key} like {@code hmac-sha256:name:secret}, or null for unsigned. */
    static Run nsupdate(DnsServer server, String key, String... lines) throws Exception {
        List<String> command = new ArrayList<>(List.of(NSUPDATE.toString(), "-t", "5"));
        if (key != null) {
            command.addAll(List.of("-y", key));
        }
        String script = "server " + server.address().getAddress().getHostAddress() + " "
                + server.address().getPort() + "\n" + String.join("\n", lines) + "\nsend\n";
        return run(command, script);
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        return run(command, "");
    }

    private static Run run(List<String> command, String stdin) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is missing: install bind9-dnsutils");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), command + " did not end");
        return new Run(p.exitValue(), output);
    }
}
