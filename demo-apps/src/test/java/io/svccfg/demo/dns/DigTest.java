package io.svccfg.demo.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same questions from BIND's dig, a client this server did not write, over UDP and TCP. */
class DigTest {
    private Fixtures.Running dns;

    @BeforeEach
    void start() throws Exception {
        dns = new Fixtures.Running();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+notcp", "+tcp"})
    void srv(String transport) throws Exception {
        Tools.Run run = Tools.dig(dns.server, "_http._tcp.example.test", "SRV", transport, "+short");
        assertEquals(0, run.exit(), run.output());
        assertEquals("1 100 80 host121.example.test.\n1 100 80 host122.example.test.\n",
                run.output().lines().sorted().map(l -> l + "\n").reduce("", String::concat));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+notcp", "+tcp"})
    void authoritativeAnswer(String transport) throws Exception {
        Tools.Run run = Tools.dig(dns.server, "host122.example.test", "AAAA", transport);
        assertTrue(run.output().contains("status: NOERROR"), run.output());
        assertTrue(run.output().matches("(?s).*flags: qr aa.*"), run.output());
        assertTrue(run.output().matches("(?s).*host122\\.example\\.test\\.\\s+300\\s+IN\\s+AAAA\\s+fd00::122.*"),
                run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+notcp", "+tcp"})
    void nxdomainWithSoa(String transport) throws Exception {
        Tools.Run run = Tools.dig(dns.server, "nobody.example.test", "A", transport);
        assertTrue(run.output().contains("status: NXDOMAIN"), run.output());
        assertTrue(run.output().matches("(?s).*AUTHORITY SECTION:\\s+example\\.test\\.\\s+60\\s+IN\\s+SOA.*"),
                run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+notcp", "+tcp"})
    void outsideTheZoneIsRefused(String transport) throws Exception {
        Tools.Run run = Tools.dig(dns.server, "www.example.com", "A", transport);
        assertTrue(run.output().contains("status: REFUSED"), run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+notcp", "+tcp"})
    void signedQueryVerifiedByDig(String transport) throws Exception {
        Tools.Run run = Tools.dig(dns.server, "-y", "hmac-sha256:demo-key:" + Fixtures.SECRET,
                "host121.example.test", "A", transport);
        assertTrue(run.output().contains("status: NOERROR"), run.output());
        assertTrue(run.output().contains("TSIG PSEUDOSECTION"), run.output());
        assertTrue(!run.output().contains("tsig verify failure") && !run.output().contains("TSIG error"),
                run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+noedns", "+bufsize=1232"})
    void bigAnswerIsTruncatedOverUdpUnlessEdnsMakesRoom(String edns) throws Exception {
        Tools.Run run = Tools.dig(dns.server, "big.example.test", "TXT", "+notcp", "+ignore", edns);
        boolean truncated = run.output().matches("(?s).*flags: qr aa tc.*");
        assertEquals(edns.equals("+noedns"), truncated, run.output());
    }
}
