package io.svccfg.demo.dns;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code svccfg-demo dns ...}: the DNS server from the command line, until killed. A bad option or zone file is one
 * line on stderr and exit 2, so that a script sees at once what to fix.
 */
public final class DnsCommand {
    static final String PREFIX = "svccfg-demo dns: ";

    private DnsCommand() {
    }

    /** The arguments after the word {@code dns}. */
    public static void main(String[] args) throws InterruptedException {
        DnsServer server;
        try {
            server = start(args);
        } catch (UsageException | ZoneFileException e) {
            System.err.println(PREFIX + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println(PREFIX + "cannot listen: " + e.getMessage() + "; expected a free --address and --port");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dns-shutdown"));
        new CountDownLatch(1).await(); // the server's threads do the work; this one only keeps the JVM up
    }

    static DnsServer start(String... args) throws UsageException, ZoneFileException, IOException {
        DnsOptions options = DnsOptions.parse(args);
        DnsZone zone = DnsZone.fromFile(options.zone(), options.origin());
        return DnsServer.start(zone, options.listen(), options.notifyTargets(), options.key());
    }
}
