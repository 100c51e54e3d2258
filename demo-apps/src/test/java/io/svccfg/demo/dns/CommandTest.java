package io.svccfg.demo.dns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, as a child JVM (this test's java and class path) for exit codes and output. */
class CommandTest {
    private static final Pattern SERVING = Pattern.compile("dns serving example\\.test\\. serial 7 \\(11 records\\)"
            + " on 127\\.0\\.0\\.1:(\\d+) udp\\+tcp, notify \\[127\\.0\\.0\\.1:5300\\], updates need key demo-key\\.");

    @TempDir
    Path dir;

    private Process child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), DnsCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** Exit code and stderr lines of a child that must end by itself. */
    private List<String> failing(int exit, String... args) throws Exception {
        Process p = child(args);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child did not end");
        List<String> err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("SLF4J")).toList();
        assertEquals(exit, p.exitValue(), err.toString());
        assertEquals(1, err.size(), err.toString());
        assertTrue(err.get(0).startsWith("svccfg-demo dns: "), err.toString());
        return err;
    }

    private Path zone() throws Exception {
        Path file = dir.resolve("example.zone");
        Files.writeString(file, Fixtures.ZONE);
        return file;
    }

    @Test
    void badOptionsExit2WithOneLine() throws Exception {
        String zone = zone().toString();
        assertTrue(failing(2, "--zone", zone).get(0).contains("--port P is missing"));
        assertTrue(failing(2, "--zone", zone, "--port", "99999").get(0).contains("expected a number from 0 to 65535"));
        assertTrue(failing(2, "--zone", zone, "--port", "0", "--bogus", "x").get(0).contains("unknown option --bogus"));
        assertTrue(failing(2, "--zone", zone, "--port", "0", "--tsig", "demo-key:hmac-nope:" + Fixtures.SECRET)
                .get(0).contains("TSIG algorithm 'hmac-nope' is unknown"));
        assertTrue(failing(2, "--zone", zone, "--port", "0", "--notify", "127.0.0.1").get(0)
                .contains("is not host:port"));
    }

    @Test
    void badZoneExit2NamingTheFile() throws Exception {
        Path bad = dir.resolve("nosoa.zone");
        Files.writeString(bad, "$ORIGIN example.test.\n$TTL 60\n@ NS ns1\n");
        String line = failing(2, "--zone", bad.toString(), "--port", "0").get(0);
        assertTrue(line.contains(bad.toString()) && line.contains("no SOA"), line);
    }

    @Test
    void servesUntilKilled() throws Exception {
        Process p = child("--zone", zone().toString(), "--port", "0", "--notify", "127.0.0.1:5300", "--tsig",
                Fixtures.KEY_OPTION);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher m = SERVING.matcher(String.valueOf(first));
            assertTrue(m.matches(), first);
            int port = Integer.parseInt(m.group(1));
            Tools.Run dig = Tools.run(List.of(Tools.DIG.toString(), "@127.0.0.1", "-p", String.valueOf(port),
                    "host121.example.test", "A", "+short", "+tcp"));
            assertEquals("10.10.10.121", dig.output().trim());
            assertTrue(p.isAlive());
        } finally {
            p.destroy();
            await().atMost(Fixtures.PATIENCE).until(() -> !p.isAlive());
        }
    }

    @Test
    void tsigOptionParsing() {
        assertEquals("demo-key.", TsigKeys.name(TsigKeys.parse(Fixtures.KEY_OPTION)).toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TsigKeys.parse("demo-key:" + Fixtures.SECRET))
                .getMessage().contains("expected name:algorithm:base64secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TsigKeys.parse("k:hmac-sha256:!!"))
                .getMessage().contains("not base64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TsigKeys.parse(":hmac-sha256:" + Fixtures.SECRET))
                .getMessage().contains("empty name"));
    }
}
