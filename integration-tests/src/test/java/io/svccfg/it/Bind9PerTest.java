package io.svccfg.it;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh BIND 9 serving {@code example.test} from one zone file for each test, stopped after it, for tests that change
 * the zone: {@code @RegisterExtension final Bind9PerTest dns = new Bind9PerTest(ZONE);}.
 */
final class Bind9PerTest implements BeforeEachCallback, AfterEachCallback {
    private final String zoneFile;
    private Bind9 dns;

    Bind9PerTest(String zoneFile) {
        this.zoneFile = zoneFile;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        dns = Bind9.start(Bind9.FIG1_DOMAIN, zoneFile);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (dns != null) {
            dns.close();
            dns = null;
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code dns=}. */
    String hostPort() {
        return dns.hostPort();
    }

    /** Applies {@code nsupdate} commands, signed; fails the test if BIND refuses them. */
    void update(String nsupdateCommands) {
        dns.update(nsupdateCommands);
    }
}
