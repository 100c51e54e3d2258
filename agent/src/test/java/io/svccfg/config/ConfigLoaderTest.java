package io.svccfg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.log.LogLevel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    static Config load(String args) throws BadOptionException {
        return ConfigLoader.load(args, new Properties(), Map.of());
    }

    static String error(String args, Properties properties, Map<String, String> env) {
        return assertThrows(BadOptionException.class, () -> ConfigLoader.load(args, properties, env)).getMessage();
    }

    static String error(String args) {
        return error(args, new Properties(), Map.of());
    }

    static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    /** Found by ConfigLoaderFuzzTest: a value holding a line break split the one-line message. */
    @Test
    void aValueWithALineBreakGivesOneLineWithTheBreakEscaped() {
        String message = error("domain=example.com,poll=1\r\ns");
        assertEquals("svccfg: bad option poll=1\\r\\ns (agent arguments): expected a positive duration like 500ms, 5s,"
                + " 2m or 1h", message);
        String key = error("", new Properties(), Map.of("SVCCFG_\0", "x"));
        assertTrue(key.startsWith("svccfg: unknown option SVCCFG_\\u0000=x (environment): expected one of "), key);
    }

    @Test
    void defaults() throws Exception {
        Config c = load("domain=Example.COM.");
        assertEquals(List.of("example.com"), c.domains());
        assertEquals(List.of(), c.dns());
        assertEquals(ServicePorts.wellKnown(), c.services());
        assertEquals(List.of(), c.addresses());
        assertEquals(Duration.ofSeconds(30), c.poll());
        assertEquals(Duration.ofSeconds(5), c.idlePoll());
        assertEquals(Optional.empty(), c.notifyOn());
        assertEquals(Optional.empty(), c.tsig());
        assertEquals(Unassigned.PARK, c.unassigned());
        assertEquals(LogLevel.INFO, c.log());
    }

    @Test
    void everyKeyFromAgentArguments() throws Exception {
        Config c = load("domain=a.example,domain=b.example,dns=127.0.0.1:5353,dns=[::1]:53,dns=ns1.example,"
                + "service=http:9080,service=sip:5060,address=127.0.0.121,address=2001:db8::1,poll=500ms,"
                + "idle-poll=2m,notify=127.0.0.1:5300,tsig=key.example:hmac-sha256:c2VjcmV0,"
                + "unassigned=fail,log=debug");
        assertEquals(List.of("a.example", "b.example"), c.domains());
        assertEquals(List.of(new HostPort("127.0.0.1", 5353), new HostPort("::1", 53), new HostPort("ns1.example", 53)),
                c.dns());
        assertEquals(Optional.of("http"), c.services().serviceFor(9080));
        assertEquals(Optional.of("sip"), c.services().serviceFor(5060));
        assertEquals(Optional.empty(), c.services().serviceFor(80), "service= replaces the well-known table");
        assertEquals(List.of(InetAddress.getByName("127.0.0.121"), InetAddress.getByName("2001:db8::1")),
                c.addresses());
        assertEquals(Duration.ofMillis(500), c.poll());
        assertEquals(Duration.ofMinutes(2), c.idlePoll());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 5300)), c.notifyOn());
        assertEquals(Optional.of(new TsigKey("key.example", "hmac-sha256", "c2VjcmV0")), c.tsig());
        assertEquals(Unassigned.FAIL, c.unassigned());
        assertEquals(LogLevel.DEBUG, c.log());
    }

    @Test
    void precedenceIsAgentArgumentsThenSystemPropertiesThenEnvironmentThenFile() throws Exception {
        Path file = dir.resolve("svccfg.properties");
        Files.writeString(file, "domain=file.example\npoll=4s\nidle-poll=4s\nlog=error\nunassigned=passthrough\n");
        Properties sys = properties("svccfg.poll", "2s", "svccfg.idle-poll", "2s", "svccfg.log", "warn",
                "svccfg.config", file.toString(), "unrelated.property", "x");
        Map<String, String> env = Map.of("SVCCFG_IDLE_POLL", "3s", "SVCCFG_LOG", "debug", "SVCCFG_POLL", "3s",
                "PATH", "/bin");

        Config c = ConfigLoader.load("poll=1s", sys, env);

        assertEquals(Duration.ofSeconds(1), c.poll(), "agent arguments");
        assertEquals(Duration.ofSeconds(2), c.idlePoll(), "system property");
        assertEquals(LogLevel.WARN, c.log(), "system property over environment");
        assertEquals(List.of("file.example"), c.domains(), "file");
        assertEquals(Unassigned.PASSTHROUGH, c.unassigned(), "file");

        Config fromEnv = ConfigLoader.load(null, new Properties(), Map.of("SVCCFG_DOMAIN", "e.example",
                "SVCCFG_IDLE_POLL", "3s"));
        assertEquals(Duration.ofSeconds(3), fromEnv.idlePoll());
    }

    @Test
    void repeatableKeysAreCommaSeparatedOutsideAgentArgumentsAndTheHighestSourceWinsWhole() throws Exception {
        Properties sys = properties("svccfg.domain", "a.example, b.example", "svccfg.address", "127.0.0.1,127.0.0.2");
        Config c = ConfigLoader.load(null, sys, Map.of("SVCCFG_DOMAIN", "c.example"));
        assertEquals(List.of("a.example", "b.example"), c.domains());
        assertEquals(2, c.addresses().size());
        assertEquals(List.of("d.example"), ConfigLoader.load("domain=d.example", sys, Map.of()).domains());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "domain=x.example,poll=soon           | poll=soon           | duration like 500ms, 5s, 2m or 1h",
        "domain=x.example,poll=0s             | poll=0s             | longer than zero",
        "domain=x.example,idle-poll=5         | idle-poll=5         | duration",
        "domain=x.example,service=http        | service=http        | NAME:PORT",
        "domain=x.example,service=http:0      | service=http:0      | port 1-65535",
        "domain=x.example,service=http:99999  | service=http:99999  | port 1-65535",
        "domain=x.example,service=h_t:80      | service=h_t:80      | NAME:PORT",
        "domain=x.example,dns=::::            | dns=::::            | host[:port]",
        "domain=x.example,dns=1.2.3.4:99999   | dns=1.2.3.4:99999   | host[:port]",
        "domain=x.example,dns=300.1.1.1       | dns=300.1.1.1       | host[:port]",
        "domain=x.example,dns=[::1            | dns=[::1            | missing ']'",
        "domain=x.example,address=host121     | address=host121     | IP address",
        "domain=x.example,notify=127.0.0.1    | notify=127.0.0.1    | a port is required",
        "domain=x.example,tsig=k:hmac-sha256  | tsig=k:hmac-sha256  | name:algorithm:base64secret",
        "domain=x.example,tsig=k:rot13:c2VjcmV0 | tsig=k:rot13:c2VjcmV0 | unknown algorithm 'rot13'",
        "domain=x.example,tsig=k:hmac-sha256:!! | tsig=k:hmac-sha256:!! | not base64",
        "domain=x.example,unassigned=drop     | unassigned=drop     | park, fail or passthrough",
        "domain=x.example,drain=forever       | drain=forever       | ttl, off or a positive duration",
        "domain=x.example,drain=0s            | drain=0s            | ttl, off or a positive duration",
        "domain=x.example,notify-jitter=0     | notify-jitter=0     | off or a positive duration",
        "domain=x.example,log=verbose         | log=verbose         | error, warn, info or debug",
        "domain=x..example                    | domain=x..example   | domain name",
        "domain=                              | domain=             | domain name",
        "domain=x.example,config=/nonexistent | config=/nonexistent | readable properties file",
    })
    void aBadValueNamesTheKeyTheValueAndWhatIsExpected(String args, String named, String expected) {
        String message = error(args);
        assertTrue(message.startsWith("svccfg: bad option " + named + " (agent arguments): expected"), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("\n"), "one line");
    }

    @Test
    void allowIsRepeatableAndABadRuleIsNamed() throws Exception {
        Config c = load("domain=a.example,allow=10.0.0.0/8,allow=[2001:db8::]/32:443");
        assertEquals("[10.0.0.0/8, [2001:db8::]/32:443]", c.allow().rules().toString());
        assertTrue(load("domain=a.example").allow().rules().isEmpty(), "default: anything");
        String message = error("domain=a.example,allow=10.0.0.0/40");
        assertTrue(message.startsWith("svccfg: bad option allow=10.0.0.0/40 (agent arguments): expected CIDR[:PORTS]"),
                message);
        assertTrue(message.contains("the prefix length must be 0-32"), message);
    }

    @Test
    void notifyJitterIsATenthOfASecondByDefaultADurationOrOff() throws Exception {
        assertEquals(Duration.ofMillis(100), load("domain=a.example").notifyJitter());
        assertEquals(Duration.ofSeconds(2), load("domain=a.example,notify-jitter=2s").notifyJitter());
        assertEquals(Duration.ZERO, load("domain=a.example,notify-jitter=off").notifyJitter());
    }

    @Test
    void drainIsTheTtlByDefaultAFixedWindowOrOff() throws Exception {
        assertEquals(Drain.TTL, load("domain=a.example").drain());
        assertEquals(Duration.ofSeconds(60), load("domain=a.example").drain().window(60));
        assertEquals(Duration.ZERO, load("domain=a.example,drain=ttl").drain().window(-1), "no record: no window");
        assertEquals(Duration.ofSeconds(30), load("domain=a.example,drain=30s").drain().window(60));
        assertTrue(load("domain=a.example,drain=OFF").drain().off());
        assertFalse(load("domain=a.example,drain=1ms").drain().off());
    }

    @Test
    void anUnknownKeyIsNamedWithASuggestion() {
        String message = error("domian=example.com");
        assertTrue(message.startsWith("svccfg: unknown option domian=example.com (agent arguments) (did you mean "
                + "domain?): expected one of domain, listening-point, dns, service"), message);
        assertTrue(error("domain=x.example,frobnicate=1").contains("frobnicate=1"));
        assertTrue(error("domain=x.example,nonsense").contains("expected key=value"));
    }

    @Test
    void unknownKeysInEverySourceAreRefused() throws IOException {
        String sys = error("domain=x.example", properties("svccfg.pol", "1s"), Map.of());
        assertTrue(sys.contains("-Dsvccfg.pol=1s (system property) (did you mean poll?)"), sys);
        String env = error("domain=x.example", new Properties(), Map.of("SVCCFG_IDLEPOLL", "1s"));
        assertTrue(env.contains("SVCCFG_IDLEPOLL=1s (environment) (did you mean idle-poll?)"), env);
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "domain=x.example\nunasigned=park\n");
        String fromFile = error("config=" + file, new Properties(), Map.of());
        assertTrue(fromFile.contains("unasigned=park (config file " + file + ")"), fromFile);
    }

    @Test
    void badValuesFromOtherSourcesSayWhere() {
        assertTrue(error("domain=x.example", properties("svccfg.poll", "soon"), Map.of())
                .startsWith("svccfg: bad option poll=soon (system property)"));
        assertTrue(error("domain=x.example", new Properties(), Map.of("SVCCFG_POLL", "soon"))
                .startsWith("svccfg: bad option poll=soon (environment)"));
    }

    @Test
    void aMissingDomainAndRepeatedSingleKeysAreRefused() {
        assertTrue(error("poll=1s").startsWith("svccfg: missing option domain"));
        assertTrue(error("domain=x.example,poll=1s,poll=2s").startsWith("svccfg: bad option poll=1s,2s (agent "
                + "arguments): expected one value"));
        assertTrue(error("domain=x.example", properties("svccfg.poll", "1s,2s"), Map.of())
                .startsWith("svccfg: bad option poll=1s,2s (system property): expected a positive duration"));
        assertTrue(error("domain=x.example,service=http:8080,service=smtp:8080").contains("already service http"));
    }

    @Test
    void aConfigFileCannotNameAnother() throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "domain=x.example\nconfig=/etc/other\n");
        assertTrue(error("config=" + file).contains("cannot name another config file"));
    }

    @Test
    void theSecretValueIsNeverPrinted() throws Exception {
        assertFalse(load("domain=x.example,tsig=k:hmac-sha256:c2VjcmV0").toString().contains("c2VjcmV0"));
    }

    @Test
    void editDistance() {
        assertEquals(0, ConfigLoader.editDistance("poll", "poll"));
        assertEquals(2, ConfigLoader.editDistance("domian", "domain"));
        assertEquals(1, ConfigLoader.editDistance("idlepoll", "idle-poll"));
    }
}
