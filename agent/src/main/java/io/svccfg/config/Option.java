package io.svccfg.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The keys of svccfg's options, as written in agent arguments and in properties files. */
public enum Option {
    DOMAIN("domain", true, "a domain name like example.com"),
    LISTENING_POINT("listening-point", true, "a SIP URI like sip:example.com, sips:example.com, "
            + "sip:example.com:5070 or sip:example.com;transport=tcp"),
    DNS("dns", true, "a DNS server as host[:port], like 192.0.2.53, ns1.example.com:5353 or [2001:db8::53]:53"),
    SERVICE("service", true, "NAME:PORT, like http:8080"),
    ADDRESS("address", true, "an IP address of this host, like 192.0.2.10 or 2001:db8::10"),
    POLL("poll", false, "a positive duration like 500ms, 5s, 2m or 1h"),
    IDLE_POLL("idle-poll", false, "a positive duration like 500ms, 5s, 2m or 1h"),
    NOTIFY("notify", false, "host:port on which to accept DNS NOTIFY, like 127.0.0.1:5300"),
    TSIG("tsig", false, "name:algorithm:base64secret, like svccfg:hmac-sha256:" + "c2VjcmV0c2VjcmV0c2VjcmV0"),
    UNASSIGNED("unassigned", false, "park, fail or passthrough"),
    LOG("log", false, "error, warn, info or debug"),
    FIRST_READ_WAIT("first-read-wait", false, "a positive duration like 500ms, 5s, 2m or 1h"),
    FLAP_DAMPING("flap-damping", false, "a positive duration like 500ms, 5s, 2m or 1h"),
    DRAIN("drain", false, "ttl, off or a positive duration like 500ms, 30s or 5m"),
    NOTIFY_JITTER("notify-jitter", false, "off or a positive duration like 100ms, 1s or 5s"),
    ALLOW("allow", true, "CIDR[:PORTS] where DNS may put this host's listeners, like 10.0.0.0/8, "
            + "192.0.2.0/24:8000-8999 or [2001:db8::]/32:443"),
    CONFIG("config", false, "a readable properties file");

    private final String key;
    private final boolean repeatable;
    private final String expected;

    Option(String key, boolean repeatable, String expected) {
        this.key = key;
        this.repeatable = repeatable;
        this.expected = expected;
    }

    public String key() {
        return key;
    }

    /** Whether the option takes several values (repeated in agent arguments, comma-separated elsewhere). */
    public boolean repeatable() {
        return repeatable;
    }

    /** What a good value looks like, for error messages. */
    public String expected() {
        return expected;
    }

    /** {@code svccfg.KEY}. */
    public String systemProperty() {
        return "svccfg." + key;
    }

    /** {@code SVCCFG_KEY}, upper case, {@code -} becomes {@code _}. */
    public String environmentVariable() {
        return "SVCCFG_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    // Loops, not streams, here and in ConfigLoader: this runs in premain, on the application's main thread, where
    // the first stream and each lambda cost class loading and linking.

    static Optional<Option> forKey(String key) {
        for (Option o : values()) {
            if (o.key.equals(key)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    static Optional<Option> forEnvironmentVariable(String name) {
        for (Option o : values()) {
            if (o.environmentVariable().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    static String allKeys() {
        return Arrays.stream(values()).map(Option::key).collect(Collectors.joining(", "));
    }
}
