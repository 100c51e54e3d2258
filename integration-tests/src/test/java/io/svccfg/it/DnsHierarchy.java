package io.svccfg.it;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's DNS as operators run it: a hidden primary that takes the updates, and secondaries that take the zone
 * from it by transfer (signed), are told by its NOTIFY, and each notify their part of the fleet. Every server signs
 * with the one key of {@link Bind9#tsig()}.
 */
final class DnsHierarchy implements AutoCloseable {
    private final Bind9 primary;
    private final List<Bind9> secondaries;

    private DnsHierarchy(Bind9 primary, List<Bind9> secondaries) {
        this.primary = primary;
        this.secondaries = secondaries;
    }

    /**
     * Starts the primary with {@code zoneFile}, then one secondary per list in {@code hostsPerSecondary}, which it
     * notifies at most {@code notifyRate} a second; returns once every secondary answers with the zone.
     */
    static DnsHierarchy start(String zoneFile, List<List<InetSocketAddress>> hostsPerSecondary, int notifyRate) {
        List<InetSocketAddress> secondaryAddresses = new ArrayList<>();
        for (int i = 0; i < hostsPerSecondary.size(); i++) {
            secondaryAddresses.add(new InetSocketAddress("127.0.0.1", FreePorts.udpAndTcp()));
        }
        Bind9 primary = Bind9.startPrimary(Bind9.FIG1_DOMAIN, zoneFile, secondaryAddresses, notifyRate);
        List<Bind9> secondaries = new ArrayList<>();
        try {
            for (int i = 0; i < hostsPerSecondary.size(); i++) {
                secondaries.add(Bind9.startSecondary(primary, secondaryAddresses.get(i).getPort(),
                        hostsPerSecondary.get(i), notifyRate));
            }
        } catch (RuntimeException | Error e) {
            secondaries.forEach(Bind9::close);
            primary.close();
            throw e;
        }
        return new DnsHierarchy(primary, secondaries);
    }

    Bind9 primary() {
        return primary;
    }

    Bind9 secondary(int i) {
        return secondaries.get(i);
    }

    int secondaries() {
        return secondaries.size();
    }

    /** Questions answered so far by the primary and each secondary, in that order. */
    long[] questions() {
        long[] questions = new long[secondaries.size() + 1];
        questions[0] = primary.questions();
        for (int i = 0; i < secondaries.size(); i++) {
            questions[i + 1] = secondaries.get(i).questions();
        }
        return questions;
    }

    @Override
    public void close() {
        secondaries.forEach(Bind9::close);
        primary.close();
    }
}
