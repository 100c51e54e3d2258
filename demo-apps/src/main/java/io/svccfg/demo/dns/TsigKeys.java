package io.svccfg.demo.dns;

import java.util.Base64;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/** The {@code name:algorithm:base64secret} option (algorithm like hmac-sha256) as a dnsjava TSIG key. */
public final class TsigKeys {
    static final String FORMAT = "name:algorithm:base64secret, like demo-key:hmac-sha256:c2VjcmV0IGtleSBieXRlcw==";

    private TsigKeys() {
    }

    /** @throws IllegalArgumentException saying which part is wrong and what is expected */
    public static TSIG parse(String option) {
        String[] parts = option.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("TSIG key '" + option + "' has " + parts.length
                    + " colon-separated parts; expected " + FORMAT);
        }
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("TSIG key has an empty name; expected " + FORMAT);
        }
        Name name;
        try {
            name = Name.fromString(parts[0], Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("TSIG key name '" + parts[0] + "' is not a DNS name ("
                    + e.getMessage() + "); expected " + FORMAT);
        }
        Name algorithm;
        try {
            algorithm = TSIG.algorithmToName(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TSIG algorithm '" + parts[1]
                    + "' is unknown; expected hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1 or hmac-md5");
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TSIG secret is not base64 (" + e.getMessage() + "); expected "
                    + FORMAT);
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("TSIG secret is empty; expected " + FORMAT);
        }
        return new TSIG(algorithm, name, secret);
    }

    /** The key's name: dnsjava's TSIG does not expose it, but every record it generates carries it. */
    static Name name(TSIG key) {
        Message probe = new Message();
        key.apply(probe, null);
        return probe.getTSIG().getName();
    }
}
