package io.svccfg.tuple;

import java.util.Locale;

/** The transport of a tuple; TCP listeners match {@code _service._tcp}, UDP listeners {@code _service._udp}. */
public enum Transport {
    TCP, UDP;

    /** The name as written in DNS and on the command line: {@code tcp} or {@code udp}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code tcp} or {@code udp} (any case, with or without the leading underscore of SRV labels). */
    public static Transport parse(String text) {
        String t = text.startsWith("_") ? text.substring(1) : text;
        for (Transport transport : values()) {
            if (transport.label().equalsIgnoreCase(t)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("expected tcp or udp, got '" + text + "'");
    }
}
