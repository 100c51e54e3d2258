package io.svccfg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.dns.Tsigs;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OptionValuesTest {
    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), OptionValues.duration("500ms"));
        assertEquals(Duration.ofSeconds(5), OptionValues.duration("5s"));
        assertEquals(Duration.ofMinutes(2), OptionValues.duration("2m"));
        assertEquals(Duration.ofHours(1), OptionValues.duration("1h"));
        for (String bad : new String[] {"soon", "5", "-5s", "5 s", "1.5s", "5d", "", "0ms", "8761h", "999999999h"}) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.duration(bad), bad);
        }
    }

    /** Found by ConfigLoaderFuzzTest: secrets Java's decoder takes but dnsjava's does not made the agent fail at start. */
    @Test
    void aTsigSecretIsCanonicalBase64SoThatTheAgentsKeyCanBeMade() {
        assertNotNull(Tsigs.of(OptionValues.tsig("k:hmac-sha256:c2VjcmV0MTI=")));
        for (String bad : new String[] {"k:hmac-sha256:c2VjcmV0MTP=", "k:hmac-sha256:c2VjcmV0MTI", "k:hmac-sha256:c2V$"}) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.tsig(bad), bad);
        }
    }

    @Test
    void hostPorts() {
        assertEquals(new HostPort("127.0.0.1", 53), OptionValues.hostPort("127.0.0.1", 53));
        assertEquals(new HostPort("127.0.0.1", 5353), OptionValues.hostPort("127.0.0.1:5353", 53));
        assertEquals(new HostPort("ns1.example.com", 53), OptionValues.hostPort("ns1.example.com", 53));
        assertEquals(new HostPort("2001:db8::53", 53), OptionValues.hostPort("2001:db8::53", 53));
        assertEquals(new HostPort("2001:db8::53", 5353), OptionValues.hostPort("[2001:db8::53]:5353", 53));
        assertEquals("[2001:db8::53]:5353", OptionValues.hostPort("[2001:db8::53]:5353", 53).toString());
        for (String bad : new String[] {"::::", "", "a b", "1.2.3.4:", "1.2.3.4:x", "[::1]x", "256.0.0.1"}) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.hostPort(bad, 53), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> OptionValues.hostPort("127.0.0.1", 0));
    }

    @Test
    void servicesAndDomains() {
        assertEquals(java.util.Map.entry(9080, "http"), OptionValues.servicePort("HTTP:9080"));
        assertEquals(java.util.Map.entry(5222, "xmpp-client"), OptionValues.servicePort("_xmpp-client:5222"));
        assertEquals("example.com", OptionValues.domain("EXAMPLE.com."));
        assertThrows(IllegalArgumentException.class, () -> OptionValues.domain("."));
        assertThrows(IllegalArgumentException.class, () -> OptionValues.domain("a..b"));
        assertThrows(IllegalArgumentException.class, () -> OptionValues.serviceName("-http"));
    }

    /**
     * The parsers check by hand what these patterns said (they run in premain, where a pattern costs milliseconds):
     * on random text of the characters that matter, each accepts exactly what its pattern matches.
     */
    @Test
    void theLoopsAcceptWhatThePatternsMatched() {
        Pattern label = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
        Pattern domain = Pattern.compile(label + "(\\." + label + ")*");
        Pattern serviceName = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
        Pattern duration = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
        Pattern hostName = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?");
        Random random = new Random(17);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random, "aZ09_-.:", 1 + random.nextInt(i % 100 == 0 ? 80 : 8));
            String lower = text.toLowerCase(Locale.ROOT);
            String bare = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
            accepted += same(domain.matcher(bare).matches() && bare.length() <= 253, text, OptionValues::domain);
            String service = lower.startsWith("_") ? lower.substring(1) : lower;
            accepted += same(serviceName.matcher(service).matches(), text, OptionValues::serviceName);
            String time = randomText(random, "0123456789mshx", 1 + random.nextInt(12));
            accepted += same(withinAYear(duration, time), time, OptionValues::duration);
            // A host without a port: no ':'; all digits and dots is an IPv4 address, checked as one.
            String host = text.replace(':', '.');
            if (!host.matches("[0-9.]+")) {
                accepted += same(hostName.matcher(host).matches() && !host.contains(".."), host,
                        t -> OptionValues.hostPort(t, 53));
            }
        }
        assertTrue(accepted > 1_000, "enough accepted to tell: " + accepted);
    }

    /** What the pattern matched, and is more than zero and at most a year long. */
    private static boolean withinAYear(Pattern duration, String text) {
        java.util.regex.Matcher m = duration.matcher(text);
        if (!m.matches()) {
            return false;
        }
        long n = Long.parseLong(m.group(1));
        long seconds = switch (m.group(2)) {
            case "ms" -> n / 1000;
            case "s" -> n;
            case "m" -> n * 60;
            default -> n * 3600;
        };
        return n > 0 && seconds <= 365L * 86400;
    }

    private static int same(boolean matched, String text, Function<String, ?> parser) {
        boolean parsed;
        try {
            parser.apply(text);
            parsed = true;
        } catch (IllegalArgumentException e) {
            parsed = false;
        }
        assertEquals(matched, parsed, text);
        return parsed ? 1 : 0;
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
