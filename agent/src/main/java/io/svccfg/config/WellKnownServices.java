package io.svccfg.config;

import java.util.Map;

/**
 * The ports svccfg manages when no {@code service=} is given: the port an application asks for, and the service
 * name whose SRV records then decide where it listens. The only place this table lives.
 */
final class WellKnownServices {
    static final Map<Integer, String> BY_PORT = Map.ofEntries(
            Map.entry(21, "ftp"),
            Map.entry(22, "ssh"),
            Map.entry(25, "smtp"),
            Map.entry(80, "http"),
            Map.entry(110, "pop3"),
            Map.entry(143, "imap"),
            Map.entry(389, "ldap"),
            Map.entry(443, "https"),
            Map.entry(465, "submissions"),
            Map.entry(587, "smtp"),
            Map.entry(636, "ldaps"),
            Map.entry(993, "imaps"),
            Map.entry(995, "pop3s"),
            Map.entry(1883, "mqtt"),
            Map.entry(5060, "sip"),
            Map.entry(5061, "sips"),
            Map.entry(5222, "xmpp-client"),
            Map.entry(5269, "xmpp-server"),
            Map.entry(8080, "http"),
            Map.entry(8443, "https"));

    private WellKnownServices() {
    }
}
