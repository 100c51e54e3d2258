package io.svccfg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.dns.InProcessDns;
import io.svccfg.dns.TupleSourceTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainTest {
    InProcessDns dns;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void start() throws IOException {
        dns = new InProcessDns("example.test", TupleSourceTest.FIG1);
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    @Test
    void resolveJsonIsAnArrayOfTuplesInRfc2782Order() {
        Run run = run("resolve", "example.test", "smtp", "tcp", "--dns", dns.address(), "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals("[{\"service\":\"smtp\",\"transport\":\"tcp\",\"address\":\"127.0.0.123\",\"port\":23,"
                + "\"priority\":1,\"weight\":100,\"target\":\"host123.example.test\",\"domain\":\"example.test\","
                + "\"ttl\":60},{\"service\":\"smtp\",\"transport\":\"tcp\",\"address\":\"127.0.0.124\",\"port\":23,"
                + "\"priority\":2,\"weight\":100,\"target\":\"host124.example.test\",\"domain\":\"example.test\","
                + "\"ttl\":60}]\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void resolveTextIsAnAlignedTable() {
        Run run = run("resolve", "example.test", "http", "--dns=" + dns.address());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("SERVICE  TRANSPORT  ADDRESS      PORT  PRIORITY"), lines.get(0));
        int portColumn = lines.get(0).indexOf(" PORT ") + 1;
        lines.subList(1, 4).forEach(l -> assertTrue(Character.isDigit(l.charAt(portColumn)), l));
        assertTrue(lines.get(3).contains("127.0.0.123") && lines.get(3).contains("8080"), "priority 2 last");
    }

    @Test
    void noRecordsIsAnEmptyArrayAndSuccess() {
        Run run = run("resolve", "example.test", "imap", "--dns", dns.address(), "--json");
        assertEquals(new Run(0, "[]\n", ""), run);
        Run text = run("resolve", "nosuch.test", "http", "udp", "--dns", dns.address());
        assertEquals(0, text.status());
        assertTrue(text.out().contains("no tuples: _http._udp.nosuch.test has no SRV record"), text.out());
    }

    @Test
    void aDnsFailureIsOneLineAndStatusTwo() {
        dns.mode(InProcessDns.Mode.SERVFAIL);
        Run run = run("resolve", "example.test", "http", "--dns", dns.address(), "--json");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("svccfg: cannot read _http._tcp.example.test. SRV: " + dns.address()
                + " answered SERVFAIL"), run.err());
    }

    @Test
    void badCommandLinesSayWhatIsExpected() {
        assertUsage(run(), "Usage:");
        assertUsage(run("frobnicate"), "svccfg: unknown command 'frobnicate'");
        assertUsage(run("resolve", "example.test"), "svccfg: resolve needs DOMAIN SERVICE [tcp|udp]");
        assertUsage(run("resolve", "example.test", "http", "sctp"), "svccfg: bad transport 'sctp': expected tcp");
        assertUsage(run("resolve", "sip:example.test;maddr=192.0.2.1"), "svccfg: bad SIP URI"
                + " 'sip:example.test;maddr=192.0.2.1': expected a SIP URI like sip:example.com");
        assertUsage(run("resolve", "example.test", "http", "--dns"), "svccfg: --dns needs a value");
        assertUsage(run("resolve", "example.test", "http", "--dns", "::::"), "svccfg: bad --dns ::::");
        assertUsage(run("resolve", "ex..test", "http"), "svccfg: bad domain 'ex..test'");
        assertUsage(run("resolve", "example.test", "http", "--jsn"), "svccfg: unknown option '--jsn'");
    }

    @Test
    void badPlanAndApplyCommandLinesSayWhatIsExpected() {
        assertUsage(run("plan"), "svccfg: plan needs one fleet file");
        assertUsage(run("apply", "fleet.yaml", "--dns", dns.address()), "svccfg: apply needs --tsig");
        assertUsage(run("plan", "fleet.yaml", "--dns=::::"), "svccfg: bad --dns ::::");
        assertUsage(run("plan", "fleet.yaml", "--tsig", "key"), "svccfg: bad --tsig: expected NAME:ALGORITHM");
        assertUsage(run("apply", "fleet.yaml", "--force"), "svccfg: unknown option '--force' for apply");
    }

    @Test
    void aFleetFileThatIsNotThereIsOneLineAndStatusTwo() {
        Run run = run("plan", "/nonexistent/fleet.yaml", "--dns", dns.address());
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("/nonexistent/fleet.yaml"), run.err());
    }

    static void assertUsage(Run run, String start) {
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith(start), run.err());
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("resolve DOMAIN SERVICE"), help.out());
        Run version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("svccfg "), version.out());
    }
}
