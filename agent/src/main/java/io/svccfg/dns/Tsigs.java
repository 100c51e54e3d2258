package io.svccfg.dns;

import io.svccfg.config.TsigKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** The dnsjava form of a {@code tsig=} key. */
public final class Tsigs {
    private Tsigs() {
    }

    public static TSIG of(TsigKey key) {
        return new TSIG(TSIG.algorithmToName(key.algorithm()), Name.fromConstantString(key.name() + "."),
                key.secret());
    }
}
